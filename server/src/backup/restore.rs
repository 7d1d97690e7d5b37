//! `sala restore FILE`: a backup put back in place of the configured SQLite database.
//!
//! Refused unless the file is a whole Sala database (SQLite's header, `PRAGMA
//! integrity_check` answering "ok", Sala's tables), and refused while any other `sala`
//! process has the database open (see [`super::lock`]): replacing the file under a running
//! server would leave it writing into a file that is no longer the database.
//!
//! Nothing is lost and the database path never holds half a file:
//! 1. the backup is copied beside the database as `<db>.restoring` and synced;
//! 2. the current database's WAL is checkpointed into its main file (it may hold the last
//!    committed transactions), and the file is kept as `<db>.before-restore-YYYYMMDD-HHMMSS`;
//! 3. the old `-wal` and `-shm` files go: a stale WAL beside the restored file would be
//!    replayed into it;
//! 4. `<db>.restoring` is renamed over `<db>` in one step.
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sea_orm::sqlx::{self, Connection};

use super::lock::{DatabaseLock, LockError};

/// Why a restore was refused or failed. Nothing has been replaced when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("{} is not a SQLite database", .0.display())]
    NotSqlite(PathBuf),
    #[error("{path} fails SQLite's integrity check: {err}", path = .0.display(), err = .1)]
    Damaged(PathBuf, String),
    #[error("{} is a SQLite database but not one of Sala's", .0.display())]
    NotSala(PathBuf),
    #[error(
        "{path} was made by a newer version of Sala (migration {version}); restore it with that version",
        path = .0.display(),
        version = .1
    )]
    Newer(PathBuf, String),
    #[error("{} is the database itself", .0.display())]
    SameFile(PathBuf),
    #[error(
        "another sala process (a running `sala serve`?) has {} open; stop it and run sala restore again",
        .0.display()
    )]
    InUse(PathBuf),
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Io(PathBuf, std::io::Error),
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Database(PathBuf, String),
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// Where the database that was replaced is kept (None when there was none).
    pub kept: Option<PathBuf>,
}

/// Puts `backup` in place of the SQLite database at `database` (see the module's steps).
pub async fn restore(
    database: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<Restored, RestoreError> {
    check_backup(backup).await?;
    if same_file(database, backup) {
        return Err(RestoreError::SameFile(backup.to_owned()));
    }
    let dir = database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| RestoreError::Io(dir.to_owned(), e))?;
    let _lock = DatabaseLock::exclusive(database).map_err(|e| match e {
        LockError::Busy(_) => RestoreError::InUse(database.to_owned()),
        LockError::Io(path, e) => RestoreError::Io(path, e),
    })?;

    let restoring = suffixed(database, ".restoring");
    let copied = std::fs::copy(backup, &restoring)
        .and_then(|_| std::fs::File::open(&restoring)?.sync_all())
        .map_err(|e| RestoreError::Io(restoring.clone(), e));
    let put_in_place = match copied {
        Ok(()) => replace(database, &restoring, now).await,
        Err(e) => Err(e),
    };
    if put_in_place.is_err() {
        let _ = std::fs::remove_file(&restoring);
    }
    let kept = put_in_place?;
    super::sync_dir(dir);
    Ok(Restored { kept })
}

/// Steps 2–4: keeps the current database, clears its WAL files, renames the copy into place.
async fn replace(
    database: &Path,
    restoring: &Path,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, RestoreError> {
    let kept = if database.exists() {
        checkpoint(database).await?;
        let kept = suffixed(
            database,
            &format!(".before-restore-{}", now.format("%Y%m%d-%H%M%S")),
        );
        std::fs::hard_link(database, &kept)
            .or_else(|_| std::fs::copy(database, &kept).map(|_| ()))
            .map_err(|e| RestoreError::Io(kept.clone(), e))?;
        Some(kept)
    } else {
        None
    };
    for stale in ["-wal", "-shm", "-journal"] {
        let file = suffixed(database, stale);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(RestoreError::Io(file, e))
            }
            _ => {}
        }
    }
    std::fs::rename(restoring, database).map_err(|e| RestoreError::Io(database.to_owned(), e))?;
    Ok(kept)
}

/// Header, integrity and Sala's own tables, read without changing the file.
async fn check_backup(backup: &Path) -> Result<(), RestoreError> {
    let mut header = [0u8; 16];
    let read = std::fs::File::open(backup)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    match read {
        Ok(()) if &header == b"SQLite format 3\0" => {}
        Ok(()) => return Err(RestoreError::NotSqlite(backup.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(RestoreError::NotSqlite(backup.to_owned()))
        }
        Err(e) => return Err(RestoreError::Io(backup.to_owned(), e)),
    }
    let db_error = |e: sqlx::Error| RestoreError::Damaged(backup.to_owned(), e.to_string());
    // Immutable: no lock, no -wal or -shm created beside the backup, nothing written.
    let options = SqliteConnectOptions::new()
        .filename(backup)
        .read_only(true)
        .immutable(true);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(db_error)?;
    let verdict: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .map_err(db_error)?;
    let sala_tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' \
         AND name IN ('seaql_migrations', 'events', 'registrations')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(db_error)?;
    if verdict != ["ok"] {
        let shown: Vec<String> = verdict.into_iter().take(3).collect();
        return Err(RestoreError::Damaged(backup.to_owned(), shown.join("; ")));
    }
    if sala_tables != 3 {
        return Err(RestoreError::NotSala(backup.to_owned()));
    }
    // An older backup is brought up to date when `sala serve` starts; a newer one cannot be.
    let applied: Vec<String> = sqlx::query_scalar("SELECT version FROM seaql_migrations")
        .fetch_all(&mut conn)
        .await
        .map_err(db_error)?;
    let _ = conn.close().await;
    use migration::MigratorTrait;
    let known: Vec<String> = migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if let Some(unknown) = applied.into_iter().find(|v| !known.contains(v)) {
        return Err(RestoreError::Newer(backup.to_owned(), unknown));
    }
    Ok(())
}

/// Moves what the current database's WAL holds into its main file, so the kept copy is
/// whole on its own.
async fn checkpoint(database: &Path) -> Result<(), RestoreError> {
    let db_error = |e: sqlx::Error| RestoreError::Database(database.to_owned(), e.to_string());
    let options = SqliteConnectOptions::new()
        .filename(database)
        .create_if_missing(false);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(db_error)?;
    let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut conn)
        .await
        .map_err(db_error)?;
    conn.close().await.map_err(db_error)?;
    if busy != 0 {
        return Err(RestoreError::InUse(database.to_owned()));
    }
    Ok(())
}

fn same_file(database: &Path, backup: &Path) -> bool {
    match (database.canonicalize(), backup.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `data/sala.db` + `-wal` → `data/sala.db-wal`.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
