//! Online registration: a person signs up for a published public event through the public
//! form, gets a private link (`/r/{token}`) to see where they stand, change their details or
//! withdraw, and every change is announced by an e-mail queued in the outbox.
//!
//! A registration's status follows the event's mode: `open` confirms while places remain and
//! waitlists after that, `application` records an application for staff to decide, and
//! `invitation` takes no public registrations. When a confirmed person withdraws, the first
//! in line on the waiting list is confirmed in the same transaction. Coordinators decide on
//! many registrations at once (`decide`), and an invitation's link registers its holder
//! whatever the mode (`service::invitations`).
//!
//! The public form hands no private link to the browser: it goes by e-mail to the address
//! typed, and the form answers the same for an address on file and a new one, so typing
//! someone's address tells nothing about them. For the same reason a new address typed on the
//! private page replaces the old one only through a link sent to it (`email_change`).
//!
//! Capacity holds exactly under concurrent registrations: see the `retry` module for how each write
//! transaction takes its lock before it counts. Only the SHA-256 of a private-link token is
//! stored; every status change is recorded in `registration_status_changes`.
use chrono::{DateTime, Utc};
use entities::{
    events, organisations, people, registration_links, registration_status_changes, registrations,
};
use sea_orm::sea_query::IntoCondition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::types::{RegistrationStatus, UserId};
use crate::DomainError;

mod create;
mod decide;
mod email_change;
mod erase;
mod fields;
mod manage;
pub(crate) mod messages;
mod page;
mod register;
mod retry;

pub(crate) use create::{create, FormPart, NewRegistration};
pub use decide::decide;
pub use email_change::{confirm_email_change, email_change, EXPIRY_HOURS};
pub use erase::erase;
pub use manage::{update_details, withdraw};
pub use page::by_token;
pub use register::register;
pub(crate) use register::register_invited;

/// The version of the privacy notice the form's consent checkbox refers to; stored with
/// each registration. Change it when the notice changes.
pub const CONSENT_VERSION: &str = "2026-11";

/// The event row matching `filter`, locked until the transaction ends on PostgreSQL
/// (`FOR UPDATE`). SQLite has no row locks: there the IMMEDIATE transaction already holds
/// the database's write lock (sea-query would print nothing for the lock; we skip it anyway).
async fn lock_event(
    txn: &impl ConnectionTrait,
    filter: impl IntoCondition,
) -> Result<Option<events::Model>, DbErr> {
    let query = events::Entity::find().filter(filter);
    if txn.get_database_backend() == DbBackend::Postgres {
        query.lock_exclusive().one(txn).await
    } else {
        query.one(txn).await
    }
}

pub(crate) fn status_of(
    registration: &registrations::Model,
) -> Result<RegistrationStatus, DomainError> {
    RegistrationStatus::parse(&registration.status).ok_or(DomainError::Internal)
}

/// Audit row for a status change; `by` is None when the registrant (or the system, for a
/// promotion from the waiting list) made it.
pub(crate) async fn record_change(
    txn: &impl ConnectionTrait,
    registration_id: i64,
    from: Option<RegistrationStatus>,
    to: RegistrationStatus,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    registration_status_changes::ActiveModel {
        registration_id: Set(registration_id),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        changed_by: Set(by.map(|u| u.0)),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Moves `registration` from `from` to `to` and records the change, through the caller's
/// transaction.
pub(crate) async fn change_status(
    txn: &impl ConnectionTrait,
    registration: registrations::Model,
    from: RegistrationStatus,
    to: RegistrationStatus,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = registration.id;
    let mut model: registrations::ActiveModel = registration.into();
    model.status = Set(to.as_str().to_owned());
    model.updated_at = Set(now);
    model.update(txn).await?;
    record_change(txn, id, Some(from), to, by, now).await
}

/// The registration a private-link token opens, if any. Tokens are 64 hex digits; anything
/// else is not looked up.
pub(crate) async fn find_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<registrations::Model>, DbErr> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = super::auth::token_hash(token);
    let direct = registrations::Entity::find()
        .filter(registrations::Column::TokenHash.eq(hash.as_str()))
        .one(db)
        .await?;
    if direct.is_some() {
        return Ok(direct);
    }
    // A link sent later (a reminder) opens the same registration.
    let Some(link) = registration_links::Entity::find()
        .filter(registration_links::Column::TokenHash.eq(hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    registrations::Entity::find_by_id(link.registration_id)
        .one(db)
        .await
}

/// A new private link to `registration_id`, for an e-mail; the person's earlier links keep
/// working. Returns the token (only its hash is stored).
pub(crate) async fn new_link(
    db: &impl ConnectionTrait,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = super::auth::new_token();
    registration_links::ActiveModel {
        registration_id: Set(registration_id),
        token_hash: Set(super::auth::token_hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The id of the organisation with this name (ignoring case), created when new.
pub(crate) async fn organisation_id(
    txn: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let exact = organisations::Entity::find()
        .filter(organisations::Column::Name.eq(name))
        .one(txn)
        .await?;
    if let Some(org) = exact {
        return Ok(org.id);
    }
    // SQL LOWER() folds only ASCII on SQLite, so other scripts are compared here.
    let wanted = name.to_lowercase();
    let all: Vec<(i64, String)> = organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .column(organisations::Column::Name)
        .order_by_asc(organisations::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    if let Some((id, _)) = all.into_iter().find(|(_, n)| n.to_lowercase() == wanted) {
        return Ok(id);
    }
    let org = organisations::ActiveModel {
        name: Set(name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(org.id)
}

/// Copies the form's details onto a person. `keep_known`: an empty field keeps what we know
/// (a new registration need not repeat everything); otherwise the form is the whole truth
/// (the edit form, which shows the current values).
fn apply_details(
    person: &mut people::ActiveModel,
    d: &fields::Details,
    organisation_id: Option<i64>,
    keep_known: bool,
    now: DateTime<Utc>,
) {
    person.name_latin = Set(d.name_latin.clone());
    person.email = Set(Some(d.email.clone()));
    person.country_code = Set(Some(d.country_code.clone()));
    person.public_name_consent = Set(d.public_name_consent);
    person.updated_at = Set(now);
    let sector = d.sector.map(|s| s.as_str().to_owned());
    let gender = d.gender.map(|g| g.as_str().to_owned());
    let languages = Some(d.languages.clone()).filter(|l| !l.is_empty());
    macro_rules! field {
        ($column:ident, $value:expr) => {
            let value = $value;
            if !keep_known || value.is_some() {
                person.$column = Set(value);
            }
        };
    }
    field!(name_native, d.name_native.clone());
    field!(phone, d.phone.clone());
    field!(organisation_id, organisation_id);
    field!(position, d.position.clone());
    field!(region_code, d.region_code.clone());
    field!(sector, sector);
    field!(gender, gender);
    if !keep_known || languages.is_some() {
        person.languages = Set(languages.unwrap_or_default());
    }
}

/// `{base_url}/r/{token}`.
pub(crate) fn private_link(base_url: &str, token: &str) -> String {
    format!("{}/r/{token}", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use sea_orm::QueryTrait;

    use super::*;

    #[test]
    fn row_lock_is_printed_for_postgres_only() {
        let query = events::Entity::find().lock_exclusive();
        assert!(query
            .clone()
            .build(DbBackend::Postgres)
            .to_string()
            .ends_with("FOR UPDATE"));
        assert!(!query
            .build(DbBackend::Sqlite)
            .to_string()
            .contains("FOR UPDATE"));
    }

    #[test]
    fn links() {
        assert_eq!(
            private_link("https://sala.example/", "ab"),
            "https://sala.example/r/ab"
        );
    }
}
