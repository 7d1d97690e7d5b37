//! Backups of the SQLite database while Sala serves.
//!
//! A backup is SQLite's `VACUUM INTO`, run on a connection of the live pool: it reads the
//! database inside one read transaction, so the copy is a consistent snapshot holding every
//! transaction committed before it began, and in WAL mode writers go on meanwhile. Copying the
//! file with `cp` instead could catch it halfway through a checkpoint, and would miss what is
//! still in the `-wal` file.
//!
//! `VACUUM INTO` does not flush its output to disk, so the copy is written under a temporary
//! name, synced, and only then given its name, without ever replacing an existing file: a file
//! named like a backup is always a whole one. Backups are named `sala-YYYYMMDD-HHMMSS.db` (UTC),
//! so their names sort by age; [`daily`] keeps the last few. PostgreSQL has its own tool for
//! this ([`PG_DUMP_HINT`]).
pub mod daily;
pub mod lock;
pub mod restore;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// What `sala backup` says on PostgreSQL.
pub const PG_DUMP_HINT: &str =
    "sala backup copies a SQLite database; on PostgreSQL use pg_dump, e.g.
  pg_dump --format=custom --file=sala-$(date +%Y%m%d-%H%M%S).dump \"$DATABASE_URL\"
and restore such a file with
  pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" sala-YYYYMMDD-HHMMSS.dump";

/// Why a backup was not made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{} already exists; a backup never replaces a file", .0.display())]
    Exists(PathBuf),
    #[error("{path}: {err}", path = .0.display(), err = .1)]
    Io(PathBuf, std::io::Error),
    #[error("the path {} is not valid UTF-8", .0.display())]
    Path(PathBuf),
    #[error("backups are made of SQLite databases only")]
    NotSqlite,
    #[error("the backup failed: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// `sala-20261203-020000.db`: the name of a backup made at `now`.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("sala-{}.db", now.format("%Y%m%d-%H%M%S"))
}

/// True for names [`file_name`] gives, and only those: pruning never touches other files.
pub fn is_backup_name(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix("sala-")
        .and_then(|rest| rest.strip_suffix(".db"))
    else {
        return false;
    };
    let bytes = stamp.as_bytes();
    bytes.len() == 15
        && bytes[8] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 8 || b.is_ascii_digit())
}

/// Where `sala backup` writes when told no file and no `SALA_BACKUP_DIR`: a `backups`
/// folder beside the database.
pub fn default_dir(database: &Path) -> PathBuf {
    database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// Writes a consistent copy of the live database `db` to `file`, which must not exist yet
/// (its folder is created if missing). Returns the size of the copy in bytes.
pub async fn backup_to(db: &DatabaseConnection, file: &Path) -> Result<u64, BackupError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    if file.exists() {
        return Err(BackupError::Exists(file.to_owned()));
    }
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| BackupError::Io(dir.to_owned(), e))?;
    let name = file
        .file_name()
        .ok_or_else(|| BackupError::Path(file.to_owned()))?;
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(name);
    partial_name.push(".partial");
    let partial = dir.join(partial_name);
    // Left by a backup that was interrupted: VACUUM INTO refuses a file with content.
    remove_if_present(&partial)?;

    let target = partial
        .to_str()
        .ok_or_else(|| BackupError::Path(partial.clone()))?;
    let vacuum = db
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await;
    if let Err(e) = vacuum {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    let named = sync(&partial).and_then(|()| give_name(&partial, file));
    let _ = std::fs::remove_file(&partial);
    named?;
    sync_dir(dir);
    std::fs::metadata(file)
        .map(|m| m.len())
        .map_err(|e| BackupError::Io(file.to_owned(), e))
}

/// Links the finished copy under its final name, failing if that name exists (a rename
/// would silently replace it); falls back to a rename where hard links are not supported.
fn give_name(partial: &Path, file: &Path) -> Result<(), BackupError> {
    match std::fs::hard_link(partial, file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(BackupError::Exists(file.to_owned()))
        }
        Err(_) if file.exists() => Err(BackupError::Exists(file.to_owned())),
        Err(_) => std::fs::rename(partial, file).map_err(|e| BackupError::Io(file.to_owned(), e)),
    }
}

fn sync(file: &Path) -> Result<(), BackupError> {
    std::fs::File::open(file)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::Io(file.to_owned(), e))
}

/// Makes a new name in `dir` durable (Unix; elsewhere the rename is trusted as it is).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn remove_if_present(file: &Path) -> Result<(), BackupError> {
    match std::fs::remove_file(file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(BackupError::Io(file.to_owned(), e))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn backup_names_sort_by_time_and_nothing_else_looks_like_one() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 3, 2, 0, 9)
            .single()
            .expect("valid");
        assert_eq!(file_name(at), "sala-20261203-020009.db");
        assert!(is_backup_name(&file_name(at)));
        for other in [
            "sala.db",
            "sala-20261203.db",
            "sala-20261203-020009.db.partial",
            ".sala-20261203-020009.db.partial",
            "sala-2026120x-020009.db",
            "notes-20261203-020009.db",
        ] {
            assert!(!is_backup_name(other), "{other}");
        }
        assert_eq!(
            default_dir(Path::new("data/sala.db")),
            PathBuf::from("data/backups")
        );
        assert_eq!(
            default_dir(Path::new("sala.db")),
            PathBuf::from("./backups")
        );
    }
}
