//! Opening the database: SQLite (embedded, the default) or PostgreSQL.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: every acknowledged commit is on disk
//! even after a power cut (NORMAL would only survive a process crash, and Sala promises
//! that no acknowledged write is lost). A busy timeout lets writers queue instead of failing.
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// True for URLs the embedded SQLite driver handles.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

fn in_memory(url: &str) -> bool {
    is_sqlite(url) && (url.contains(":memory:") || url.contains("mode=memory"))
}

/// Opens the database with its schema brought up to date.
///
/// Migrations run on a connection of their own, closed before the pool opens. A pooled
/// connection that read the schema before an `ALTER TABLE … ADD COLUMN` can go on describing
/// `INSERT … RETURNING *` with the old columns, and the insert then fails with "Missing value
/// for column …" (seen on SQLite files, now and then, right after migrating).
pub async fn connect_migrated(url: &str) -> Result<DatabaseConnection, DbErr> {
    use migration::{Migrator, MigratorTrait};
    if in_memory(url) {
        // One connection, and each in-memory connection is its own database: migrate it.
        let db = connect(url).await?;
        Migrator::up(&db, None).await?;
        return Ok(db);
    }
    let single = connect_with(url, Some(1)).await?;
    Migrator::up(&single, None).await?;
    single.close().await?;
    connect(url).await
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, None).await
}

/// `connect` with at most `max` connections (the default pool size when None).
async fn connect_with(url: &str, max: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if is_sqlite(url) {
        let in_memory = in_memory(url);
        options.map_sqlx_sqlite_opts(move |o| {
            let o = o
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(SqliteSynchronous::Full)
                .create_if_missing(true);
            if in_memory {
                o
            } else {
                o.journal_mode(SqliteJournalMode::Wal)
            }
        });
        if in_memory {
            // One connection: each in-memory connection would be its own empty database.
            options.max_connections(1).min_connections(1);
        } else {
            options.max_connections(8);
        }
    } else {
        options.max_connections(16);
    }
    if let Some(max) = max {
        options.max_connections(max).min_connections(1);
    }
    let db = Database::connect(options).await?;
    Ok(db)
}

/// Answers Ok when the database can run a query.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// Runs SQLite's own consistency check; PostgreSQL has none to run and passes.
pub async fn integrity_check(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(true);
    }
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?;
    let verdict: String = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => return Ok(false),
    };
    Ok(verdict == "ok")
}

/// The one way Sala opens a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`: the
/// write lock is taken before the first read, so a concurrent writer makes it wait (the busy
/// timeout) instead of failing with BUSY when a deferred transaction that has read tries to
/// write. On PostgreSQL it is an ordinary transaction; services that read-then-write rows
/// others may change lock them first (`SELECT … FOR UPDATE`).
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
