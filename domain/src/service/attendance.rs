//! Attendance: who was present on an event-local day (a whole-day mark, as the signature on
//! a day's sign-in sheet) or at one session. A mark is a row of `attendance`; its unique
//! index (registration, day, session or 0) makes every write idempotent, so a check-in tap
//! that is retried, or sent twice from two phones at once, leaves one row.
use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use entities::{attendance, event_sessions, events, registrations};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr,
    TransactionSession, TransactionTrait,
};

use super::events::{event_by_slug, zone};
use super::registration::NewRegistration;
use super::roster::{on_roster, roster};
use crate::attendance_types::{AttendanceSheet, AttendanceSlot, SheetRow, SlotSession, WalkInForm};
use crate::forms::NewSpeaker;
use crate::participant_types::RosterOrder;
use crate::types::{EventId, Gender, RegistrationRole, RegistrationStatus, SessionKind, UserId};
use crate::DomainError;

/// The event's calendar days in its own time zone, first to last.
pub fn event_days(event: &events::Model) -> Result<Vec<NaiveDate>, DomainError> {
    let tz = zone(event)?;
    let first = event.starts_at.with_timezone(&tz).date_naive();
    let last = event.ends_at.with_timezone(&tz).date_naive();
    Ok(crate::attendance_types::days_between(first, last))
}

/// Today in the event's zone when the event is on, else its first day.
pub fn default_slot(
    event: &events::Model,
    now: DateTime<Utc>,
) -> Result<AttendanceSlot, DomainError> {
    let days = event_days(event)?;
    let today = now.with_timezone(&zone(event)?).date_naive();
    let day = if days.contains(&today) {
        today
    } else {
        days.first().copied().unwrap_or(today)
    };
    Ok(AttendanceSlot::whole_day(day))
}

/// The sessions attendance can be taken at (breaks and meals left out), by start.
pub(crate) async fn sessions(
    db: &impl ConnectionTrait,
    event: &events::Model,
) -> Result<Vec<SlotSession>, DomainError> {
    let tz = zone(event)?;
    Ok(event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| {
            !matches!(
                SessionKind::parse(&s.kind),
                Some(SessionKind::Break | SessionKind::Meal)
            )
        })
        .map(|s| {
            let start = s.starts_at.with_timezone(&tz);
            SlotSession {
                id: s.id,
                day: start.date_naive(),
                title: s.title,
                local_start: start.format("%H:%M").to_string(),
                local_end: s.ends_at.with_timezone(&tz).format("%H:%M").to_string(),
            }
        })
        .collect())
}

/// Reads `slot` and checks it belongs to `event`: a day of the event, and a session of that day.
pub(crate) async fn checked_slot(
    db: &impl ConnectionTrait,
    event: &events::Model,
    slot: &str,
) -> Result<AttendanceSlot, DomainError> {
    let slot = AttendanceSlot::parse(slot)?;
    if !event_days(event)?.contains(&slot.day) {
        return Err(DomainError::validation("slot", "day-outside-event"));
    }
    if let Some(id) = slot.session_id {
        let known = sessions(db, event)
            .await?
            .iter()
            .any(|s| s.id == id && s.day == slot.day);
        if !known {
            return Err(DomainError::validation("slot", "unknown-session"));
        }
    }
    Ok(slot)
}

/// The registration `id`, only if it belongs to `event`.
async fn registration_of(
    db: &impl ConnectionTrait,
    event: &events::Model,
    id: i64,
) -> Result<registrations::Model, DomainError> {
    registrations::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| r.event_id == event.id)
        .ok_or_else(|| DomainError::validation("registration", "unknown-registration"))
}

/// Records a mark; nothing happens when it is already there (also when a concurrent writer
/// inserts the same mark first).
async fn insert_mark(
    db: &impl ConnectionTrait,
    registration_id: i64,
    slot: AttendanceSlot,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mark = attendance::ActiveModel {
        registration_id: Set(registration_id),
        day: Set(slot.day),
        session_id: Set(slot.session_id),
        recorded_by: Set(by.map(|u| u.0)),
        recorded_at: Set(now),
        ..Default::default()
    };
    let inserted = attendance::Entity::insert(mark)
        .on_conflict(OnConflict::new().do_nothing().to_owned())
        .exec_without_returning(db)
        .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(()),
        Err(err) => Err(err),
    }
}

async fn delete_mark(
    db: &impl ConnectionTrait,
    registration_id: i64,
    slot: AttendanceSlot,
) -> Result<(), DbErr> {
    let query = attendance::Entity::delete_many()
        .filter(attendance::Column::RegistrationId.eq(registration_id))
        .filter(attendance::Column::Day.eq(slot.day));
    let query = match slot.session_id {
        Some(id) => query.filter(attendance::Column::SessionId.eq(id)),
        None => query.filter(attendance::Column::SessionId.is_null()),
    };
    query.exec(db).await?;
    Ok(())
}

/// Registrations of `event` marked present in `slot`.
pub(crate) async fn present_in(
    db: &impl ConnectionTrait,
    event_id: i64,
    slot: AttendanceSlot,
) -> Result<HashSet<i64>, DomainError> {
    Ok(marks(db, event_id)
        .await?
        .into_iter()
        .filter(|(_, s)| *s == slot)
        .map(|(id, _)| id)
        .collect())
}

/// Every mark of the event's registrations: (registration id, slot).
pub(crate) async fn marks(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<(i64, AttendanceSlot)>, DomainError> {
    Ok(attendance::Entity::find()
        .inner_join(registrations::Entity)
        .filter(registrations::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.registration_id,
                AttendanceSlot {
                    day: m.day,
                    session_id: m.session_id,
                },
            )
        })
        .collect())
}

/// The roster of `slug` in `order` with each person's mark for `slot` (default: today or
/// the first day).
pub async fn sheet(
    db: &impl ConnectionTrait,
    slug: &str,
    slot: Option<&str>,
    order: RosterOrder,
    now: DateTime<Utc>,
) -> Result<AttendanceSheet, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let slot = match slot.filter(|s| !s.trim().is_empty()) {
        Some(slot) => checked_slot(db, &event, slot).await?,
        None => default_slot(&event, now)?,
    };
    let present = present_in(db, event.id, slot).await?;
    let walk_ins: HashSet<i64> = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .filter(registrations::Column::WalkIn.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let rows = roster(db, EventId(event.id), order)
        .await?
        .into_iter()
        .map(|roster| SheetRow {
            present: present.contains(&roster.registration_id),
            walk_in: walk_ins.contains(&roster.registration_id),
            roster,
        })
        .collect();
    Ok(AttendanceSheet {
        days: event_days(&event)?,
        sessions: sessions(db, &event).await?,
        completion_percent: u8::try_from(event.completion_percent).unwrap_or(80),
        event: super::events::to_summary(event)?,
        slot,
        order,
        rows,
    })
}

/// Sets (never toggles) one person's mark for `slot`: `present` true adds it, false removes
/// it. Sending the same request again changes nothing. Returns the state now stored.
pub async fn set(
    db: &impl ConnectionTrait,
    slug: &str,
    registration_id: i64,
    slot: &str,
    present: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let slot = checked_slot(db, &event, slot).await?;
    let registration = registration_of(db, &event, registration_id).await?;
    if present {
        if !on_roster(&registration.status) {
            return Err(DomainError::validation("registration", "not-on-roster"));
        }
        insert_mark(db, registration.id, slot, Some(by), now).await?;
    } else {
        delete_mark(db, registration.id, slot).await?;
    }
    Ok(present)
}

/// Saves a paper sign-in sheet for `slot`: exactly the `ticked` roster lines are present
/// afterwards; other slots and people off the roster are left alone. One transaction.
pub async fn save_sheet<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    slot: &str,
    ticked: &BTreeSet<i64>,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let slot = checked_slot(db, &event, slot).await?;
    let txn = super::db::begin_write(db).await?;
    let on_sheet: BTreeSet<i64> = roster(&txn, EventId(event.id), RosterOrder::Name)
        .await?
        .into_iter()
        .map(|r| r.registration_id)
        .collect();
    if !ticked.is_subset(&on_sheet) {
        return Err(DomainError::validation(
            "registration",
            "unknown-registration",
        ));
    }
    let present = present_in(&txn, event.id, slot).await?;
    for id in &on_sheet {
        match (ticked.contains(id), present.contains(id)) {
            (true, false) => insert_mark(&txn, *id, slot, Some(by), now).await?,
            (false, true) => delete_mark(&txn, *id, slot).await?,
            _ => {}
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Registers someone who came without registering, and marks them present in `slot`, in
/// one transaction: a new person, a confirmed registration flagged `walk_in` (capacity does
/// not apply: they are already in the room), its status history, and the mark.
/// Returns the new registration's id.
pub async fn walk_in<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    slot: &str,
    form: &WalkInForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let slot = checked_slot(db, &event, slot).await?;
    let gender = match form.gender.trim() {
        "" => None,
        g => Some(
            Gender::parse(g).ok_or_else(|| DomainError::validation("gender", "invalid-choice"))?,
        ),
    };
    let person = NewSpeaker {
        name_latin: form.name_latin.clone(),
        name_native: form.name_native.clone(),
        organisation: form.organisation.clone(),
        country_code: form.country_code.clone(),
    };
    let txn = super::db::begin_write(db).await?;
    let person_id = super::people::create_person(&txn, &person, gender, now).await?;
    let new = NewRegistration {
        event_id: event.id,
        person_id,
        status: RegistrationStatus::Confirmed,
        role: RegistrationRole::Participant,
        walk_in: true,
        by: Some(by),
        form: None,
    };
    let registration = super::registration::create(&txn, new, now).await?;
    insert_mark(&txn, registration.id, slot, Some(by), now).await?;
    txn.commit().await?;
    Ok(registration.id)
}
