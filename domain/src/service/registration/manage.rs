//! What a registrant changes through their private link: their details, or their mind.
use chrono::{DateTime, Utc};
use entities::{events, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::fields::{self, Details};
use super::page::{finished, load};
use super::retry::{with_retry, Failure};
use super::{
    apply_details, change_status, find_by_token, lock_event, messages, organisation_id, status_of,
    CONSENT_VERSION,
};
use crate::registration_types::{MyRegistration, RegistrationForm};
use crate::service::db::begin_write;
use crate::service::outbox;
use crate::service::questions::{self, Answer};
use crate::types::{EventId, RegistrationStatus};
use crate::DomainError;

fn event_ended() -> DomainError {
    DomainError::validation("event", "event-ended")
}

/// Withdraws the registration behind `token` (again: nothing happens). When the person held
/// a confirmed place, the first on the waiting list takes it in the same transaction, and
/// both are told by e-mail. Refused once the event has ended (`event-ended`).
pub async fn withdraw<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<MyRegistration, DomainError> {
    let id = with_retry("withdraw", || withdraw_once(db, token, now)).await?;
    let registration = registrations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    load(db, registration, now).await
}

async fn withdraw_once<C: TransactionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, Failure> {
    let txn = begin_write(db).await?;
    let found = find_by_token(&txn, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = lock_event(&txn, events::Column::Id.eq(found.event_id))
        .await?
        .ok_or(DomainError::Internal)?;
    // Read again under the event's lock: a concurrent withdrawal (double click) may have
    // changed it, and it must not promote twice.
    let registration = registrations::Entity::find_by_id(found.id)
        .one(&txn)
        .await?
        .filter(|r| r.token_hash == found.token_hash)
        .ok_or(DomainError::NotFound)?;
    let status = status_of(&registration)?;
    if finished(status) {
        return Ok(registration.id);
    }
    if now >= event.ends_at {
        return Err(event_ended().into());
    }
    let (id, person_id) = (registration.id, registration.person_id);
    let locale = i18n::Locale::from_tag_or_english(&registration.locale);
    let withdrawn = RegistrationStatus::Withdrawn;
    change_status(&txn, registration, status, withdrawn, None, now).await?;
    tell(&txn, person_id, now, |name| {
        messages::withdrawn(locale, &event, name)
    })
    .await?;
    if status == RegistrationStatus::Confirmed {
        promote(&txn, &event, now).await?;
    }
    txn.commit().await?;
    Ok(id)
}

/// Confirms the oldest waitlisted registrations while places are free.
pub(super) async fn promote(
    txn: &impl ConnectionTrait,
    event: &events::Model,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    loop {
        if let Some(capacity) = event.capacity {
            let confirmed = registrations::Entity::find()
                .filter(registrations::Column::EventId.eq(event.id))
                .filter(registrations::Column::Status.eq(RegistrationStatus::Confirmed.as_str()))
                .count(txn)
                .await?;
            if confirmed >= u64::try_from(capacity).unwrap_or(0) {
                return Ok(());
            }
        }
        let Some(next) = registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(event.id))
            .filter(registrations::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
            .order_by_asc(registrations::Column::CreatedAt)
            .order_by_asc(registrations::Column::Id)
            .one(txn)
            .await?
        else {
            return Ok(());
        };
        let person_id = next.person_id;
        let locale = i18n::Locale::from_tag_or_english(&next.locale);
        let (from, to) = (
            RegistrationStatus::Waitlisted,
            RegistrationStatus::Confirmed,
        );
        change_status(txn, next, from, to, None, now).await?;
        tell(txn, person_id, now, |name| {
            messages::promoted(locale, event, name)
        })
        .await?;
    }
}

/// Queues a message for a person who has an e-mail address.
async fn tell(
    txn: &impl ConnectionTrait,
    person_id: i64,
    now: DateTime<Utc>,
    mail: impl FnOnce(&str) -> Result<messages::Mail, DomainError>,
) -> Result<(), Failure> {
    let person = people::Entity::find_by_id(person_id)
        .one(txn)
        .await?
        .ok_or(DomainError::Internal)?;
    if let Some(email) = &person.email {
        let mail = mail(&person.name_latin)?;
        outbox::queue(txn, email, &mail.subject, &mail.body, mail.calendar, now).await?;
    }
    Ok(())
}

/// Replaces the person's details (the edit form shows them all, so an empty field clears
/// one) and the registration's needs. Consent is not asked again; ticking it records the
/// current notice's version. A new e-mail address is not stored: a link goes to it (starting
/// with `base_url`) and replaces the address once opened, whether or not the address is
/// someone else's (see `email_change`); the page then shows it as `pending_email`.
pub async fn update_details<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    token: &str,
    form: &RegistrationForm,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<MyRegistration, DomainError> {
    let registration = find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let form = &form.settle_zawgyi()?;
    let details = fields::check(form, false)?;
    let asked = questions::of_event(db, EventId(registration.event_id)).await?;
    let answers = questions::check_answers(&asked, &form.answers)?;
    fields::check_places(db, &details).await?;
    with_retry("update registration", || {
        update_once(db, registration.id, &details, &answers, base_url, now)
    })
    .await?;
    let registration = registrations::Entity::find_by_id(registration.id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    load(db, registration, now).await
}

async fn update_once<C: TransactionTrait>(
    db: &C,
    id: i64,
    d: &Details,
    answers: &[Answer],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let txn = begin_write(db).await?;
    let registration = registrations::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = events::Entity::find_by_id(registration.event_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    if now >= event.ends_at {
        return Err(event_ended().into());
    }
    let person = people::Entity::find_by_id(registration.person_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    // Never refused here, taken or not: the answer would tell who is on file.
    let new_email = (person.email.as_deref() != Some(d.email.as_str())).then_some(&d.email);
    let organisation = match &d.organisation {
        Some(name) => Some(organisation_id(&txn, name, now).await?),
        None => None,
    };
    let current_email = person.email.clone();
    let mut person: people::ActiveModel = person.into();
    apply_details(&mut person, d, organisation, false, now);
    person.email = Set(current_email);
    person.update(&txn).await?;
    if let Some(new_email) = new_email {
        super::email_change::request(&txn, &registration, &event, new_email, base_url, now).await?;
    }
    let mut model: registrations::ActiveModel = registration.into();
    model.interpretation_needed = Set(d.interpretation_needed.clone());
    model.dietary = Set(d.dietary.clone());
    model.accessibility = Set(d.accessibility.clone());
    model.travel_support = Set(d.travel_support);
    if d.consent {
        model.consent_version = Set(Some(CONSENT_VERSION.to_owned()));
        model.consented_at = Set(Some(now));
    }
    model.updated_at = Set(now);
    model.update(&txn).await?;
    questions::store_answers(&txn, id, answers).await?;
    txn.commit().await?;
    Ok(())
}
