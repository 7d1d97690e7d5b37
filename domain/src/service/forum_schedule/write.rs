//! Writing an edition's programme: the network's side event (a draft child event with one
//! session naming its speakers), and host sessions or other organisations' side events.
use chrono::{DateTime, Utc};
use entities::{event_organisations, event_sessions, events, session_roles};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    SqlErr, TransactionSession, TransactionTrait,
};

use super::{check_form, clashes_of, edition, names, times};
use crate::forum_types::{
    ClashWarning, ForumSessionForm, NetworkRole, Programme, SideEventForm, MAX_SLOTS,
};
use crate::types::{EventKind, OrganisationRole, UserId};
use crate::{validate, DomainError};

fn slug_of(title: &str, day: DateTime<Utc>) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "side-event" } else { slug };
    format!("{slug}-{}", day.format("%Y"))
}

/// Creates the network's side event at the edition: a draft child event (kind side event,
/// the room as its venue, organised by the organisation Sala works for when one is named:
/// co-organisers are added on the event's own page), with one session over its time naming
/// the speakers.
/// Returns its slug and its clashes (saved all the same).
pub async fn create_side_event<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    slug: &str,
    form: &SideEventForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(String, Vec<ClashWarning>), DomainError> {
    let edition = edition(db, slug).await?;
    let c = check_form(&edition, form)?;
    let txn = crate::service::db::begin_write(db).await?;
    if !c.speakers.is_empty() && names(&txn, &c.speakers).await?.len() != c.speakers.len() {
        return Err(DomainError::validation("speaker_1", "invalid-choice"));
    }
    let base = slug_of(&c.title, c.starts_at);
    let mut new_slug = base.clone();
    for n in 2..100 {
        let taken = events::Entity::find()
            .filter(events::Column::Slug.eq(new_slug.as_str()))
            .one(&txn)
            .await?
            .is_some();
        if !taken {
            break;
        }
        new_slug = format!("{base}-{n}");
    }
    let event = events::ActiveModel {
        slug: Set(new_slug.clone()),
        title: Set(c.title.clone()),
        kind: Set(EventKind::SideEvent.as_str().to_owned()),
        summary: Set(String::new()),
        description: Set(String::new()),
        parent_id: Set(Some(edition.id)),
        timezone: Set(edition.timezone.clone()),
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        venue_name: Set(c.room.clone()),
        venue_address: Set(edition.venue_address.clone()),
        city: Set(edition.city.clone()),
        country_code: Set(edition.country_code.clone()),
        status: Set("draft".to_owned()),
        visibility: Set("public".to_owned()),
        registration_mode: Set("open".to_owned()),
        working_languages: Set(edition.working_languages.clone()),
        interpretation_languages: Set(String::new()),
        created_by: Set(Some(by.0)),
        created_at: Set(now),
        updated_at: Set(now),
        network_role: Set(NetworkRole::Organiser.as_str().to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::validation("title", "slug-taken")
        }
        _ => e.into(),
    })?;
    let session = event_sessions::ActiveModel {
        event_id: Set(event.id),
        kind: Set("panel".to_owned()),
        title: Set(c.title),
        description: Set(String::new()),
        room: Set(c.room),
        language: Set(String::new()),
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        notes: Set(String::new()),
        programme: Set(Programme::Own.as_str().to_owned()),
        organiser: Set(String::new()),
        must_attend: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (position, person) in (1i32..).zip(&c.speakers) {
        session_roles::ActiveModel {
            session_id: Set(session.id),
            person_id: Set(*person),
            role: Set("speaker".to_owned()),
            position: Set(position),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // The edition's own organisers (if any were entered) are not copied: the network is the
    // organiser, once an admin has named the organisation Sala works for (the forum page
    // says how while none is named).
    if let Some(network) = crate::service::organisations::home(&txn).await? {
        event_organisations::ActiveModel {
            event_id: Set(event.id),
            organisation_id: Set(network.id),
            role: Set(OrganisationRole::Organiser.as_str().to_owned()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    let warnings = clashes_of(db, slug, &new_slug).await?;
    Ok((new_slug, warnings))
}

/// Adds a host session (a plenary) or another organisation's side event to the edition.
pub async fn add_forum_session(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &ForumSessionForm,
) -> Result<(), DomainError> {
    let edition = edition(db, slug).await?;
    let programme = match Programme::parse(form.programme.trim()) {
        Some(p @ (Programme::Host | Programme::Other)) => p,
        _ => return Err(DomainError::validation("programme", "invalid-choice")),
    };
    let title = validate::required_text("title", &form.title, validate::MAX_NAME)?;
    let organiser = match form.organiser.trim() {
        "" if programme == Programme::Other => {
            return Err(DomainError::validation("organiser", "required"))
        }
        "" => String::new(),
        raw => validate::required_text("organiser", raw, 300)?,
    };
    let room = crate::service::tracking::note_text("room", &form.room)?;
    if room.chars().count() > 100 {
        return Err(DomainError::validation("room", "too-long"));
    }
    let (starts_at, ends_at) = times(&edition, (&form.day, &form.start, &form.end))?;
    let count = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(edition.id))
        .limit(MAX_SLOTS as u64)
        .all(db)
        .await?
        .len();
    if count >= MAX_SLOTS {
        return Err(DomainError::validation("title", "too-many"));
    }
    event_sessions::ActiveModel {
        event_id: Set(edition.id),
        kind: Set(if programme == Programme::Host {
            "plenary"
        } else {
            "panel"
        }
        .to_owned()),
        title: Set(title),
        description: Set(String::new()),
        room: Set(room),
        language: Set(String::new()),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        notes: Set(String::new()),
        programme: Set(programme.as_str().to_owned()),
        organiser: Set(organiser),
        must_attend: Set(programme == Programme::Host && form.must_attend.is_some()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
