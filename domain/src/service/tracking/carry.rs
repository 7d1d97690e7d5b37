//! Carrying a recommendation into a later event, and the events it may be carried into.
use chrono::{DateTime, Utc};
use entities::{
    events, recommendation_bodies, recommendation_carries, recommendation_status_changes,
    recommendations,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::note_text;
use crate::forum_types::TrackingStatus;
use crate::types::UserId;
use crate::DomainError;

/// Carries recommendation `id` into the later event `target` (its slug): a new row there,
/// numbered last, with the same text and bodies, and a `carried` step (dated the later
/// event's first day) on this one. Refused when the target does not start after the
/// recommendation's event (`not-later`) or already holds it (`already-carried`).
pub async fn carry<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    id: i64,
    target: &str,
    note: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let note = note_text("note", note)?;
    let txn = crate::service::db::begin_write(db).await?;
    let source = recommendations::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let from_event = events::Entity::find_by_id(source.event_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let to_event = events::Entity::find()
        .filter(events::Column::Slug.eq(target.trim()))
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::validation("target", "unknown-event"))?;
    if to_event.starts_at <= from_event.starts_at {
        return Err(DomainError::validation("target", "not-later"));
    }
    let carried_here: Vec<i64> = recommendation_carries::Entity::find()
        .filter(recommendation_carries::Column::CarriedFromId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.recommendation_id)
        .collect();
    let already = !carried_here.is_empty()
        && recommendations::Entity::find()
            .filter(recommendations::Column::Id.is_in(carried_here))
            .filter(recommendations::Column::EventId.eq(to_event.id))
            .one(&txn)
            .await?
            .is_some();
    if already {
        return Err(DomainError::validation("target", "already-carried"));
    }
    let last = recommendations::Entity::find()
        .filter(recommendations::Column::EventId.eq(to_event.id))
        .order_by_desc(recommendations::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |r| r.position);
    let copy = recommendations::ActiveModel {
        event_id: Set(to_event.id),
        position: Set(last + 1),
        text: Set(source.text.clone()),
        addressed_to: Set(source.addressed_to.clone()),
        status: Set("proposed".to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for b in recommendation_bodies::Entity::find()
        .filter(recommendation_bodies::Column::RecommendationId.eq(id))
        .order_by_asc(recommendation_bodies::Column::Id)
        .all(&txn)
        .await?
    {
        recommendation_bodies::ActiveModel {
            recommendation_id: Set(copy.id),
            body: Set(b.body),
            detail: Set(b.detail),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    recommendation_carries::ActiveModel {
        recommendation_id: Set(copy.id),
        carried_from_id: Set(id),
    }
    .insert(&txn)
    .await?;
    let first_day = to_event
        .timezone
        .parse::<chrono_tz::Tz>()
        .map(|tz| to_event.starts_at.with_timezone(&tz).date_naive())
        .unwrap_or_else(|_| to_event.starts_at.date_naive());
    recommendation_status_changes::ActiveModel {
        recommendation_id: Set(id),
        status: Set(TrackingStatus::Carried.as_str().to_owned()),
        noted_on: Set(first_day),
        note: Set(note),
        changed_by: Set(Some(by.0)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(copy.id)
}

/// Events a recommendation may be carried into: those that have not ended long ago, newest
/// first, at most 200: (slug, title, starts).
pub async fn carry_targets(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, DateTime<Utc>)>, DomainError> {
    Ok(events::Entity::find()
        .order_by_desc(events::Column::StartsAt)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.title, e.starts_at))
        .collect())
}
