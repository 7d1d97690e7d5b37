//! An event's numbered objectives and its organising partners, written as a whole on each save.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entities::{event_objectives, event_organisations, organisations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::fields::EventInput;
use crate::types::OrganisationRole;
use crate::DomainError;

/// Replaces the event's objectives and organisation links with the form's, creating the
/// organisations not known yet (matched by name, ignoring case). Run inside the save's transaction.
pub(super) async fn replace(
    db: &impl ConnectionTrait,
    event_id: i64,
    input: &EventInput,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    event_objectives::Entity::delete_many()
        .filter(event_objectives::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    event_organisations::Entity::delete_many()
        .filter(event_organisations::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    for (position, text) in (1..).zip(&input.objectives) {
        event_objectives::ActiveModel {
            event_id: Set(event_id),
            position: Set(position),
            text: Set(text.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if input.organisations.is_empty() {
        return Ok(());
    }
    // Compared in Rust: SQLite's LOWER() folds ASCII only.
    let mut known: HashMap<String, i64> = organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .column(organisations::Column::Name)
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name)| (name.to_lowercase(), id))
        .collect();
    let mut linked = HashSet::new();
    for (role, name) in &input.organisations {
        let id = match known.get(&name.to_lowercase()) {
            Some(id) => *id,
            None => {
                let org = organisations::ActiveModel {
                    name: Set(name.clone()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                known.insert(name.to_lowercase(), org.id);
                org.id
            }
        };
        if !linked.insert((id, *role)) {
            continue;
        }
        event_organisations::ActiveModel {
            event_id: Set(event_id),
            organisation_id: Set(id),
            role: Set((*role).to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The objectives (one a line) and organisations (`role: Name` lines, by role then name) as
/// the edit form shows them.
pub(super) async fn read(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<(String, String), DomainError> {
    let objectives = crate::service::agenda::objectives(db, event_id).await?;
    let mut orgs: Vec<(usize, String)> = event_organisations::Entity::find()
        .filter(event_organisations::Column::EventId.eq(event_id))
        .find_also_related(organisations::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(link, org)| {
            let role = OrganisationRole::parse(&link.role)?;
            let rank = OrganisationRole::ALL.iter().position(|r| *r == role)?;
            Some((rank, format!("{}: {}", link.role, org?.name)))
        })
        .collect();
    orgs.sort();
    let lines: Vec<String> = orgs.into_iter().map(|(_, line)| line).collect();
    Ok((objectives.join("\n"), lines.join("\n")))
}
