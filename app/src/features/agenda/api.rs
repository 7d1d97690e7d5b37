//! Agenda server functions (coordinators).
use domain::forms::{AgendaWarning, SessionForm};
use domain::types::EventDetail;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::{
    service::{agenda, event_admin},
    types::{EventId, Role, SessionRole},
    DomainError,
};

/// What the agenda editor needs in one call.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgendaEditorData {
    pub event_id: i64,
    pub event: EventDetail,
    pub warnings: Vec<AgendaWarning>,
    pub people: Vec<(i64, String)>,
    /// Other events whose agenda can be copied: (slug, title).
    pub sources: Vec<(String, String)>,
}

#[server(prefix = "/api", endpoint = "agenda_editor")]
pub async fn agenda_editor(slug: String) -> Result<AgendaEditorData, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = agenda::by_slug(&ctx.db, &slug, agenda::Viewer::Staff)
        .await
        .map_err(fail)?;
    let event_id = event.summary.id;
    let warnings = event_admin::agenda_warnings(&ctx.db, event_id)
        .await
        .map_err(fail)?;
    let people = domain::service::people::options(&ctx.db)
        .await
        .map_err(fail)?;
    let sources = domain::service::events::all_for_staff(&ctx.db)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|e| e.id != event_id)
        .map(|e| (e.slug, e.title))
        .collect();
    Ok(AgendaEditorData {
        event_id: event_id.0,
        event,
        warnings,
        people,
        sources,
    })
}

/// Adds a session (no `session_id`) or changes one.
#[server(prefix = "/api", endpoint = "save_session")]
pub async fn save_session(
    event_id: i64,
    session_id: Option<i64>,
    form: SessionForm,
) -> Result<i64, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    match session_id {
        None => event_admin::add_session(&ctx.db, EventId(event_id), &form).await,
        Some(id) => event_admin::update_session(&ctx.db, id, &form)
            .await
            .map(|()| id),
    }
    .map_err(fail)
}

/// `delete`, `duplicate`, or `move` (to `day` at `start`).
#[server(prefix = "/api", endpoint = "session_action")]
pub async fn session_action(
    session_id: i64,
    action: String,
    day: Option<String>,
    start: Option<String>,
) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let db = &ctx.db;
    match action.as_str() {
        "delete" => event_admin::delete_session(db, session_id).await,
        "duplicate" => event_admin::duplicate_session(db, session_id)
            .await
            .map(|_| ()),
        "move" => {
            let (day, start) = (day.unwrap_or_default(), start.unwrap_or_default());
            event_admin::move_session(db, session_id, &day, &start).await
        }
        _ => Err(DomainError::validation("action", "invalid-choice")),
    }
    .map_err(fail)
}

/// Names a person in a session (`role` empty: removes them from it).
#[server(prefix = "/api", endpoint = "session_person")]
pub async fn session_person(
    session_id: i64,
    person_id: i64,
    role: String,
    remove: Option<String>,
) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let role = SessionRole::parse(&role)
        .ok_or_else(|| fail(DomainError::validation("role", "invalid-choice")))?;
    if remove.is_some() {
        event_admin::remove_session_person(&ctx.db, session_id, person_id, role).await
    } else {
        event_admin::add_session_person(&ctx.db, session_id, person_id, role).await
    }
    .map_err(fail)
}

/// Copies every session of another event into this (empty) agenda.
#[server(prefix = "/api", endpoint = "copy_agenda")]
pub async fn copy_agenda(event_id: i64, from_slug: String) -> Result<usize, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let from = domain::service::events::id_by_slug(&ctx.db, &from_slug)
        .await
        .map_err(fail)?;
    event_admin::copy_agenda(&ctx.db, from, EventId(event_id))
        .await
        .map_err(fail)
}

/// Adds a new person (not yet in the people list) to a session in a role.
#[server(prefix = "/api", endpoint = "add_speaker")]
pub async fn add_speaker(
    session_id: i64,
    role: String,
    speaker: domain::forms::NewSpeaker,
) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let role = SessionRole::parse(&role)
        .ok_or_else(|| fail(DomainError::validation("role", "invalid-choice")))?;
    let person = domain::service::people::create_speaker(&ctx.db, &speaker, ctx.now())
        .await
        .map_err(fail)?;
    event_admin::add_session_person(&ctx.db, session_id, person, role)
        .await
        .map_err(fail)
}
