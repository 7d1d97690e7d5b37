//! The recommendations made at the period's events, each with its dated follow-up: its own
//! steps and those of the earlier rows it was carried from (a carried recommendation keeps
//! its history), oldest first.
use std::collections::{HashMap, HashSet};

use entities::{events, recommendation_carries, recommendation_status_changes, recommendations};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::forum_types::{StatusStep, TrackingStatus};
use crate::report_types::ReportRecommendation;
use crate::types::RecommendationStatus;
use crate::DomainError;

/// Carries followed back at most: a chain longer than this is cut (a loop cannot hang us).
const MAX_CHAIN: usize = 50;

pub(super) async fn recommendations(
    db: &impl ConnectionTrait,
    ids: &[i64],
    titles: &HashMap<i64, String>,
) -> Result<Vec<ReportRecommendation>, DomainError> {
    let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut found = recommendations::Entity::find()
        .filter(recommendations::Column::EventId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    found.sort_by_key(|r| (order.get(&r.event_id).copied(), r.position, r.id));
    // Each row's chain of earlier rows, followed one generation per query.
    let mut parent: HashMap<i64, i64> = HashMap::new();
    let mut frontier: Vec<i64> = found.iter().map(|r| r.id).collect();
    for _ in 0..MAX_CHAIN {
        if frontier.is_empty() {
            break;
        }
        let carries = recommendation_carries::Entity::find()
            .filter(recommendation_carries::Column::RecommendationId.is_in(frontier))
            .all(db)
            .await?;
        frontier = Vec::new();
        for c in carries {
            if parent
                .insert(c.recommendation_id, c.carried_from_id)
                .is_none()
            {
                frontier.push(c.carried_from_id);
            }
        }
    }
    let mut involved: HashSet<i64> = found.iter().map(|r| r.id).collect();
    involved.extend(parent.values().copied());
    let steps = recommendation_status_changes::Entity::find()
        .filter(recommendation_status_changes::Column::RecommendationId.is_in(involved.clone()))
        .order_by_asc(recommendation_status_changes::Column::NotedOn)
        .order_by_asc(recommendation_status_changes::Column::Id)
        .all(db)
        .await?;
    // Titles of the events the earlier rows belong to.
    let rows_events: HashMap<i64, i64> = recommendations::Entity::find()
        .filter(recommendations::Column::Id.is_in(involved))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.event_id))
        .collect();
    let mut event_titles = titles.clone();
    let missing: Vec<i64> = rows_events
        .values()
        .filter(|e| !event_titles.contains_key(e))
        .copied()
        .collect();
    for e in events::Entity::find()
        .filter(events::Column::Id.is_in(missing))
        .all(db)
        .await?
    {
        event_titles.insert(e.id, e.title);
    }
    let mut by_row: HashMap<i64, Vec<StatusStep>> = HashMap::new();
    for s in steps {
        let Some(status) = TrackingStatus::parse(&s.status) else {
            continue;
        };
        let event = rows_events.get(&s.recommendation_id);
        by_row
            .entry(s.recommendation_id)
            .or_default()
            .push(StatusStep {
                id: s.id,
                recommendation_id: s.recommendation_id,
                status,
                noted_on: s.noted_on,
                note: s.note,
                event_title: event
                    .and_then(|e| event_titles.get(e).cloned())
                    .unwrap_or_default(),
            });
    }
    Ok(found
        .into_iter()
        .map(|r| {
            let mut chain = vec![r.id];
            while let Some(p) = chain.last().and_then(|c| parent.get(c)) {
                if chain.contains(p) || chain.len() > MAX_CHAIN {
                    break;
                }
                chain.push(*p);
            }
            let mut history: Vec<StatusStep> = chain
                .iter()
                .rev()
                .flat_map(|id| by_row.get(id).cloned().unwrap_or_default())
                .collect();
            // Rows oldest first, then each row's steps by day (stable: order of recording).
            history.sort_by_key(|s| {
                let row = chain.len()
                    - chain
                        .iter()
                        .position(|c| *c == s.recommendation_id)
                        .unwrap_or(0);
                (row, s.noted_on)
            });
            let tracking = by_row
                .get(&r.id)
                .and_then(|own| own.iter().max_by_key(|s| s.noted_on))
                .map(|s| s.status);
            ReportRecommendation {
                event_title: titles.get(&r.event_id).cloned().unwrap_or_default(),
                event_id: r.event_id,
                number: u32::try_from(r.position).unwrap_or(0),
                text: r.text,
                addressed_to: r.addressed_to,
                status: RecommendationStatus::parse(&r.status)
                    .unwrap_or(RecommendationStatus::Proposed),
                history,
                tracking,
            }
        })
        .collect())
}
