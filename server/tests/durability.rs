//! No acknowledged registration is lost when the server dies: `sala serve` on a SQLite file
//! takes registrations from 16 concurrent clients over real HTTP and is killed (SIGKILL)
//! while requests are in flight; after a restart on the same file every registration that
//! was answered 200 is there, the file passes SQLite's integrity check and the event holds
//! no more confirmed places than its capacity. Three kill/restart cycles.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use common::sala_file::{exchange, Server};
use domain::forms::EventForm;
use domain::service::{db, event_admin, users};
use domain::types::{EventStatus, Role};
use entities::{people, registrations};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SLUG: &str = "durability-forum";
const CAPACITY: usize = 50;
const CLIENTS: usize = 16;
const KILL_AFTER: usize = 150;
const CYCLES: usize = 3;

/// Names in the region's scripts, with the Latin form a passport shows.
const NAMES: [(&str, &str, &str); 6] = [
    ("Somchai Rattanakosin", "สมชาย รัตนโกสินทร์", "TH"),
    ("Sokha Chhim", "សុខា ឈឹម", "KH"),
    ("Aung Kyaw Moe", "အောင်ကျော်မိုး", "MM"),
    ("Khamphone Sisavath", "ຄຳພອນ ສີສະຫວັດ", "LA"),
    ("Nguyễn Thị Hương", "Nguyễn Thị Hương", "VN"),
    ("Li Wei", "李伟", "CN"),
];

fn encode(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn register(port: u16, cycle: usize, i: usize) -> (String, Option<u16>) {
    let email = format!("c{cycle}-{i:05}@example.org");
    let key = format!("durability-{cycle}-{i:05}");
    let (latin, native, country) = NAMES[i % NAMES.len()];
    let latin = format!("{latin} {cycle}-{i}");
    let body = encode(&[
        ("slug", SLUG),
        ("form[name_latin]", &latin),
        ("form[name_native]", native),
        ("form[email]", &email),
        ("form[country_code]", country),
        ("form[consent]", "on"),
        ("form[submission_key]", &key),
    ]);
    let request = format!(
        "POST /api/register HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    (email, exchange(port, request).await)
}

/// The database before the first start: schema, an admin, and an open public event.
async fn prepare(url: &str) -> i64 {
    let conn = db::connect_migrated(url).await.unwrap();
    let now = Utc::now();
    let admin = users::NewStaff {
        email: "admin@example.org",
        display_name: "Admin",
        password: "durability-password-1",
        role: Role::Admin,
    };
    let admin = users::create(&conn, admin, now).await.unwrap();
    let form = EventForm {
        title: "Durability forum".into(),
        slug: SLUG.into(),
        kind: "workshop".into(),
        timezone: "Asia/Bangkok".into(),
        starts_at: "2027-06-01T08:30".into(),
        ends_at: "2027-06-03T18:00".into(),
        city: "Bangkok".into(),
        country_code: "TH".into(),
        capacity: CAPACITY.to_string(),
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
    event.id.0
}

/// Registrations from `CLIENTS` concurrent tasks until `KILL_AFTER` were acknowledged,
/// then SIGKILL with requests in flight. Returns the acknowledged e-mails.
async fn load_and_kill(server: Server, cycle: usize) -> Vec<String> {
    let port = server.port;
    let next = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (next, in_flight, stop, acked) =
            (next.clone(), in_flight.clone(), stop.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let mut refused = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let i = next.fetch_add(1, Ordering::SeqCst);
                in_flight.fetch_add(1, Ordering::SeqCst);
                let (email, status) = register(port, cycle, i).await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match status {
                    Some(200) => acked.lock().unwrap().push(email),
                    Some(other) => refused.push(other),
                    None => break, // the server is gone
                }
            }
            refused
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while acked.lock().unwrap().len() < KILL_AFTER {
        assert!(
            Instant::now() < deadline,
            "cycle {cycle}: only {} registrations acknowledged in 30 s: {}",
            acked.lock().unwrap().len(),
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let pending = in_flight.load(Ordering::SeqCst);
    server.kill();
    stop.store(true, Ordering::SeqCst);
    let mut refused = Vec::new();
    for task in tasks {
        refused.extend(task.await.unwrap());
    }
    assert!(
        pending > 0,
        "cycle {cycle}: no request was in flight at the kill"
    );
    assert!(
        refused.is_empty(),
        "cycle {cycle}: answers other than 200: {refused:?}"
    );
    let acked = acked.lock().unwrap().clone();
    eprintln!(
        "cycle {cycle}: killed after {} acknowledged, {pending} in flight",
        acked.len()
    );
    acked
}

/// Every acknowledged e-mail has its registration; the file is sound; places are not oversold.
async fn check(url: &str, event_id: i64, acked: &[String]) {
    let conn = db::connect(url).await.unwrap();
    assert!(db::integrity_check(&conn).await.unwrap(), "integrity check");
    let regs = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event_id))
        .all(&conn)
        .await
        .unwrap();
    let person_ids: HashSet<i64> = regs.iter().map(|r| r.person_id).collect();
    let registered: HashSet<String> = people::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| person_ids.contains(&p.id))
        .filter_map(|p| p.email)
        .collect();
    let lost: Vec<&String> = acked.iter().filter(|e| !registered.contains(*e)).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged registrations lost: {lost:?}",
        lost.len()
    );
    let confirmed = regs.iter().filter(|r| r.status == "confirmed").count();
    assert!(confirmed <= CAPACITY, "{confirmed} confirmed > {CAPACITY}");
    assert_eq!(
        confirmed,
        CAPACITY.min(regs.len()),
        "first come, first served"
    );
    conn.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_registrations_survive_sigkill_and_restart() {
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!("sala-durability-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db_file = dir.join("sala.db");
    let url = common::sala_file::url_of(&db_file);
    let event_id = prepare(&url).await;

    let mut server = Server::start(&db_file).await;
    let mut acked = Vec::new();
    for cycle in 0..CYCLES {
        acked.extend(load_and_kill(server, cycle).await);
        server = Server::start(&db_file).await;
        check(&url, event_id, &acked).await;
    }
    // The restarted server still takes registrations.
    let (email, status) = register(server.port, CYCLES, 0).await;
    assert_eq!(status, Some(200), "{}", server.log_text());
    acked.push(email);
    check(&url, event_id, &acked).await;
    drop(server);
    eprintln!(
        "{} acknowledged registrations all kept across {CYCLES} kills in {:.1} s",
        acked.len(),
        started.elapsed().as_secs_f64()
    );
    std::fs::remove_dir_all(&dir).ok();
}
