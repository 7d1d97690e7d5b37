//! Slows down password guessing and floods of public requests. The counts live in the
//! database (`throttles`), so that several `sala serve` processes on one database share them:
//! a lockout holds whichever process the next attempt reaches.
//!
//! Sign-in failures are counted twice:
//! - per account *and* client address: after [`FREE_FAILURES`] failures, further attempts
//!   for that account from that address wait a delay that doubles with each failure, up to
//!   [`MAX_DELAY_SECS`]. The lockout is per pair so that someone else's failures cannot lock
//!   a colleague out: the right password from the colleague's own address still gets in.
//! - per client address, whatever the account: after [`ADDRESS_FREE_FAILURES`] failures the
//!   same doubling delays, so one password tried against many accounts is slowed down too.
//!   More failures are free here than per pair, as an office shares one address.
//!
//! An attempt counts as a failure from the moment it begins, while its password is still
//! being hashed, and is taken back when it succeeds: guesses sent side by side would
//! otherwise all pass the check before the first of them failed. Each count is one atomic
//! upsert, inside one write transaction per attempt, so concurrent guesses on several
//! processes are all counted.
//!
//! Client addresses are grouped before counting ([`client_group`]): an IPv6 subscriber
//! usually holds a whole /64, so counting single addresses would let one machine take a
//! fresh count for every request.
//!
//! Strangers grow the table, one short row per bucket (keys are cut to a bounded length);
//! [`forget_stale`] deletes rows nobody has touched for an hour (the hourly housekeeping).
//! The clock is passed in so tests need not sleep.
use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use entities::throttles;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, TransactionSession,
    TransactionTrait,
};

use crate::DomainError;

/// Failures per account and address allowed before delays start.
pub const FREE_FAILURES: u32 = 3;
/// Failures per address (any accounts) allowed before delays start.
pub const ADDRESS_FREE_FAILURES: u32 = 10;
/// Longest delay after repeated failures.
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// A bucket's failures are forgotten after this much quiet.
pub const FORGET_AFTER_SECS: i64 = 60 * 60;
/// Unparseable client addresses (e.g. from a proxy header) are cut to this many bytes.
const MAX_CLIENT_KEY: usize = 64;
/// Longest bucket name stored (the column holds 400).
const MAX_BUCKET: usize = 380;

/// The group a client address is counted in: an IPv4 address itself, an IPv6 address's /64
/// (an IPv4-mapped one as IPv4), anything else as given (cut short).
pub fn client_group(addr: &str) -> String {
    match addr.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        Err(_) => cut(addr, MAX_CLIENT_KEY).to_owned(),
    }
}

fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn delay_for(failures: u32, free: u32) -> i64 {
    if failures < free {
        return 0;
    }
    let exponent = (failures - free).min(20);
    (1_i64 << exponent).min(MAX_DELAY_SECS)
}

/// The buckets an attempt counts against, each with its free failures.
fn keys(account: &str, client: &str) -> [(String, u32); 2] {
    let group = client_group(client);
    [
        (
            cut(&format!("login\n{group}\n{account}"), MAX_BUCKET).to_owned(),
            FREE_FAILURES,
        ),
        (format!("login-addr\n{group}"), ADDRESS_FREE_FAILURES),
    ]
}

/// Whole seconds from `now` to `at`, rounded up (PostgreSQL keeps microseconds only), at least 1.
fn seconds_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let micros = (at - now).num_microseconds().unwrap_or(i64::MAX);
    let micros = u64::try_from(micros).unwrap_or(0);
    micros.div_ceil(1_000_000).max(1)
}

/// Counts one more in `bucket`, unless it is blocked at `now`: a count older than
/// `restart_before` starts again at one (with `since` = now); otherwise it grows by one and
/// `since` becomes now when `touch_since`, or stays (a window's start) when not. Returns the
/// new count and `since`, or None when the bucket is blocked (nothing changed).
async fn count_one(
    db: &impl ConnectionTrait,
    bucket: &str,
    now: DateTime<Utc>,
    restart_before: DateTime<Utc>,
    touch_since: bool,
) -> Result<Option<(u32, DateTime<Utc>)>, DomainError> {
    use sea_orm::sea_query::ExprTrait;
    let stale = Expr::col((throttles::Entity, throttles::Column::Since)).lt(restart_before);
    let count = Expr::case(stale.clone(), Expr::val(1))
        .finally(Expr::col((throttles::Entity, throttles::Column::Count)).add(1));
    let since: Expr = if touch_since {
        Expr::val(now)
    } else {
        Expr::case(stale, Expr::val(now))
            .finally(Expr::col((throttles::Entity, throttles::Column::Since)))
            .into()
    };
    let blocked_until = Expr::col((throttles::Entity, throttles::Column::BlockedUntil));
    let statement = Query::insert()
        .into_table(throttles::Entity)
        .columns([
            throttles::Column::Bucket,
            throttles::Column::Count,
            throttles::Column::Since,
            throttles::Column::BlockedUntil,
        ])
        .values_panic([bucket.into(), 1.into(), now.into(), now.into()])
        .on_conflict(
            OnConflict::column(throttles::Column::Bucket)
                .value(throttles::Column::Count, count)
                .value(throttles::Column::Since, since)
                .action_and_where(blocked_until.lte(now))
                .to_owned(),
        )
        .returning(Query::returning().columns([throttles::Column::Count, throttles::Column::Since]))
        .to_owned();
    let Some(row) = db.query_one(&statement).await? else {
        return Ok(None);
    };
    let count: i32 = row.try_get("", "count")?;
    let since: DateTime<Utc> = row.try_get("", "since")?;
    Ok(Some((u32::try_from(count).unwrap_or(u32::MAX), since)))
}

async fn block_until(
    db: &impl ConnectionTrait,
    bucket: &str,
    until: DateTime<Utc>,
) -> Result<(), DomainError> {
    throttles::Entity::update_many()
        .col_expr(throttles::Column::BlockedUntil, Expr::value(until))
        .filter(throttles::Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}

async fn blocked_until(
    db: &impl ConnectionTrait,
    bucket: &str,
) -> Result<Option<DateTime<Utc>>, DomainError> {
    Ok(throttles::Entity::find_by_id(bucket.to_owned())
        .one(db)
        .await?
        .map(|row| row.blocked_until))
}

/// Sign-in failures per (account, address) and per address; see the module comment.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoginLimiter;

impl LoginLimiter {
    pub fn new() -> Self {
        Self
    }

    /// Refuses an attempt for `account` from `client` while either bucket waits out its delay;
    /// otherwise counts it as a failure at once, before the password is checked, so that
    /// guesses sent side by side cannot all pass while the first ones are still being hashed.
    /// A sign-in that succeeds takes its count back ([`LoginLimiter::succeeded`]).
    pub async fn attempt<C: ConnectionTrait + TransactionTrait>(
        &self,
        db: &C,
        account: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let txn = crate::service::db::begin_write(db).await?;
        let forget = now - Duration::seconds(FORGET_AFTER_SECS);
        for (key, free) in keys(account, client) {
            match count_one(&txn, &key, now, forget, true).await? {
                Some((failures, _)) => {
                    let delay = delay_for(failures, free);
                    if delay > 0 {
                        block_until(&txn, &key, now + Duration::seconds(delay)).await?;
                    }
                }
                None => {
                    let until = blocked_until(&txn, &key).await?.unwrap_or(now);
                    txn.rollback().await?;
                    return Err(DomainError::TooManyAttempts {
                        retry_after_secs: seconds_until(until, now),
                    });
                }
            }
        }
        txn.commit().await?;
        Ok(())
    }

    /// A sign-in that succeeded: its (account, address) count is cleared, and the address
    /// gets back the one failure its attempt was counted as. The address keeps its other
    /// failures, so an attacker with one account cannot wipe the trace of guessing others.
    pub async fn succeeded<C: ConnectionTrait + TransactionTrait>(
        &self,
        db: &C,
        account: &str,
        client: &str,
    ) -> Result<(), DomainError> {
        let [(pair, _), (address, free)] = keys(account, client);
        let txn = crate::service::db::begin_write(db).await?;
        throttles::Entity::delete_by_id(pair).exec(&txn).await?;
        if let Some(row) = throttles::Entity::find_by_id(address.clone())
            .lock_exclusive()
            .one(&txn)
            .await?
        {
            if row.count <= 1 {
                throttles::Entity::delete_by_id(address).exec(&txn).await?;
            } else {
                let failures = u32::try_from(row.count - 1).unwrap_or(0);
                throttles::Entity::update_many()
                    .col_expr(throttles::Column::Count, Expr::value(row.count - 1))
                    .col_expr(
                        throttles::Column::BlockedUntil,
                        Expr::value(row.since + Duration::seconds(delay_for(failures, free))),
                    )
                    .filter(throttles::Column::Bucket.eq(address))
                    .exec(&txn)
                    .await?;
            }
        }
        txn.commit().await?;
        Ok(())
    }
}

/// Deletes counts nobody has touched for [`FORGET_AFTER_SECS`] (they would start again from
/// zero anyway). Returns how many went.
pub async fn forget_stale(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let done = throttles::Entity::delete_many()
        .filter(throttles::Column::Since.lt(now - Duration::seconds(FORGET_AFTER_SECS)))
        .filter(throttles::Column::BlockedUntil.lte(now))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Buckets held (for tests and monitoring).
pub async fn buckets(db: &impl ConnectionTrait) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(throttles::Entity::find().count(db).await?)
}

/// At most `max` requests per client address (grouped, see [`client_group`]) in each window
/// of `window_secs`; `max == 0` turns it off. `name` keeps limiters apart in the table.
/// Protects the public forms, private links and public documents from floods.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    name: &'static str,
    max: u32,
    window_secs: i64,
}

impl RateLimiter {
    pub fn new(name: &'static str, max: u32, window_secs: i64) -> Self {
        Self {
            name,
            max,
            window_secs,
        }
    }

    /// Counts one request from `client`, in one statement; refuses it when the window was
    /// already full.
    pub async fn hit(
        &self,
        db: &impl ConnectionTrait,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        if self.max == 0 {
            return Ok(());
        }
        let bucket = format!("{}\n{}", self.name, client_group(client));
        let window = Duration::seconds(self.window_secs);
        let Some((count, since)) = count_one(db, &bucket, now, now - window, false).await? else {
            return Ok(());
        };
        if count > self.max {
            return Err(DomainError::TooManyAttempts {
                retry_after_secs: seconds_until(since + window, now),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::service::testing::fresh_db;

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(delay_for(2, FREE_FAILURES), 0);
        assert_eq!(delay_for(3, FREE_FAILURES), 1);
        assert_eq!(delay_for(5, FREE_FAILURES), 4);
        assert_eq!(delay_for(40, FREE_FAILURES), MAX_DELAY_SECS);
    }

    #[tokio::test]
    async fn refuses_until_the_delay_has_passed() {
        let db = fresh_db().await.unwrap();
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for _ in 0..FREE_FAILURES {
            assert!(limiter
                .attempt(&db, "a@example.org", "192.0.2.1", t0)
                .await
                .is_ok());
        }
        assert!(matches!(
            limiter.attempt(&db, "a@example.org", "192.0.2.1", t0).await,
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 1
            })
        ));
        let t1 = t0 + Duration::seconds(1);
        assert!(limiter
            .attempt(&db, "a@example.org", "192.0.2.1", t1)
            .await
            .is_ok());
        assert!(matches!(
            limiter.attempt(&db, "a@example.org", "192.0.2.1", t1).await,
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 2
            })
        ));
        assert!(limiter
            .attempt(&db, "other@example.org", "192.0.2.1", t1)
            .await
            .is_ok());
        assert!(
            limiter
                .attempt(&db, "a@example.org", "198.51.100.1", t1)
                .await
                .is_ok(),
            "another address is not locked out"
        );
        limiter
            .succeeded(&db, "a@example.org", "192.0.2.1")
            .await
            .unwrap();
        assert!(limiter
            .attempt(&db, "a@example.org", "192.0.2.1", t1)
            .await
            .is_ok());
        // An hour of quiet forgets everything, and the housekeeping deletes it.
        let later = t1 + Duration::seconds(FORGET_AFTER_SECS + 1);
        assert!(buckets(&db).await.unwrap() > 0);
        forget_stale(&db, later).await.unwrap();
        assert_eq!(buckets(&db).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn successful_sign_ins_do_not_add_up_for_a_shared_address() {
        let db = fresh_db().await.unwrap();
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for i in 0..3 * ADDRESS_FREE_FAILURES {
            let account = format!("colleague{i}@example.org");
            assert!(
                limiter
                    .attempt(&db, &account, "192.0.2.1", t0)
                    .await
                    .is_ok(),
                "{i}"
            );
            limiter.succeeded(&db, &account, "192.0.2.1").await.unwrap();
        }
        assert_eq!(buckets(&db).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn one_address_guessing_many_accounts_is_slowed_down() {
        let db = fresh_db().await.unwrap();
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for i in 0..ADDRESS_FREE_FAILURES {
            let account = format!("user{i}@example.org");
            assert!(limiter
                .attempt(&db, &account, "2001:db8:1:2::7", t0)
                .await
                .is_ok());
        }
        // Another machine of the same /64 counts as the same client.
        assert!(limiter
            .attempt(&db, "fresh@example.org", "2001:db8:1:2:ffff::1", t0)
            .await
            .is_err());
        assert!(limiter
            .attempt(&db, "fresh@example.org", "2001:db8:1:3::1", t0)
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn long_accounts_and_addresses_are_cut_to_the_bucket_column() {
        let db = fresh_db().await.unwrap();
        let limiter = LoginLimiter::new();
        let account = "a".repeat(254);
        let client = "x".repeat(5_000);
        assert!(limiter
            .attempt(&db, &account, &client, Utc::now())
            .await
            .is_ok());
        assert_eq!(buckets(&db).await.unwrap(), 2);
    }

    #[test]
    fn client_addresses_are_grouped() {
        assert_eq!(client_group("192.0.2.1"), "192.0.2.1");
        assert_eq!(client_group("2001:db8:a:b:c:d:e:f"), "2001:db8:a:b::/64");
        assert_eq!(client_group("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(client_group(""), "");
        assert_eq!(client_group(&"x".repeat(500)).len(), MAX_CLIENT_KEY);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod rate_tests {
    use super::*;
    use crate::service::testing::fresh_db;

    #[tokio::test]
    async fn a_full_window_refuses_until_the_next() {
        let db = fresh_db().await.unwrap();
        let limiter = RateLimiter::new("test", 3, 60);
        let t0 = Utc::now();
        for _ in 0..3 {
            assert!(limiter.hit(&db, "10.0.0.1", t0).await.is_ok());
        }
        assert!(matches!(
            limiter
                .hit(&db, "10.0.0.1", t0 + Duration::seconds(20))
                .await,
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 40
            })
        ));
        assert!(
            limiter.hit(&db, "10.0.0.2", t0).await.is_ok(),
            "other addresses are not affected"
        );
        assert!(
            RateLimiter::new("other", 3, 60)
                .hit(&db, "10.0.0.1", t0)
                .await
                .is_ok(),
            "other limiters are not affected"
        );
        assert!(limiter
            .hit(&db, "10.0.0.1", t0 + Duration::seconds(61))
            .await
            .is_ok());
        let off = RateLimiter::new("off", 0, 60);
        for _ in 0..100 {
            assert!(off.hit(&db, "x", t0).await.is_ok());
        }
    }
}
