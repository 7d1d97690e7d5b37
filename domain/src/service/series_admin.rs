//! Staff keep the forum series: a series' name, address (`/series/{slug}`), acronym and
//! description, and its editions ([`editions`]).
//!
//! Rules: a name is required; the address is lower-case letters, digits and hyphens (derived
//! from the acronym, else the name, when left empty) and unique among series; every text is
//! bounded. The uniqueness check runs inside a write transaction and the unique index has
//! the last word: a save racing another for the same address hears "taken", not an error.
use chrono::{DateTime, Utc};
use entities::{series, series_editions};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, SqlErr, TransactionSession, TransactionTrait,
};

use super::event_admin::{derive_slug, optional_text, typed_slug};
use crate::series_types::{
    SeriesForm, SeriesList, SeriesSummary, MAX_ACRONYM, MAX_SERIES, MAX_SERIES_DESCRIPTION,
    MAX_SERIES_NAME,
};
use crate::{validate, DomainError};

mod editions;
mod page;

pub use editions::{add_new_edition, link_edition, unlink_edition, update_edition};
pub use page::admin_page;

/// A series form that passed every check needing no database.
struct Checked {
    name: String,
    slug: String,
    acronym: String,
    description: String,
}

fn check(form: &SeriesForm) -> Result<Checked, DomainError> {
    let name = validate::required_text("name", &form.name, MAX_SERIES_NAME)?;
    let acronym = optional_text("acronym", &form.acronym, MAX_ACRONYM, false)?;
    let description = optional_text(
        "description",
        &form.description,
        MAX_SERIES_DESCRIPTION,
        true,
    )?;
    let slug = match typed_slug(&form.slug)? {
        Some(slug) => slug,
        None => {
            let from = if acronym.is_empty() { &name } else { &acronym };
            let derived = derive_slug(from);
            if derived.is_empty() {
                // A name in Burmese or Thai letters only: the address must be typed.
                return Err(DomainError::validation("slug", "required"));
            }
            derived
        }
    };
    Ok(Checked {
        name,
        slug,
        acronym,
        description,
    })
}

/// The series behind `slug`.
pub(crate) async fn by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<series::Model, DomainError> {
    series::Entity::find()
        .filter(series::Column::Slug.eq(slug.trim()))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn slug_taken(
    db: &impl ConnectionTrait,
    slug: &str,
    own: Option<i64>,
) -> Result<bool, DomainError> {
    let mut query = series::Entity::find().filter(series::Column::Slug.eq(slug));
    if let Some(own) = own {
        query = query.filter(series::Column::Id.ne(own));
    }
    Ok(query.count(db).await? > 0)
}

fn slug_conflict(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::validation("slug", "series-slug-taken")
        }
        _ => err.into(),
    }
}

/// Every series by name, with its number of editions; `can_write` is passed through.
pub async fn list(db: &impl ConnectionTrait, can_write: bool) -> Result<SeriesList, DomainError> {
    let found = series::Entity::find()
        .order_by_asc(series::Column::Name)
        .limit(MAX_SERIES)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(found.len());
    for s in found {
        let editions = series_editions::Entity::find()
            .filter(series_editions::Column::SeriesId.eq(s.id))
            .count(db)
            .await?;
        out.push(SeriesSummary {
            slug: s.slug,
            name: s.name,
            acronym: s.acronym,
            editions,
        });
    }
    Ok(SeriesList {
        series: out,
        can_write,
    })
}

/// Creates a series; returns its address.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    form: &SeriesForm,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let c = check(form)?;
    let txn = super::db::begin_write(db).await?;
    if slug_taken(&txn, &c.slug, None).await? {
        return Err(DomainError::validation("slug", "series-slug-taken"));
    }
    let saved = series::ActiveModel {
        slug: Set(c.slug),
        name: Set(c.name),
        acronym: Set(c.acronym),
        description: Set(c.description),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_conflict)?;
    txn.commit().await?;
    Ok(saved.slug)
}

/// Saves the form over the series at `slug`; returns its (perhaps new) address.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    slug: &str,
    form: &SeriesForm,
) -> Result<String, DomainError> {
    let c = check(form)?;
    let txn = super::db::begin_write(db).await?;
    let found = by_slug(&txn, slug).await?;
    if slug_taken(&txn, &c.slug, Some(found.id)).await? {
        return Err(DomainError::validation("slug", "series-slug-taken"));
    }
    let mut model: series::ActiveModel = found.into();
    model.slug = Set(c.slug);
    model.name = Set(c.name);
    model.acronym = Set(c.acronym);
    model.description = Set(c.description);
    let saved = model.update(&txn).await.map_err(slug_conflict)?;
    txn.commit().await?;
    Ok(saved.slug)
}
