//! Staff sign-in: argon2 password hashes, and login sessions identified by a random
//! token whose SHA-256 alone is stored (a leaked database holds no usable cookie).
//!
//! Argon2 is deliberately slow and memory-hungry (tens of milliseconds, 19 MiB each), so it
//! never runs on the async worker threads, which would stop serving every other page while
//! a flood of sign-ins is hashed: it runs on tokio's blocking threads, at most
//! [`HASHING_PERMITS`] at once, and a sign-in waits its turn.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use entities::{login_sessions, users};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use super::limiter::LoginLimiter;
use crate::types::{CurrentUser, Role, UserId};
use crate::{validate, DomainError};

/// How long a sign-in lasts.
pub const LOGIN_SESSION_DAYS: i64 = 7;

/// Hashes computed at once, process-wide: the machine has few cores, and each hash holds
/// 19 MiB while it runs.
pub const HASHING_PERMITS: usize = 2;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_PERMITS);

/// Runs `work` on a blocking thread once a hashing permit is free. The permit moves into the
/// thread, so a caller that gives up waiting does not free it before the work is done.
async fn off_the_async_threads<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, DomainError> {
    let permit = HASHING.acquire().await.map_err(|_| DomainError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|err| {
        tracing::error!(%err, "password hashing task failed");
        DomainError::Internal
    })
}

/// An argon2 hash of `password`, computed off the async threads.
pub async fn hash_password(password: &str) -> Result<String, DomainError> {
    let password = password.to_owned();
    off_the_async_threads(move || hash_now(&password)).await?
}

/// Whether `password` matches `hash`, checked off the async threads.
pub async fn verify_password(hash: &str, password: &str) -> Result<bool, DomainError> {
    let (hash, password) = (hash.to_owned(), password.to_owned());
    off_the_async_threads(move || verify_now(&hash, &password)).await
}

fn hash_now(password: &str) -> Result<String, DomainError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| {
            tracing::error!(%err, "password hashing failed");
            DomainError::Internal
        })
}

fn verify_now(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh unguessable token (256 bits, hex) for cookies and private links.
pub fn new_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn to_current(user: users::Model) -> Result<CurrentUser, DomainError> {
    let role = Role::parse(&user.role).ok_or(DomainError::Internal)?;
    Ok(CurrentUser {
        id: UserId(user.id),
        email: user.email,
        display_name: user.display_name,
        role,
    })
}

/// Checks an email and password typed at sign-in by `client` (its address).
///
/// Refusals, in this order: `Validation { field: "email" | "password", message: "too-long" }`
/// for an address over 254 bytes or a password over 1,024 bytes, before anything is counted,
/// stored or hashed; `TooManyAttempts` while this account from this address, or this address
/// for any account, waits out a delay (see `limiter`); `InvalidCredentials`.
pub async fn authenticate<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    limiter: &LoginLimiter,
    email: &str,
    password: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<CurrentUser, DomainError> {
    let email = email.trim();
    if email.len() > validate::MAX_EMAIL {
        return Err(DomainError::validation("email", "too-long"));
    }
    if password.len() > validate::MAX_PASSWORD {
        return Err(DomainError::validation("password", "too-long"));
    }
    let email = email.to_lowercase();
    limiter.attempt(db, &email, client, now).await?;
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let verified = match &user {
        Some(u) => verify_password(&u.password_hash, password).await? && u.active,
        None => {
            // Spend the same time as for a real account, so timing does not reveal accounts.
            let _ = hash_password(password).await;
            false
        }
    };
    match user {
        Some(user) if verified => {
            limiter.succeeded(db, &email, client).await?;
            to_current(user)
        }
        // The attempt was counted as a failure when it began.
        _ => Err(DomainError::InvalidCredentials),
    }
}

/// Records a sign-in and returns the token for the cookie.
pub async fn start_login_session(
    db: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let token = new_token();
    login_sessions::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user.0),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(LOGIN_SESSION_DAYS)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The active staff member a cookie token belongs to, if it is still valid.
pub async fn user_for_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, DomainError> {
    let found = login_sessions::Entity::find()
        .filter(login_sessions::Column::TokenHash.eq(token_hash(token)))
        .filter(login_sessions::Column::ExpiresAt.gt(now))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    match found {
        Some((_, Some(user))) if user.active => Ok(Some(to_current(user)?)),
        _ => Ok(None),
    }
}

pub async fn end_login_session(db: &impl ConnectionTrait, token: &str) -> Result<(), DomainError> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Refuses callers without the role an action needs.
pub fn require(user: Option<&CurrentUser>, role: Role) -> Result<&CurrentUser, DomainError> {
    match user {
        None => Err(DomainError::Unauthenticated),
        Some(u) if u.role.allows(role) => Ok(u),
        Some(_) => Err(DomainError::Forbidden),
    }
}
