//! Write transactions that take their locks first, and retries for the failures that only
//! mean "another writer was busy".
//!
//! SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first read, so two
//! writers can never both read "19 confirmed" and both insert; waiting for the lock is the
//! connection's busy timeout. (A deferred transaction that reads and then writes fails with
//! SQLITE_BUSY instead of waiting, as soon as another writer committed in between.)
//! PostgreSQL: the caller locks the event row (`SELECT … FOR UPDATE`) as its first statement;
//! writers for one event queue on that row, and under READ COMMITTED every later statement
//! sees what the previous holder committed.
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::Duration;

use rand::Rng;
use sea_orm::sqlx::postgres::PgDatabaseError;
use sea_orm::sqlx::sqlite::SqliteError;
use sea_orm::{DbErr, RuntimeErr, SqlErr};

use crate::DomainError;

/// Attempts after the first one.
const RETRIES: u32 = 5;

/// Why one attempt failed: a business answer (final) or a database error (maybe transient).
#[derive(Debug)]
pub(super) enum Failure {
    Domain(DomainError),
    Db(DbErr),
}

impl From<DbErr> for Failure {
    fn from(err: DbErr) -> Self {
        Self::Db(err)
    }
}

impl From<DomainError> for Failure {
    fn from(err: DomainError) -> Self {
        Self::Domain(err)
    }
}

/// Runs `attempt` (one whole transaction) until it succeeds, fails for a business reason, or
/// fails `RETRIES + 1` times with transient errors; database errors end as `Internal`.
pub(super) async fn with_retry<T, F, Fut>(what: &str, mut attempt: F) -> Result<T, DomainError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Failure>>,
{
    let mut tries = 0;
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(Failure::Domain(err)) => return Err(err),
            Err(Failure::Db(err)) if tries < RETRIES && is_transient(&err) => {
                tries += 1;
                tracing::warn!(error = %err, what, tries, "transient database error; retrying");
                // 10, 20, 40, 80, 160 ms, each plus up to 10 ms so retries do not collide again.
                let jitter = rand::thread_rng().gen_range(0..10);
                pause(Duration::from_millis((10 << (tries - 1)) + jitter)).await;
            }
            Err(Failure::Db(err)) => return Err(err.into()),
        }
    }
}

/// Lock contention (SQLite BUSY/LOCKED; PostgreSQL serialization failure, deadlock, lock
/// not available) and unique violations, which here only mean a concurrent writer inserted
/// the same person or organisation first: the next attempt finds and re-uses it.
fn is_transient(err: &DbErr) -> bool {
    if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        return true;
    }
    let (DbErr::Conn(RuntimeErr::SqlxError(e))
    | DbErr::Exec(RuntimeErr::SqlxError(e))
    | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    let Some(db_err) = e.as_database_error() else {
        return false;
    };
    if let Some(pg) = db_err.try_downcast_ref::<PgDatabaseError>() {
        return matches!(pg.code(), "40001" | "40P01" | "55P03");
    }
    if db_err.try_downcast_ref::<SqliteError>().is_some() {
        // Extended result codes: the primary code is the low byte (5 BUSY, 6 LOCKED).
        return db_err
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| matches!(code & 0xff, 5 | 6));
    }
    false
}

/// Waits without blocking the async runtime. `domain` has no timer of its own (no tokio
/// dependency), so a short-lived thread sleeps and wakes the task; retries are rare.
async fn pause(duration: Duration) {
    #[derive(Default)]
    struct State {
        done: bool,
        waker: Option<Waker>,
    }
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let spawned = std::thread::Builder::new()
        .name("sala-retry-pause".into())
        .spawn(move || {
            std::thread::sleep(duration);
            if let Ok(mut s) = shared.lock() {
                s.done = true;
                if let Some(waker) = s.waker.take() {
                    waker.wake();
                }
            }
        });
    if spawned.is_err() {
        return;
    }
    std::future::poll_fn(|cx| match state.lock() {
        Ok(mut s) if !s.done => {
            s.waker = Some(cx.waker().clone());
            Poll::Pending
        }
        _ => Poll::Ready(()),
    })
    .await;
}
