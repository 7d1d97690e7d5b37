//! Saving an event form, reading one back for editing, and moving an event through its statuses.
use chrono::{DateTime, Utc};
use entities::{countries, events, users};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, SqlErr, TransactionSession, TransactionTrait,
};

use super::fields::{self, EventInput, MAX_SLUG};
use super::{links, load_event, zone};
use crate::forms::EventForm;
use crate::forum_types::NetworkRole;
use crate::service::events::to_summary;
use crate::types::{EventId, EventStatus, EventSummary, UserId};
use crate::DomainError;

/// How far up a chain of parents to look for the event itself.
const MAX_PARENT_DEPTH: usize = 64;

/// Creates a draft event with its objectives and organisations (new organisations are created).
pub async fn create_event<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    form: &EventForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<EventSummary, DomainError> {
    let input = fields::check(form)?;
    let txn = crate::service::db::begin_write(db).await?;
    let event = insert_checked(&txn, &input, by, now).await?;
    txn.commit().await?;
    to_summary(event)
}

/// [`create_event`] inside the caller's write transaction (which commits it, with whatever
/// else belongs to the same change, e.g. the event becoming a forum series' edition).
pub(crate) async fn create_event_in(
    txn: &impl ConnectionTrait,
    form: &EventForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<events::Model, DomainError> {
    let input = fields::check(form)?;
    insert_checked(txn, &input, by, now).await
}

async fn insert_checked(
    txn: &impl ConnectionTrait,
    input: &EventInput,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<events::Model, DomainError> {
    if users::Entity::find_by_id(by.0).one(txn).await?.is_none() {
        return Err(DomainError::NotFound);
    }
    let (slug, parent_id) = resolve(txn, input, None).await?;
    let role = input.network_role.unwrap_or(NetworkRole::Organiser);
    let mut model = events::ActiveModel {
        status: Set(EventStatus::Draft.as_str().to_owned()),
        created_by: Set(Some(by.0)),
        created_at: Set(now),
        network_role: Set(role.as_str().to_owned()),
        ..Default::default()
    };
    apply(&mut model, input, slug, parent_id, now);
    let event = model.insert(txn).await.map_err(slug_conflict)?;
    links::replace(txn, event.id, input, now).await?;
    Ok(event)
}

/// Saves the edit form over event `id`; its status, author and agenda stay as they are.
pub async fn update_event<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    id: EventId,
    form: &EventForm,
    now: DateTime<Utc>,
) -> Result<EventSummary, DomainError> {
    let input = fields::check(form)?;
    let txn = crate::service::db::begin_write(db).await?;
    let event = load_event(&txn, id).await?;
    let (slug, parent_id) = resolve(&txn, &input, Some(id.0)).await?;
    let mut model: events::ActiveModel = event.into();
    apply(&mut model, &input, slug, parent_id, now);
    let event = model.update(&txn).await.map_err(slug_conflict)?;
    links::replace(&txn, event.id, &input, now).await?;
    txn.commit().await?;
    to_summary(event)
}

/// The stored event as its edit form shows it: times local to its zone.
pub async fn event_form(db: &impl ConnectionTrait, id: EventId) -> Result<EventForm, DomainError> {
    let event = load_event(db, id).await?;
    let tz = zone(&event)?;
    let local = |at: DateTime<Utc>| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string();
    let parent_slug = match event.parent_id {
        Some(parent) => events::Entity::find_by_id(parent)
            .one(db)
            .await?
            .map(|p| p.slug),
        None => None,
    };
    let (objectives, organisations) = links::read(db, event.id).await?;
    Ok(EventForm {
        starts_at: local(event.starts_at),
        ends_at: local(event.ends_at),
        registration_opens_at: event.registration_opens_at.map(local).unwrap_or_default(),
        registration_closes_at: event.registration_closes_at.map(local).unwrap_or_default(),
        capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
        retention_months: event
            .retention_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
        country_code: event.country_code.unwrap_or_default(),
        parent_slug: parent_slug.unwrap_or_default(),
        objectives,
        organisations,
        title: event.title,
        slug: event.slug,
        kind: event.kind,
        summary: event.summary,
        description: event.description,
        timezone: event.timezone,
        venue_name: event.venue_name,
        venue_address: event.venue_address,
        city: event.city,
        working_languages: event.working_languages,
        interpretation_languages: event.interpretation_languages,
        registration_mode: event.registration_mode,
        visibility: event.visibility,
        network_role: event.network_role,
    })
}

/// Moves an event one step along draft → published → closed → archived, or one step back.
/// Asking for the status it already has changes nothing.
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: EventId,
    status: EventStatus,
) -> Result<(), DomainError> {
    let event = load_event(db, id).await?;
    let current = EventStatus::parse(&event.status).ok_or(DomainError::Internal)?;
    if current == status {
        return Ok(());
    }
    let step = |s: EventStatus| {
        EventStatus::ALL
            .iter()
            .position(|x| *x == s)
            .unwrap_or(usize::MAX)
    };
    if step(current).abs_diff(step(status)) != 1 {
        return Err(DomainError::validation("status", "invalid-transition"));
    }
    let mut model: events::ActiveModel = event.into();
    model.status = Set(status.as_str().to_owned());
    model.update(db).await?;
    Ok(())
}

fn apply(
    model: &mut events::ActiveModel,
    input: &EventInput,
    slug: String,
    parent_id: Option<i64>,
    now: DateTime<Utc>,
) {
    model.slug = Set(slug);
    model.title = Set(input.title.clone());
    model.kind = Set(input.kind.as_str().to_owned());
    model.summary = Set(input.summary.clone());
    model.description = Set(input.description.clone());
    model.parent_id = Set(parent_id);
    model.timezone = Set(input.timezone.name().to_owned());
    model.starts_at = Set(input.starts_at);
    model.ends_at = Set(input.ends_at);
    model.venue_name = Set(input.venue_name.clone());
    model.venue_address = Set(input.venue_address.clone());
    model.city = Set(input.city.clone());
    model.country_code = Set(input.country_code.clone());
    model.visibility = Set(input.visibility.as_str().to_owned());
    model.capacity = Set(input.capacity);
    model.retention_months = Set(input.retention_months);
    model.registration_mode = Set(input.registration_mode.as_str().to_owned());
    model.registration_opens_at = Set(input.registration_opens_at);
    model.registration_closes_at = Set(input.registration_closes_at);
    model.working_languages = Set(input.working_languages.clone());
    model.interpretation_languages = Set(input.interpretation_languages.clone());
    if let Some(role) = input.network_role {
        model.network_role = Set(role.as_str().to_owned());
    }
    model.updated_at = Set(now);
}

/// The checks that need the database: the country, the slug (typed, or derived and made
/// unique) and the parent. `own` is the event being edited.
async fn resolve(
    db: &impl ConnectionTrait,
    input: &EventInput,
    own: Option<i64>,
) -> Result<(String, Option<i64>), DomainError> {
    if let Some(code) = &input.country_code {
        if countries::Entity::find_by_id(code.clone())
            .one(db)
            .await?
            .is_none()
        {
            return Err(DomainError::validation("country_code", "unknown-country"));
        }
    }
    let slug = match &input.slug {
        Some(slug) if slug_taken(db, slug, own).await? => {
            return Err(DomainError::validation("slug", "slug-taken"))
        }
        Some(slug) => slug.clone(),
        None => free_slug(db, &input.title, own).await?,
    };
    let parent_id = match &input.parent_slug {
        Some(parent) => Some(parent_id(db, parent, own).await?),
        None => None,
    };
    Ok((slug, parent_id))
}

async fn slug_taken(
    db: &impl ConnectionTrait,
    slug: &str,
    own: Option<i64>,
) -> Result<bool, DomainError> {
    let mut query = events::Entity::find().filter(events::Column::Slug.eq(slug));
    if let Some(own) = own {
        query = query.filter(events::Column::Id.ne(own));
    }
    Ok(query.count(db).await? > 0)
}

/// The title's slug, or `<slug>-2`, `<slug>-3`, ... when taken; `event-<n>` for titles
/// without Latin letters or digits.
async fn free_slug(
    db: &impl ConnectionTrait,
    title: &str,
    own: Option<i64>,
) -> Result<String, DomainError> {
    let mut base = fields::derive_slug(title);
    if base.is_empty() {
        base = format!("event-{}", events::Entity::find().count(db).await? + 1);
    }
    for n in 1..=1000u32 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            let suffix = format!("-{n}");
            let stem: String = base.chars().take(MAX_SLUG - suffix.len()).collect();
            format!("{}{suffix}", stem.trim_end_matches('-'))
        };
        if !slug_taken(db, &candidate, own).await? {
            return Ok(candidate);
        }
    }
    Err(DomainError::validation("slug", "slug-taken"))
}

/// The id of the event named `slug`, which must not be `own` nor have `own` above it.
async fn parent_id(
    db: &impl ConnectionTrait,
    slug: &str,
    own: Option<i64>,
) -> Result<i64, DomainError> {
    let parent = match crate::service::events::event_by_slug(db, slug).await {
        Err(DomainError::NotFound) => Err(DomainError::validation("parent_slug", "unknown-event")),
        found => found,
    }?;
    let Some(own) = own else { return Ok(parent.id) };
    let mut next = Some(parent.clone());
    for _ in 0..MAX_PARENT_DEPTH {
        let Some(event) = next else {
            return Ok(parent.id);
        };
        if event.id == own {
            return Err(DomainError::validation("parent_slug", "invalid-parent"));
        }
        next = match event.parent_id {
            Some(up) => events::Entity::find_by_id(up).one(db).await?,
            None => None,
        };
    }
    Err(DomainError::validation("parent_slug", "invalid-parent"))
}

/// Two saves racing for one slug: the unique index decides, and the loser hears why.
fn slug_conflict(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::validation("slug", "slug-taken"),
        _ => err.into(),
    }
}
