//! Server functions for selection and invitations. Staff see the applications and score
//! them; coordinators set targets, decide and invite. The invitation link's page is public:
//! its token is the key.
use domain::question_types::Question;
use domain::registration_types::RegistrationForm;
use domain::selection_types::{
    DecisionForm, InvitationRow, InvitationView, InviteForm, ReviewForm, SelectionView, TargetsForm,
};
use domain::types::EventSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, limit_public, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::types::Role;

/// A refused review form: whose application, and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub registration_id: i64,
    pub form: ReviewForm,
}

/// The selection screen, who is looking, and a refused form to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionPage {
    pub view: SelectionView,
    pub me: i64,
    /// Coordinators decide and set targets; staff only score.
    pub can_decide: bool,
    pub review_draft: Option<ReviewDraft>,
    pub targets_draft: Option<TargetsForm>,
    pub decision_draft: Option<DecisionForm>,
}

#[cfg(feature = "ssr")]
async fn event_id(slug: &str, role: Role) -> Result<domain::types::EventId, AppError> {
    require(role).await?;
    domain::service::events::id_by_slug(&ctx()?.db, slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "load_selection")]
pub async fn load_selection(
    slug: String,
    draft: Option<String>,
) -> Result<SelectionPage, AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let id = domain::service::events::id_by_slug(&ctx.db, &slug)
        .await
        .map_err(fail)?;
    let view = domain::service::selection::view(&ctx.db, id)
        .await
        .map_err(fail)?;
    Ok(SelectionPage {
        view,
        me: user.id.0,
        can_decide: user.role.allows(Role::Coordinator),
        review_draft: crate::server::take_draft::<ReviewDraft>(draft.as_deref()).await,
        targets_draft: crate::server::take_draft::<TargetsForm>(draft.as_deref()).await,
        decision_draft: crate::server::take_draft::<DecisionForm>(draft.as_deref()).await,
    })
}

/// Saves the caller's score and comment; a refusal names `review-{id}-{field}`.
#[server(prefix = "/api", endpoint = "save_review")]
pub async fn save_review(
    slug: String,
    registration_id: i64,
    form: ReviewForm,
) -> Result<(), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let event = event_id(&slug, Role::Staff).await?;
    domain::service::selection::save_review(
        &ctx.db,
        event,
        registration_id,
        user.id,
        &form,
        ctx.now(),
    )
    .await
    .map_err(
        |e| match e.field().map(|f| format!("review-{registration_id}-{f}")) {
            Some(field) => e.renamed_field(&field),
            None => e,
        },
    )
    .or_keep(
        &ReviewDraft {
            registration_id,
            form,
        },
        "",
    )
    .await
}

#[server(prefix = "/api", endpoint = "save_targets")]
pub async fn save_targets(slug: String, form: TargetsForm) -> Result<(), AppError> {
    let event = event_id(&slug, Role::Coordinator).await?;
    domain::service::selection::save_targets(&ctx()?.db, event, &form)
        .await
        .or_keep(&form, "")
        .await
}

/// Accepts, reserves or rejects the ticked applications; back on the page with how many changed.
#[server(prefix = "/api", endpoint = "decide_applications")]
pub async fn decide_applications(slug: String, form: DecisionForm) -> Result<usize, AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = event_id(&slug, Role::Coordinator).await?;
    let changed = domain::service::registration::decide(
        &ctx.db,
        event,
        &form,
        user.id,
        &ctx.base_url,
        ctx.now(),
    )
    .await
    .or_keep(&form, "")
    .await?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/selection?decided={changed}"
    ));
    Ok(changed)
}

/// The invitations screen: the event, its invitations, and a refused list to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationsPage {
    pub event: EventSummary,
    pub invitations: Vec<InvitationRow>,
    pub draft: Option<InviteForm>,
}

#[server(prefix = "/api", endpoint = "load_invitations")]
pub async fn load_invitations(
    slug: String,
    draft: Option<String>,
) -> Result<InvitationsPage, AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    let id = event_id(&slug, Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = by_slug(&ctx.db, &slug, Viewer::Staff)
        .await
        .map_err(fail)?
        .summary;
    let invitations = domain::service::invitations::list(&ctx.db, id)
        .await
        .map_err(fail)?;
    Ok(InvitationsPage {
        event,
        invitations,
        draft: crate::server::take_draft::<InviteForm>(draft.as_deref()).await,
    })
}

#[server(prefix = "/api", endpoint = "send_invitations")]
pub async fn send_invitations(slug: String, form: InviteForm) -> Result<(), AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = event_id(&slug, Role::Coordinator).await?;
    let done = domain::service::invitations::invite(
        &ctx.db,
        event,
        &form,
        user.id,
        &ctx.base_url,
        ctx.now(),
    )
    .await
    .or_keep(&form, "")
    .await?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/invitations?sent={}&resent={}&skipped={}",
        done.sent, done.resent, done.skipped
    ));
    Ok(())
}

/// What the invitation link's page needs: the invitation, and the registration form filled
/// with what it knows (or with what the person typed before a refusal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub invitation: InvitationView,
    pub countries: Vec<(String, String)>,
    pub regions: Vec<(String, String, String)>,
    pub form: RegistrationForm,
    pub questions: Vec<Question>,
}

#[server(prefix = "/api", endpoint = "invitation_page")]
pub async fn invitation_page(
    token: String,
    draft: Option<String>,
) -> Result<InvitationLink, AppError> {
    limit_public(false).await?;
    let ctx = ctx()?;
    let invitation = domain::service::invitations::by_token(&ctx.db, &token)
        .await
        .map_err(fail)?;
    let questions = domain::service::questions::of_event(&ctx.db, invitation.event.id)
        .await
        .map_err(fail)?;
    let countries = domain::service::reference::countries(&ctx.db)
        .await
        .map_err(fail)?;
    let regions = domain::service::reference::regions(&ctx.db)
        .await
        .map_err(fail)?;
    let form = crate::server::take_draft::<RegistrationForm>(draft.as_deref())
        .await
        .unwrap_or_else(|| domain::service::invitations::prefilled(&invitation));
    Ok(InvitationLink {
        invitation,
        countries,
        regions,
        form,
        questions,
    })
}

/// Registers through the invitation, then goes to the private page.
#[server(prefix = "/api", endpoint = "register_invited")]
pub async fn register_invited(token: String, form: RegistrationForm) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    let receipt =
        domain::service::invitations::register(&ctx.db, &token, &form, &ctx.base_url, ctx.now())
            .await
            .or_keep(&form, "")
            .await?;
    match receipt.token {
        Some(private) => crate::server::redirect(&format!("/r/{private}?welcome=1")),
        None => crate::server::redirect(&format!("/i/{token}?already=1")),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "decline_invitation")]
pub async fn decline_invitation(token: String) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    domain::service::invitations::decline(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/i/{token}"));
    Ok(())
}
