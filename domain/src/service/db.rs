//! Opening the database: SQLite (embedded, the default) or PostgreSQL.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: every acknowledged commit is on disk
//! even after a power cut (NORMAL would only survive a process crash, and Sala promises
//! that no acknowledged write is lost). A busy timeout lets writers queue instead of failing.
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// True for URLs the embedded SQLite driver handles.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if is_sqlite(url) {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
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
