//! "Erase my data", asked through the private link: the person is anonymised at once (the
//! same as staff anonymisation, see `service::privacy`), their registrations for events not yet
//! over are withdrawn (a confirmed place goes to the first on the waiting list, who is told),
//! and every private link of theirs stops working. The privacy log records it with ids only.
use chrono::{DateTime, Utc};
use entities::{events, registrations};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use super::manage::promote;
use super::page::finished;
use super::retry::{with_retry, Failure};
use super::{change_status, find_by_token, lock_event, status_of};
use crate::service::db::begin_write;
use crate::service::privacy::{anonymise_in, Action};
use crate::types::RegistrationStatus;
use crate::DomainError;

/// Erases the data of the person whose private link `token` is. An unknown (or already
/// erased) link is `NotFound`.
pub async fn erase<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let person_id = with_retry("erase", || erase_once(db, token, now)).await?;
    tracing::info!(person_id, "personal data erased at the person's request");
    Ok(())
}

async fn erase_once<C: TransactionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, Failure> {
    let txn = begin_write(db).await?;
    let person_id = find_by_token(&txn, token)
        .await?
        .ok_or(DomainError::NotFound)?
        .person_id;
    let theirs = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person_id))
        .all(&txn)
        .await?;
    for found in theirs {
        let Some(event) = lock_event(&txn, events::Column::Id.eq(found.event_id)).await? else {
            continue;
        };
        // Read again under the event's lock, as a withdrawal does.
        let Some(registration) = registrations::Entity::find_by_id(found.id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let status = status_of(&registration)?;
        if finished(status) || now >= event.ends_at {
            continue;
        }
        let withdrawn = RegistrationStatus::Withdrawn;
        change_status(&txn, registration, status, withdrawn, None, now).await?;
        if status == RegistrationStatus::Confirmed {
            promote(&txn, &event, now).await?;
        }
    }
    anonymise_in(&txn, person_id, Action::Erasure, None, now).await?;
    txn.commit().await?;
    Ok(person_id)
}
