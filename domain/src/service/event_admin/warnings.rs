//! What a coordinator should look at in an agenda before publishing it. Warnings, not
//! errors: a speaker may really leave one panel early for another.
use std::collections::{BTreeMap, BTreeSet};

use entities::{event_sessions, people, session_roles};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::load_event;
use crate::forms::AgendaWarning;
use crate::types::EventId;
use crate::DomainError;

/// People in two overlapping sessions, rooms holding two sessions at once, and sessions
/// (partly) outside the event's start and end, in that order.
pub async fn agenda_warnings(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<AgendaWarning>, DomainError> {
    let event = load_event(db, event).await?;
    let sessions = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
    let roles = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.is_in(ids))
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    // Each person once per session, however many roles they hold in it.
    let mut people_in: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let mut names: BTreeMap<i64, String> = BTreeMap::new();
    for (role, person) in roles {
        if let Some(person) = person {
            people_in
                .entry(role.session_id)
                .or_default()
                .insert(person.id);
            names.insert(person.id, person.name_latin);
        }
    }
    let mut double_booked = Vec::new();
    let mut rooms = Vec::new();
    for (i, a) in sessions.iter().enumerate() {
        for b in &sessions[i + 1..] {
            if !(a.starts_at < b.ends_at && b.starts_at < a.ends_at) {
                continue;
            }
            let pair = (a.id.min(b.id), a.id.max(b.id));
            if let (Some(pa), Some(pb)) = (people_in.get(&a.id), people_in.get(&b.id)) {
                for person in pa.intersection(pb) {
                    let name = names.get(person).cloned().unwrap_or_default();
                    double_booked.push(AgendaWarning::PersonDoubleBooked {
                        person: name,
                        sessions: pair,
                    });
                }
            }
            let room = a.room.trim();
            if !room.is_empty() && room.to_lowercase() == b.room.trim().to_lowercase() {
                rooms.push(AgendaWarning::RoomDoubleBooked {
                    room: room.to_owned(),
                    sessions: pair,
                });
            }
        }
    }
    let outside = sessions
        .iter()
        .filter(|s| s.starts_at < event.starts_at || s.ends_at > event.ends_at)
        .map(|s| AgendaWarning::OutsideEvent { session: s.id });
    Ok(double_booked
        .into_iter()
        .chain(rooms)
        .chain(outside)
        .collect())
}
