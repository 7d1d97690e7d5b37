//! Three `sala serve` processes on one PostgreSQL database, as a network that outgrew one
//! process runs them behind a proxy, with a real SMTP listener:
//! - 1,000 registrations spread over the three at capacity 100 give exactly 100 confirmed;
//! - every outbox message reaches the mail server exactly once;
//! - a form refused on one process keeps its text when the page comes from another;
//! - a sign-in lockout caused through one process holds on the others.
//!
//! PostgreSQL is needed (`TEST_DATABASE_URL` or `TEST_POSTGRES_URL`); on CI its absence fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::sala_file::{self, encode, prepare_url, register, Server, SLUG};
use common::smtp::Listener;
use entities::{outbox, registrations};
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PEOPLE: usize = 1_000;
const CAPACITY: usize = 100;
const CLIENTS: usize = 16;

/// A new database of its own next to the test database named by `base` (the `sala` role may
/// create databases): the processes get a plain URL, as a deployment would.
async fn fresh_database(base: &str) -> String {
    let name = format!("sala_procs_{}", &domain::service::auth::new_token()[..12]);
    let admin = Database::connect(base).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}

async fn drop_database(base: &str, url: &str) {
    let name = url.rsplit_once('/').unwrap().1;
    if let Ok(admin) = Database::connect(base).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        let _ = admin.close().await;
    }
}

/// One HTTP/1.1 exchange; the status, the headers (lower-cased names) and the body (chunked
/// transfer decoded).
async fn http(port: u16, request: String) -> (u16, HashMap<String, String>, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer))
        .await
        .expect("an answer within 30 s")
        .unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let body = if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        let mut rest = body;
        let mut out = String::new();
        while let Some((size, after)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 || after.len() < size {
                break;
            }
            out.push_str(&after[..size]);
            rest = after[size..].trim_start_matches("\r\n");
        }
        out
    } else {
        body.to_owned()
    };
    (status, headers, body)
}

fn post(port: u16, path: &str, accept: &str, referer: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\n\
         Referer: {referer}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn sign_in(port: u16, email: &str, password: &str) -> u16 {
    let body = form(&[("email", email), ("password", password)]);
    let referer = format!("http://127.0.0.1:{port}/login");
    http(
        port,
        post(port, "/api/login", "application/json", &referer, &body),
    )
    .await
    .0
}

#[tokio::test]
async fn three_processes_on_one_postgresql_share_places_mail_drafts_and_lockouts() {
    let Some(base) = domain::service::testing::postgres_url() else {
        domain::service::testing::skip_unless_ci("three processes need PostgreSQL");
        return;
    };
    let url = fresh_database(&base).await;
    prepare_url(&url, CAPACITY).await;
    let smtp = Listener::default();
    let smtp_port = smtp.start().await;
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");
    let logs = sala_file::temp_dir("processes");
    let env = [
        ("SMTP_URL", smtp_url.as_str()),
        ("MAIL_FROM", "Sala <events@example.org>"),
    ];
    let mut servers = Vec::new();
    for i in 0..3 {
        servers.push(Server::start_url(&url, &logs.join(format!("p{i}")), &env).await);
    }
    let ports: Vec<u16> = servers.iter().map(|s| s.port).collect();

    // 1,000 registrations from 16 clients, each request to the next process in turn.
    let started = Instant::now();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let (next, ports) = (next.clone(), ports.clone());
        clients.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= PEOPLE {
                    return answers;
                }
                answers.push(register(ports[i % ports.len()], i).await.1);
            }
        }));
    }
    let mut ok = 0;
    for client in clients {
        for status in client.await.unwrap() {
            assert_eq!(status, Some(200), "a registration was not acknowledged");
            ok += 1;
        }
    }
    assert_eq!(ok, PEOPLE);
    eprintln!(
        "{PEOPLE} registrations over 3 processes in {:?}",
        started.elapsed()
    );

    let db = Database::connect(url.as_str()).await.unwrap();
    let count = |status: &'static str| {
        let db = db.clone();
        async move {
            registrations::Entity::find()
                .filter(registrations::Column::Status.eq(status))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("confirmed").await,
        CAPACITY as u64,
        "exactly the places"
    );
    assert_eq!(count("waitlisted").await, (PEOPLE - CAPACITY) as u64);

    // Every message of the outbox reaches the mail server, each exactly once, and soon: the
    // senders poll only every minute, so this also fails if a full batch did not go on at once.
    let deadline = Instant::now() + Duration::from_secs(50);
    loop {
        let unsent = outbox::Entity::find()
            .filter(outbox::Column::SentAt.is_null())
            .count(&db)
            .await
            .unwrap();
        if unsent == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{unsent} messages still unsent; logs: {}",
            servers.iter().map(Server::log_text).collect::<String>()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Give any duplicate send in flight the time to arrive before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let messages = outbox::Entity::find().all(&db).await.unwrap();
    assert!(messages.len() >= PEOPLE, "{} messages", messages.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for mail in smtp.received() {
        let parsed = mailparse::parse_mail(mail.data.as_bytes()).unwrap();
        use mailparse::MailHeaderMap;
        let id = parsed.headers.get_first_value("Message-ID").unwrap();
        *seen.entry(id).or_default() += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    assert_eq!(seen.len(), messages.len(), "every message arrived");
    for m in &messages {
        assert!(
            seen.keys()
                .any(|id| id.starts_with(&format!("<outbox-{}@", m.id))),
            "message {} never arrived",
            m.id
        );
    }

    // A form refused on one process comes back filled from another.
    let (a, b, c) = (ports[0], ports[1], ports[2]);
    let name = "Nang Hseng Draft-Keeper";
    let body = form(&[
        ("slug", SLUG),
        ("form[name_latin]", name),
        ("form[email]", "not-an-address"),
        ("form[country_code]", "MM"),
        ("form[consent]", "on"),
        ("form[submission_key]", "processes-draft-0001"),
    ]);
    let referer = format!("http://127.0.0.1:{a}/events/{SLUG}/register");
    let (status, headers, _) =
        http(a, post(a, "/api/register", "text/html", &referer, &body)).await;
    assert_eq!(status, 302);
    let location = headers.get("location").unwrap().clone();
    assert!(location.contains("draft="), "{location}");
    let path = location
        .strip_prefix(&format!("http://127.0.0.1:{a}"))
        .unwrap_or(&location);
    let (status, _, page) = http(
        b,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{b}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(name),
        "the typed name is back on the other process"
    );
    assert!(page.contains("not-an-address"));

    // A lockout caused through one process holds on the others.
    for _ in 0..domain::service::limiter::FREE_FAILURES {
        assert_eq!(sign_in(a, "admin@example.org", "a wrong guess").await, 401);
    }
    assert_eq!(sign_in(b, "admin@example.org", "another guess").await, 429);
    assert_eq!(
        sign_in(c, "admin@example.org", "backup-password-1").await,
        429,
        "from the same address the right password waits too"
    );

    db.close().await.unwrap();
    drop(servers);
    drop_database(&base, &url).await;
}
