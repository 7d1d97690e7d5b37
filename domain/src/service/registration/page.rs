//! The registrant's private page (`/r/{token}`): the event, where they stand, their details.
use chrono::{DateTime, Utc};
use entities::{events, organisations, people, registrations};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::{find_by_token, status_of};
use crate::followup_types::MyTraining;
use crate::question_types::answers_form;
use crate::registration_types::{MyRegistration, RegistrationForm};
use crate::service::events::to_summary;
use crate::service::questions;
use crate::types::{EventId, RegistrationStatus};
use crate::DomainError;

/// Statuses with nothing left to withdraw from.
pub(super) fn finished(status: RegistrationStatus) -> bool {
    matches!(
        status,
        RegistrationStatus::Withdrawn | RegistrationStatus::Declined | RegistrationStatus::Rejected
    )
}

/// The private page behind a link. An unknown or forged token is `NotFound`.
pub async fn by_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<MyRegistration, DomainError> {
    let registration = find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    load(db, registration, now).await
}

/// The private page's content for one registration.
pub(super) async fn load(
    db: &impl ConnectionTrait,
    registration: registrations::Model,
    now: DateTime<Utc>,
) -> Result<MyRegistration, DomainError> {
    let status = status_of(&registration)?;
    let event = events::Entity::find_by_id(registration.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    let person = people::Entity::find_by_id(registration.person_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    let organisation = match person.organisation_id {
        Some(id) => organisations::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let waitlist_position = if status == RegistrationStatus::Waitlisted {
        let ahead = registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(registration.event_id))
            .filter(registrations::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
            .filter(
                Condition::any()
                    .add(registrations::Column::CreatedAt.lt(registration.created_at))
                    .add(
                        Condition::all()
                            .add(registrations::Column::CreatedAt.eq(registration.created_at))
                            .add(registrations::Column::Id.lt(registration.id)),
                    ),
            )
            .count(db)
            .await?;
        Some(ahead + 1)
    } else {
        None
    };
    let asked = questions::of_event(db, EventId(event.id)).await?;
    let answers = answers_form(&asked, &questions::answers_of(db, registration.id).await?);
    let open = now < event.ends_at;
    let training = if crate::service::assessment::in_cohort(db, &registration).await? {
        MyTraining {
            assessment: crate::service::assessment::mine(db, &event, registration.id, now).await?,
            followups: crate::service::followup::mine(db, &event, registration.id, now).await?,
        }
    } else {
        MyTraining::default()
    };
    let tick = |on: bool| on.then(|| "on".to_owned());
    let details = RegistrationForm {
        name_latin: person.name_latin,
        name_native: person.name_native.unwrap_or_default(),
        email: person.email.unwrap_or_default(),
        phone: person.phone.unwrap_or_default(),
        organisation: organisation.unwrap_or_default(),
        position: person.position.unwrap_or_default(),
        country_code: person.country_code.unwrap_or_default(),
        region_code: person.region_code.unwrap_or_default(),
        sector: person.sector.unwrap_or_default(),
        gender: person.gender.unwrap_or_default(),
        languages: person.languages,
        interpretation_needed: registration.interpretation_needed,
        dietary: registration.dietary,
        accessibility: registration.accessibility,
        travel_support: tick(registration.travel_support),
        consent: None,
        public_name_consent: tick(person.public_name_consent),
        submission_key: String::new(),
        answers,
        locale: registration.locale,
        zawgyi: String::new(),
    };
    let pending_email = super::email_change::pending(db, registration.id, now).await?;
    // The edit form's choices, only when there is a form to show.
    let (countries, regions) = if open {
        (
            crate::service::reference::countries(db).await?,
            crate::service::reference::regions(db).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let calendar_feed = if finished(status) {
        None
    } else {
        let token = crate::service::calendar::token_of(db, registration.id).await?;
        Some(crate::service::calendar::feed_path(&token))
    };
    Ok(MyRegistration {
        countries,
        regions,
        training,
        pending_email,
        event: to_summary(event)?,
        status,
        waitlist_position,
        registered_at: registration.created_at,
        details,
        consent_version: registration.consent_version,
        consented_at: registration.consented_at,
        can_edit: open,
        can_withdraw: open && !finished(status),
        questions: asked,
        calendar_feed,
    })
}
