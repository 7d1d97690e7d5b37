//! An event's participant list for staff, its filters, and logged CSV exports.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entities::{countries, exports, organisations, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::participant_types::{ParticipantFilter, ParticipantRow};
use crate::types::{EventId, Gender, RegistrationStatus, Sector, UserId};
use crate::DomainError;

fn check_choice(field: &str, value: &str, valid: bool) -> Result<(), DomainError> {
    if value.is_empty() || valid {
        Ok(())
    } else {
        Err(DomainError::validation(field, "invalid-choice"))
    }
}

/// Organisation names by id and country names by code, to print people's details.
pub(crate) async fn name_lookups(
    db: &impl ConnectionTrait,
) -> Result<(HashMap<i64, String>, HashMap<String, String>), DomainError> {
    let orgs = organisations::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let countries = countries::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    Ok((orgs, countries))
}

/// The registrations of an event that pass `filter`, ordered by country, then name.
pub async fn list(
    db: &impl ConnectionTrait,
    event: EventId,
    filter: &ParticipantFilter,
) -> Result<Vec<ParticipantRow>, DomainError> {
    check_choice(
        "status",
        &filter.status,
        RegistrationStatus::parse(&filter.status).is_some(),
    )?;
    check_choice(
        "sector",
        &filter.sector,
        Sector::parse(&filter.sector).is_some(),
    )?;
    check_choice(
        "gender",
        &filter.gender,
        Gender::parse(&filter.gender).is_some(),
    )?;
    let mut query =
        registrations::Entity::find().filter(registrations::Column::EventId.eq(event.0));
    if !filter.status.is_empty() {
        query = query.filter(registrations::Column::Status.eq(filter.status.as_str()));
    }
    if !filter.role.is_empty() {
        query = query.filter(registrations::Column::Role.eq(filter.role.as_str()));
    }
    let found = query
        .order_by_asc(registrations::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let (orgs, country_names) = name_lookups(db).await?;
    let asked = crate::service::questions::of_event(db, event).await?;
    let mut given = crate::service::questions::answers_for_event(db, &asked).await?;
    let wanted_org = filter.organisation.trim().to_lowercase();
    let mut rows: Vec<ParticipantRow> = found
        .into_iter()
        .filter_map(|(r, p)| p.map(|p| (r, p)))
        .filter(|(_, p)| {
            filter.country.is_empty() || p.country_code.as_deref() == Some(filter.country.as_str())
        })
        .filter(|(_, p)| {
            filter.sector.is_empty() || p.sector.as_deref() == Some(filter.sector.as_str())
        })
        .filter(|(_, p)| {
            filter.gender.is_empty() || p.gender.as_deref() == Some(filter.gender.as_str())
        })
        .map(|(r, p)| {
            let mine = given.remove(&r.id).unwrap_or_default();
            let answers = asked
                .iter()
                .map(|q| {
                    let value = mine
                        .iter()
                        .find(|(id, _)| *id == q.id)
                        .map(|(_, v)| crate::question_types::display_answer(v))
                        .unwrap_or_default();
                    (q.label.clone(), value)
                })
                .collect();
            let organisation = p
                .organisation_id
                .and_then(|id| orgs.get(&id).cloned())
                .unwrap_or_default();
            ParticipantRow {
                registration_id: r.id,
                name_latin: p.name_latin,
                name_native: p.name_native.unwrap_or_default(),
                email: p.email.unwrap_or_default(),
                phone: p.phone.unwrap_or_default(),
                organisation,
                position: p.position.unwrap_or_default(),
                country: p
                    .country_code
                    .map(|c| country_names.get(&c).cloned().unwrap_or(c))
                    .unwrap_or_default(),
                sector: p.sector.unwrap_or_default(),
                gender: p.gender.unwrap_or_default(),
                role: r.role,
                status: r.status,
                public_name_consent: p.public_name_consent,
                interpretation_needed: r.interpretation_needed,
                dietary: r.dietary,
                accessibility: r.accessibility,
                travel_support: r.travel_support,
                registered_at: r.created_at,
                answers,
            }
        })
        .filter(|row| {
            wanted_org.is_empty() || row.organisation.to_lowercase().contains(&wanted_org)
        })
        .collect();
    rows.sort_by(|a, b| (&a.country, &a.name_latin).cmp(&(&b.country, &b.name_latin)));
    Ok(rows)
}

/// A file format the participant list is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// The kind recorded in the export log.
    pub fn log_kind(self) -> &'static str {
        match self {
            ExportFormat::Csv => "participants_csv",
            ExportFormat::Xlsx => "participants_xlsx",
        }
    }
}

/// The list as CSV, with the export recorded (who, when, which event, how many rows).
pub async fn export_csv(
    db: &impl ConnectionTrait,
    event: EventId,
    filter: &ParticipantFilter,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, DomainError> {
    export(db, event, filter, ExportFormat::Csv, by, now).await
}

/// The list in `format`, with the export recorded (who, when, which event, which format, how
/// many rows).
pub async fn export(
    db: &impl ConnectionTrait,
    event: EventId,
    filter: &ParticipantFilter,
    format: ExportFormat,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, DomainError> {
    let rows = list(db, event, filter).await?;
    let labels: Vec<String> = crate::service::questions::of_event(db, event)
        .await?
        .into_iter()
        .map(|q| q.label)
        .collect();
    let bytes = match format {
        ExportFormat::Csv => {
            crate::documents::csv::participants(&rows, &labels).map_err(|err| err.to_string())
        }
        ExportFormat::Xlsx => {
            crate::documents::xlsx::participants(&rows, &labels).map_err(|err| err.to_string())
        }
    }
    .map_err(|err| {
        tracing::error!(%err, ?format, "participant export failed");
        DomainError::Internal
    })?;
    exports::ActiveModel {
        user_id: Set(Some(by.0)),
        event_id: Set(event.0),
        kind: Set(format.log_kind().to_owned()),
        row_count: Set(i32::try_from(rows.len()).unwrap_or(i32::MAX)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(bytes)
}
