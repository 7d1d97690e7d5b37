//! What attendance adds up to: head counts per day and session, by country, gender and
//! sector; and the cohort of trainees with the days each attended and who completed.
//! Figures cover the roster (the people on the sign-in sheet).
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use entities::events;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use super::attendance::{checked_slot, event_days, marks, sessions};
use super::events::event_by_slug;
use super::roster::roster;
use crate::attendance_types::{
    completed, days_attended, parse_completion_percent, AttendanceSlot, AttendanceStats, Breakdown,
    Cohort, CohortRow,
};
use crate::followup_types::average_change;
use crate::participant_types::{RosterOrder, RosterRow};
use crate::types::{EventId, RegistrationRole};
use crate::DomainError;

fn count_by<'a>(
    rows: impl Iterator<Item = &'a RosterRow> + Clone,
    key: impl Fn(&RosterRow) -> &str,
) -> Vec<(String, u32)> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for row in rows {
        *counts.entry(key(row).to_owned()).or_default() += 1;
    }
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// Counts of the roster lines whose registration is in `ids`.
pub fn breakdown(rows: &[RosterRow], ids: &BTreeSet<i64>) -> Breakdown {
    let present = rows.iter().filter(|r| ids.contains(&r.registration_id));
    Breakdown {
        total: u32::try_from(present.clone().count()).unwrap_or(u32::MAX),
        by_country: count_by(present.clone(), |r| &r.country),
        by_gender: count_by(present.clone(), |r| &r.gender),
        by_sector: count_by(present, |r| &r.sector),
    }
}

/// Attendance figures of `slug`; `slot` (already chosen by the sheet) picks the breakdown.
pub async fn stats(
    db: &impl ConnectionTrait,
    slug: &str,
    slot: &str,
) -> Result<AttendanceStats, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let slot = checked_slot(db, &event, slot).await?;
    let rows = roster(db, EventId(event.id), RosterOrder::Name).await?;
    let on_roster: BTreeSet<i64> = rows.iter().map(|r| r.registration_id).collect();
    let marks: Vec<(i64, AttendanceSlot)> = marks(db, event.id)
        .await?
        .into_iter()
        .filter(|(id, _)| on_roster.contains(id))
        .collect();
    let people_where = |keep: &dyn Fn(&AttendanceSlot) -> bool| -> BTreeSet<i64> {
        marks
            .iter()
            .filter(|(_, s)| keep(s))
            .map(|(id, _)| *id)
            .collect()
    };
    let count = |ids: BTreeSet<i64>| u32::try_from(ids.len()).unwrap_or(u32::MAX);
    let per_day = event_days(&event)?
        .into_iter()
        .map(|day| (day, count(people_where(&|s| s.day == day))))
        .collect();
    let per_session = sessions(db, &event)
        .await?
        .into_iter()
        .map(|session| {
            let n = count(people_where(&|s| s.session_id == Some(session.id)));
            (session, n)
        })
        .collect();
    let selected = match slot.session_id {
        Some(id) => people_where(&|s| s.session_id == Some(id)),
        None => people_where(&|s| s.day == slot.day),
    };
    Ok(AttendanceStats {
        per_day,
        per_session,
        selected: breakdown(&rows, &selected),
        overall: breakdown(&rows, &people_where(&|_| true)),
    })
}

/// The cohort of `slug`: its trainees (or the whole roster when it has none) with the days
/// each attended, and whether that meets the event's completion rule.
pub async fn cohort(db: &impl ConnectionTrait, slug: &str) -> Result<Cohort, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let days: BTreeSet<NaiveDate> = event_days(&event)?.into_iter().collect();
    let total_days = u32::try_from(days.len()).unwrap_or(u32::MAX);
    let percent = u8::try_from(event.completion_percent).unwrap_or(80);
    let mut by_registration: HashMap<i64, Vec<AttendanceSlot>> = HashMap::new();
    for (id, slot) in marks(db, event.id).await? {
        by_registration.entry(id).or_default().push(slot);
    }
    let results = super::assessment::results(db, event.id).await?;
    let rows: Vec<CohortRow> = cohort_members(db, EventId(event.id))
        .await?
        .into_iter()
        .map(|r| {
            let attended = days_attended(
                by_registration
                    .get(&r.registration_id)
                    .cloned()
                    .unwrap_or_default(),
            );
            let days_present =
                u32::try_from(attended.intersection(&days).count()).unwrap_or(u32::MAX);
            CohortRow {
                completed: completed(days_present, total_days, percent),
                days_present,
                assessment: results.get(&r.registration_id).copied().unwrap_or_default(),
                roster: r,
            }
        })
        .collect();
    let average_change = average_change(rows.iter().map(|r| r.assessment.change()));
    Ok(Cohort {
        completed_count: u32::try_from(rows.iter().filter(|r| r.completed).count())
            .unwrap_or(u32::MAX),
        event: super::events::to_summary(event)?,
        total_days,
        completion_percent: percent,
        rows,
        average_change,
    })
}

/// The cohort of an event: its trainees, or the whole roster when nobody is a trainee.
pub(crate) async fn cohort_members(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<RosterRow>, DomainError> {
    let roster = roster(db, event, RosterOrder::Name).await?;
    let has_trainees = roster
        .iter()
        .any(|r| r.role == RegistrationRole::Trainee.as_str());
    Ok(roster
        .into_iter()
        .filter(|r| !has_trainees || r.role == RegistrationRole::Trainee.as_str())
        .collect())
}

/// Changes the completion rule of `slug` to the percentage typed in `raw` (1-100).
pub async fn set_completion_percent(
    db: &impl ConnectionTrait,
    slug: &str,
    raw: &str,
) -> Result<u8, DomainError> {
    let percent = parse_completion_percent(raw)?;
    let event = event_by_slug(db, slug).await?;
    let mut model: events::ActiveModel = event.into();
    model.completion_percent = Set(i16::from(percent));
    model.update(db).await?;
    Ok(percent)
}
