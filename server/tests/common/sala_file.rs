//! A Sala database file and the `sala` binary run on it as a separate process: start
//! `sala serve` and talk to it over real HTTP, run one-off commands, read a file as it is.
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use domain::forms::EventForm;
use domain::service::{db, event_admin, users};
use domain::types::{EventStatus, Role};
use entities::{people, registrations};
use sea_orm::{Database, DatabaseConnection, EntityTrait};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const SLUG: &str = "backup-forum";
const CLIENTS: usize = 16;

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sala-backup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn url_of(db_file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", db_file.display())
}

/// `sala ARGS` on the database file, with nothing from the test's own environment.
pub fn sala(db_file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sala"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url_of(db_file))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A running `sala serve`, killed when dropped (also when an assertion fails).
pub struct Server {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub async fn start(db_file: &Path) -> Server {
        Self::start_with(db_file, &[]).await
    }

    pub async fn start_with(db_file: &Path, env: &[(&str, &str)]) -> Server {
        Self::start_url(&url_of(db_file), &db_file.with_extension("server"), env).await
    }

    /// `sala serve` on the database at `url` (SQLite or PostgreSQL), its log beside `log_base`.
    pub async fn start_url(url: &str, log_base: &Path, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let log = log_base.with_extension(format!("server-{port}.log"));
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_sala"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", url)
            .env("SALA_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            // Every client here is 127.0.0.1: the per-address limit would stop the burst.
            .env("SALA_PUBLIC_RATE_LIMIT", "0")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
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

    /// Sends SIGTERM (what systemd and `kill` send) and waits up to 20 s for the exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success(), "kill -TERM {pid}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "sala serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no shutdown, no flush, no chance to finish what is in flight.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A port in 3920-3959 that nothing listens on, a different one each time.
pub fn free_port() -> u16 {
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
pub async fn exchange(port: u16, request: String) -> Option<u16> {
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

pub async fn get_status(port: u16, path: &str) -> Option<u16> {
    exchange(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
    .await
}

pub fn encode(value: &str) -> String {
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
pub async fn register(port: u16, i: usize) -> (String, Option<u16>) {
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
pub async fn prepare(db_file: &Path, capacity: usize) {
    prepare_url(&url_of(db_file), capacity).await;
}

/// [`prepare`] for the database at `url` (SQLite or PostgreSQL).
pub async fn prepare_url(url: &str, capacity: usize) {
    let conn = db::connect_migrated(url).await.unwrap();
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
pub async fn open_as_is(file: &Path) -> DatabaseConnection {
    Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .unwrap()
}

/// The e-mail addresses of everyone registered in the database file.
pub async fn registered_emails(file: &Path) -> HashSet<String> {
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

pub async fn integrity_ok(file: &Path) -> bool {
    let conn = open_as_is(file).await;
    let ok = db::integrity_check(&conn).await.unwrap();
    conn.close().await.unwrap();
    ok
}
