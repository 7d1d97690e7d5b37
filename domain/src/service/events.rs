//! Events as lists and the dashboard see them.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entities::{events, people, registrations};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::types::{Dashboard, EventId, EventKind, EventStatus, EventSummary, Visibility};
use crate::DomainError;

/// The IANA time zone called `name` ("Asia/Yangon"). Every service reads zones through here,
/// the event form as well as stored events: a name that is no zone is
/// `Validation { field: "timezone", message: "invalid-timezone" }`, never a panic and never a
/// silent fall-back to UTC, which would move every time on the page without saying so.
pub fn parse_zone(name: &str) -> Result<Tz, DomainError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| DomainError::validation("timezone", "invalid-timezone"))
}

/// The event's own time zone (checked when the event is saved).
pub(crate) fn zone(event: &events::Model) -> Result<Tz, DomainError> {
    parse_zone(&event.timezone)
}

/// The event with this slug, whatever its status or visibility.
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

fn local_date(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

pub(crate) fn to_summary(e: events::Model) -> Result<EventSummary, DomainError> {
    let tz = zone(&e)?;
    Ok(EventSummary {
        id: EventId(e.id),
        kind: EventKind::parse(&e.kind).ok_or(DomainError::Internal)?,
        status: EventStatus::parse(&e.status).ok_or(DomainError::Internal)?,
        local_start: local_date(e.starts_at, tz),
        local_end: local_date(e.ends_at, tz),
        slug: e.slug,
        title: e.title,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        timezone: e.timezone,
        city: e.city,
        country: e.country_code,
        summary: e.summary,
    })
}

/// Published public events that have not ended, soonest first.
pub async fn upcoming_public(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<EventSummary>, DomainError> {
    events::Entity::find()
        .filter(events::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(events::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(events::Column::EndsAt.gte(now))
        .order_by_asc(events::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_summary)
        .collect()
}

/// What staff see first: what is coming, what just happened, and a few totals.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Dashboard, DomainError> {
    let upcoming = events::Entity::find()
        .filter(events::Column::EndsAt.gte(now))
        .order_by_asc(events::Column::StartsAt)
        .limit(10)
        .all(db)
        .await?;
    let recent = events::Entity::find()
        .filter(events::Column::EndsAt.lt(now))
        .order_by_desc(events::Column::StartsAt)
        .limit(5)
        .all(db)
        .await?;
    Ok(Dashboard {
        upcoming: upcoming
            .into_iter()
            .map(to_summary)
            .collect::<Result<_, _>>()?,
        recent: recent
            .into_iter()
            .map(to_summary)
            .collect::<Result<_, _>>()?,
        drafts: events::Entity::find()
            .filter(events::Column::Status.eq(EventStatus::Draft.as_str()))
            .count(db)
            .await?,
        events_total: events::Entity::find().count(db).await?,
        people_total: people::Entity::find().count(db).await?,
        registrations_total: registrations::Entity::find().count(db).await?,
    })
}

/// After an event: `None` while `event` has not ended at `now`, then whether its
/// proceedings are published.
pub async fn afterwards(
    db: &impl ConnectionTrait,
    event: EventId,
    now: DateTime<Utc>,
) -> Result<Option<bool>, DomainError> {
    let row = events::Entity::find_by_id(event.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((row.ends_at < now).then_some(row.proceedings_public))
}

/// The years a list may be filtered by: four digits, as the local dates compared below are
/// written. Any other year (`?year=2147483647`, `?year=-99999`) holds no event, and refusing
/// it here keeps `year + 1` from overflowing and every instant within what both databases
/// store.
const FILTER_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// The public event list: published public events (and past ones, which are closed or
/// archived), optionally of one year and kind. Upcoming first (soonest first), then past
/// (latest first).
pub async fn public_list(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    year: Option<i32>,
    kind: Option<EventKind>,
) -> Result<(Vec<EventSummary>, Vec<EventSummary>), DomainError> {
    let mut query = events::Entity::find()
        .filter(events::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(events::Column::Status.ne(EventStatus::Draft.as_str()));
    if let Some(kind) = kind {
        query = query.filter(events::Column::Kind.eq(kind.as_str()));
    }
    if let Some(year) = year {
        if !FILTER_YEARS.contains(&year) {
            return Ok((Vec::new(), Vec::new()));
        }
        let start =
            chrono::NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let end =
            chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let (Some(start), Some(end)) = (start, end) else {
            return Err(DomainError::validation("year", "invalid-choice"));
        };
        // A day of margin either side: local dates differ from UTC ones by up to 14 hours.
        query = query
            .filter(events::Column::StartsAt.lt(end.and_utc() + chrono::Duration::days(1)))
            .filter(events::Column::EndsAt.gte(start.and_utc() - chrono::Duration::days(1)));
    }
    let all = query
        .order_by_asc(events::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_summary)
        .collect::<Result<Vec<_>, _>>()?;
    let year_text = year.map(|y| format!("{y:04}-"));
    let (upcoming, mut past): (Vec<_>, Vec<_>) = all
        .into_iter()
        .filter(|e| match &year_text {
            Some(y) => e.local_start.starts_with(y.as_str()) || e.local_end.starts_with(y.as_str()),
            None => true,
        })
        .partition(|e| e.ends_at >= now);
    past.reverse();
    Ok((upcoming, past))
}

/// Every event, any status, latest first: the coordinators' list.
pub async fn all_for_staff(db: &impl ConnectionTrait) -> Result<Vec<EventSummary>, DomainError> {
    events::Entity::find()
        .order_by_desc(events::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_summary)
        .collect()
}

/// The id of the event with this slug (any status).
pub async fn id_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<EventId, DomainError> {
    Ok(EventId(event_by_slug(db, slug).await?.id))
}

/// Public events that belong to the event with this slug (a forum's side events, a series' parts).
pub async fn public_children(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Vec<EventSummary>, DomainError> {
    let parent = id_by_slug(db, slug).await?;
    events::Entity::find()
        .filter(events::Column::ParentId.eq(parent.0))
        .filter(events::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(events::Column::Status.ne(EventStatus::Draft.as_str()))
        .order_by_asc(events::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_summary)
        .collect()
}

/// Deletes the row `id` of `entity` if it belongs to event `event_id` (`NotFound` otherwise):
/// for the lists an event owns (recommendations, questions, assessment questions).
pub(crate) async fn delete_owned<E: sea_orm::EntityTrait>(
    db: &impl ConnectionTrait,
    id_column: E::Column,
    event_column: E::Column,
    id: i64,
    event_id: i64,
) -> Result<(), DomainError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let deleted = E::delete_many()
        .filter(id_column.eq(id))
        .filter(event_column.eq(event_id))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}
