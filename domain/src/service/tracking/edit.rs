//! Correcting a recommendation's follow-up: a dated step's day, status and note edited, or
//! the step removed; an addressed body's detail edited, or the body removed.
//!
//! Every call names the recommendation and the step (or body): one that belongs to another
//! recommendation is not found, so a form posted with ids of two rows changes nothing.
//! Each runs in one write transaction (read, check, write).
//!
//! The tracking status is not stored: it is the latest remaining step of the row (by day,
//! then by order of recording), so an edit or a removal moves it with no second write.
//!
//! A `carried` step is the record of a carry (made by [`super::carry`], the link itself in
//! `recommendation_carries`): its day and note may be corrected, its status may not change,
//! and it is not removed while the carried copy exists (the earlier row would count as open
//! again beside its copy). No other step becomes `carried` by an edit. Removing a step of the
//! carried copy touches neither the link nor the earlier rows' steps: the copy keeps its
//! history.
use chrono::{DateTime, Utc};
use entities::{recommendation_bodies, recommendation_carries, recommendation_status_changes};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::{body_detail, read_step};
use crate::forum_types::{StepForm, TrackingStatus};
use crate::types::UserId;
use crate::DomainError;

async fn step_of(
    db: &impl ConnectionTrait,
    recommendation_id: i64,
    step_id: i64,
) -> Result<recommendation_status_changes::Model, DomainError> {
    recommendation_status_changes::Entity::find_by_id(step_id)
        .filter(recommendation_status_changes::Column::RecommendationId.eq(recommendation_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn body_of(
    db: &impl ConnectionTrait,
    recommendation_id: i64,
    body_id: i64,
) -> Result<recommendation_bodies::Model, DomainError> {
    recommendation_bodies::Entity::find_by_id(body_id)
        .filter(recommendation_bodies::Column::RecommendationId.eq(recommendation_id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Corrects step `step_id` of recommendation `recommendation_id`: its day, status and note
/// (checked as when it was added). Refused: the step is not that recommendation's
/// (`NotFound`), a `carried` step would change status or another step become `carried`
/// (`status`: `carried-step`).
pub async fn edit_step<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    recommendation_id: i64,
    step_id: i64,
    form: &StepForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (status, noted_on, note) = read_step(form, now)?;
    let txn = crate::service::db::begin_write(db).await?;
    let step = step_of(&txn, recommendation_id, step_id).await?;
    let was_carried = step.status == TrackingStatus::Carried.as_str();
    if was_carried != (status == TrackingStatus::Carried) {
        return Err(DomainError::validation("status", "carried-step"));
    }
    let mut step: recommendation_status_changes::ActiveModel = step.into();
    step.status = Set(status.as_str().to_owned());
    step.noted_on = Set(noted_on);
    step.note = Set(note);
    step.changed_by = Set(Some(by.0));
    step.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes step `step_id` of recommendation `recommendation_id`; the latest remaining step
/// becomes its status (none left: open). Refused: the step is not that recommendation's
/// (`NotFound`), or it records a carry whose copy still exists (`step`: `carried-step`).
pub async fn remove_step<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    recommendation_id: i64,
    step_id: i64,
) -> Result<(), DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let step = step_of(&txn, recommendation_id, step_id).await?;
    if step.status == TrackingStatus::Carried.as_str() {
        let copies = recommendation_carries::Entity::find()
            .filter(recommendation_carries::Column::CarriedFromId.eq(recommendation_id))
            .one(&txn)
            .await?;
        if copies.is_some() {
            return Err(DomainError::validation("step", "carried-step"));
        }
    }
    step.delete(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes the detail (e.g. the government's country) of body `body_id` of recommendation
/// `recommendation_id`. Refused: not that recommendation's body (`NotFound`), a detail too
/// long or with control characters, or the same body with that detail already there
/// (`detail`: `already-addressed`).
pub async fn edit_body<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    recommendation_id: i64,
    body_id: i64,
    detail: &str,
) -> Result<(), DomainError> {
    let detail = body_detail(detail)?;
    let txn = crate::service::db::begin_write(db).await?;
    let body = body_of(&txn, recommendation_id, body_id).await?;
    let twin = recommendation_bodies::Entity::find()
        .filter(recommendation_bodies::Column::RecommendationId.eq(recommendation_id))
        .filter(recommendation_bodies::Column::Body.eq(body.body.as_str()))
        .filter(recommendation_bodies::Column::Detail.eq(detail.as_str()))
        .filter(recommendation_bodies::Column::Id.ne(body_id))
        .one(&txn)
        .await?;
    if twin.is_some() {
        return Err(DomainError::validation("detail", "already-addressed"));
    }
    let mut body: recommendation_bodies::ActiveModel = body.into();
    body.detail = Set(detail);
    body.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// No longer addresses recommendation `recommendation_id` to body `body_id` (refused as
/// `NotFound` when it is another recommendation's).
pub async fn remove_body<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    recommendation_id: i64,
    body_id: i64,
) -> Result<(), DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    body_of(&txn, recommendation_id, body_id)
        .await?
        .delete(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
