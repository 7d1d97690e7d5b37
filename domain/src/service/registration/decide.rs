//! Coordinators' decisions on many registrations at once: accept (confirm), reserve (put on
//! the waiting list) or reject. Every change is recorded with who made it and when, and,
//! when asked, announced by e-mail with a fresh private link.
//!
//! Accepting never goes beyond the event's capacity: a batch that would is refused whole.
//! Taking a confirmed person off (reserve, reject) does not promote anyone from the waiting
//! list by itself: the coordinator is choosing, so the next choice is theirs too.
use chrono::{DateTime, Utc};
use entities::{events, people, registrations};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionSession, TransactionTrait,
};

use super::retry::{with_retry, Failure};
use super::{change_status, lock_event, messages, new_link, private_link, status_of};
use crate::selection_types::{check_decision, DecisionForm};
use crate::service::db::begin_write;
use crate::service::outbox;
use crate::types::{EventId, RegistrationStatus, UserId};
use crate::DomainError;

/// Applies the decision in `form` to the ticked registrations of `event`; returns how many
/// changed (those already in the decided status are left alone). Refusals, changing nothing:
/// a bad form (`decision`, `picked`), a registration of another event (`NotFound`), someone
/// who withdrew or declined (`decision-not-allowed`), or more accepted than places remain
/// (`over-capacity`).
pub async fn decide<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    event: EventId,
    form: &DecisionForm,
    by: UserId,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    let (decision, ids, notify) = check_decision(form)?;
    let target = decision.status();
    with_retry("decide", || async {
        let txn = begin_write(db).await?;
        let event = lock_event(&txn, events::Column::Id.eq(event.0))
            .await?
            .ok_or(DomainError::NotFound)?;
        let picked = registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(event.id))
            .filter(registrations::Column::Id.is_in(ids.iter().copied()))
            .order_by_asc(registrations::Column::Id)
            .all(&txn)
            .await?;
        if picked.len() != ids.len() {
            return Err(DomainError::NotFound.into());
        }
        let mut changing = Vec::new();
        for registration in picked {
            let status = status_of(&registration)?;
            if matches!(
                status,
                RegistrationStatus::Withdrawn | RegistrationStatus::Declined
            ) {
                return Err(DomainError::validation("picked", "decision-not-allowed").into());
            }
            if status != target {
                changing.push((registration, status));
            }
        }
        if let (RegistrationStatus::Confirmed, Some(capacity)) = (target, event.capacity) {
            let confirmed = registrations::Entity::find()
                .filter(registrations::Column::EventId.eq(event.id))
                .filter(registrations::Column::Status.eq(RegistrationStatus::Confirmed.as_str()))
                .count(&txn)
                .await?;
            let wanted = confirmed + u64::try_from(changing.len()).unwrap_or(u64::MAX);
            if wanted > u64::try_from(capacity).unwrap_or(0) {
                return Err(DomainError::validation("picked", "over-capacity").into());
            }
        }
        let count = changing.len();
        for (registration, from) in changing {
            let (id, person_id) = (registration.id, registration.person_id);
            let locale = i18n::Locale::from_tag_or_english(&registration.locale);
            change_status(&txn, registration, from, target, Some(by), now).await?;
            if notify {
                let whom = (id, person_id, locale);
                tell(&txn, &event, whom, target, base_url, now).await?;
            }
        }
        txn.commit().await?;
        Ok::<usize, Failure>(count)
    })
    .await
}

/// E-mails the decision with a new private link (earlier links keep working), in the
/// language of the registration (`whom`: registration id, person id, language).
async fn tell(
    txn: &impl ConnectionTrait,
    event: &events::Model,
    (registration_id, person_id, locale): (i64, i64, i18n::Locale),
    status: RegistrationStatus,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let person = people::Entity::find_by_id(person_id)
        .one(txn)
        .await?
        .ok_or(DomainError::Internal)?;
    let Some(email) = &person.email else {
        return Ok(());
    };
    let token = new_link(txn, registration_id, now).await?;
    let link = private_link(base_url, &token);
    let mail = messages::decided(locale, event, &person.name_latin, status, &link)?;
    outbox::queue(txn, email, &mail.subject, &mail.body, mail.calendar, now).await?;
    Ok(())
}
