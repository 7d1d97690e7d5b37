//! Daily backups (`SALA_BACKUP_DIR`): `sala serve` looks once an hour, and shortly after it
//! starts, whether the folder holds a backup from today (UTC); when not, it makes one. Then
//! it keeps the newest `SALA_BACKUP_KEEP` backups and removes older ones. Looking every hour
//! rather than sleeping until midnight means a server restarted, suspended or started late
//! still makes the day's backup, and never two on one day.
//!
//! Only files named like backups (`sala-YYYYMMDD-HHMMSS.db`) are counted or removed, so a
//! backup made by hand with `sala backup` into the same folder counts as the day's, and
//! anything else kept there is left alone.
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::{backup_to, file_name, is_backup_name, BackupError};

/// How often the folder is looked at.
pub const EVERY: Duration = Duration::from_secs(60 * 60);
/// The first look after start: soon, but not in the middle of start-up.
pub const FIRST_AFTER: Duration = Duration::from_secs(20);

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    /// The backup made, when there was none from today.
    pub made: Option<PathBuf>,
    /// Old backups removed.
    pub removed: Vec<PathBuf>,
}

/// One look at `dir`: a backup when there is none from today, then only the newest `keep`.
pub async fn pass(
    db: &DatabaseConnection,
    dir: &Path,
    keep: usize,
    now: DateTime<Utc>,
) -> Result<Pass, BackupError> {
    std::fs::create_dir_all(dir).map_err(|e| BackupError::Io(dir.to_owned(), e))?;
    let today = format!("sala-{}-", now.format("%Y%m%d"));
    let made = if backups(dir)?.iter().any(|name| name.starts_with(&today)) {
        None
    } else {
        let file = dir.join(file_name(now));
        backup_to(db, &file).await?;
        Some(file)
    };
    let removed = prune(dir, keep)?;
    Ok(Pass { made, removed })
}

/// Removes all but the newest `keep` backups in `dir`; returns what it removed.
pub fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let mut names = backups(dir)?;
    names.sort();
    let excess = names.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for name in names.into_iter().take(excess) {
        let file = dir.join(name);
        std::fs::remove_file(&file).map_err(|e| BackupError::Io(file.clone(), e))?;
        removed.push(file);
    }
    Ok(removed)
}

/// The names of the backups in `dir`.
fn backups(dir: &Path) -> Result<Vec<String>, BackupError> {
    let entries = std::fs::read_dir(dir).map_err(|e| BackupError::Io(dir.to_owned(), e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| BackupError::Io(dir.to_owned(), e))?;
        if let Some(name) = entry.file_name().to_str().filter(|n| is_backup_name(n)) {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                names.push(name.to_owned());
            }
        }
    }
    Ok(names)
}

/// Starts the hourly look in the background.
pub fn spawn(db: DatabaseConnection, dir: PathBuf, keep: usize) {
    tokio::spawn(async move {
        tokio::time::sleep(FIRST_AFTER).await;
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match pass(&db, &dir, keep, Utc::now()).await {
                Ok(done) => {
                    if let Some(file) = &done.made {
                        tracing::info!(file = %file.display(), "daily backup written");
                    }
                    for file in &done.removed {
                        tracing::info!(file = %file.display(), "old backup removed");
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "daily backup failed; trying again in an hour")
                }
            }
        }
    });
}
