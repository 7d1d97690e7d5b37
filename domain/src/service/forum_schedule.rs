//! Scheduling the network's side events at a forum edition. The page shows the forum's
//! days in its own zone: the host's programme (`programme = host`), other organisations'
//! side events entered by hand (`programme = other`) and the network's side events (child
//! events of the edition, their room in `venue_name`, their speakers the people of their
//! sessions). A side event being planned is checked against all of them with
//! [`crate::forum_types::clashes`]; warnings never block saving.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use entities::{event_sessions, events, people, series, series_editions, session_roles};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::forum_types::{
    clashes, Clash, ClashWarning, DaySlot, ForumPlan, NetworkRole, Programme, SideEventForm, Slot,
    SlotKey, MAX_SLOTS,
};
use crate::{validate, DomainError};

mod write;
pub use write::{add_forum_session, create_side_event};

fn zone(e: &events::Model) -> Result<Tz, DomainError> {
    e.timezone.parse::<Tz>().map_err(|_| DomainError::Internal)
}

pub(super) async fn edition(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<events::Model, DomainError> {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Every slot of the edition: its host and other sessions, and the network's side events.
async fn slots(
    db: &impl ConnectionTrait,
    edition: &events::Model,
) -> Result<Vec<(Slot, String)>, DomainError> {
    let limit = MAX_SLOTS as u64;
    let mut found = Vec::new();
    for s in event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(edition.id))
        .filter(event_sessions::Column::Programme.ne(Programme::Own.as_str()))
        .order_by_asc(event_sessions::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?
    {
        let speakers = speakers_of(db, &[s.id]).await?;
        found.push((
            Slot {
                key: SlotKey::Session(s.id),
                title: s.title,
                programme: Programme::parse(&s.programme).unwrap_or(Programme::Host),
                must_attend: s.must_attend,
                room: s.room,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                speakers,
            },
            s.organiser,
        ));
    }
    for e in events::Entity::find()
        .filter(events::Column::ParentId.eq(edition.id))
        .filter(events::Column::NetworkRole.eq(NetworkRole::Organiser.as_str()))
        .order_by_asc(events::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?
    {
        let sessions: Vec<i64> = event_sessions::Entity::find()
            .filter(event_sessions::Column::EventId.eq(e.id))
            .limit(limit)
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        found.push((
            Slot {
                key: SlotKey::SideEvent(e.id),
                title: e.title,
                programme: Programme::Own,
                must_attend: false,
                room: e.venue_name,
                starts_at: e.starts_at,
                ends_at: e.ends_at,
                speakers: speakers_of(db, &sessions).await?,
            },
            String::new(),
        ));
    }
    found.sort_by_key(|(s, _)| (s.starts_at, s.ends_at));
    found.truncate(MAX_SLOTS);
    Ok(found)
}

async fn speakers_of(db: &impl ConnectionTrait, sessions: &[i64]) -> Result<Vec<i64>, DomainError> {
    if sessions.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.is_in(sessions.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

async fn names(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, String>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(people::Entity::find()
        .filter(people::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name_latin))
        .collect())
}

/// The series the event `id` is an edition of: (slug, name).
async fn series_of(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<(String, String)>, DomainError> {
    let Some(edition) = series_editions::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(series::Entity::find_by_id(edition.series_id)
        .one(db)
        .await?
        .map(|s| (s.slug, s.name)))
}

/// The edition's days and slots in its zone, and the people who may speak.
pub async fn plan(db: &impl ConnectionTrait, slug: &str) -> Result<ForumPlan, DomainError> {
    let edition = edition(db, slug).await?;
    let tz = zone(&edition)?;
    let found = slots(db, &edition).await?;
    let mut all_speakers: Vec<i64> = found.iter().flat_map(|(s, _)| s.speakers.clone()).collect();
    all_speakers.sort_unstable();
    all_speakers.dedup();
    let named = names(db, &all_speakers).await?;
    let mut days = Vec::new();
    let (first, last) = (
        edition.starts_at.with_timezone(&tz).date_naive(),
        edition.ends_at.with_timezone(&tz).date_naive(),
    );
    let mut day = first;
    while day <= last && days.len() < 31 {
        days.push(day.format("%Y-%m-%d").to_string());
        day = day.succ_opt().unwrap_or(last + chrono::Days::new(1));
    }
    let slots = found
        .into_iter()
        .map(|(s, organiser)| {
            let (from, to) = (s.starts_at.with_timezone(&tz), s.ends_at.with_timezone(&tz));
            DaySlot {
                key: s.key,
                title: s.title,
                programme: s.programme,
                must_attend: s.must_attend,
                organiser,
                room: s.room,
                local_day: from.format("%Y-%m-%d").to_string(),
                local_start: from.format("%H:%M").to_string(),
                local_end: to.format("%H:%M").to_string(),
                speakers: s
                    .speakers
                    .iter()
                    .filter_map(|p| named.get(p).cloned())
                    .collect(),
            }
        })
        .collect();
    Ok(ForumPlan {
        slug: edition.slug,
        title: edition.title,
        timezone: edition.timezone,
        days,
        slots,
        people: super::people::options(db).await?,
        warnings: None,
        home_organisation: super::organisations::home(db).await?.map(|o| o.name),
        series: series_of(db, edition.id).await?,
    })
}

/// The scheduling page: [`plan`], with the clashes of the side event described by `check`
/// (nothing saved) or of the side event `created` (its slug) when given.
pub async fn page(
    db: &impl ConnectionTrait,
    slug: &str,
    check_form: Option<&SideEventForm>,
    created: Option<&str>,
) -> Result<ForumPlan, DomainError> {
    let mut found = plan(db, slug).await?;
    found.warnings = match (check_form, created) {
        (_, Some(side)) => Some(clashes_of(db, slug, side).await?),
        (Some(form), None) => Some(check(db, slug, form).await?),
        (None, None) => None,
    };
    Ok(found)
}

struct Checked {
    title: String,
    room: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    speakers: Vec<i64>,
}

fn instant(
    tz: Tz,
    day: NaiveDate,
    time: NaiveTime,
    field: &str,
) -> Result<DateTime<Utc>, DomainError> {
    tz.from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| DomainError::validation(field, "invalid-time"))
}

fn times(
    edition: &events::Model,
    (day, start, end): (&str, &str, &str),
) -> Result<(DateTime<Utc>, DateTime<Utc>), DomainError> {
    let tz = zone(edition)?;
    let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::validation("day", "invalid-date"))?;
    let first = edition.starts_at.with_timezone(&tz).date_naive();
    let last = edition.ends_at.with_timezone(&tz).date_naive();
    // A side event may be the day before the forum (strategy meetings) or the day after.
    if day < first - chrono::Days::new(1) || day > last + chrono::Days::new(1) {
        return Err(DomainError::validation("day", "day-outside-event"));
    }
    let time = |field: &str, raw: &str| {
        NaiveTime::parse_from_str(raw.trim(), "%H:%M")
            .map_err(|_| DomainError::validation(field, "invalid-time"))
    };
    let (start, end) = (time("start", start)?, time("end", end)?);
    if end <= start {
        return Err(DomainError::validation("end", "ends-before-starts"));
    }
    Ok((
        instant(tz, day, start, "start")?,
        instant(tz, day, end, "end")?,
    ))
}

fn check_form(edition: &events::Model, form: &SideEventForm) -> Result<Checked, DomainError> {
    let title = validate::required_text("title", &form.title, validate::MAX_NAME)?;
    let (starts_at, ends_at) = times(edition, (&form.day, &form.start, &form.end))?;
    let room = super::tracking::note_text("room", &form.room)?;
    if room.chars().count() > 100 {
        return Err(DomainError::validation("room", "too-long"));
    }
    let mut speakers = Vec::new();
    for (field, raw) in [
        ("speaker_1", &form.speaker_1),
        ("speaker_2", &form.speaker_2),
        ("speaker_3", &form.speaker_3),
    ] {
        match raw.trim() {
            "" => {}
            id => {
                let id: i64 = id
                    .parse()
                    .map_err(|_| DomainError::validation(field, "invalid-choice"))?;
                if !speakers.contains(&id) {
                    speakers.push(id);
                }
            }
        }
    }
    Ok(Checked {
        title,
        room,
        starts_at,
        ends_at,
        speakers,
    })
}

async fn warnings(
    db: &impl ConnectionTrait,
    slot: &Slot,
    others: &[Slot],
) -> Result<Vec<ClashWarning>, DomainError> {
    let found = clashes(slot, others);
    let ids: Vec<i64> = found
        .iter()
        .filter_map(|c| match c {
            Clash::SpeakerBooked { person_id, .. } => Some(*person_id),
            _ => None,
        })
        .collect();
    let named = names(db, &ids).await?;
    Ok(found
        .into_iter()
        .map(|clash| {
            let person = match &clash {
                Clash::SpeakerBooked { person_id, .. } => {
                    named.get(person_id).cloned().unwrap_or_default()
                }
                _ => String::new(),
            };
            ClashWarning { clash, person }
        })
        .collect())
}

/// The clashes a side event described by `form` would have at the edition (nothing saved).
pub async fn check(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &SideEventForm,
) -> Result<Vec<ClashWarning>, DomainError> {
    let edition = edition(db, slug).await?;
    let c = check_form(&edition, form)?;
    let others: Vec<Slot> = slots(db, &edition)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let slot = Slot {
        key: SlotKey::SideEvent(0),
        title: c.title,
        programme: Programme::Own,
        must_attend: false,
        room: c.room,
        starts_at: c.starts_at,
        ends_at: c.ends_at,
        speakers: c.speakers,
    };
    warnings(db, &slot, &others).await
}

/// The clashes of the network's side event `side_slug` at its edition.
pub async fn clashes_of(
    db: &impl ConnectionTrait,
    edition_slug: &str,
    side_slug: &str,
) -> Result<Vec<ClashWarning>, DomainError> {
    let edition = edition(db, edition_slug).await?;
    let others: Vec<Slot> = slots(db, &edition)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let side = events::Entity::find()
        .filter(events::Column::Slug.eq(side_slug))
        .filter(events::Column::ParentId.eq(edition.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let Some(slot) = others.iter().find(|s| s.key == SlotKey::SideEvent(side.id)) else {
        return Ok(Vec::new());
    };
    warnings(db, slot, &others).await
}
