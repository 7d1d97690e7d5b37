//! The roster: who is expected at an event (confirmed registrations, and anyone already
//! marked as attended), numbered in one order that the sign-in sheets, badges and the
//! check-in screens share, so "No. 12" on paper is No. 12 on the screen.
use entities::{people, registrations};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::participant_types::{RosterOrder, RosterRow};
use crate::types::{EventId, RegistrationStatus};
use crate::DomainError;

/// Statuses whose holders are on the roster.
pub fn on_roster(status: &str) -> bool {
    RegistrationStatus::parse(status).is_some_and(|s| s.on_roster())
}

impl RegistrationStatus {
    /// True for people expected to come (and sign the sheet).
    pub fn on_roster(self) -> bool {
        matches!(self, RegistrationStatus::Confirmed)
    }
}

/// The roster of `event` in `order`, numbered from 1.
pub async fn roster(
    db: &impl ConnectionTrait,
    event: EventId,
    order: RosterOrder,
) -> Result<Vec<RosterRow>, DomainError> {
    let found = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.0))
        .order_by_asc(registrations::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let (orgs, country_names) = super::participants::name_lookups(db).await?;
    let mut rows: Vec<RosterRow> = found
        .into_iter()
        .filter(|(r, _)| on_roster(&r.status))
        .filter_map(|(r, p)| p.map(|p| (r, p)))
        .map(|(r, p)| RosterRow {
            number: 0,
            registration_id: r.id,
            person_id: p.id,
            name_latin: p.name_latin,
            name_native: p.name_native.unwrap_or_default(),
            organisation: p
                .organisation_id
                .and_then(|id| orgs.get(&id).cloned())
                .unwrap_or_default(),
            country_code: p.country_code.clone().unwrap_or_default(),
            country: p
                .country_code
                .map(|c| country_names.get(&c).cloned().unwrap_or(c))
                .unwrap_or_default(),
            gender: p.gender.unwrap_or_default(),
            sector: p.sector.unwrap_or_default(),
            role: r.role,
            status: r.status,
            public_name_consent: p.public_name_consent,
        })
        .collect();
    sort(&mut rows, order);
    Ok(rows)
}

/// Orders and numbers `rows`; ties fall back to the registration id so numbering is stable.
pub fn sort(rows: &mut [RosterRow], order: RosterOrder) {
    let name = |r: &RosterRow| r.name_latin.to_lowercase();
    rows.sort_by(|a, b| {
        let group = match order {
            RosterOrder::Name => std::cmp::Ordering::Equal,
            RosterOrder::Country => a.country.cmp(&b.country),
            RosterOrder::Organisation => a.organisation.cmp(&b.organisation),
        };
        group
            .then_with(|| name(a).cmp(&name(b)))
            .then(a.registration_id.cmp(&b.registration_id))
    });
    for (i, row) in rows.iter_mut().enumerate() {
        row.number = i as u32 + 1;
    }
}
