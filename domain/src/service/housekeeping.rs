//! The hourly tidying of short-lived records, so that what strangers and time pile up does not
//! stay. How long each lives (also in docs/deploy.md, "How long links and sessions live"):
//!
//! - **Staff sessions**: [`auth::LOGIN_SESSION_DAYS`] days from sign-in (signing out ends one
//!   at once); expired ones are deleted here.
//! - **E-mail change links**: [`registration::EXPIRY_HOURS`] hours; then deleted here.
//! - **Invitation links**: until the event ends (registering through one is refused after
//!   that anyway). Once it has ended, a link nobody answered is retired here: its token is
//!   replaced, so the address no longer opens the page, while the invitation stays listed.
//! - **Private links** (a registration's page): as long as the event's personal data is kept,
//!   i.e. until its retention purge (`privacy::retention`) clears them; the person needs the
//!   link for their certificate, follow-up questionnaires and their data.
//! - **Refused-form drafts**: [`drafts::TTL_SECS`] seconds; **throttling counts**: an hour of
//!   quiet ([`limiter::FORGET_AFTER_SECS`]).
use chrono::{DateTime, Duration, Utc};
use entities::{email_changes, events, invitations, login_sessions};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::registration;
use super::{auth, drafts, limiter};
use crate::selection_types::InvitationState;
use crate::DomainError;

/// What one pass deleted or retired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TidyReport {
    pub sessions: u64,
    pub email_changes: u64,
    pub invitations: u64,
    pub drafts: u64,
    pub throttles: u64,
}

/// Deletes or retires what has expired at `now` (see the module comment). Each step is one
/// statement, so it can run on any process at any time, also several at once.
pub async fn tidy(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<TidyReport, DomainError> {
    let sessions = login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected;
    let email_changes = email_changes::Entity::delete_many()
        .filter(
            email_changes::Column::CreatedAt.lt(now - Duration::hours(registration::EXPIRY_HOURS)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let invitations = retire_invitations(db, now).await?;
    let drafts = drafts::expire(db, now).await?;
    let throttles = limiter::forget_stale(db, now).await?;
    Ok(TidyReport {
        sessions,
        email_changes,
        invitations,
        drafts,
        throttles,
    })
}

/// Unanswered invitations of events that have ended get a token nobody holds.
async fn retire_invitations(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let ended = Query::select()
        .column(events::Column::Id)
        .from(events::Entity)
        .and_where(events::Column::EndsAt.lte(now))
        .to_owned();
    let stale: Vec<i64> = {
        use sea_orm::QuerySelect;
        invitations::Entity::find()
            .select_only()
            .column(invitations::Column::Id)
            .filter(invitations::Column::Status.eq(InvitationState::Sent.as_str()))
            .filter(invitations::Column::EventId.in_subquery(ended))
            .filter(invitations::Column::TokenHash.not_like("retired:%"))
            .into_tuple()
            .all(db)
            .await?
    };
    for id in &stale {
        // A marked random value: no token hashes to it, and the next pass skips it.
        let retired = format!("retired:{}", &auth::new_token()[..40]);
        invitations::Entity::update_many()
            .col_expr(invitations::Column::TokenHash, Expr::value(retired))
            .filter(invitations::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(stale.len() as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::service::{testing::fresh_db, users};
    use crate::types::Role;
    use chrono::TimeZone;
    use entities::registrations;
    use sea_orm::{ActiveModelTrait, PaginatorTrait, QueryOrder, Set};

    #[tokio::test]
    async fn expired_sessions_links_drafts_and_counts_go_and_live_ones_stay() {
        let db = fresh_db().await.unwrap();
        migration::seed::load_demo(&db).await.unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 12, 0, 0).unwrap();
        let staff = users::create(
            &db,
            users::NewStaff {
                email: "tidy@example.org",
                display_name: "Tidy",
                password: "tidy-password-1",
                role: Role::Staff,
            },
            now,
        )
        .await
        .unwrap();
        let old = now - Duration::days(auth::LOGIN_SESSION_DAYS + 1);
        let expired = auth::start_login_session(&db, staff.id, old).await.unwrap();
        let live = auth::start_login_session(&db, staff.id, now).await.unwrap();

        let registration = registrations::Entity::find()
            .order_by_asc(registrations::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        for (token, at) in [("old", now - Duration::hours(49)), ("new", now)] {
            email_changes::ActiveModel {
                registration_id: Set(registration.id),
                new_email: Set(format!("{token}@example.org")),
                token_hash: Set(auth::token_hash(token)),
                created_at: Set(at),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }

        let ended = events::Entity::find()
            .filter(events::Column::EndsAt.lt(now))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let coming = events::Entity::find()
            .filter(events::Column::EndsAt.gt(now))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let (old_link, new_link) = (auth::new_token(), auth::new_token());
        for (event, token) in [(ended.id, &old_link), (coming.id, &new_link)] {
            invitations::ActiveModel {
                event_id: Set(event),
                email: Set("invited@example.org".into()),
                organisation: Set(String::new()),
                token_hash: Set(auth::token_hash(token)),
                status: Set(InvitationState::Sent.as_str().into()),
                created_at: Set(now - Duration::days(30)),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }

        let report = tidy(&db, now).await.unwrap();
        assert_eq!(
            (report.sessions, report.email_changes, report.invitations),
            (1, 1, 1)
        );
        assert!(auth::user_for_token(&db, &live, now)
            .await
            .unwrap()
            .is_some());
        assert!(auth::user_for_token(&db, &expired, now)
            .await
            .unwrap()
            .is_none());
        assert_eq!(login_sessions::Entity::find().count(&db).await.unwrap(), 1);
        assert_eq!(email_changes::Entity::find().count(&db).await.unwrap(), 1);
        assert!(matches!(
            crate::service::invitations::by_token(&db, &old_link).await,
            Err(DomainError::NotFound)
        ));
        assert!(crate::service::invitations::by_token(&db, &new_link)
            .await
            .is_ok());
        assert_eq!(
            invitations::Entity::find().count(&db).await.unwrap(),
            2,
            "the retired invitation is still listed"
        );
        // A second pass finds nothing more to do.
        assert_eq!(tidy(&db, now).await.unwrap(), TidyReport::default());
    }
}
