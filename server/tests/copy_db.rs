//! `sala copy-db --to postgres://…` on a SQLite file holding the demo data and registrations
//! made through the router: every table arrives with the same rows and the same typed values,
//! pages, calendar files, the participant list and the agenda PDF come out the same from both
//! databases, new rows get new ids, and a second copy into the now filled database is refused.
//!
//! Needs `TEST_POSTGRES_URL` or `TEST_DATABASE_URL` (a PostgreSQL database; the test works in a
//! schema of its own).
//! Without it the test says so and passes, except on CI (`CI=true`), where it fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use common::TestApp;
use domain::service::db;
use domain::types::Role;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait,
    Statement, TransactionTrait,
};
use server::config::Config;
use server::AppState;

const SLUG: &str = "access-to-justice-2027";
const ADMIN: (&str, &str) = ("copy-admin@example.org", "copy-db-password-1");

/// The PostgreSQL URL to test with, or None when the run may skip (never on CI).
fn postgres_url() -> Option<String> {
    let url = domain::service::testing::postgres_url();
    if url.is_none() {
        domain::service::testing::skip_unless_ci(
            "no PostgreSQL for the copy-db test (TEST_DATABASE_URL or TEST_POSTGRES_URL)",
        );
    }
    url
}

/// The router over `db` with the clock stopped at 2026-11-23, as the other tests build it.
fn app_on(db: DatabaseConnection) -> TestApp {
    let now = Arc::new(Mutex::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(),
    ));
    let clock_now = now.clone();
    let clock: app::server::Clock = Arc::new(move || *clock_now.lock().unwrap());
    let config = Config::from_map(&Default::default()).unwrap();
    let state = AppState::new(&config, db.clone(), clock.clone());
    TestApp {
        mail_wake: state.mail_wake.clone(),
        ctx: state.ctx.clone(),
        router: server::router(state),
        db,
        now,
        clock,
    }
}

async fn register(app: &TestApp, i: usize) {
    let (name, native, country) = [
        ("Somchai Rattanakosin", "สมชาย รัตนโกสินทร์", "TH"),
        ("Aung Kyaw Moe", "အောင်ကျော်မိုး", "MM"),
        ("Li Wei", "李伟", "CN"),
    ][i % 3];
    let email = format!("copy-{i}@example.org");
    let key = format!("copy-db-submission-{i:04}");
    let reply = app
        .call(
            "register",
            &[
                ("slug", SLUG),
                ("form[name_latin]", &format!("{name} {i}")),
                ("form[name_native]", native),
                ("form[email]", &email),
                ("form[organisation]", "Mekong Legal Network"),
                ("form[country_code]", country),
                ("form[sector]", "cso_ngo"),
                ("form[gender]", "prefer_not_to_say"),
                ("form[consent]", "on"),
                ("form[submission_key]", &key),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// An extra table with the column types Sala's schema does not use yet (JSON, bytes, a
/// float, a time), made on both sides before the copy so the copier meets them too.
async fn add_typed_table(sqlite: &DatabaseConnection, pg_url: &str) {
    sqlite
        .execute_unprepared(
            "CREATE TABLE copy_types (id integer PRIMARY KEY AUTOINCREMENT, doc json_text, \
             data blob, ratio real, at_time text, flag boolean NOT NULL)",
        )
        .await
        .unwrap();
    sqlite
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "INSERT INTO copy_types (doc, data, ratio, at_time, flag) VALUES (?, ?, ?, ?, ?), \
             (NULL, NULL, NULL, NULL, 0)",
            [
                serde_json::json!({"lang": "th", "title": "ครั้งที่ ๑", "n": [1, 2.5]}).into(),
                vec![0u8, 159, 255, 10].into(),
                0.25f64.into(),
                chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap().into(),
                true.into(),
            ],
        ))
        .await
        .unwrap();
    let pg = Database::connect(pg_url).await.unwrap();
    pg.execute_unprepared(
        "CREATE TABLE copy_types (id bigserial PRIMARY KEY, doc jsonb, data bytea, \
         ratio double precision, at_time time, flag boolean NOT NULL)",
    )
    .await
    .unwrap();
    pg.close().await.unwrap();
}

fn copy_db(db_file: &Path, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sala"))
        .args(["copy-db", "--to", to])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db_file.display()),
        )
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

async fn scalar_strings(db: &impl ConnectionTrait, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

async fn count(db: &impl ConnectionTrait, table: &str) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT count(*) FROM \"{table}\""),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index(0)
    .unwrap()
}

async fn max_id(db: &impl ConnectionTrait, table: &str) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT max(id) FROM \"{table}\""),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index(0)
    .unwrap()
}

/// Every row of an entity as JSON, instants cut to the microsecond PostgreSQL keeps, sorted.
async fn rows<E>(db: &DatabaseConnection) -> Vec<String>
where
    E: EntityTrait,
    E::Model: serde::Serialize,
{
    fn micro(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value::*;
        match value {
            String(s) => match DateTime::parse_from_rfc3339(&s) {
                Ok(t) => String(
                    DateTime::<Utc>::from_timestamp_micros(t.timestamp_micros())
                        .unwrap()
                        .to_rfc3339(),
                ),
                Err(_) => String(s),
            },
            Array(items) => Array(items.into_iter().map(micro).collect()),
            Object(map) => Object(map.into_iter().map(|(k, v)| (k, micro(v))).collect()),
            other => other,
        }
    }
    let mut all: Vec<String> = E::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| micro(serde_json::to_value(m).unwrap()).to_string())
        .collect();
    all.sort();
    all
}

macro_rules! same_rows {
    ($source:expr, $target:expr, $($entity:ident),+ $(,)?) => {{
        let mut compared = Vec::new();
        $(
            let (a, b) = (
                rows::<entities::$entity::Entity>($source).await,
                rows::<entities::$entity::Entity>($target).await,
            );
            assert_eq!(a, b, "{} differs after the copy", stringify!($entity));
            compared.push(stringify!($entity));
        )+
        compared
    }};
}

/// GET on both apps (each with its own staff session), answers compared byte for byte.
async fn same_answer(source: &TestApp, target: &TestApp, path: &str, cookies: (&str, &str)) {
    let a = source.get(path, Some(cookies.0)).await;
    let b = target.get(path, Some(cookies.1)).await;
    assert_eq!(a.status, 200, "{path} on SQLite: {}", a.body);
    assert_eq!(b.status, 200, "{path} on PostgreSQL: {}", b.body);
    assert_eq!(a.header("content-type"), b.header("content-type"), "{path}");
    let (a, b) = (without_nonce(&a.body), without_nonce(&b.body));
    if let Some(at) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) {
        let around = |s: &str| {
            String::from_utf8_lossy(&s.as_bytes()[at.saturating_sub(80)..(at + 80).min(s.len())])
                .into_owned()
        };
        panic!(
            "{path} differs at byte {at}: {:?} / {:?}",
            around(&a),
            around(&b)
        );
    }
    assert_eq!(a.len(), b.len(), "{path}");
}

/// A page without its script nonce, which is new on every request.
fn without_nonce(body: &str) -> String {
    let nonce = body
        .split_once("nonce=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(nonce, _)| nonce.to_owned());
    match nonce {
        Some(nonce) if !nonce.is_empty() => body.replace(&nonce, "NONCE"),
        _ => body.to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_db_moves_everything_into_an_empty_postgresql_database() {
    let Some(base_url) = postgres_url() else {
        return;
    };
    let schema = format!("copy_db_{}", std::process::id());
    let admin = Database::connect(&base_url).await.unwrap();
    admin
        .execute_unprepared(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .await
        .unwrap();
    let separator = if base_url.contains('?') { '&' } else { '?' };
    let pg_url = format!("{base_url}{separator}options[search_path]={schema}");

    let dir = std::env::temp_dir().join(format!("sala-copy-db-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db_file = dir.join("sala.db");
    let sqlite = db::connect_migrated(&format!("sqlite://{}?mode=rwc", db_file.display()))
        .await
        .unwrap();
    let txn = sqlite.begin().await.unwrap();
    assert!(migration::seed::load_demo(&txn).await.unwrap());
    txn.commit().await.unwrap();
    let source = app_on(sqlite.clone());
    source.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    for i in 0..7 {
        register(&source, i).await;
    }
    add_typed_table(&sqlite, &pg_url).await;

    let out = copy_db(&db_file, &pg_url);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    eprintln!("{said}");
    assert!(said.contains("copied"), "{said}");

    let mut options = ConnectOptions::new(base_url.clone());
    options.set_schema_search_path(schema.clone());
    let pg = Database::connect(options).await.unwrap();

    // The same rows in every table.
    let tables = scalar_strings(
        &sqlite,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .await;
    let mut counts = BTreeMap::new();
    for table in &tables {
        let (a, b) = (count(&sqlite, table).await, count(&pg, table).await);
        assert_eq!(a, b, "{table}: {a} rows in SQLite, {b} in PostgreSQL");
        if table != "seaql_migrations" {
            assert!(
                said.lines()
                    .any(|l| l.starts_with(table.as_str())
                        && l.trim_end().ends_with(&format!(" {a}"))),
                "{table} with {a} rows is not reported:\n{said}"
            );
        }
        counts.insert(table.clone(), a);
    }
    for busy in [
        "events",
        "people",
        "registrations",
        "event_sessions",
        "attendance",
    ] {
        assert!(counts[busy] > 0, "the demo data has {busy}");
    }

    // The same values, read back through the entities (booleans, dates, instants, ids…).
    let compared = same_rows!(
        &sqlite,
        &pg,
        application_reviews,
        assessment_answers,
        assessment_questions,
        attendance,
        content_translations,
        countries,
        delegation_members,
        email_changes,
        event_objectives,
        event_organisations,
        event_questions,
        event_sessions,
        events,
        executive_summaries,
        exports,
        followups,
        form_drafts,
        hotels,
        interpretation_assignments,
        invitations,
        letterheads,
        login_sessions,
        organisations,
        outbox,
        pending_imports,
        people,
        per_diem_rates,
        privacy_log,
        recommendation_bodies,
        recommendation_carries,
        recommendation_status_changes,
        recommendations,
        regions,
        registration_answers,
        registration_links,
        registration_status_changes,
        registrations,
        room_assignments,
        rooms,
        selection_targets,
        series,
        series_editions,
        session_roles,
        throttles,
        travel_details,
        travel_payments,
        users,
    );
    assert_eq!(
        compared.len() + 2, // seaql_migrations, copy_types
        tables.len(),
        "every table is compared"
    );
    let typed = "SELECT doc::text || '|' || encode(data, 'hex') || '|' || ratio::text || '|' \
                 || at_time::text || '|' || flag::text FROM copy_types WHERE doc IS NOT NULL";
    let doc = scalar_strings(&pg, typed).await;
    let json: serde_json::Value = serde_json::from_str(doc[0].split('|').next().unwrap()).unwrap();
    assert_eq!(json["title"], "ครั้งที่ ๑");
    assert_eq!(json["n"][1], 2.5);
    assert!(doc[0].ends_with("|009fff0a|0.25|08:30:00|true"), "{doc:?}");

    // The same pages and files from both.
    let target = app_on(pg.clone());
    let cookies = (
        source.login(ADMIN.0, ADMIN.1).await,
        target.login(ADMIN.0, ADMIN.1).await,
    );
    let cookies = (cookies.0.as_str(), cookies.1.as_str());
    same_answer(&source, &target, "/calendar.ics", cookies).await;
    for slug in scalar_strings(&sqlite, "SELECT slug FROM events ORDER BY id").await {
        same_answer(
            &source,
            &target,
            &format!("/events/{slug}/calendar.ics"),
            cookies,
        )
        .await;
    }
    same_answer(&source, &target, &format!("/events/{SLUG}"), cookies).await;
    // The PDF's bytes differ from one request to the next (its font subsets are built anew),
    // so both are checked to be a whole PDF with the same pages.
    let pdfs = (
        source
            .get(&format!("/events/{SLUG}/agenda.pdf"), None)
            .await,
        target
            .get(&format!("/events/{SLUG}/agenda.pdf"), None)
            .await,
    );
    let pages = |bytes: &[u8]| {
        assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
        lopdf::Document::load_mem(bytes)
            .ok()
            .map(|pdf| pdf.get_pages().len())
    };
    assert_eq!((pdfs.0.status, pdfs.1.status), (200, 200));
    assert_eq!(pages(&pdfs.0.bytes), pages(&pdfs.1.bytes));
    assert!(pages(&pdfs.0.bytes).is_some_and(|n| n > 0));
    for slug in [SLUG, "advocacy-with-asean-2016"] {
        let path = format!("/manage/events/{slug}/participants.csv");
        same_answer(&source, &target, &path, cookies).await;
    }

    // New rows get new ids: every sequence is past the copied rows.
    let copied_max = max_id(&pg, "registrations").await;
    assert_eq!(copied_max, max_id(&sqlite, "registrations").await);
    for i in 100..103 {
        register(&target, i).await;
    }
    assert_eq!(max_id(&pg, "registrations").await, copied_max + 3);
    target
        .create_user("second@example.org", "another-password-1", Role::Staff)
        .await;
    pg.execute_unprepared("INSERT INTO copy_types (flag) VALUES (false)")
        .await
        .unwrap();

    // The target now holds data: a second copy is refused and changes nothing.
    let again = copy_db(&db_file, &pg_url);
    let said = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{said}");
    assert!(said.contains("already holds data"), "{said}");
    assert!(
        !said.contains("password=") && !said.contains(":sala@"),
        "{said}"
    );
    assert_eq!(
        count(&pg, "registrations").await,
        counts["registrations"] + 3
    );

    pg.close().await.unwrap();
    sqlite.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE"))
        .await
        .unwrap();
    admin.close().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}
