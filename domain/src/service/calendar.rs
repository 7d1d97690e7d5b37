//! A registrant's own calendar feed (`/c/{token}/calendar.ics`): the event they registered
//! for and the agenda sessions where they have a part (speaker, moderator, rapporteur, …),
//! with their registration's standing, for a calendar app to subscribe to.
//!
//! The feed has its own token (`registrations.calendar_token`), not the private link's: a
//! subscription is handed to a calendar service and polled for months, and must open nothing
//! but this read-only calendar. The token is made the first time the private page shows it,
//! outlives renewed private links, and ends with erasure or the retention purge. An unknown or
//! malformed token is `NotFound`.
use chrono::{DateTime, Utc};
use entities::{registrations, session_roles};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::registration::status_of;
use crate::documents::ics::{self, Standing};
use crate::types::RegistrationStatus;
use crate::DomainError;
use i18n::Locale;

/// The path of the feed opened by `token`.
pub fn feed_path(token: &str) -> String {
    format!("/c/{token}/calendar.ics")
}

/// The feed token of registration `id`, made now if it has none. Two pages shown at once
/// agree: only the first write lands (`WHERE calendar_token IS NULL`), both read it back.
pub(crate) async fn token_of(db: &impl ConnectionTrait, id: i64) -> Result<String, DomainError> {
    if let Some(token) = stored_token(db, id).await? {
        return Ok(token);
    }
    registrations::Entity::update_many()
        .col_expr(
            registrations::Column::CalendarToken,
            Expr::value(super::auth::new_token()),
        )
        .filter(registrations::Column::Id.eq(id))
        .filter(registrations::Column::CalendarToken.is_null())
        .exec(db)
        .await?;
    stored_token(db, id).await?.ok_or(DomainError::NotFound)
}

async fn stored_token(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, DbErr> {
    let token: Option<Option<String>> = registrations::Entity::find_by_id(id)
        .select_only()
        .column(registrations::Column::CalendarToken)
        .into_tuple()
        .one(db)
        .await?;
    Ok(token.flatten())
}

/// The feed behind `token`: the event (in the registration's language where translated) and
/// the sessions where the person has a role, marked confirmed, tentative (waiting list,
/// application, invitation) or cancelled (withdrawn, declined, rejected).
pub async fn personal_feed(
    db: &impl ConnectionTrait,
    token: &str,
    host: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(DomainError::NotFound);
    }
    let registration = registrations::Entity::find()
        .filter(registrations::Column::CalendarToken.eq(token))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut event = super::agenda::by_id(db, registration.event_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let lang = Locale::from_tag(&registration.locale).unwrap_or(Locale::En);
    super::content::localise_event(db, &mut event, lang).await?;
    let session_ids: Vec<i64> = event.sessions.iter().map(|s| s.id).collect();
    let parts: Vec<i64> = session_roles::Entity::find()
        .select_only()
        .column(session_roles::Column::SessionId)
        .filter(session_roles::Column::PersonId.eq(registration.person_id))
        .filter(session_roles::Column::SessionId.is_in(session_ids))
        .into_tuple()
        .all(db)
        .await?;
    let standing = match status_of(&registration)? {
        RegistrationStatus::Confirmed => Standing::Confirmed,
        RegistrationStatus::Waitlisted
        | RegistrationStatus::Applied
        | RegistrationStatus::Invited => Standing::Tentative,
        RegistrationStatus::Withdrawn
        | RegistrationStatus::Declined
        | RegistrationStatus::Rejected => Standing::Cancelled,
    };
    Ok(ics::personal_calendar(
        &event, &parts, standing, host, base_url, now,
    ))
}
