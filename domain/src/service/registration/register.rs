//! Registering through the public form.
use chrono::{DateTime, Utc};
use entities::{events, invitations, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::fields::{self, Details};
use super::retry::{with_retry, Failure};
use super::{
    apply_details, create, lock_event, messages, organisation_id, private_link, status_of,
    FormPart, NewRegistration,
};
use crate::registration_types::{RegistrationForm, RegistrationReceipt};
use crate::selection_types::InvitationState;
use crate::service::db::begin_write;
use crate::service::questions::{self, Answer};
use crate::service::{auth, outbox};
use crate::types::{
    EventId, EventStatus, RegistrationMode, RegistrationRole, RegistrationStatus, Visibility,
};
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

/// Whether an invited person may register for `event` now, and how: visibility and the
/// invitation-only mode do not stop them, and the registration window's opening neither
/// (coordinators invite ahead); a draft, a closed or ended event, or a passed closing date do.
fn invited_mode(
    event: &events::Model,
    now: DateTime<Utc>,
) -> Result<RegistrationMode, DomainError> {
    let status = EventStatus::parse(&event.status).ok_or(DomainError::Internal)?;
    if status == EventStatus::Draft {
        return Err(DomainError::validation("event", "registration-not-open"));
    }
    let past_closing = event
        .registration_closes_at
        .is_some_and(|closes| now >= closes);
    if status != EventStatus::Published || now >= event.ends_at || past_closing {
        return Err(closed());
    }
    RegistrationMode::parse(&event.registration_mode).ok_or(DomainError::Internal)
}

/// How a registration arrives: through the public form, or through an invitation's link.
#[derive(Debug, Clone, Copy)]
enum Via {
    Public,
    Invitation(i64),
}

fn invitation_used() -> DomainError {
    DomainError::validation("invitation", "invitation-used")
}

/// Registers the person in `form` for the event `slug`, through the public form.
///
/// The private link is only e-mailed to the address typed, never handed back (`token` is
/// always `None`), so the caller can answer the same whoever the address belongs to. An
/// address already on file keeps its person's stored details: the new registration is
/// theirs, and only their empty fields are filled from the form.
///
/// Refusals: `NotFound` (no such public event); `Validation { field: "event" }` with
/// `registration-closed`, `registration-not-open` or `invitation-only`; then the first bad
/// field. None of them depends on the address. The same e-mail again returns the existing
/// registration (`already`), unchanged, and e-mails it a new private link; the same
/// submission key again (a second click) changes and sends nothing. `base_url` starts the
/// link in the e-mail.
pub async fn register<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    form: &RegistrationForm,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, DomainError> {
    // Event refusals first (no point correcting a form that cannot be sent); checked again
    // under the lock below.
    let event = crate::service::events::event_by_slug(db, slug).await?;
    open_mode(&event, now)?;
    let form = &form.settle_zawgyi()?;
    let details = fields::check(form, true)?;
    let asked = questions::of_event(db, EventId(event.id)).await?;
    let answers = questions::check_answers(&asked, &form.answers)?;
    fields::check_places(db, &details).await?;
    with_retry("register", || {
        register_once(db, slug, Via::Public, &details, &answers, base_url, now)
    })
    .await
}

/// Registers the person in `form` through the invitation `invitation_id` (found by its
/// link), for its event, whatever the event's mode and visibility: within capacity they are
/// confirmed, beyond it waitlisted; an application event takes their application. The
/// invitation becomes `registered`. An invitation already answered is refused
/// (`invitation-used`); so is one for an event that is not open (as [`register`]).
pub(crate) async fn register_invited<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    invitation_id: i64,
    form: &RegistrationForm,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, DomainError> {
    let invitation = invitations::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = events::Entity::find_by_id(invitation.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    invited_mode(&event, now)?;
    let details = fields::check(form, true)?;
    let asked = questions::of_event(db, EventId(event.id)).await?;
    let answers = questions::check_answers(&asked, &form.answers)?;
    fields::check_places(db, &details).await?;
    with_retry("register invited", || {
        register_once(
            db,
            &event.slug,
            Via::Invitation(invitation_id),
            &details,
            &answers,
            base_url,
            now,
        )
    })
    .await
}

/// Marks the invitation answered by `registration_id`.
async fn mark_registered(
    txn: &impl ConnectionTrait,
    invitation: invitations::Model,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let mut model: invitations::ActiveModel = invitation.into();
    model.status = Set(InvitationState::Registered.as_str().to_owned());
    model.registration_id = Set(Some(registration_id));
    model.responded_at = Set(Some(now));
    model.update(txn).await?;
    Ok(())
}

async fn register_once<C: TransactionTrait>(
    db: &C,
    slug: &str,
    via: Via,
    d: &Details,
    answers: &[Answer],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationReceipt, Failure> {
    let txn = begin_write(db).await?;
    let event = lock_event(&txn, events::Column::Slug.eq(slug))
        .await?
        .ok_or(DomainError::NotFound)?;
    let mode = match via {
        Via::Public => open_mode(&event, now)?,
        Via::Invitation(_) => invited_mode(&event, now)?,
    };

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
            let receipt = match via {
                // The first click's e-mail is on its way with a working link.
                Via::Public => RegistrationReceipt {
                    token: None,
                    status: status_of(&existing)?,
                    event_slug: event.slug.clone(),
                    already: true,
                },
                Via::Invitation(_) => again(&txn, &event, existing, true, base_url, now).await?,
            };
            txn.commit().await?;
            return Ok(receipt);
        }
    }
    // Read under the lock: a link used twice at once registers once.
    let invitation = match via {
        Via::Public => None,
        Via::Invitation(id) => Some(
            invitations::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|i| i.event_id == event.id && i.status == InvitationState::Sent.as_str())
                .ok_or_else(invitation_used)?,
        ),
    };
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
            if let Some(invitation) = invitation {
                mark_registered(&txn, invitation, existing.id, now).await?;
            }
            let receipt = again(&txn, &event, existing, false, base_url, now).await?;
            txn.commit().await?;
            return Ok(receipt);
        }
    }

    let organisation = match &d.organisation {
        Some(name) => Some(organisation_id(&txn, name, now).await?),
        None => None,
    };
    // A known address: whoever typed it has not shown they own it, so the stored details
    // stay as they are (only empty ones are filled) and the private link goes only to that
    // address, never to the caller, who would otherwise read the person's details on it.
    // The public form never hands the link back, so that its answer is the same for a known
    // address and a new one; an invitation's link (sent to the invited address) does, for
    // an address not on file.
    let hand_token = person.is_none() && matches!(via, Via::Invitation(_));
    // The person as stored: the e-mail greets them by the name on file.
    let addressee = match person {
        Some(person) => {
            let mut model: people::ActiveModel = person.clone().into();
            fill_empty(&mut model, &person, d, organisation, now);
            model.update(&txn).await?
        }
        None => {
            let mut model = people::ActiveModel {
                created_at: Set(now),
                ..Default::default()
            };
            apply_details(&mut model, d, organisation, false, now);
            model.insert(&txn).await?
        }
    };
    let person_id = addressee.id;

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
    let new = NewRegistration {
        event_id: event.id,
        person_id,
        status,
        role: RegistrationRole::Participant,
        walk_in: false,
        by: None,
        form: Some(FormPart {
            token_hash: auth::token_hash(&token),
            interpretation_needed: d.interpretation_needed.clone(),
            dietary: d.dietary.clone(),
            accessibility: d.accessibility.clone(),
            travel_support: d.travel_support,
            submission_key: d.submission_key.clone(),
            locale: d.locale.clone(),
        }),
    };
    let registration = create(&txn, new, now).await?;
    if let Some(invitation) = invitation {
        mark_registered(&txn, invitation, registration.id, now).await?;
    }
    questions::store_answers(&txn, registration.id, answers).await?;
    let mail = messages::registered(
        i18n::Locale::from_tag_or_english(&d.locale),
        &event,
        &addressee.name_latin,
        status,
        &private_link(base_url, &token),
    )?;
    outbox::queue(
        &txn,
        &d.email,
        &mail.subject,
        &mail.body,
        mail.calendar,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(RegistrationReceipt {
        token: hand_token.then_some(token),
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
        let mail = messages::new_link(locale, event, &person.name_latin, status, &link)?;
        outbox::queue(txn, email, &mail.subject, &mail.body, mail.calendar, now).await?;
    }
    Ok(RegistrationReceipt {
        token: hand_token.then_some(token),
        status,
        event_slug: event.slug.clone(),
        already: true,
    })
}

/// Fills only the fields `stored` leaves empty: the form of someone using a known address
/// must not change the person's name, organisation, phone, consent or anything else on file.
fn fill_empty(
    model: &mut people::ActiveModel,
    stored: &people::Model,
    d: &Details,
    organisation: Option<i64>,
    now: DateTime<Utc>,
) {
    macro_rules! fill {
        ($column:ident, $value:expr) => {
            if stored.$column.is_none() {
                if let Some(value) = $value {
                    model.$column = Set(Some(value));
                }
            }
        };
    }
    fill!(name_native, d.name_native.clone());
    fill!(phone, d.phone.clone());
    fill!(organisation_id, organisation);
    fill!(position, d.position.clone());
    fill!(country_code, Some(d.country_code.clone()));
    fill!(region_code, d.region_code.clone());
    fill!(sector, d.sector.map(|s| s.as_str().to_owned()));
    fill!(gender, d.gender.map(|g| g.as_str().to_owned()));
    if stored.languages.is_empty() && !d.languages.is_empty() {
        model.languages = Set(d.languages.clone());
    }
    model.updated_at = Set(now);
}
