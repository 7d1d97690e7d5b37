//! Server functions for translating an event's content (coordinators), and the language
//! the public pages show event content in.
use domain::content_types::{TranslationEditor, TranslationForm};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Locale;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require, OrKeep};

/// The translations screen, and what a coordinator typed into a refused form (without
/// JavaScript), to show it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationsPage {
    pub editor: TranslationEditor,
    pub draft: Option<TranslationForm>,
}

/// The language event content is shown in on this request: the interface's language (the
/// `lang` cookie, else the browser's); English when that has no translation.
#[cfg(feature = "ssr")]
pub fn visitor_lang() -> Locale {
    <Locale as crate::i18n::CurrentLocale>::current()
}

#[cfg(feature = "ssr")]
async fn event_id(slug: &str) -> Result<domain::types::EventId, AppError> {
    require(domain::types::Role::Coordinator).await?;
    domain::service::events::id_by_slug(&ctx()?.db, slug)
        .await
        .map_err(fail)
}

/// `lang` absent: the coordinator's own language if it is not English, else Thai.
#[server(prefix = "/api", endpoint = "load_translations")]
pub async fn load_translations(
    slug: String,
    lang: Option<String>,
    draft: Option<String>,
) -> Result<TranslationsPage, AppError> {
    let id = event_id(&slug).await?;
    let ctx = ctx()?;
    let lang = lang.unwrap_or_else(|| match visitor_lang() {
        Locale::En => Locale::Th.tag().to_owned(),
        other => other.tag().to_owned(),
    });
    let editor = domain::service::content::editor(&ctx.db, id, &lang)
        .await
        .map_err(fail)?;
    let draft = crate::server::take_draft::<TranslationForm>(draft.as_deref())
        .await
        .filter(|d| Locale::from_tag(&d.lang) == Some(editor.lang));
    Ok(TranslationsPage { editor, draft })
}

/// Saves every translation of the form at once; a refusal names the text's field key.
#[server(prefix = "/api", endpoint = "save_translations")]
pub async fn save_translations(slug: String, form: TranslationForm) -> Result<(), AppError> {
    let id = event_id(&slug).await?;
    let lang = Locale::from_tag(&form.lang).map_or("", Locale::tag);
    domain::service::content::save(&ctx()?.db, id, &form)
        .await
        .or_keep(&form, &format!("&lang={lang}"))
        .await?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/translations?lang={lang}&saved=1"
    ));
    Ok(())
}

/// The languages the event's content is translated into (for the bilingual agenda links).
#[server(prefix = "/api", endpoint = "event_languages")]
pub async fn event_languages(slug: String) -> Result<Vec<Locale>, AppError> {
    use domain::service::agenda::Viewer;
    let ctx = ctx()?;
    let staff = crate::server::current_user()
        .await?
        .is_some_and(|u| u.role.allows(domain::types::Role::Staff));
    let viewer = if staff { Viewer::Staff } else { Viewer::Public };
    let event = domain::service::agenda::by_slug(&ctx.db, &slug, viewer)
        .await
        .map_err(fail)?;
    domain::service::content::languages(&ctx.db, event.summary.id)
        .await
        .map_err(fail)
}
