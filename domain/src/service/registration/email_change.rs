//! Changing the e-mail address on one's private page.
//!
//! Sala knows a person by their address (one person per address), and whoever holds a
//! private link has not shown they own the address they type. So a new address replaces the
//! old one only once a link sent to it is opened (within [`EXPIRY_HOURS`]); until then the
//! old address stays and keeps receiving Sala's e-mails.
//!
//! The private page must not tell who is on file: it answers the same whether the new
//! address is free or already someone else's (the same link is sent either way). Whether the
//! address is taken is checked when the link is opened, and told only to whoever reads that
//! mailbox (`email-in-use`: staff can merge the two people).
use chrono::{DateTime, Duration, Utc};
use entities::{email_changes, events, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::messages;
use super::retry::{with_retry, Failure};
use crate::registration_types::EmailChangeView;
use crate::service::db::begin_write;
use crate::service::{auth, outbox};
use crate::DomainError;

/// How long the link sent to a new address works.
pub const EXPIRY_HOURS: i64 = 48;

fn expired() -> DomainError {
    DomainError::validation("email", "email-link-expired")
}

fn still_valid(change: &email_changes::Model, now: DateTime<Utc>) -> bool {
    now < change.created_at + Duration::hours(EXPIRY_HOURS)
}

/// `{base_url}/e/{token}`: the page that confirms a new address.
fn confirm_link(base_url: &str, token: &str) -> String {
    format!("{}/e/{token}", base_url.trim_end_matches('/'))
}

/// Records that `registration`'s person asked for `new_email` and sends the link to it
/// (replacing any earlier request of this registration). Whether the address is someone
/// else's is not looked at here: see the module's doc.
pub(super) async fn request(
    txn: &impl ConnectionTrait,
    registration: &registrations::Model,
    event: &events::Model,
    new_email: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    email_changes::Entity::delete_many()
        .filter(email_changes::Column::RegistrationId.eq(registration.id))
        .exec(txn)
        .await?;
    // Requests nobody confirmed are forgotten on the way (they hold an address).
    email_changes::Entity::delete_many()
        .filter(email_changes::Column::CreatedAt.lte(now - Duration::hours(EXPIRY_HOURS)))
        .exec(txn)
        .await?;
    let token = auth::new_token();
    email_changes::ActiveModel {
        registration_id: Set(registration.id),
        new_email: Set(new_email.to_owned()),
        token_hash: Set(auth::token_hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let locale = i18n::Locale::from_tag_or_english(&registration.locale);
    let mail = messages::confirm_email(locale, event, &confirm_link(base_url, &token))?;
    outbox::queue(
        txn,
        new_email,
        &mail.subject,
        &mail.body,
        mail.calendar,
        now,
    )
    .await?;
    Ok(())
}

/// The address waiting for confirmation on `registration_id`, if its link still works.
pub(super) async fn pending(
    db: &impl ConnectionTrait,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, sea_orm::DbErr> {
    Ok(email_changes::Entity::find()
        .filter(email_changes::Column::RegistrationId.eq(registration_id))
        .order_by_desc(email_changes::Column::Id)
        .one(db)
        .await?
        .filter(|c| still_valid(c, now))
        .map(|c| c.new_email))
}

async fn find(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<email_changes::Model, DomainError> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(expired());
    }
    email_changes::Entity::find()
        .filter(email_changes::Column::TokenHash.eq(auth::token_hash(token)))
        .one(db)
        .await?
        .filter(|c| still_valid(c, now))
        .ok_or_else(expired)
}

/// What the confirmation page shows for the link's `token`: the new address and the event.
/// An unknown, used or expired link is `Validation { field: "email" }` `email-link-expired`.
pub async fn email_change(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<EmailChangeView, DomainError> {
    let change = find(db, token, now).await?;
    let registration = registrations::Entity::find_by_id(change.registration_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    let event = events::Entity::find_by_id(registration.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    Ok(EmailChangeView {
        new_email: change.new_email,
        event_title: event.title,
    })
}

/// Opens the link sent to a new address: the person's address becomes the new one and every
/// change they asked for is forgotten. Refusals (`Validation { field: "email" }`):
/// `email-link-expired`; `email-in-use` when another person has the address by now (the
/// request stays, so it works once staff have merged the two).
pub async fn confirm_email_change<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    with_retry("confirm e-mail change", || confirm_once(db, token, now)).await
}

async fn confirm_once<C: TransactionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<String, Failure> {
    let txn = begin_write(db).await?;
    let change = find(&txn, token, now).await?;
    let registration = registrations::Entity::find_by_id(change.registration_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    let taken = people::Entity::find()
        .filter(people::Column::Email.eq(change.new_email.as_str()))
        .filter(people::Column::Id.ne(registration.person_id))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(DomainError::validation("email", "email-in-use").into());
    }
    let person = people::Entity::find_by_id(registration.person_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    let mut model: people::ActiveModel = person.into();
    model.email = Set(Some(change.new_email.clone()));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    let theirs: Vec<i64> = registrations::Entity::find()
        .select_only()
        .column(registrations::Column::Id)
        .filter(registrations::Column::PersonId.eq(registration.person_id))
        .into_tuple()
        .all(&txn)
        .await?;
    email_changes::Entity::delete_many()
        .filter(email_changes::Column::RegistrationId.is_in(theirs))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(change.new_email)
}
