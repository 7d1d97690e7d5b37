//! The coordinator's side of events: creating and editing an event (with its numbered
//! objectives and organising partners), moving it through its statuses, and building its
//! agenda (event sessions and the people in them).
//!
//! Every rule is checked here, on the server, whatever the browser already checked. Forms
//! arrive as text ([`crate::forms`]); dates and times in them are local to the event's zone
//! and are stored in UTC. A write that touches several rows runs in one transaction, so a
//! refused or failed save leaves nothing half-written.
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use entities::{event_sessions, events, session_roles};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::events::zone;
use crate::types::EventId;
use crate::DomainError;

mod copy;
mod event;
mod fields;
mod links;
mod lists;
mod sessions;
mod warnings;

pub use copy::copy_agenda;
pub(crate) use event::create_event_in;
pub use event::{create_event, event_form, set_status, update_event};
pub(crate) use fields::{derive_slug, optional_text, slug as typed_slug};
pub use sessions::{
    add_session, add_session_person, delete_session, duplicate_session, move_session,
    remove_session_person, update_session,
};
pub use warnings::agenda_warnings;

/// A wall-clock time in `tz` as an instant. The earlier one when clocks go back; None in a gap.
fn to_utc(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}

/// `YYYY-MM-DD`.
fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        // Four-digit years only (see `fields::local_datetime`).
        .filter(|day| (1000..=9999).contains(&chrono::Datelike::year(day)))
        .ok_or_else(|| DomainError::validation(field, "invalid-date"))
}

/// `HH:MM` (browsers add `:SS` when a step is set).
fn parse_time(field: &str, raw: &str) -> Result<NaiveTime, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| DomainError::validation(field, "invalid-time"))
}

async fn load_event(db: &impl ConnectionTrait, id: EventId) -> Result<events::Model, DomainError> {
    events::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn load_session(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<event_sessions::Model, DomainError> {
    event_sessions::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Gives session `to` the same people, in the same roles and order, as session `from`.
async fn copy_people(db: &impl ConnectionTrait, from: i64, to: i64) -> Result<(), DomainError> {
    let roles = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.eq(from))
        .order_by_asc(session_roles::Column::Position)
        .order_by_asc(session_roles::Column::Id)
        .all(db)
        .await?;
    for role in roles {
        session_roles::ActiveModel {
            session_id: Set(to),
            person_id: Set(role.person_id),
            role: Set(role.role),
            position: Set(role.position),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
