//! Coordinators' event server functions: create, edit, change status.
use domain::forms::EventForm;
use domain::types::EventSummary;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::{service::event_admin, types::EventId, types::Role, DomainError};

/// Every event, drafts included (staff and above).
#[server(prefix = "/api", endpoint = "staff_events")]
pub async fn staff_events() -> Result<Vec<EventSummary>, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    domain::service::events::all_for_staff(&ctx.db)
        .await
        .map_err(fail)
}

/// The stored event as a form, for editing (coordinators).
#[server(prefix = "/api", endpoint = "event_form")]
pub async fn load_event_form(
    slug: String,
    draft: Option<String>,
) -> Result<(i64, EventForm), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let id = domain::service::events::id_by_slug(&ctx.db, &slug)
        .await
        .map_err(fail)?;
    let form = match crate::server::take_draft::<EventForm>(draft.as_deref()).await {
        Some(typed) => typed,
        None => event_admin::event_form(&ctx.db, id).await.map_err(fail)?,
    };
    Ok((id.0, form))
}

/// Saves an event: a new draft when `id` is absent, else an update. Goes to its page.
#[server(prefix = "/api", endpoint = "save_event")]
pub async fn save_event(id: Option<i64>, form: EventForm) -> Result<EventSummary, AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let saved = match id {
        None => event_admin::create_event(&ctx.db, &form, user.id, ctx.now()).await,
        Some(id) => event_admin::update_event(&ctx.db, EventId(id), &form, ctx.now()).await,
    }
    .or_keep(&form, "")
    .await?;
    crate::server::redirect(&format!("/manage/events/{}", saved.slug));
    Ok(saved)
}

/// Publishes, closes, archives (or steps back).
#[server(prefix = "/api", endpoint = "set_event_status")]
pub async fn set_event_status(id: i64, status: String) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let status = domain::types::EventStatus::parse(&status)
        .ok_or_else(|| fail(DomainError::validation("status", "invalid-choice")))?;
    event_admin::set_status(&ctx.db, EventId(id), status)
        .await
        .map_err(fail)
}

/// Countries for the venue picker (coordinators).
#[server(prefix = "/api", endpoint = "country_options")]
pub async fn country_options() -> Result<Vec<(String, String)>, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    domain::service::reference::countries(&ctx.db)
        .await
        .map_err(fail)
}

/// A new event's form: empty, or what was typed before a refusal (coordinators).
#[server(prefix = "/api", endpoint = "new_event_form")]
pub async fn new_event_form(draft: Option<String>) -> Result<EventForm, AppError> {
    require(Role::Coordinator).await?;
    Ok(crate::server::take_draft::<EventForm>(draft.as_deref())
        .await
        .unwrap_or_else(|| EventForm {
            timezone: "Asia/Bangkok".into(),
            kind: "workshop".into(),
            registration_mode: "open".into(),
            visibility: "public".into(),
            network_role: "organiser".into(),
            ..Default::default()
        }))
}
