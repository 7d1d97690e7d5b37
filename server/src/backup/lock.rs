//! Who is using a SQLite database file, told by an advisory lock on `<database>.lock`.
//!
//! SQLite's own locks cannot say whether a server has the database open: in WAL mode a
//! connection holds no lock between transactions, and even `BEGIN EXCLUSIVE` succeeds while
//! readers are connected. So every `sala` process that opens the file (`serve`, `migrate`,
//! `backup`, …) first takes a *shared* lock on a lock file beside it and keeps it for as long
//! as it runs, and `sala restore` takes it *exclusively*: it gets the lock only when no other
//! `sala` process has the database open, and while it holds it no server can start.
//!
//! The lock is `flock` on Unix (`LockFileEx` on Windows), held by the open file: the kernel
//! drops it when the process ends, however it ends (even SIGKILL), so a crashed server never
//! leaves a stale lock behind. The lock file itself is empty and never removed (removing it
//! while another process waits on it would let two processes lock two different files).
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// A held lock on a database's lock file; released when dropped.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock in a way that excludes ours.
    #[error("{} is locked by another sala process", .0.display())]
    Busy(PathBuf),
    #[error("cannot open the lock file {path}: {err}", path = .0.display(), err = .1)]
    Io(PathBuf, std::io::Error),
}

/// `data/sala.db` → `data/sala.db.lock`.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl DatabaseLock {
    /// The lock every process that uses the database holds: many at a time.
    pub fn shared(database: &Path) -> Result<Self, LockError> {
        Self::take(database, false)
    }

    /// The lock `sala restore` holds: only when nobody else has the database open.
    pub fn exclusive(database: &Path) -> Result<Self, LockError> {
        Self::take(database, true)
    }

    fn take(database: &Path, exclusive: bool) -> Result<Self, LockError> {
        let path = lock_path(database);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| LockError::Io(path.clone(), e))?;
        let taken = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Ok(()) => Ok(DatabaseLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy(path)),
            Err(TryLockError::Error(e)) => Err(LockError::Io(path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_locks_coexist_and_exclude_the_exclusive_one() {
        let dir = std::env::temp_dir().join(format!("sala-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = dir.join("sala.db");
        assert_eq!(lock_path(&db), dir.join("sala.db.lock"));

        let first = DatabaseLock::shared(&db).expect("first shared lock");
        let second = DatabaseLock::shared(&db).expect("second shared lock");
        assert!(matches!(
            DatabaseLock::exclusive(&db),
            Err(LockError::Busy(_))
        ));
        drop(first);
        assert!(DatabaseLock::exclusive(&db).is_err(), "one user remains");
        drop(second);
        let exclusive = DatabaseLock::exclusive(&db).expect("nobody else");
        assert!(matches!(DatabaseLock::shared(&db), Err(LockError::Busy(_))));
        drop(exclusive);
        DatabaseLock::shared(&db).expect("free again");
        std::fs::remove_dir_all(&dir).ok();
    }
}
