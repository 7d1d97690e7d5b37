//! Who went to an event the network attends: people already in Sala, each once per event,
//! in a role (delegate, speaker, panelist), with what they presented and an outcome note.
use chrono::{DateTime, Utc};
use entities::{delegation_members, events, people};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::tracking::note_text;
use crate::forum_types::{DelegationMember, DelegationPage, DelegationRole, MemberForm};
use crate::DomainError;

async fn event_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<events::Model, DomainError> {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

fn local_day(e: &events::Model) -> String {
    match e.timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => e
            .starts_at
            .with_timezone(&tz)
            .format("%Y-%m-%d")
            .to_string(),
        Err(_) => e.starts_at.format("%Y-%m-%d").to_string(),
    }
}

async fn members(
    db: &impl ConnectionTrait,
    rows: Vec<delegation_members::Model>,
) -> Result<Vec<DelegationMember>, DomainError> {
    let mut found = Vec::with_capacity(rows.len());
    for r in rows {
        let (Some(event), Some(person)) = (
            events::Entity::find_by_id(r.event_id).one(db).await?,
            people::Entity::find_by_id(r.person_id).one(db).await?,
        ) else {
            continue;
        };
        found.push(DelegationMember {
            id: r.id,
            local_start: local_day(&event),
            event_slug: event.slug,
            event_title: event.title,
            person_id: person.id,
            person_name: person.name_latin,
            role: DelegationRole::parse(&r.role).ok_or(DomainError::Internal)?,
            presented: r.presented,
            outcome: r.outcome,
        });
    }
    Ok(found)
}

/// The delegation at the event behind `slug`, in the order they were added.
pub async fn of_event(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Vec<DelegationMember>, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let rows = delegation_members::Entity::find()
        .filter(delegation_members::Column::EventId.eq(event.id))
        .order_by_asc(delegation_members::Column::Id)
        .all(db)
        .await?;
    members(db, rows).await
}

/// The delegation page of the event behind `slug`: its title, members and the people who
/// may join.
pub async fn page(db: &impl ConnectionTrait, slug: &str) -> Result<DelegationPage, DomainError> {
    let event = event_by_slug(db, slug).await?;
    Ok(DelegationPage {
        title: event.title,
        members: of_event(db, slug).await?,
        people: super::people::options(db).await?,
    })
}

/// Every delegation a person was part of, earliest event first.
pub async fn of_person(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<DelegationMember>, DomainError> {
    let rows = delegation_members::Entity::find()
        .filter(delegation_members::Column::PersonId.eq(person_id))
        .all(db)
        .await?;
    let mut found = members(db, rows).await?;
    found.sort_by(|a, b| a.local_start.cmp(&b.local_start));
    Ok(found)
}

/// Adds a person to the delegation; someone already in it is refused (`already-in-delegation`).
pub async fn add(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &MemberForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let person_id: i64 = form
        .person_id
        .trim()
        .parse()
        .map_err(|_| DomainError::validation("person_id", "required"))?;
    let role = DelegationRole::parse(form.role.trim())
        .ok_or_else(|| DomainError::validation("role", "invalid-choice"))?;
    let presented = note_text("presented", &form.presented)?;
    let outcome = note_text("outcome", &form.outcome)?;
    let event = event_by_slug(db, slug).await?;
    if people::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(DomainError::validation("person_id", "required"));
    }
    let exists = delegation_members::Entity::find()
        .filter(delegation_members::Column::EventId.eq(event.id))
        .filter(delegation_members::Column::PersonId.eq(person_id))
        .one(db)
        .await?;
    if exists.is_some() {
        return Err(DomainError::validation(
            "person_id",
            "already-in-delegation",
        ));
    }
    delegation_members::ActiveModel {
        event_id: Set(event.id),
        person_id: Set(person_id),
        role: Set(role.as_str().to_owned()),
        presented: Set(presented),
        outcome: Set(outcome),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        // Two staff adding the same person at once: the unique index decides.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::validation("person_id", "already-in-delegation")
        }
        _ => e.into(),
    })?;
    Ok(())
}

/// Takes a member off the event's delegation.
pub async fn remove(db: &impl ConnectionTrait, slug: &str, id: i64) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let removed = delegation_members::Entity::delete_many()
        .filter(delegation_members::Column::Id.eq(id))
        .filter(delegation_members::Column::EventId.eq(event.id))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}
