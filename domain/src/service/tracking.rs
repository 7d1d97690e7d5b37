//! Recommendations followed across years: whom each is addressed to, its dated steps
//! (raised, no response, reflected, …), and its carrying into a later event.
//!
//! Carrying makes a new `recommendations` row in the later event (numbered last, same text
//! and bodies), links it to the earlier row (`recommendation_carries`) and records a
//! `carried` step on the earlier row; the history shown for a row runs through every row it
//! was carried from, oldest first. A row with no step yet is open. Published recommendations
//! are those of events whose proceedings are public.
use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entities::{
    events, recommendation_bodies, recommendation_carries, recommendation_status_changes,
    recommendations, series, series_editions,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::forum_types::{
    Body, StatusStep, StepForm, TrackedRecommendation, TrackerFilter, TrackerPage, TrackingStatus,
    MAX_NOTE,
};
use crate::types::UserId;
use crate::DomainError;

mod carry;
mod edit;
pub use carry::{carry, carry_targets};
pub use edit::{edit_body, edit_step, remove_body, remove_step};

/// Most recommendations the tracker reads at once.
pub const MAX_TRACKED: u64 = 5_000;
/// Longest chain of carries followed back.
const MAX_CHAIN: usize = 50;

fn local_year(e: &events::Model) -> i32 {
    e.timezone
        .parse::<chrono_tz::Tz>()
        .map(|tz| e.starts_at.with_timezone(&tz).year())
        .unwrap_or_else(|_| e.starts_at.year())
}

pub(crate) fn note_text(field: &str, raw: &str) -> Result<String, DomainError> {
    let value = raw.trim().replace("\r\n", "\n");
    if value.chars().count() > MAX_NOTE {
        return Err(DomainError::validation(field, "too-long"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value)
}

/// Every recommendation (at most [`MAX_TRACKED`]) with its bodies, carries and history; when
/// `events` is given, only those of these events.
async fn load(
    db: &impl ConnectionTrait,
    only_events: Option<&[i64]>,
) -> Result<Vec<TrackedRecommendation>, DomainError> {
    let mut query = recommendations::Entity::find();
    if let Some(ids) = only_events {
        query = query.filter(recommendations::Column::EventId.is_in(ids.to_vec()));
    }
    let rows = query
        .order_by_asc(recommendations::Column::EventId)
        .order_by_asc(recommendations::Column::Position)
        .order_by_asc(recommendations::Column::Id)
        .limit(MAX_TRACKED)
        .all(db)
        .await?;
    let carries: HashMap<i64, i64> = recommendation_carries::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.recommendation_id, c.carried_from_id))
        .collect();
    // Rows of the chains (earlier rows may belong to events not asked for).
    let mut wanted: Vec<i64> = rows.iter().map(|r| r.id).collect();
    for r in &rows {
        let mut at = r.id;
        for _ in 0..MAX_CHAIN {
            match carries.get(&at) {
                Some(from) => {
                    wanted.push(*from);
                    at = *from;
                }
                None => break,
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let chain_rows: HashMap<i64, recommendations::Model> = recommendations::Entity::find()
        .filter(recommendations::Column::Id.is_in(wanted.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut event_ids: Vec<i64> = chain_rows.values().map(|r| r.event_id).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    let events: HashMap<i64, events::Model> = events::Entity::find()
        .filter(events::Column::Id.is_in(event_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let series_of = series_slugs(db, &events).await?;
    let mut bodies: HashMap<i64, Vec<(i64, Body, String)>> = HashMap::new();
    for b in recommendation_bodies::Entity::find()
        .filter(recommendation_bodies::Column::RecommendationId.is_in(wanted.clone()))
        .order_by_asc(recommendation_bodies::Column::Id)
        .all(db)
        .await?
    {
        if let Some(body) = Body::parse(&b.body) {
            bodies
                .entry(b.recommendation_id)
                .or_default()
                .push((b.id, body, b.detail));
        }
    }
    let mut steps: HashMap<i64, Vec<recommendation_status_changes::Model>> = HashMap::new();
    for s in recommendation_status_changes::Entity::find()
        .filter(recommendation_status_changes::Column::RecommendationId.is_in(wanted))
        .order_by_asc(recommendation_status_changes::Column::NotedOn)
        .order_by_asc(recommendation_status_changes::Column::Id)
        .all(db)
        .await?
    {
        steps.entry(s.recommendation_id).or_default().push(s);
    }
    let title = |event_id: i64| {
        events
            .get(&event_id)
            .map(|e| e.title.clone())
            .unwrap_or_default()
    };
    let mut numbers: HashMap<i64, u32> = HashMap::new();
    let mut found = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(event) = events.get(&r.event_id) else {
            continue;
        };
        let number = numbers.entry(r.event_id).or_insert(0);
        *number += 1;
        let mut chain = vec![r.id];
        while let Some(from) = chain.last().and_then(|at| carries.get(at)) {
            if chain.len() > MAX_CHAIN || chain.contains(from) {
                break;
            }
            chain.push(*from);
        }
        chain.reverse();
        let history = chain
            .iter()
            .flat_map(|id| {
                let event_title = chain_rows
                    .get(id)
                    .map(|c| title(c.event_id))
                    .unwrap_or_default();
                steps.get(id).into_iter().flatten().filter_map(move |s| {
                    Some(StatusStep {
                        id: s.id,
                        recommendation_id: *id,
                        status: TrackingStatus::parse(&s.status)?,
                        noted_on: s.noted_on,
                        note: s.note.clone(),
                        event_title: event_title.clone(),
                    })
                })
            })
            .collect();
        let carried_from = chain[..chain.len() - 1]
            .iter()
            .filter_map(|id| chain_rows.get(id).map(|c| (*id, title(c.event_id))))
            .collect();
        let own_bodies = bodies.remove(&r.id).unwrap_or_default();
        found.push(TrackedRecommendation {
            id: r.id,
            number: *number,
            event_slug: event.slug.clone(),
            event_title: event.title.clone(),
            event_year: local_year(event),
            event_starts: event.starts_at,
            series_slug: series_of.get(&event.id).cloned(),
            body_ids: own_bodies.iter().map(|b| b.0).collect(),
            bodies: own_bodies.into_iter().map(|b| (b.1, b.2)).collect(),
            carried_from,
            history,
            status: steps
                .get(&r.id)
                .and_then(|s| s.last())
                .and_then(|s| TrackingStatus::parse(&s.status)),
            published: event.proceedings_public,
            text: r.text,
        });
    }
    Ok(found)
}

/// The series slug of each event that is an edition or a side event of one.
async fn series_slugs(
    db: &impl ConnectionTrait,
    events: &HashMap<i64, events::Model>,
) -> Result<HashMap<i64, String>, DomainError> {
    let slugs: HashMap<i64, String> = series::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.slug))
        .collect();
    let editions: HashMap<i64, i64> = series_editions::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.event_id, e.series_id))
        .collect();
    Ok(events
        .values()
        .filter_map(|e| {
            let series = editions
                .get(&e.id)
                .or_else(|| e.parent_id.and_then(|p| editions.get(&p)))?;
            Some((e.id, slugs.get(series)?.clone()))
        })
        .collect())
}

/// The tracker: recommendations matching `filter` (open ones when no status is chosen).
pub async fn tracker(
    db: &impl ConnectionTrait,
    filter: &TrackerFilter,
) -> Result<Vec<TrackedRecommendation>, DomainError> {
    let status = filter.status.as_deref().map(str::trim).unwrap_or("");
    let wanted_status = match status {
        "" | "open" | "all" => None,
        other => Some(
            TrackingStatus::parse(other)
                .ok_or_else(|| DomainError::validation("status", "invalid-choice"))?,
        ),
    };
    Ok(load(db, None)
        .await?
        .into_iter()
        .filter(|r| match (status, wanted_status) {
            ("all", _) => true,
            (_, Some(s)) => r.status == Some(s),
            _ => r.is_open(),
        })
        .filter(|r| {
            filter
                .body
                .is_none_or(|b| r.bodies.iter().any(|(x, _)| *x == b))
        })
        .filter(|r| filter.year.is_none_or(|y| r.event_year == y))
        .filter(|r| {
            filter
                .series
                .as_deref()
                .filter(|s| !s.is_empty())
                .is_none_or(|s| r.series_slug.as_deref() == Some(s))
        })
        .collect())
}

/// The tracker page: [`tracker`] and the events recommendations may be carried into.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &TrackerFilter,
) -> Result<TrackerPage, DomainError> {
    Ok(TrackerPage {
        rows: tracker(db, filter).await?,
        targets: carry_targets(db).await?,
    })
}

/// The recommendations of these events (only published ones when `published_only`).
pub async fn of_events(
    db: &impl ConnectionTrait,
    event_ids: &[i64],
    published_only: bool,
) -> Result<Vec<TrackedRecommendation>, DomainError> {
    if event_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(load(db, Some(event_ids))
        .await?
        .into_iter()
        .filter(|r| r.published || !published_only)
        .collect())
}

/// A step form read: its status, its day (`YYYY-MM-DD`, from 1990 to next year) and its note.
pub(crate) fn read_step(
    form: &StepForm,
    now: DateTime<Utc>,
) -> Result<(TrackingStatus, NaiveDate, String), DomainError> {
    let status = TrackingStatus::parse(form.status.trim())
        .ok_or_else(|| DomainError::validation("status", "invalid-choice"))?;
    let day = form.noted_on.trim();
    if day.is_empty() {
        return Err(DomainError::validation("noted_on", "required"));
    }
    let noted_on = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .filter(|d| (1990..=now.year() + 1).contains(&d.year()))
        .ok_or_else(|| DomainError::validation("noted_on", "invalid-date"))?;
    let note = note_text("note", &form.note)?;
    Ok((status, noted_on, note))
}

/// A body's detail as typed: optional, at most 200 characters, no control characters.
pub(crate) fn body_detail(detail: &str) -> Result<String, DomainError> {
    if detail.trim().is_empty() {
        return Ok(String::new());
    }
    crate::validate::required_text("detail", detail, 200)
}

/// Records a dated step in a recommendation's follow-up.
pub async fn add_step(
    db: &impl ConnectionTrait,
    recommendation_id: i64,
    form: &StepForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (status, noted_on, note) = read_step(form, now)?;
    recommendations::Entity::find_by_id(recommendation_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    recommendation_status_changes::ActiveModel {
        recommendation_id: Set(recommendation_id),
        status: Set(status.as_str().to_owned()),
        noted_on: Set(noted_on),
        note: Set(note),
        changed_by: Set(Some(by.0)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Addresses a recommendation to a body too (adding it again changes nothing).
pub async fn add_body(
    db: &impl ConnectionTrait,
    recommendation_id: i64,
    body: &str,
    detail: &str,
) -> Result<(), DomainError> {
    let body = Body::parse(body.trim())
        .ok_or_else(|| DomainError::validation("body", "invalid-choice"))?;
    let detail = body_detail(detail)?;
    recommendations::Entity::find_by_id(recommendation_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let exists = recommendation_bodies::Entity::find()
        .filter(recommendation_bodies::Column::RecommendationId.eq(recommendation_id))
        .filter(recommendation_bodies::Column::Body.eq(body.as_str()))
        .filter(recommendation_bodies::Column::Detail.eq(detail.as_str()))
        .one(db)
        .await?;
    if exists.is_none() {
        recommendation_bodies::ActiveModel {
            recommendation_id: Set(recommendation_id),
            body: Set(body.as_str().to_owned()),
            detail: Set(detail),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
