//! The forums and meetings the network attended in the period, each with its delegation
//! (members named only when they agreed to be) and the side events the network held there.
use std::collections::HashMap;

use entities::{delegation_members, organisations, people};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::forum_types::{DelegationRole, NetworkRole};
use crate::report_types::{Delegate, ReportEvent, ReportForum};
use crate::DomainError;

/// The attended events among `all`, in their order, with delegations and side events.
pub(super) async fn attended(
    db: &impl ConnectionTrait,
    all: &[ReportEvent],
    countries: &HashMap<String, String>,
) -> Result<Vec<ReportForum>, DomainError> {
    let attended: Vec<&ReportEvent> = all
        .iter()
        .filter(|e| e.network_role == NetworkRole::Attendee)
        .collect();
    let ids: Vec<i64> = attended.iter().map(|e| e.id).collect();
    let members = delegation_members::Entity::find()
        .filter(delegation_members::Column::EventId.is_in(ids))
        .order_by_asc(delegation_members::Column::EventId)
        .order_by_asc(delegation_members::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let orgs: HashMap<i64, String> = organisations::Entity::find()
        .filter(
            organisations::Column::Id.is_in(
                members
                    .iter()
                    .filter_map(|(_, p)| p.as_ref().and_then(|p| p.organisation_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut by_event: HashMap<i64, Vec<Delegate>> = HashMap::new();
    for (m, p) in members {
        let Some(p) = p else { continue };
        let code = p.country_code.clone().unwrap_or_default();
        by_event.entry(m.event_id).or_default().push(Delegate {
            name: if p.public_name_consent {
                p.name_latin
            } else {
                String::new()
            },
            organisation: p
                .organisation_id
                .and_then(|id| orgs.get(&id).cloned())
                .unwrap_or_default(),
            country: countries
                .get(&code)
                .cloned()
                .unwrap_or_else(|| code.clone()),
            country_code: code,
            role: DelegationRole::parse(&m.role).unwrap_or(DelegationRole::Delegate),
            outcome: m.outcome,
        });
    }
    Ok(attended
        .into_iter()
        .map(|f| ReportForum {
            event: f.clone(),
            delegation: by_event.remove(&f.id).unwrap_or_default(),
            side_events: all
                .iter()
                .filter(|e| e.parent_id == Some(f.id))
                .map(|e| e.title.clone())
                .collect(),
        })
        .collect())
}
