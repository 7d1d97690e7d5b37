//! A person's history with the network, for staff: every event they registered for, in what
//! role and with what status, the days they attended and whether they completed, their
//! assessment scores and follow-up answers, and how many events they joined after their first
//! training (what "remained engaged" is measured by).
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use entities::{events, organisations, people, registrations};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::attendance::{event_days, marks};
use super::attendance_report::cohort_members;
use crate::attendance_types::{completed, days_attended};
use crate::followup_types::{HistoryEntry, PersonHistory};
use crate::types::{EventId, EventKind, RegistrationRole, RegistrationStatus};
use crate::DomainError;

/// The history of person `person_id` at `now`.
pub async fn person(
    db: &impl ConnectionTrait,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<PersonHistory, DomainError> {
    let person = people::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let organisation = match person.organisation_id {
        Some(id) => organisations::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let mut registrations = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person_id))
        .find_also_related(events::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(r, e)| e.map(|e| (r, e)))
        .collect::<Vec<_>>();
    registrations.sort_by_key(|(r, e)| (e.starts_at, r.id));
    let mut entries = Vec::with_capacity(registrations.len());
    for (registration, event) in registrations {
        entries.push(entry(db, registration, event, now).await?);
    }
    let country = match person.country_code {
        Some(code) => super::participants::name_lookups(db)
            .await?
            .1
            .get(&code)
            .cloned()
            .unwrap_or(code),
        None => String::new(),
    };
    Ok(PersonHistory {
        person_id,
        later_events: later_events(&entries),
        anonymised_at: person.anonymised_at,
        can_anonymise: false,
        delegations: super::delegations::of_person(db, person_id).await?,
        name_latin: person.name_latin,
        name_native: person.name_native.unwrap_or_default(),
        email: person.email.unwrap_or_default(),
        organisation: organisation.unwrap_or_default(),
        country,
        entries,
    })
}

async fn entry(
    db: &impl ConnectionTrait,
    registration: registrations::Model,
    event: events::Model,
    now: DateTime<Utc>,
) -> Result<HistoryEntry, DomainError> {
    let days: BTreeSet<NaiveDate> = event_days(&event)?.into_iter().collect();
    let attended = days_attended(
        marks(db, event.id)
            .await?
            .into_iter()
            .filter(|(id, _)| *id == registration.id)
            .map(|(_, slot)| slot),
    );
    let days_present = u32::try_from(attended.intersection(&days).count()).unwrap_or(u32::MAX);
    let total_days = u32::try_from(days.len()).unwrap_or(u32::MAX);
    let in_cohort = cohort_members(db, EventId(event.id))
        .await?
        .iter()
        .any(|r| r.registration_id == registration.id);
    let percent = u8::try_from(event.completion_percent).unwrap_or(80);
    // Completion means something for trainees and at trainings, not at a forum.
    let counts = in_cohort
        && (registration.role == RegistrationRole::Trainee.as_str()
            || event.kind == EventKind::Training.as_str());
    let (assessment, followups) = if in_cohort {
        (
            super::assessment::results(db, event.id)
                .await?
                .get(&registration.id)
                .copied()
                .unwrap_or_default(),
            super::followup::of_registration(db, &event, registration.id, now).await?,
        )
    } else {
        Default::default()
    };
    Ok(HistoryEntry {
        registration_id: registration.id,
        role: registration.role,
        status: registration.status,
        registered_at: registration.created_at,
        days_present,
        total_days,
        completed: counts.then(|| completed(days_present, total_days, percent)),
        assessment,
        followups,
        event: super::events::to_summary(event)?,
    })
}

/// Events joined (confirmed) after the end of the person's first training as a trainee.
fn later_events(entries: &[HistoryEntry]) -> u32 {
    let first_training_end = entries
        .iter()
        .filter(|e| {
            e.event.kind == EventKind::Training && e.role == RegistrationRole::Trainee.as_str()
        })
        .filter(|e| e.completed.is_some())
        .map(|e| e.event.ends_at)
        .min();
    let Some(end) = first_training_end else {
        return 0;
    };
    let confirmed = RegistrationStatus::Confirmed.as_str();
    u32::try_from(
        entries
            .iter()
            .filter(|e| e.event.starts_at > end && e.status == confirmed)
            .count(),
    )
    .unwrap_or(u32::MAX)
}
