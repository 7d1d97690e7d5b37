//! Getting people there: each registration's travel details, given by the participant on
//! their private page (no JavaScript needed) and by staff on the event's travel page, and the
//! arrivals and departures by day for airport pick-ups.
//!
//! Invariants:
//! - dates and times are typed in the event's local time and stored as UTC instants; a date
//!   without a time (or the reverse), a day more than [`TRAVEL_WINDOW_DAYS`] away from the
//!   event, or a departure before the arrival is refused next to its field, nothing written;
//! - the passport number is entered by staff only, never shown on the private page or any
//!   public page, and cleared by erasure and the retention purge (see `privacy`);
//! - participants change their travel while the event has not ended and they still take part.
//!
//! [`TRAVEL_WINDOW_DAYS`]: crate::travel_types::TRAVEL_WINDOW_DAYS
use chrono::{DateTime, Utc};
use entities::{events, people, registrations, travel_details};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::service::events::to_summary;
use crate::travel_types::{
    Direction, EventTravel, Movement, Movements, MyTravel, TravelForm, TravelRow,
};
use crate::types::RegistrationStatus;
use crate::DomainError;

pub(crate) mod convert;
pub mod payments;
pub mod rooms;
pub mod visa;

/// Statuses of a registration that no longer takes part.
pub(crate) const GONE: [RegistrationStatus; 3] = [
    RegistrationStatus::Withdrawn,
    RegistrationStatus::Declined,
    RegistrationStatus::Rejected,
];

pub(crate) fn takes_part(status: &str) -> bool {
    !GONE.iter().any(|g| g.as_str() == status)
}

async fn event_of(
    db: &impl ConnectionTrait,
    registration: &registrations::Model,
) -> Result<events::Model, DomainError> {
    events::Entity::find_by_id(registration.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)
}

/// The participant's travel form behind a private link, or `None` when it cannot be changed
/// (the event ended, or they no longer take part). An unknown token is `NotFound`.
pub async fn mine(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<MyTravel>, DomainError> {
    let registration = crate::service::registration::find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = event_of(db, &registration).await?;
    if now >= event.ends_at || !takes_part(&registration.status) {
        return Ok(None);
    }
    let stored = travel_details::Entity::find_by_id(registration.id)
        .one(db)
        .await?;
    let tz = convert::zone(&event);
    Ok(Some(MyTravel {
        form: stored
            .map(|t| convert::to_form(&t, tz, false))
            .unwrap_or_default(),
        timezone: event.timezone,
    }))
}

/// Saves the participant's own travel form (see [`mine`] for when it may change).
pub async fn save_mine<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    token: &str,
    form: &TravelForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let registration = crate::service::registration::find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = event_of(db, &registration).await?;
    if now >= event.ends_at {
        return Err(DomainError::validation("travel", "event-ended"));
    }
    if !takes_part(&registration.status) {
        return Err(DomainError::Forbidden);
    }
    let valid = convert::read(form, &event, false)?;
    store(db, registration.id, valid, now).await
}

/// Staff save one registration's travel (passport number included) for the event `slug`.
pub async fn save_for<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    registration_id: i64,
    form: &TravelForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let registration = registrations::Entity::find_by_id(registration_id)
        .one(db)
        .await?
        .filter(|r| r.event_id == event.id)
        .ok_or_else(|| DomainError::validation("registration_id", "unknown-registration"))?;
    let valid = convert::read(form, &event, true)?;
    store(db, registration.id, valid, now).await
}

pub(crate) async fn event_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<events::Model, DomainError> {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn store<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    registration_id: i64,
    v: convert::Valid,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let existing = travel_details::Entity::find_by_id(registration_id)
        .one(&txn)
        .await?;
    let mut model = match &existing {
        Some(t) => travel_details::ActiveModel::from(t.clone()),
        None => travel_details::ActiveModel {
            registration_id: Set(registration_id),
            passport_number: Set(None),
            ..Default::default()
        },
    };
    model.from_city = Set(v.from_city);
    model.from_country = Set(v.from_country);
    model.nationality = Set(v.nationality);
    model.visa_needed = Set(v.visa_needed);
    model.arrival_at = Set(v.arrival_at);
    model.arrival_means = Set(v.arrival_means);
    model.arrival_number = Set(v.arrival_number);
    model.departure_at = Set(v.departure_at);
    model.departure_means = Set(v.departure_means);
    model.departure_number = Set(v.departure_number);
    model.arrangement = Set(v.arrangement);
    model.passport_name = Set(v.passport_name);
    if let Some(number) = v.passport_number {
        model.passport_number = Set(number);
    }
    model.updated_at = Set(now);
    if existing.is_some() {
        model.update(&txn).await?;
    } else {
        model.insert(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Everyone taking part in the event and their travel (staff only), by name.
pub async fn event_travel(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<EventTravel, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let tz = convert::zone(&event);
    let rows = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .order_by_asc(registrations::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let details: std::collections::HashMap<i64, travel_details::Model> =
        travel_details::Entity::find()
            .filter(
                travel_details::Column::RegistrationId
                    .is_in(rows.iter().map(|(r, _)| r.id).collect::<Vec<_>>()),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.registration_id, t))
            .collect();
    let mut out = Vec::new();
    for (r, person) in rows {
        if !takes_part(&r.status) {
            continue;
        }
        let person = person.ok_or(DomainError::Internal)?;
        let stored = details.get(&r.id);
        out.push(TravelRow {
            registration_id: r.id,
            name: person.name_latin,
            name_native: person.name_native.unwrap_or_default(),
            gender: person.gender.unwrap_or_default(),
            form: stored
                .map(|t| convert::to_form(t, tz, true))
                .unwrap_or_else(|| TravelForm {
                    passport_number: Some(String::new()),
                    ..TravelForm::default()
                }),
            has_passport_number: stored.is_some_and(|t| t.passport_number.is_some()),
        });
    }
    out.sort_by_key(|r| r.name.to_lowercase());
    Ok(EventTravel {
        event: to_summary(event)?,
        rows: out,
    })
}

/// Arrivals and departures by local day and time, for pick-ups (staff only).
pub async fn movements(db: &impl ConnectionTrait, slug: &str) -> Result<Movements, DomainError> {
    let travel = event_travel(db, slug).await?;
    let mut rows = Vec::new();
    for r in &travel.rows {
        let f = &r.form;
        let from = [f.from_city.as_str(), f.from_country.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let legs = [
            (
                Direction::Arrival,
                &f.arrival_date,
                &f.arrival_time,
                &f.arrival_means,
                &f.arrival_number,
            ),
            (
                Direction::Departure,
                &f.departure_date,
                &f.departure_time,
                &f.departure_means,
                &f.departure_number,
            ),
        ];
        for (direction, day, time, means, number) in legs {
            if day.is_empty() {
                continue;
            }
            rows.push(Movement {
                day: day.clone(),
                time: time.clone(),
                direction,
                name: r.name.clone(),
                means: means.clone(),
                number: number.clone(),
                from: from.clone(),
            });
        }
    }
    rows.sort_by(|a, b| {
        (
            &a.day,
            &a.time,
            a.direction == Direction::Departure,
            &a.name,
        )
            .cmp(&(
                &b.day,
                &b.time,
                b.direction == Direction::Departure,
                &b.name,
            ))
    });
    Ok(Movements {
        event: travel.event,
        rows,
    })
}
