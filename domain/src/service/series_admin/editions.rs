//! A series' editions: adding one as a new event (created as an event form would create it:
//! same checks, kind forum, attended by the network) or by linking an existing event,
//! changing an edition's number and theme, and unlinking it (the event stays).
//!
//! Refusals: a number outside 1–1000 or already used in the series
//! (`edition-number-taken`; the unique index decides a race the same way), a theme too long,
//! an unknown event (`unknown-event`) or one already an edition of a series
//! (`already-edition`), and every refusal of the event form for a new event.
use chrono::{DateTime, Utc};
use entities::{events, series_editions};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, SqlErr,
    TransactionSession, TransactionTrait,
};

use super::by_slug;
use crate::forms::EventForm;
use crate::forum_types::NetworkRole;
use crate::series_types::{
    EditionForm, LinkEditionForm, NewEditionForm, MAX_EDITION_NUMBER, MAX_THEME,
};
use crate::service::event_admin::{create_event_in, optional_text};
use crate::types::{EventKind, RegistrationMode, UserId, Visibility};
use crate::DomainError;

/// An edition's number: a whole number from 1 to [`MAX_EDITION_NUMBER`].
fn number(raw: &str) -> Result<i32, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(DomainError::validation("number", "required"));
    }
    let value: i64 = raw
        .parse()
        .map_err(|_| DomainError::validation("number", "invalid-number"))?;
    if !(1..=MAX_EDITION_NUMBER).contains(&value) {
        return Err(DomainError::validation("number", "out-of-range"));
    }
    i32::try_from(value).map_err(|_| DomainError::validation("number", "out-of-range"))
}

fn theme(raw: &str) -> Result<String, DomainError> {
    optional_text("theme", raw, MAX_THEME, false)
}

/// Refuses `number` when another edition of the series (not the event `own`) has it.
async fn number_free(
    db: &impl ConnectionTrait,
    series_id: i64,
    number: i32,
    own: Option<i64>,
) -> Result<(), DomainError> {
    let mut query = series_editions::Entity::find()
        .filter(series_editions::Column::SeriesId.eq(series_id))
        .filter(series_editions::Column::Number.eq(number));
    if let Some(own) = own {
        query = query.filter(series_editions::Column::EventId.ne(own));
    }
    if query.one(db).await?.is_some() {
        return Err(DomainError::validation("number", "edition-number-taken"));
    }
    Ok(())
}

/// Two saves racing for one number: the unique index decides, and the loser hears why.
fn number_conflict(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::validation("number", "edition-number-taken")
        }
        _ => err.into(),
    }
}

async fn event_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<events::Model>, DomainError> {
    Ok(events::Entity::find()
        .filter(events::Column::Slug.eq(slug.trim()))
        .one(db)
        .await?)
}

/// The event form a new edition is created with: a forum the network attends, public once
/// published, without registration of its own (the network sends a delegation).
fn event_form(form: &NewEditionForm) -> EventForm {
    EventForm {
        title: form.title.clone(),
        kind: EventKind::Forum.as_str().to_owned(),
        timezone: form.timezone.clone(),
        starts_at: form.starts_at.clone(),
        ends_at: form.ends_at.clone(),
        city: form.city.clone(),
        country_code: form.country_code.clone(),
        registration_mode: RegistrationMode::Invitation.as_str().to_owned(),
        visibility: Visibility::Public.as_str().to_owned(),
        network_role: NetworkRole::Attendee.as_str().to_owned(),
        ..Default::default()
    }
}

/// Creates a draft event from `form` and makes it edition `number` of the series, in one
/// transaction. Returns the new event's address.
pub async fn add_new_edition<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    series_slug: &str,
    form: &NewEditionForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let number = number(&form.number)?;
    let theme = theme(&form.theme)?;
    let txn = crate::service::db::begin_write(db).await?;
    let series = by_slug(&txn, series_slug).await?;
    number_free(&txn, series.id, number, None).await?;
    let event = create_event_in(&txn, &event_form(form), by, now).await?;
    series_editions::ActiveModel {
        event_id: Set(event.id),
        series_id: Set(series.id),
        number: Set(number),
        theme: Set(theme),
    }
    .insert(&txn)
    .await
    .map_err(number_conflict)?;
    txn.commit().await?;
    Ok(event.slug)
}

/// Makes the existing event `form.event_slug` edition `number` of the series.
pub async fn link_edition<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    series_slug: &str,
    form: &LinkEditionForm,
) -> Result<(), DomainError> {
    if form.event_slug.trim().is_empty() {
        return Err(DomainError::validation("event_slug", "required"));
    }
    let number = number(&form.number)?;
    let theme = theme(&form.theme)?;
    let txn = crate::service::db::begin_write(db).await?;
    let series = by_slug(&txn, series_slug).await?;
    let event = event_by_slug(&txn, &form.event_slug)
        .await?
        .ok_or_else(|| DomainError::validation("event_slug", "unknown-event"))?;
    if series_editions::Entity::find_by_id(event.id)
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(DomainError::validation("event_slug", "already-edition"));
    }
    number_free(&txn, series.id, number, None).await?;
    series_editions::ActiveModel {
        event_id: Set(event.id),
        series_id: Set(series.id),
        number: Set(number),
        theme: Set(theme),
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // The event became an edition meanwhile (its primary key) or the number was taken.
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::validation("number", "edition-number-taken")
        }
        _ => e.into(),
    })?;
    txn.commit().await?;
    Ok(())
}

/// The edition of the series at `series_slug` that is the event `event_slug`.
async fn edition_of(
    db: &impl ConnectionTrait,
    series_slug: &str,
    event_slug: &str,
) -> Result<series_editions::Model, DomainError> {
    let series = by_slug(db, series_slug).await?;
    let event = event_by_slug(db, event_slug)
        .await?
        .ok_or(DomainError::NotFound)?;
    series_editions::Entity::find_by_id(event.id)
        .filter(series_editions::Column::SeriesId.eq(series.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Changes an edition's number and theme.
pub async fn update_edition<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    series_slug: &str,
    event_slug: &str,
    form: &EditionForm,
) -> Result<(), DomainError> {
    let number = number(&form.number)?;
    let theme = theme(&form.theme)?;
    let txn = crate::service::db::begin_write(db).await?;
    let edition = edition_of(&txn, series_slug, event_slug).await?;
    number_free(&txn, edition.series_id, number, Some(edition.event_id)).await?;
    let mut model: series_editions::ActiveModel = edition.into();
    model.number = Set(number);
    model.theme = Set(theme);
    model.update(&txn).await.map_err(number_conflict)?;
    txn.commit().await?;
    Ok(())
}

/// Takes the event out of the series; the event itself, its side events and its
/// recommendations stay.
pub async fn unlink_edition(
    db: &impl ConnectionTrait,
    series_slug: &str,
    event_slug: &str,
) -> Result<(), DomainError> {
    let edition = edition_of(db, series_slug, event_slug).await?;
    series_editions::Entity::delete_by_id(edition.event_id)
        .exec(db)
        .await?;
    Ok(())
}
