//! An event with everything its page, calendar files and printed agenda show.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entities::{
    countries, event_objectives, event_organisations, event_sessions, events, organisations,
    people, session_roles,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::events::{event_by_slug, to_summary, zone};
use crate::types::{
    AgendaSession, EventDetail, EventOrganisation, EventStatus, SessionKind, SessionPerson,
    SessionRole, Visibility,
};
use crate::DomainError;

/// Who is asking: anonymous visitors see only published (or past) public events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Public,
    Staff,
}

fn local(at: DateTime<Utc>, tz: Tz, pattern: &str) -> String {
    at.with_timezone(&tz).format(pattern).to_string()
}

pub async fn by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
    viewer: Viewer,
) -> Result<EventDetail, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let visible = viewer == Viewer::Staff
        || (event.visibility == Visibility::Public.as_str()
            && event.status != EventStatus::Draft.as_str());
    if !visible {
        return Err(DomainError::NotFound);
    }
    load(db, event).await
}

/// The event with id `id` whatever its visibility, for someone it concerns (a registrant's
/// calendar); `None` when there is no such event.
pub(crate) async fn by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<EventDetail>, DomainError> {
    match events::Entity::find_by_id(id).one(db).await? {
        Some(event) => Ok(Some(load(db, event).await?)),
        None => Ok(None),
    }
}

/// An event's objectives, in their numbered order.
pub(crate) async fn objectives(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<String>, DomainError> {
    Ok(event_objectives::Entity::find()
        .filter(event_objectives::Column::EventId.eq(event_id))
        .order_by_asc(event_objectives::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.text)
        .collect())
}

async fn load(db: &impl ConnectionTrait, event: events::Model) -> Result<EventDetail, DomainError> {
    let tz = zone(&event)?;
    let objectives = objectives(db, event.id).await?;
    let organisations = event_organisations::Entity::find()
        .filter(event_organisations::Column::EventId.eq(event.id))
        .find_also_related(organisations::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(link, org)| {
            org.map(|o| EventOrganisation {
                name: o.name,
                acronym: o.acronym,
                role: link.role,
            })
        })
        .collect();
    let parent = match event.parent_id {
        Some(id) => events::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| (p.slug, p.title)),
        None => None,
    };
    let country_name = match &event.country_code {
        Some(code) => countries::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let sessions = sessions(db, event.id, tz).await?;
    let split = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Ok(EventDetail {
        description: event.description.clone(),
        objectives,
        venue_name: event.venue_name.clone(),
        venue_address: event.venue_address.clone(),
        country_name,
        visibility: Visibility::parse(&event.visibility).ok_or(DomainError::Internal)?,
        organisations,
        parent,
        working_languages: split(&event.working_languages),
        interpretation_languages: split(&event.interpretation_languages),
        sessions,
        zone_label: local(event.starts_at, tz, "%:z"),
        summary: to_summary(event)?,
    })
}

async fn sessions(
    db: &impl ConnectionTrait,
    event_id: i64,
    tz: Tz,
) -> Result<Vec<AgendaSession>, DomainError> {
    let rows = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event_id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
    let mut interpreted = super::interpretation::interpreted(db, ids.clone()).await?;
    let roles = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.is_in(ids))
        .order_by_asc(session_roles::Column::Position)
        .order_by_asc(session_roles::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let org_ids: Vec<i64> = roles
        .iter()
        .filter_map(|(_, p)| p.as_ref()?.organisation_id)
        .collect();
    let orgs: HashMap<i64, String> = organisations::Entity::find()
        .filter(organisations::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.acronym.unwrap_or(o.name)))
        .collect();
    let country_names: HashMap<String, String> = countries::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let mut people_by_session: HashMap<i64, Vec<SessionPerson>> = HashMap::new();
    for (role, person) in roles {
        let Some(person) = person else { continue };
        let Some(kind) = SessionRole::parse(&role.role) else {
            continue;
        };
        people_by_session
            .entry(role.session_id)
            .or_default()
            .push(SessionPerson {
                role: kind,
                name: person.name_latin,
                name_native: person.name_native,
                organisation: person.organisation_id.and_then(|id| orgs.get(&id).cloned()),
                country_code: person.country_code.clone(),
                country: person
                    .country_code
                    .and_then(|c| country_names.get(&c).cloned()),
            });
    }
    rows.into_iter()
        .map(|s| {
            Ok(AgendaSession {
                kind: SessionKind::parse(&s.kind).ok_or(DomainError::Internal)?,
                local_day: local(s.starts_at, tz, "%Y-%m-%d"),
                local_start: local(s.starts_at, tz, "%H:%M"),
                local_end: local(s.ends_at, tz, "%H:%M"),
                people: people_by_session.remove(&s.id).unwrap_or_default(),
                interpreted: interpreted.remove(&s.id).unwrap_or_default(),
                id: s.id,
                title: s.title,
                description: s.description,
                room: s.room,
                language: s.language,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
            })
        })
        .collect()
}
