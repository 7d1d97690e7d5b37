//! Registering through the public form.
use chrono::{DateTime, Utc};
use entities::{events, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::fields::{self, Details};
use super::retry::{begin_write, with_retry, Failure};
use super::{
    apply_details, lock_event, messages, organisation_id, private_link, record_change, status_of,
    CONSENT_VERSION,
};
use crate::registration_types::{RegistrationForm, RegistrationReceipt};
use crate::service::questions::{self, Answer};
use crate::service::{auth, outbox};
use crate::types::{EventId, EventStatus, RegistrationMode, RegistrationStatus, Visibility};
use crate::DomainError;

fn closed() -> DomainError {
    DomainError::validation("event", "registration-closed")
}

/// Whether the public may register for `event` now, and how. Drafts and invitation-only
/// events do not exist for the public (the event page answers 404 too).
fn open_mode(event: &events::Model, now: DateTime<Utc>) -> Result<RegistrationMode, DomainError> {
    let status = EventStatus::parse(&event.status).ok_or(DomainError::Internal)?;
    let visibility = Visibility::parse(&event.visibility).ok_or(DomainError::Internal)?;
    if status == EventStatus::Draft || visibility != Visibility::Public {
        return Err(DomainError::NotFound);
    }
    if status != EventStatus::Published || now >= event.ends_at {
        return Err(closed());
    }
    let mode = RegistrationMode::parse(&event.registration_mode).ok_or(DomainError::Internal)?;
    if mode == RegistrationMode::Invitation {
        return Err(DomainError::validation("event", "invitation-only"));
    }
    if event.registration_opens_at.is_some_and(|opens| now < opens) {
        return Err(DomainError::validation("event", "registration-not-open"));
    }
    if event
        .registration_closes_at
        .is_some_and(|closes| now >= closes)
    {
        return Err(closed());
    }
    Ok(mode)
}

/// Registers the person in `form` for the event `slug`.
///
/// Refusals: `NotFound` (no such public event); `Validation { field: "event" }` with
/// `registration-closed`, `registration-not-open` or `invitation-only`; then the first bad
/// field. The same e-mail or the same submission key again returns the existing registration
/// (`already`), unchanged, under a new private link: handed back for the same submission key,
/// only e-mailed for the same address. `base_url` starts the link in the e-mail.
pub async fn register<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    form: &RegistrationForm,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, DomainError> {
    // Event refusals first (no point correcting a form that cannot be sent); checked again
    // under the lock below.
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    open_mode(&event, now)?;
    let form = &form.settle_zawgyi()?;
    let details = fields::check(form, true)?;
    let asked = questions::of_event(db, EventId(event.id)).await?;
    let answers = questions::check_answers(&asked, &form.answers)?;
    fields::check_places(db, &details).await?;
    with_retry("register", || {
        register_once(db, slug, &details, &answers, base_url, now)
    })
    .await
}

async fn register_once<C: TransactionTrait>(
    db: &C,
    slug: &str,
    d: &Details,
    answers: &[Answer],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, Failure> {
    let txn = begin_write(db).await?;
    let event = lock_event(&txn, events::Column::Slug.eq(slug))
        .await?
        .ok_or(DomainError::NotFound)?;
    let mode = open_mode(&event, now)?;

    if let Some(key) = &d.submission_key {
        let existing = registrations::Entity::find()
            .filter(registrations::Column::SubmissionKey.eq(key.as_str()))
            .one(&txn)
            .await?;
        if let Some(existing) = existing {
            if existing.event_id != event.id {
                return Err(
                    DomainError::validation("submission_key", "invalid-submission-key").into(),
                );
            }
            let receipt = again(&txn, &event, existing, true, base_url, now).await?;
            txn.commit().await?;
            return Ok(receipt);
        }
    }
    let person = people::Entity::find()
        .filter(people::Column::Email.eq(d.email.as_str()))
        .one(&txn)
        .await?;
    if let Some(person) = &person {
        let existing = registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(event.id))
            .filter(registrations::Column::PersonId.eq(person.id))
            .one(&txn)
            .await?;
        if let Some(existing) = existing {
            let receipt = again(&txn, &event, existing, false, base_url, now).await?;
            txn.commit().await?;
            return Ok(receipt);
        }
    }

    let organisation = match &d.organisation {
        Some(name) => Some(organisation_id(&txn, name, now).await?),
        None => None,
    };
    let person_id = match person {
        Some(person) => {
            let id = person.id;
            let mut model: people::ActiveModel = person.into();
            apply_details(&mut model, d, organisation, true, now);
            model.update(&txn).await?;
            id
        }
        None => {
            let mut model = people::ActiveModel {
                created_at: Set(now),
                ..Default::default()
            };
            apply_details(&mut model, d, organisation, false, now);
            model.insert(&txn).await?.id
        }
    };

    let status = match mode {
        RegistrationMode::Application => RegistrationStatus::Applied,
        RegistrationMode::Open | RegistrationMode::Invitation => {
            let confirmed = registrations::Entity::find()
                .filter(registrations::Column::EventId.eq(event.id))
                .filter(registrations::Column::Status.eq(RegistrationStatus::Confirmed.as_str()))
                .count(&txn)
                .await?;
            let room = event
                .capacity
                .is_none_or(|cap| confirmed < u64::try_from(cap).unwrap_or(0));
            if room {
                RegistrationStatus::Confirmed
            } else {
                RegistrationStatus::Waitlisted
            }
        }
    };
    let token = auth::new_token();
    let registration = registrations::ActiveModel {
        event_id: Set(event.id),
        person_id: Set(person_id),
        status: Set(status.as_str().to_owned()),
        role: Set("participant".to_owned()),
        token_hash: Set(Some(auth::token_hash(&token))),
        created_at: Set(now),
        updated_at: Set(now),
        consent_version: Set(Some(CONSENT_VERSION.to_owned())),
        consented_at: Set(Some(now)),
        interpretation_needed: Set(d.interpretation_needed.clone()),
        dietary: Set(d.dietary.clone()),
        accessibility: Set(d.accessibility.clone()),
        travel_support: Set(d.travel_support),
        submission_key: Set(d.submission_key.clone()),
        locale: Set(d.locale.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_change(&txn, registration.id, None, status, None, now).await?;
    questions::store_answers(&txn, registration.id, answers).await?;
    let mail = messages::registered(
        i18n::Locale::from_tag_or_english(&d.locale),
        &event,
        &d.name_latin,
        status,
        &private_link(base_url, &token),
    );
    outbox::queue(&txn, &d.email, &mail.subject, &mail.body, now).await?;
    txn.commit().await?;
    Ok(RegistrationReceipt {
        token: Some(token),
        status,
        event_slug: event.slug,
        already: false,
    })
}

/// The answer for a registration that already exists: a new private link replaces the old
/// one and goes by e-mail to the address on file; `hand_token` also returns it to the caller.
async fn again(
    txn: &impl ConnectionTrait,
    event: &events::Model,
    existing: registrations::Model,
    hand_token: bool,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, Failure> {
    let status = status_of(&existing)?;
    let person = people::Entity::find_by_id(existing.person_id)
        .one(txn)
        .await?
        .ok_or(DomainError::Internal)?;
    let token = auth::new_token();
    let existing_locale = existing.locale.clone();
    let mut model: registrations::ActiveModel = existing.into();
    model.token_hash = Set(Some(auth::token_hash(&token)));
    model.updated_at = Set(now);
    model.update(txn).await?;
    if let Some(email) = &person.email {
        let link = private_link(base_url, &token);
        let locale = i18n::Locale::from_tag_or_english(&existing_locale);
        let mail = messages::new_link(locale, event, &person.name_latin, status, &link);
        outbox::queue(txn, email, &mail.subject, &mail.body, now).await?;
    }
    Ok(RegistrationReceipt {
        token: hand_token.then_some(token),
        status,
        event_slug: event.slug.clone(),
        already: true,
    })
}
