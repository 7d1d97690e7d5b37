//! Staff accounts: admins create them and set their role; at least one active admin remains.
use chrono::{DateTime, Utc};
use entities::{login_sessions, users};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::auth::hash_password;
use crate::types::{Role, StaffAccount, UserId};
use crate::{validate, DomainError};

fn to_account(user: users::Model) -> Result<StaffAccount, DomainError> {
    Ok(StaffAccount {
        id: UserId(user.id),
        role: Role::parse(&user.role).ok_or(DomainError::Internal)?,
        email: user.email,
        display_name: user.display_name,
        active: user.active,
    })
}

/// Input for a new staff account, as typed.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
}

pub async fn create(
    db: &impl ConnectionTrait,
    input: NewStaff<'_>,
    now: DateTime<Utc>,
) -> Result<StaffAccount, DomainError> {
    let email = validate::email("email", input.email)?;
    let display_name =
        validate::required_text("display_name", input.display_name, validate::MAX_NAME)?;
    let password = validate::new_password("password", input.password)?;
    let taken = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(DomainError::validation("email", "email-taken"));
    }
    let user = users::ActiveModel {
        email: Set(email),
        display_name: Set(display_name),
        password_hash: Set(hash_password(&password).await?),
        role: Set(input.role.as_str().to_owned()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    to_account(user)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StaffAccount>, DomainError> {
    users::Entity::find()
        .order_by_asc(users::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(to_account)
        .collect()
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DomainError> {
    Ok(users::Entity::find().count(db).await?)
}

/// Changes a role or (de)activates an account, in one transaction that keeps an active admin.
pub async fn update<C: TransactionTrait>(
    db: &C,
    id: UserId,
    role: Role,
    active: bool,
) -> Result<StaffAccount, DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let user = users::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let was_admin = user.active && user.role == Role::Admin.as_str();
    let stays_admin = active && role == Role::Admin;
    if was_admin && !stays_admin {
        let admins = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Admin.as_str()))
            .filter(users::Column::Active.eq(true))
            .count(&txn)
            .await?;
        if admins <= 1 {
            return Err(DomainError::validation("role", "last-admin"));
        }
    }
    let mut model: users::ActiveModel = user.into();
    model.role = Set(role.as_str().to_owned());
    model.active = Set(active);
    let user = model.update(&txn).await?;
    if !active {
        login_sessions::Entity::delete_many()
            .filter(login_sessions::Column::UserId.eq(id.0))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    to_account(user)
}
