//! The organisation Sala works for (`organisations.home`): the network itself, named by an
//! admin. It becomes the organiser of the side events scheduled at a forum.
//!
//! At most one organisation is home. Choosing another clears the old one and sets the new
//! one in one write transaction (SQLite takes its write lock first, so two admins choosing
//! at once queue; on PostgreSQL the partial unique index refuses the second, which then
//! hears `conflict` and may try again); the index keeps the rule whatever the writer.
use chrono::{DateTime, Utc};
use entities::organisations;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr, TransactionSession, TransactionTrait,
};

use crate::series_types::{HomeForm, HomeOrganisation};
use crate::{validate, DomainError};

/// Most organisations offered in the admin's list (by name); more are reached by typing a name.
const MAX_OPTIONS: u64 = 1_000;

/// The organisation Sala works for, if an admin has named it.
pub async fn home(db: &impl ConnectionTrait) -> Result<Option<organisations::Model>, DomainError> {
    Ok(organisations::Entity::find()
        .filter(organisations::Column::Home.eq(true))
        .one(db)
        .await?)
}

/// The current home organisation and the ones an admin may choose from.
pub async fn settings(db: &impl ConnectionTrait) -> Result<HomeOrganisation, DomainError> {
    let options = organisations::Entity::find()
        .order_by_asc(organisations::Column::Name)
        .limit(MAX_OPTIONS)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(HomeOrganisation {
        current: home(db).await?.map(|o| (o.id, o.name)),
        options,
    })
}

/// The organisation named `name` (any letter case), or a new one of that name.
async fn named(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    if let Some(found) = organisations::Entity::find()
        .filter(organisations::Column::Name.eq(name))
        .one(db)
        .await?
    {
        return Ok(found.id);
    }
    let lower = Expr::expr(Func::lower(Expr::col(organisations::Column::Name)));
    if let Some(found) = organisations::Entity::find()
        .filter(lower.eq(name.to_lowercase()))
        .order_by_asc(organisations::Column::Id)
        .one(db)
        .await?
    {
        return Ok(found.id);
    }
    let created = organisations::ActiveModel {
        name: Set(name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Makes the chosen organisation (a typed name wins over the list) the one Sala works for;
/// returns its name. Refusals: nothing chosen (`organisation_id`: required), an unknown
/// choice (`organisation_id`: invalid-choice), a bad name (`name`).
pub async fn set_home<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    form: &HomeForm,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let typed = form.name.trim();
    let name = if typed.is_empty() {
        None
    } else {
        Some(validate::required_text("name", typed, validate::MAX_NAME)?)
    };
    let chosen: Option<i64> = match (&name, form.organisation_id.trim()) {
        (Some(_), _) => None,
        (None, "") => return Err(DomainError::validation("organisation_id", "required")),
        (None, raw) => Some(
            raw.parse()
                .map_err(|_| DomainError::validation("organisation_id", "invalid-choice"))?,
        ),
    };
    let txn = super::db::begin_write(db).await?;
    let id = match (name, chosen) {
        (Some(name), _) => named(&txn, &name, now).await?,
        (None, Some(id)) => {
            organisations::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or_else(|| DomainError::validation("organisation_id", "invalid-choice"))?
                .id
        }
        (None, None) => return Err(DomainError::validation("organisation_id", "required")),
    };
    organisations::Entity::update_many()
        .col_expr(organisations::Column::Home, Expr::value(false))
        .filter(organisations::Column::Home.eq(true))
        .filter(organisations::Column::Id.ne(id))
        .exec(&txn)
        .await?;
    let chosen = organisations::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    let mut model: organisations::ActiveModel = chosen.into();
    model.home = Set(true);
    let saved = model.update(&txn).await.map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::Conflict("home organisation".into())
        }
        _ => e.into(),
    })?;
    txn.commit().await?;
    Ok(saved.name)
}
