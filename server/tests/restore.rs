//! `sala restore` through the binary itself: it puts a backup back (keeping the replaced
//! database, with what its WAL held), and is refused while a server has the database open, or
//! for a file that is not a whole Sala database of this version or an older one.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::path::{Path, PathBuf};

use common::sala_file::*;
use domain::service::db;
use entities::registrations;
use sea_orm::{ConnectionTrait, Database, EntityTrait, PaginatorTrait};

/// The titles of the events in a database file.
async fn event_titles(file: &Path) -> Vec<String> {
    let conn = open_as_is(file).await;
    let titles = entities::events::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    conn.close().await.unwrap();
    titles
}

#[tokio::test]
async fn a_restore_puts_the_backup_back_and_keeps_what_it_replaced() {
    let dir = temp_dir("restore");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let backup = dir.join("before-changes.db");
    assert!(sala(&db_file, &["backup", backup.to_str().unwrap()])
        .status
        .success());

    // Changes after the backup, left in the WAL by a server that was killed.
    let conn = db::connect(&url_of(&db_file)).await.unwrap();
    conn.execute_unprepared("UPDATE events SET title = 'Changed after the backup'")
        .await
        .unwrap();
    std::mem::forget(conn); // never closed, as by a SIGKILL: the WAL is not checkpointed
    assert_eq!(event_titles(&db_file).await, ["Changed after the backup"]);

    let out = sala(&db_file, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("kept as"), "{}", text(&out));
    for stale in ["sala.db-wal", "sala.db-shm"] {
        assert!(
            !dir.join(stale).exists(),
            "{stale} left beside the restored file"
        );
    }
    assert_eq!(event_titles(&db_file).await, ["Backup forum"]);
    assert!(integrity_ok(&db_file).await);
    assert!(backup.exists(), "the backup itself stays");
    assert!(!dir.join("sala.db.restoring").exists());

    let kept: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sala.db.before-restore-"))
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        event_titles(&kept[0]).await,
        ["Changed after the backup"],
        "the kept database holds what its WAL held"
    );

    // The restored database serves.
    let server = Server::start(&db_file).await;
    assert_eq!(
        get_status(server.port, "/events/backup-forum").await,
        Some(200)
    );
    let (_, status) = register(server.port, 1).await;
    assert_eq!(status, Some(200), "{}", server.log_text());
    drop(server);
    let conn = open_as_is(&db_file).await;
    assert_eq!(registrations::Entity::find().count(&conn).await.unwrap(), 1);
    conn.close().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_is_refused_while_a_server_has_the_database_open() {
    let dir = temp_dir("refused");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let backup = dir.join("backup.db");
    assert!(sala(&db_file, &["backup", backup.to_str().unwrap()])
        .status
        .success());

    let server = Server::start(&db_file).await;
    let (_, status) = register(server.port, 7).await;
    assert_eq!(status, Some(200));
    let out = sala(&db_file, &["restore", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("sala serve"), "{}", text(&out));
    // Nothing was touched: the server goes on with its registration.
    assert_eq!(get_status(server.port, "/healthz").await, Some(200));
    assert_eq!(registered_emails(&db_file).await.len(), 1);
    drop(server);

    // Once it has stopped, the same restore goes through.
    let out = sala(&db_file, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(registered_emails(&db_file).await.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

/// systemd stops a service with SIGTERM: the server finishes, closes the database (its WAL is
/// folded back and removed) and exits 0.
#[tokio::test]
async fn sala_serve_stops_cleanly_on_sigterm() {
    let dir = temp_dir("sigterm");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let mut server = Server::start(&db_file).await;
    let (_, status) = register(server.port, 3).await;
    assert_eq!(status, Some(200));
    let exit = server.terminate();
    assert!(exit.success(), "{exit}: {}", server.log_text());
    assert!(
        !dir.join("sala.db-wal").exists(),
        "the WAL was not folded back"
    );
    assert_eq!(registered_emails(&db_file).await.len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_restore_takes_only_a_whole_sala_database() {
    let dir = temp_dir("whole");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let backup = dir.join("backup.db");
    assert!(sala(&db_file, &["backup", backup.to_str().unwrap()])
        .status
        .success());
    let before = std::fs::read(&db_file).unwrap();

    let not_sqlite = dir.join("notes.db");
    std::fs::write(&not_sqlite, "name,email\nSokha,sokha@example.org\n").unwrap();
    let other = dir.join("other.db");
    let conn = Database::connect(url_of(&other)).await.unwrap();
    conn.execute_unprepared("CREATE TABLE things (id INTEGER PRIMARY KEY)")
        .await
        .unwrap();
    conn.close().await.unwrap();
    // A backup with one page in its middle overwritten, header and all.
    let damaged = dir.join("damaged.db");
    let mut bytes = std::fs::read(&backup).unwrap();
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let middle = bytes.len() / page_size / 2 * page_size;
    bytes[middle..middle + page_size].fill(0x5a);
    std::fs::write(&damaged, bytes).unwrap();

    // A backup from a later version, with a migration this one does not know.
    let newer = dir.join("newer.db");
    std::fs::copy(&backup, &newer).unwrap();
    let conn = Database::connect(url_of(&newer)).await.unwrap();
    conn.execute_unprepared(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_future', 0)",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();

    for (file, says) in [
        (&newer, "newer version of Sala"),
        (&not_sqlite, "not a SQLite database"),
        (&other, "not one of Sala's"),
        (&damaged, "integrity check"),
        (&dir.join("missing.db"), "missing.db"),
        (&db_file, "the database itself"),
    ] {
        let out = sala(&db_file, &["restore", file.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            file.display(),
            text(&out)
        );
        assert!(
            text(&out).contains(says),
            "{}: {}",
            file.display(),
            text(&out)
        );
    }
    assert_eq!(
        std::fs::read(&db_file).unwrap(),
        before,
        "the database is untouched"
    );
    std::fs::remove_dir_all(&dir).ok();
}
