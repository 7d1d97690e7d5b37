//! Backups of a SQLite file, through the `sala` binary itself:
//! - `sala backup` while `sala serve` takes a burst of registrations over real HTTP gives a
//!   file that passes SQLite's integrity check and holds every registration acknowledged
//!   before the backup began;
//! - the daily pass makes one backup a day and keeps the newest, and `sala serve` runs it;
//! - `sala backup` never replaces a file and sends PostgreSQL users to pg_dump.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use common::sala_file::*;
use domain::service::db;

const CLIENTS: usize = 16;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_during_a_burst_of_registrations_holds_every_one_acknowledged_before_it() {
    let dir = temp_dir("burst");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 10_000).await;
    let server = Server::start(&db_file).await;
    let port = server.port;

    let next = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (next, in_flight, stop, acked) =
            (next.clone(), in_flight.clone(), stop.clone(), acked.clone());
        clients.push(tokio::spawn(async move {
            let mut refused = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let i = next.fetch_add(1, Ordering::SeqCst);
                in_flight.fetch_add(1, Ordering::SeqCst);
                let (email, status) = register(port, i).await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match status {
                    Some(200) => acked.lock().unwrap().push(email),
                    other => refused.push(other),
                }
            }
            refused
        }));
    }
    let wait_for = |n: usize| {
        let acked = acked.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            while acked.lock().unwrap().len() < n {
                assert!(Instant::now() < deadline, "only {} acknowledged", n);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    };
    wait_for(100).await;

    // Everything acknowledged before the backup starts must be in it.
    let before: Vec<String> = acked.lock().unwrap().clone();
    let pending = in_flight.load(Ordering::SeqCst);
    let backup_file = dir.join("during-burst.db");
    let (db_arg, file_arg) = (db_file.clone(), backup_file.display().to_string());
    let out = tokio::task::spawn_blocking(move || sala(&db_arg, &["backup", &file_arg]))
        .await
        .unwrap();
    let after_backup = acked.lock().unwrap().len();
    // The burst goes on after the backup: the server was never paused.
    wait_for(after_backup + 50).await;
    stop.store(true, Ordering::SeqCst);
    let mut refused = Vec::new();
    for client in clients {
        refused.extend(client.await.unwrap());
    }
    let all: Vec<String> = acked.lock().unwrap().clone();
    drop(server);

    assert!(out.status.success(), "sala backup: {}", text(&out));
    assert!(text(&out).contains("backup written to"), "{}", text(&out));
    assert!(
        pending > 0,
        "no registration was in flight when the backup began"
    );
    assert!(refused.is_empty(), "answers other than 200: {refused:?}");
    eprintln!(
        "{} acknowledged before the backup, {} by its end, {} in all",
        before.len(),
        after_backup,
        all.len()
    );

    assert!(integrity_ok(&backup_file).await, "the backup is damaged");
    let in_backup = registered_emails(&backup_file).await;
    let lost: Vec<&String> = before.iter().filter(|e| !in_backup.contains(*e)).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged registrations missing from the backup: {lost:?}",
        lost.len()
    );
    assert!(
        in_backup.len() < all.len(),
        "the backup holds {} registrations though {} were made after it",
        in_backup.len(),
        all.len()
    );
    // The live database holds everything.
    let live = registered_emails(&db_file).await;
    assert!(all.iter().all(|e| live.contains(e)));
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn the_daily_pass_makes_one_backup_a_day_and_keeps_the_newest() {
    use server::backup::daily;
    let dir = temp_dir("daily");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let conn = db::connect(&url_of(&db_file)).await.unwrap();
    let backups = dir.join("backups");
    let at = |day: u32, hour: u32| Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap();
    std::fs::create_dir_all(&backups).unwrap();
    std::fs::write(backups.join("notes.txt"), "kept by hand").unwrap();

    let first = daily::pass(&conn, &backups, 2, at(1, 9)).await.unwrap();
    assert_eq!(first.made, Some(backups.join("sala-20261201-090000.db")));
    assert!(integrity_ok(&backups.join("sala-20261201-090000.db")).await);
    let again = daily::pass(&conn, &backups, 2, at(1, 23)).await.unwrap();
    assert_eq!(again, daily::Pass::default(), "one backup a day");

    daily::pass(&conn, &backups, 2, at(2, 0)).await.unwrap();
    let third = daily::pass(&conn, &backups, 2, at(3, 4)).await.unwrap();
    assert_eq!(third.made, Some(backups.join("sala-20261203-040000.db")));
    assert_eq!(
        third.removed,
        vec![backups.join("sala-20261201-090000.db")],
        "only the newest two stay"
    );
    let mut left: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "notes.txt",
            "sala-20261202-000000.db",
            "sala-20261203-040000.db"
        ],
        "other files are left alone, and no partial file remains"
    );
    conn.close().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sala_serve_with_a_backup_dir_backs_up_soon_after_start_and_keeps_the_newest() {
    let dir = temp_dir("serve-daily");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;
    let backups = dir.join("daily");
    let backups_arg = backups.display().to_string();

    let out = Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("serve")
        .env_clear()
        .env("DATABASE_URL", url_of(&db_file))
        .env("SALA_BACKUP_DIR", &backups_arg)
        .env("SALA_BACKUP_KEEP", "none")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("SALA_BACKUP_KEEP"), "{}", text(&out));

    std::fs::create_dir_all(&backups).unwrap();
    for old in ["sala-20200101-020000.db", "sala-20200102-020000.db"] {
        std::fs::copy(&db_file, backups.join(old)).unwrap();
    }
    let server = Server::start_with(
        &db_file,
        &[("SALA_BACKUP_DIR", &backups_arg), ("SALA_BACKUP_KEEP", "2")],
    )
    .await;
    let today = format!("sala-{}-", Utc::now().format("%Y%m%d"));
    let deadline = Instant::now() + server::backup::daily::FIRST_AFTER + Duration::from_secs(30);
    let names = loop {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        if names.len() == 2 && names[1].starts_with(&today) {
            break names;
        }
        assert!(
            Instant::now() < deadline,
            "no backup of today: {names:?}\n{}",
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(names[0], "sala-20200102-020000.db", "the oldest went");
    assert!(integrity_ok(&backups.join(&names[1])).await);
    drop(server);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn sala_backup_never_replaces_a_file_and_sends_postgresql_users_to_pg_dump() {
    let dir = temp_dir("cli");
    let db_file = dir.join("sala.db");
    prepare(&db_file, 30).await;

    let out = sala(&db_file, &["backup"]);
    assert!(out.status.success(), "{}", text(&out));
    let made: Vec<PathBuf> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let name = made[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(server::backup::is_backup_name(&name), "{name}");
    assert!(integrity_ok(&made[0]).await);

    // With SALA_BACKUP_DIR, that is where a backup goes.
    let daily = dir.join("daily");
    let out = Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("backup")
        .env_clear()
        .env("DATABASE_URL", url_of(&db_file))
        .env("SALA_BACKUP_DIR", &daily)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read_dir(&daily).unwrap().count(), 1);

    let file = dir.join("mine.db");
    std::fs::write(&file, "something else").unwrap();
    let out = sala(&db_file, &["backup", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("already exists"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "something else");

    let out = Command::new(env!("CARGO_BIN_EXE_sala"))
        .arg("backup")
        .env_clear()
        .env("DATABASE_URL", "postgres://sala:secret-pw@127.0.0.1:1/sala")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("pg_dump --format=custom"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("secret-pw"), "{}", text(&out));
    std::fs::remove_dir_all(&dir).ok();
}
