//! Retention: an event may say "purge personal data N months after the event ends"
//! (`events.retention_months`; empty keeps it). Once that time has passed the event has
//! *expired*, and the hourly pass [`purge_expired`] does two things:
//!
//! 1. For each expired event not yet purged: clears its registrations' per-event personal
//!    data (dietary and accessibility needs, typed answers, follow-up text and notes, private
//!    links) and marks the event purged. Statuses, roles, attendance and scores stay.
//! 2. Anonymises each person whose every event (registered for, or speaking at) has expired.
//!    A person with any event that has not expired yet, or that keeps data without limit, keeps
//!    their identity: they are still active with the network, and that later event's staff need
//!    to know who they are. Their old event's own data is still cleared by step 1.
//!
//! Counts by country, gender, sector, status and attendance are the same before and after.
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Months, Utc};
use entities::{event_sessions, events, people, registrations, session_roles};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use super::{anonymise_in, forget_registrations, log, Action};
use crate::DomainError;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub events_purged: u32,
    pub people_anonymised: u32,
}

/// When the event's personal data expires: `retention_months` after it ends (None: never).
pub fn expires_at(ends_at: DateTime<Utc>, retention_months: Option<i32>) -> Option<DateTime<Utc>> {
    let months = u32::try_from(retention_months?).ok()?;
    ends_at.checked_add_months(Months::new(months))
}

/// Purges what has expired at `now` (see the module's rule), in one write transaction.
pub async fn purge_expired<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<PurgeReport, DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let all = events::Entity::find().all(&txn).await?;
    let expired: BTreeSet<i64> = all
        .iter()
        .filter(|e| expires_at(e.ends_at, e.retention_months).is_some_and(|at| at <= now))
        .map(|e| e.id)
        .collect();
    let mut report = PurgeReport::default();
    if expired.is_empty() {
        return Ok(report);
    }
    for event in all.into_iter().filter(|e| expired.contains(&e.id)) {
        if event.purged_at.is_some() {
            continue;
        }
        let id = event.id;
        let ids: Vec<i64> = registrations::Entity::find()
            .select_only()
            .column(registrations::Column::Id)
            .filter(registrations::Column::EventId.eq(id))
            .into_tuple()
            .all(&txn)
            .await?;
        forget_registrations(&txn, &ids, now).await?;
        registrations::Entity::update_many()
            .col_expr(
                registrations::Column::TokenHash,
                Expr::value(Option::<String>::None),
            )
            .filter(registrations::Column::EventId.eq(id))
            .exec(&txn)
            .await?;
        let mut model: events::ActiveModel = event.into();
        model.purged_at = Set(Some(now));
        model.update(&txn).await?;
        log(&txn, Action::Retention, None, Some(id), None, now).await?;
        report.events_purged += 1;
    }

    // Every person's events: those they registered for and those they speak at.
    let mut events_of: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    let registered: Vec<(i64, i64)> = registrations::Entity::find()
        .select_only()
        .column(registrations::Column::PersonId)
        .column(registrations::Column::EventId)
        .into_tuple()
        .all(&txn)
        .await?;
    let speaking: Vec<(i64, i64)> = session_roles::Entity::find()
        .select_only()
        .column(session_roles::Column::PersonId)
        .column_as(event_sessions::Column::EventId, "event_id")
        .inner_join(event_sessions::Entity)
        .into_tuple()
        .all(&txn)
        .await?;
    for (person, event) in registered.into_iter().chain(speaking) {
        events_of.entry(person).or_default().insert(event);
    }
    let known: BTreeSet<i64> = people::Entity::find()
        .select_only()
        .column(people::Column::Id)
        .filter(people::Column::AnonymisedAt.is_null())
        .into_tuple::<i64>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    for (person, events) in events_of {
        if known.contains(&person)
            && !events.is_empty()
            && events.iter().all(|e| expired.contains(e))
            && anonymise_in(&txn, person, Action::Retention, None, now).await?
        {
            report.people_anonymised += 1;
        }
    }
    txn.commit().await?;
    Ok(report)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn expiry_is_counted_in_calendar_months_after_the_end() {
        let end = Utc.with_ymd_and_hms(2026, 1, 31, 10, 0, 0).unwrap();
        assert_eq!(
            expires_at(end, Some(1)),
            Some(Utc.with_ymd_and_hms(2026, 2, 28, 10, 0, 0).unwrap())
        );
        assert_eq!(
            expires_at(end, Some(12)),
            Some(Utc.with_ymd_and_hms(2027, 1, 31, 10, 0, 0).unwrap())
        );
        assert_eq!(expires_at(end, None), None);
        assert_eq!(expires_at(end, Some(-1)), None);
    }
}
