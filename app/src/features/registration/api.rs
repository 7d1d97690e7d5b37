//! Registration server functions. The public ones need no account: the private link's
//! token is the person's key to their own registration.
use domain::registration_types::{EmailChangeView, MyRegistration, RegistrationForm};
use domain::types::EventSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, limit_public, OrKeep};
#[cfg(feature = "ssr")]
use domain::service::registration;

/// What the registration page needs: the event, the country list and the form to show
/// (empty with a fresh submission key, or what the person typed before an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub event: EventSummary,
    pub countries: Vec<(String, String)>,
    /// `(code, country code, name)`: every region, grouped by country on the form.
    pub regions: Vec<(String, String, String)>,
    pub form: RegistrationForm,
    pub consent_version: String,
    /// The event's custom questions.
    pub questions: Vec<domain::question_types::Question>,
    /// The event takes registrations only through an invitation's link.
    pub invitation_only: bool,
}

#[server(prefix = "/api", endpoint = "registration_page")]
pub async fn load_registration_page(
    slug: String,
    draft: Option<String>,
) -> Result<RegistrationPage, AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    use domain::service::content;
    let ctx = ctx()?;
    let lang = crate::features::content::api::visitor_lang();
    let mut event = by_slug(&ctx.db, &slug, Viewer::Public)
        .await
        .map_err(fail)?;
    content::localise_event(&ctx.db, &mut event, lang)
        .await
        .map_err(fail)?;
    let event = event.summary;
    let mut questions = domain::service::questions::of_event(&ctx.db, event.id)
        .await
        .map_err(fail)?;
    content::localise_event_questions(&ctx.db, event.id, &mut questions, lang)
        .await
        .map_err(fail)?;
    let countries = domain::service::reference::countries(&ctx.db)
        .await
        .map_err(fail)?;
    let regions = domain::service::reference::regions(&ctx.db)
        .await
        .map_err(fail)?;
    let invitation_only = domain::service::invitations::invitation_only(&ctx.db, event.id)
        .await
        .map_err(fail)?;
    let form = crate::server::take_draft::<RegistrationForm>(draft.as_deref())
        .await
        .unwrap_or_else(|| RegistrationForm {
            submission_key: domain::service::auth::new_token(),
            ..Default::default()
        });
    Ok(RegistrationPage {
        event,
        countries,
        regions,
        form,
        consent_version: registration::CONSENT_VERSION.to_owned(),
        questions,
        invitation_only,
    })
}

/// What a refused form keeps for the person: their Zawgyi text already converted when they
/// chose so (it is refused for another reason), else what they typed.
#[cfg(feature = "ssr")]
fn kept(form: &RegistrationForm) -> RegistrationForm {
    form.settle_zawgyi().unwrap_or_else(|_| form.clone())
}

/// Registers, then says to look for the private link in the e-mail. The answer is the same
/// whatever happened (a new person, an address on file, already registered, a second click):
/// a different one would tell whether someone's address is on file.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(slug: String, form: RegistrationForm) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    registration::register(&ctx.db, &slug, &form, &ctx.base_url, ctx.now())
        .await
        .or_keep(&kept(&form), "")
        .await?;
    crate::server::redirect(&format!("/events/{slug}/register?sent=1"));
    Ok(())
}

/// The private page; `draft` (after a refused change without JavaScript) fills the edit
/// form with what the person typed instead of what is stored.
#[server(prefix = "/api", endpoint = "my_registration")]
pub async fn load_my_registration(
    token: String,
    draft: Option<String>,
) -> Result<MyRegistration, AppError> {
    limit_public(false).await?;
    let ctx = ctx()?;
    let mut mine = registration::by_token(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)?;
    if let Some(typed) = crate::server::take_draft::<RegistrationForm>(draft.as_deref()).await {
        mine.details = typed;
    }
    localise_mine(&mut mine).await?;
    let base = ctx.base_url.trim_end_matches('/');
    mine.calendar_feed = mine.calendar_feed.map(|path| format!("{base}{path}"));
    Ok(mine)
}

/// The event's title and questions on the private page in the person's language.
#[cfg(feature = "ssr")]
async fn localise_mine(mine: &mut MyRegistration) -> Result<(), AppError> {
    use domain::service::content;
    let db = ctx()?.db;
    let t = content::translations(
        &db,
        mine.event.id,
        crate::features::content::api::visitor_lang(),
    )
    .await
    .map_err(fail)?;
    domain::content_types::localise_summary(&mut mine.event, &t);
    domain::content_types::localise_questions(&mut mine.questions, &t);
    Ok(())
}

#[server(prefix = "/api", endpoint = "update_registration")]
pub async fn update_registration(
    token: String,
    form: RegistrationForm,
) -> Result<MyRegistration, AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    let mut mine = registration::update_details(&ctx.db, &token, &form, &ctx.base_url, ctx.now())
        .await
        .or_keep(&kept(&form), "")
        .await?;
    localise_mine(&mut mine).await?;
    crate::server::redirect(&format!("/r/{token}?saved=1"));
    Ok(mine)
}

/// The page that confirms a new e-mail address, opened from the link sent to it.
#[server(prefix = "/api", endpoint = "email_change_page")]
pub async fn email_change_page(token: String) -> Result<EmailChangeView, AppError> {
    limit_public(false).await?;
    let ctx = ctx()?;
    registration::email_change(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)
}

/// Makes the new address the person's, then says so.
#[server(prefix = "/api", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    // Back to the page itself either way: it sends no Referer (its address is a key).
    match registration::confirm_email_change(&ctx.db, &token, ctx.now()).await {
        Ok(_) => leptos_axum::redirect(&format!("/e/{token}?done=1")),
        Err(domain::DomainError::Validation { message, .. }) => {
            leptos_axum::redirect(&format!("/e/{token}?refused={message}"));
        }
        Err(err) => return Err(fail(err)),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "withdraw_registration")]
pub async fn withdraw_registration(token: String) -> Result<MyRegistration, AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    registration::withdraw(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)
}
