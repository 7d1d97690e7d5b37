//! Short-lived copies of refused forms, keyed by an unguessable id. Only for the
//! no-JavaScript path: the page the server redirects to reads the draft back once.
//! Each draft remembers the form type it was made from, so that a page with several forms
//! (each asking for its own type) hands the draft to the form it came from and no other.
//!
//! Drafts live in the database (`form_drafts`), so that the page the person is sent back to
//! finds the draft whichever `sala serve` process serves it; only a hash of the id is stored.
//! Anyone can have a form refused, as often and as large as a request body allows, so the
//! drafts are bounded by count and bytes (oldest first out) and expire after [`TTL_SECS`]; a
//! draft too large to keep is not kept, and the form simply comes back empty.
use crate::service::{auth, db::begin_write};
use chrono::{DateTime, Duration, Utc};
use entities::form_drafts;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// How long a draft waits to be read back.
pub const TTL_SECS: i64 = 15 * 60;
/// Default bounds: many people refused at once, at most a few dozen megabytes.
pub const MAX_DRAFTS: u64 = 10_000;
pub const MAX_DRAFT_BYTES_TOTAL: u64 = 32 * 1024 * 1024;
/// The largest single draft kept: far more than any form typed by hand.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

pub struct Drafts {
    max_drafts: u64,
    max_bytes: u64,
}

impl Default for Drafts {
    fn default() -> Self {
        Self::with_bounds(MAX_DRAFTS, MAX_DRAFT_BYTES_TOTAL)
    }
}

/// Drafts held and their bytes (as the database counts text length).
async fn held(db: &impl ConnectionTrait) -> Result<(u64, u64), sea_orm::DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let row: Option<(i64, i64)> = form_drafts::Entity::find()
        .select_only()
        .column_as(Expr::col(form_drafts::Column::IdHash).count(), "n")
        .column_as(
            Expr::expr(Func::coalesce([
                Expr::expr(Func::char_length(Expr::col(form_drafts::Column::Body))).sum(),
                Expr::val(0),
            ])),
            "bytes",
        )
        .into_tuple()
        .one(db)
        .await?;
    let (n, bytes) = row.unwrap_or_default();
    Ok((
        u64::try_from(n).unwrap_or(0),
        u64::try_from(bytes).unwrap_or(0),
    ))
}

impl Drafts {
    pub fn with_bounds(max_drafts: u64, max_bytes: u64) -> Self {
        Self {
            max_drafts: max_drafts.max(1),
            max_bytes,
        }
    }

    /// Keeps `value` and returns its id; `None` when it is too large to keep (or the database
    /// would not take it: the form then comes back empty, which is all a draft is for).
    pub async fn put<T: serde::Serialize>(
        &self,
        db: &DatabaseConnection,
        value: &T,
        now: DateTime<Utc>,
    ) -> Option<String> {
        let body = serde_json::to_string(value).ok()?;
        if body.len() > MAX_DRAFT_BYTES || body.len() as u64 > self.max_bytes {
            return None;
        }
        match self.store(db, body, std::any::type_name::<T>(), now).await {
            Ok(id) => Some(id),
            Err(err) => {
                tracing::warn!(%err, "a refused form's draft was not kept");
                None
            }
        }
    }

    async fn store(
        &self,
        db: &DatabaseConnection,
        body: String,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<String, sea_orm::DbErr> {
        let txn = begin_write(db).await?;
        expire(&txn, now).await?;
        // Oldest first out until the new one fits; a few rounds at most.
        for _ in 0..32 {
            let (n, bytes) = held(&txn).await?;
            if n < self.max_drafts && bytes + body.len() as u64 <= self.max_bytes {
                break;
            }
            let oldest: Vec<String> = form_drafts::Entity::find()
                .select_only()
                .column(form_drafts::Column::IdHash)
                .order_by_asc(form_drafts::Column::CreatedAt)
                .limit((n / 8).max(1))
                .into_tuple()
                .all(&txn)
                .await?;
            form_drafts::Entity::delete_many()
                .filter(form_drafts::Column::IdHash.is_in(oldest))
                .exec(&txn)
                .await?;
        }
        let id = auth::new_token();
        form_drafts::Entity::insert(form_drafts::ActiveModel {
            id_hash: Set(auth::token_hash(&id)),
            kind: Set(kind.chars().take(200).collect()),
            body: Set(body),
            created_at: Set(now),
        })
        .exec(&txn)
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Takes a draft of form type `T` out (it is personal data: read once, in one statement,
    /// so two pages cannot both get it). A draft of another type is left for the form it
    /// belongs to; an expired one is gone.
    pub async fn take<T: serde::de::DeserializeOwned>(
        &self,
        db: &DatabaseConnection,
        id: &str,
        now: DateTime<Utc>,
    ) -> Option<T> {
        if id.is_empty() || id.len() > 128 {
            return None;
        }
        let kind: String = std::any::type_name::<T>().chars().take(200).collect();
        let taken = form_drafts::Entity::delete_many()
            .filter(form_drafts::Column::IdHash.eq(auth::token_hash(id)))
            .filter(form_drafts::Column::Kind.eq(kind))
            .exec_with_returning(db)
            .await
            .ok()?;
        let draft = taken.into_iter().next()?;
        (now - draft.created_at < Duration::seconds(TTL_SECS))
            .then(|| serde_json::from_str(&draft.body).ok())
            .flatten()
    }

    /// Drafts held and their bytes (for tests and monitoring).
    pub async fn held(&self, db: &DatabaseConnection) -> (u64, u64) {
        held(db).await.unwrap_or_default()
    }
}

/// Deletes drafts older than [`TTL_SECS`] (also run by the hourly housekeeping).
pub async fn expire(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
    Ok(form_drafts::Entity::delete_many()
        .filter(form_drafts::Column::CreatedAt.lt(now - Duration::seconds(TTL_SECS)))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Drafts;
    use crate::followup_types::FollowupAnswerForm;
    use crate::registration_types::RegistrationForm;
    use crate::service::testing::fresh_db;
    use chrono::{Duration, Utc};

    #[tokio::test]
    async fn a_draft_goes_only_to_the_form_type_it_came_from_and_only_once() {
        let db = fresh_db().await.unwrap();
        let now = Utc::now();
        let drafts = Drafts::default();
        let typed = FollowupAnswerForm {
            advocacy: "Met the ministry".into(),
            ..Default::default()
        };
        let id = drafts.put(&db, &typed, now).await.expect("stored");
        // Another form on the same page asks first: it gets nothing, and the draft stays.
        assert_eq!(drafts.take::<RegistrationForm>(&db, &id, now).await, None);
        assert_eq!(
            drafts.take::<FollowupAnswerForm>(&db, &id, now).await,
            Some(typed.clone())
        );
        assert_eq!(
            drafts.take::<FollowupAnswerForm>(&db, &id, now).await,
            None,
            "read once"
        );
        // A draft read back too late is gone.
        let late = drafts.put(&db, &typed, now).await.unwrap();
        let after = now + Duration::seconds(super::TTL_SECS + 1);
        assert_eq!(
            drafts.take::<FollowupAnswerForm>(&db, &late, after).await,
            None
        );
        // The housekeeping deletes what nobody came back for.
        drafts.put(&db, &typed, now).await.unwrap();
        assert_eq!(super::expire(&db, after).await.unwrap(), 1);
        assert_eq!(drafts.held(&db).await.0, 0);
    }

    #[tokio::test]
    async fn drafts_stay_within_their_bounds() {
        let db = fresh_db().await.unwrap();
        let now = Utc::now();
        let drafts = Drafts::with_bounds(50, 200_000);
        let big = FollowupAnswerForm {
            advocacy: "x".repeat(10_000),
            ..Default::default()
        };
        for _ in 0..120 {
            assert!(drafts.put(&db, &big, now).await.is_some());
            let (n, bytes) = drafts.held(&db).await;
            assert!(n <= 50 && bytes <= 200_000, "{n} drafts, {bytes} bytes");
        }
        let huge = FollowupAnswerForm {
            advocacy: "x".repeat(super::MAX_DRAFT_BYTES),
            ..Default::default()
        };
        assert_eq!(drafts.put(&db, &huge, now).await, None, "too large to keep");
        let newest = drafts.put(&db, &big, now).await.expect("kept");
        assert!(drafts
            .take::<FollowupAnswerForm>(&db, &newest, now)
            .await
            .is_some());
    }
}
