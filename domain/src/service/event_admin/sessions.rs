//! Editing an event's agenda one session at a time, and the people in each session.
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use entities::{attendance, event_sessions, people, session_roles};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::fields::{choice, optional_text};
use super::{copy_people, load_event, load_session, parse_day, parse_time, to_utc, zone};
use crate::forms::SessionForm;
use crate::types::{EventId, SessionKind, SessionRole};
use crate::{validate, DomainError};

/// A session form that passed its checks; times are still local to the event.
struct SessionInput {
    day: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    kind: SessionKind,
    title: String,
    description: String,
    room: String,
    language: String,
}

fn check(form: &SessionForm) -> Result<SessionInput, DomainError> {
    let day = parse_day("day", &form.day)?;
    let start = parse_time("start", &form.start)?;
    let end = parse_time("end", &form.end)?;
    if end <= start {
        return Err(DomainError::validation("end", "ends-before-starts"));
    }
    Ok(SessionInput {
        day,
        start,
        end,
        kind: choice("kind", &form.kind, SessionKind::parse)?,
        title: validate::required_text("title", &form.title, validate::MAX_NAME)?,
        description: optional_text("description", &form.description, 5_000, true)?,
        room: optional_text("room", &form.room, 100, false)?,
        language: optional_text("language", &form.language, 100, false)?,
    })
}

fn instants(input: &SessionInput, tz: Tz) -> Result<(DateTime<Utc>, DateTime<Utc>), DomainError> {
    let starts = to_utc(tz, input.day.and_time(input.start))
        .ok_or_else(|| DomainError::validation("start", "invalid-time"))?;
    let ends = to_utc(tz, input.day.and_time(input.end))
        .ok_or_else(|| DomainError::validation("end", "invalid-time"))?;
    Ok((starts, ends))
}

fn apply(
    model: &mut event_sessions::ActiveModel,
    input: SessionInput,
    tz: Tz,
) -> Result<(), DomainError> {
    let (starts, ends) = instants(&input, tz)?;
    model.starts_at = Set(starts);
    model.ends_at = Set(ends);
    model.kind = Set(input.kind.as_str().to_owned());
    model.title = Set(input.title);
    model.description = Set(input.description);
    model.room = Set(input.room);
    model.language = Set(input.language);
    Ok(())
}

/// Adds a session to the event's agenda; returns its id.
pub async fn add_session(
    db: &impl ConnectionTrait,
    event: EventId,
    form: &SessionForm,
) -> Result<i64, DomainError> {
    let input = check(form)?;
    let event = load_event(db, event).await?;
    let mut model = event_sessions::ActiveModel {
        event_id: Set(event.id),
        ..Default::default()
    };
    apply(&mut model, input, zone(&event)?)?;
    Ok(model.insert(db).await?.id)
}

pub async fn update_session(
    db: &impl ConnectionTrait,
    session_id: i64,
    form: &SessionForm,
) -> Result<(), DomainError> {
    let input = check(form)?;
    let session = load_session(db, session_id).await?;
    let event = load_event(db, EventId(session.event_id)).await?;
    let mut model: event_sessions::ActiveModel = session.into();
    apply(&mut model, input, zone(&event)?)?;
    model.update(db).await?;
    Ok(())
}

/// Removes a session and its people. Refused once attendance was taken for it: deleting the
/// session would delete those records too.
pub async fn delete_session(db: &impl ConnectionTrait, session_id: i64) -> Result<(), DomainError> {
    let session = load_session(db, session_id).await?;
    let marked = attendance::Entity::find()
        .filter(attendance::Column::SessionId.eq(session_id))
        .count(db)
        .await?;
    if marked > 0 {
        return Err(DomainError::validation("session", "has-attendance"));
    }
    session.delete(db).await?;
    Ok(())
}

/// A copy of the session, with the same people, in the slot right after it; returns its id.
pub async fn duplicate_session<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<i64, DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let session = load_session(&txn, session_id).await?;
    let length = session.ends_at - session.starts_at;
    let copy = event_sessions::ActiveModel {
        event_id: Set(session.event_id),
        kind: Set(session.kind),
        title: Set(session.title),
        description: Set(session.description),
        room: Set(session.room),
        language: Set(session.language),
        starts_at: Set(session.ends_at),
        ends_at: Set(session.ends_at + length),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    copy_people(&txn, session.id, copy.id).await?;
    txn.commit().await?;
    Ok(copy.id)
}

/// Moves a session to another local day and start time, keeping its length.
pub async fn move_session(
    db: &impl ConnectionTrait,
    session_id: i64,
    day: &str,
    start: &str,
) -> Result<(), DomainError> {
    let day = parse_day("day", day)?;
    let start = parse_time("start", start)?;
    let session = load_session(db, session_id).await?;
    let event = load_event(db, EventId(session.event_id)).await?;
    let starts = to_utc(zone(&event)?, day.and_time(start))
        .ok_or_else(|| DomainError::validation("start", "invalid-time"))?;
    let length = session.ends_at - session.starts_at;
    let mut model: event_sessions::ActiveModel = session.into();
    model.starts_at = Set(starts);
    model.ends_at = Set(starts + length);
    model.update(db).await?;
    Ok(())
}

/// Names a person in a session, after the people already there. Naming them again in the
/// same role changes nothing.
pub async fn add_session_person(
    db: &impl ConnectionTrait,
    session_id: i64,
    person_id: i64,
    role: SessionRole,
) -> Result<(), DomainError> {
    load_session(db, session_id).await?;
    if people::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(DomainError::NotFound);
    }
    let existing = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.eq(session_id))
        .order_by_desc(session_roles::Column::Position)
        .all(db)
        .await?;
    if existing
        .iter()
        .any(|r| r.person_id == person_id && r.role == role.as_str())
    {
        return Ok(());
    }
    session_roles::ActiveModel {
        session_id: Set(session_id),
        person_id: Set(person_id),
        role: Set(role.as_str().to_owned()),
        position: Set(existing.first().map_or(1, |r| r.position + 1)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes a person's role in a session away; NotFound when they did not have it.
pub async fn remove_session_person(
    db: &impl ConnectionTrait,
    session_id: i64,
    person_id: i64,
    role: SessionRole,
) -> Result<(), DomainError> {
    let removed = session_roles::Entity::delete_many()
        .filter(session_roles::Column::SessionId.eq(session_id))
        .filter(session_roles::Column::PersonId.eq(person_id))
        .filter(session_roles::Column::Role.eq(role.as_str()))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}
