//! Backups and restores of a SQLite file, through the `sala` binary itself:
//! - `sala backup` while `sala serve` takes a burst of registrations over real HTTP gives a
//!   file that passes SQLite's integrity check and holds every registration acknowledged
//!   before the backup began;
//! - the daily pass makes one backup a day and keeps the newest;
//! - `sala backup` never replaces a file and sends PostgreSQL users to pg_dump;
//! - `sala restore` puts a backup back (keeping the replaced database), and is refused while a
//!   server has the database open, or for a file that is not a whole Sala database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use domain::forms::EventForm;
use domain::service::{db, event_admin, users};
use domain::types::{EventStatus, Role};
use entities::{people, registrations};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SLUG: &str = "backup-forum";
const CLIENTS: usize = 16;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sala-backup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn url_of(db_file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", db_file.display())
}

/// `sala ARGS` on the database file, with nothing from the test's own environment.
fn sala(db_file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sala"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url_of(db_file))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A running `sala serve`, killed when dropped (also when an assertion fails).
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(db_file: &Path) -> Server {
        Self::start_with(db_file, &[]).await
    }

    async fn start_with(db_file: &Path, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let log = db_file.with_extension(format!("server-{port}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_sala"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", url_of(db_file))
            .env("SALA_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            // Every client here is 127.0.0.1: the per-address limit would stop the burst.
            .env("SALA_PUBLIC_RATE_LIMIT", "0")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut server = Server { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("sala serve exited with {status}: {}", server.log_text());
            }
            if get_status(port, "/healthz").await == Some(200) {
                return server;
            }
            assert!(Instant::now() < deadline, "no answer from sala serve");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A port in 3920-3959 that nothing listens on, a different one each time.
fn free_port() -> u16 {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    for _ in 0..40 {
        let port = 3920 + NEXT.fetch_add(1, Ordering::Relaxed) % 40;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in 3920-3959");
}

/// One HTTP/1.1 exchange on a fresh connection; the status code, if one came back.
async fn exchange(port: u16, request: String) -> Option<u16> {
    let io = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.ok()?;
        let head = std::str::from_utf8(answer.split(|b| *b == b'\r').next()?).ok()?;
        head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
    };
    tokio::time::timeout(Duration::from_secs(15), io)
        .await
        .ok()
        .flatten()
}

async fn get_status(port: u16, path: &str) -> Option<u16> {
    exchange(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
    .await
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Registers person `i` through the public form's server function.
async fn register(port: u16, i: usize) -> (String, Option<u16>) {
    let email = format!("burst-{i:05}@example.org");
    let fields = [
        ("slug", SLUG.to_owned()),
        ("form[name_latin]", format!("Sokha Chhim {i}")),
        ("form[name_native]", "សុខា ឈឹម".to_owned()),
        ("form[email]", email.clone()),
        ("form[country_code]", "KH".to_owned()),
        ("form[consent]", "on".to_owned()),
        ("form[submission_key]", format!("backup-burst-{i:05}")),
    ];
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let request = format!(
        "POST /api/register HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    (email, exchange(port, request).await)
}

/// A migrated database file with an admin and an open public event of `capacity` places.
async fn prepare(db_file: &Path, capacity: usize) {
    let conn = db::connect_migrated(&url_of(db_file)).await.unwrap();
    let now = Utc::now();
    let admin = users::NewStaff {
        email: "admin@example.org",
        display_name: "Admin",
        password: "backup-password-1",
        role: Role::Admin,
    };
    let admin = users::create(&conn, admin, now).await.unwrap();
    let form = EventForm {
        title: "Backup forum".into(),
        slug: SLUG.into(),
        kind: "workshop".into(),
        timezone: "Asia/Phnom_Penh".into(),
        starts_at: "2027-06-01T08:30".into(),
        ends_at: "2027-06-03T18:00".into(),
        city: "Phnom Penh".into(),
        country_code: "KH".into(),
        capacity: capacity.to_string(),
        registration_mode: "open".into(),
        visibility: "public".into(),
        ..Default::default()
    };
    let event = event_admin::create_event(&conn, &form, admin.id, now)
        .await
        .unwrap();
    event_admin::set_status(&conn, event.id, EventStatus::Published)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// A database file opened as it is: read-only, no journal mode set, nothing migrated.
async fn open_as_is(file: &Path) -> DatabaseConnection {
    Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .unwrap()
}

/// The e-mail addresses of everyone registered in the database file.
async fn registered_emails(file: &Path) -> HashSet<String> {
    let conn = open_as_is(file).await;
    let person_ids: HashSet<i64> = registrations::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    let emails = people::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| person_ids.contains(&p.id))
        .filter_map(|p| p.email)
        .collect();
    conn.close().await.unwrap();
    emails
}

async fn integrity_ok(file: &Path) -> bool {
    let conn = open_as_is(file).await;
    let ok = db::integrity_check(&conn).await.unwrap();
    conn.close().await.unwrap();
    ok
}

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
