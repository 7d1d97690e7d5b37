//! Capacity holds exactly when many people register at once: 200 registrations fired
//! concurrently for 20 places give exactly 20 confirmed and 180 waitlisted, with no errors,
//! on a SQLite file database (WAL, a pool of connections) and, when TEST_DATABASE_URL is set,
//! on PostgreSQL (a pool of 20). Also: concurrent double submissions and double withdrawals.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::time::Instant;

use chrono::{TimeZone, Utc};
use domain::registration_types::RegistrationForm;
use domain::service::registration::{register, withdraw};
use domain::service::{db, testing};
use domain::types::RegistrationStatus;
use entities::{events, registration_status_changes, registrations};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

mod fixtures;
use fixtures::created as now;

const WRITERS: usize = 200;
const CAPACITY: i32 = 20;
const ROUNDS: usize = 3;

async fn add_event(db: &DatabaseConnection, slug: &str) -> i64 {
    let event = events::ActiveModel {
        title: Set("Regional Workshop".into()),
        timezone: Set("Asia/Phnom_Penh".into()),
        starts_at: Set(Utc.with_ymd_and_hms(2027, 3, 16, 2, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 3, 17, 10, 0, 0).unwrap()),
        city: Set("Phnom Penh".into()),
        country_code: Set(Some("KH".into())),
        capacity: Set(Some(CAPACITY)),
        working_languages: Set(String::new()),
        ..fixtures::event(slug)
    };
    fixtures::insert_event(db, event).await.id
}

fn form(email: &str, organisation: &str) -> RegistrationForm {
    RegistrationForm {
        name_native: "សុខា".into(),
        organisation: organisation.into(),
        country_code: "KH".into(),
        ..fixtures::form("Sokha", email)
    }
}

async fn count(db: &DatabaseConnection, event: i64, status: RegistrationStatus) -> u64 {
    registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event))
        .filter(registrations::Column::Status.eq(status.as_str()))
        .count(db)
        .await
        .unwrap()
}

/// One round: 200 concurrent registrations (a few new organisations shared between them, so
/// concurrent inserts of the same organisation happen too).
async fn round(db: &DatabaseConnection, label: &str, n: usize) {
    let slug = format!("{label}-round-{n}");
    let event = add_event(db, &slug).await;
    let started = Instant::now();
    let tasks: Vec<_> = (0..WRITERS)
        .map(|i| {
            let db = db.clone();
            let slug = slug.clone();
            tokio::spawn(async move {
                let f = form(
                    &format!("r{n}-{i}@example.org"),
                    &format!("Org {n}-{}", i % 7),
                );
                register(&db, &slug, &f, "https://sala.example", now()).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap().expect("no registration fails"));
    }
    let elapsed = started.elapsed();
    let confirmed = statuses
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed)
        .count();
    eprintln!(
        "{label} round {n}: {WRITERS} registrations in {elapsed:?}, {confirmed} confirmed answers"
    );
    assert_eq!(confirmed, CAPACITY as usize);
    assert_eq!(
        count(db, event, RegistrationStatus::Confirmed).await,
        CAPACITY as u64
    );
    assert_eq!(
        count(db, event, RegistrationStatus::Waitlisted).await,
        (WRITERS - CAPACITY as usize) as u64
    );
    assert!(statuses.iter().all(|r| !r.already && r.token.is_none()));
}

/// Ten copies of one form at once (a double click gone wild): one registration.
async fn same_form_at_once(db: &DatabaseConnection, label: &str) {
    let slug = format!("{label}-same-form");
    let event = add_event(db, &slug).await;
    let mut f = form("clicker@example.org", "Clickers");
    f.submission_key = "same-form-key-0001".into();
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (db, slug, f) = (db.clone(), slug.clone(), f.clone());
            tokio::spawn(
                async move { register(&db, &slug, &f, "https://sala.example", now()).await },
            )
        })
        .collect();
    let mut fresh = 0;
    for task in tasks {
        let receipt = task.await.unwrap().expect("no double submission fails");
        assert!(receipt.token.is_none(), "the link goes by e-mail only");
        fresh += usize::from(!receipt.already);
    }
    assert_eq!(fresh, 1);
    let rows = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event))
        .count(db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

/// Two concurrent withdrawals of one confirmed place promote exactly one waitlisted person.
async fn double_withdraw(db: &DatabaseConnection, label: &str) {
    let slug = format!("{label}-withdraw");
    let event = add_event(db, &slug).await;
    for i in 0..(CAPACITY + 5) {
        register(
            db,
            &slug,
            &form(&format!("w{i}@example.org"), ""),
            "https://sala.example",
            now(),
        )
        .await
        .unwrap();
    }
    let token = testing::link_sent_to(db, "w0@example.org", "r")
        .await
        .unwrap()
        .expect("the first registrant's link");
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (db, token) = (db.clone(), token.clone());
            tokio::spawn(async move { withdraw(&db, &token, now()).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(
            task.await.unwrap().unwrap().status,
            RegistrationStatus::Withdrawn
        );
    }
    assert_eq!(
        count(db, event, RegistrationStatus::Confirmed).await,
        CAPACITY as u64
    );
    assert_eq!(count(db, event, RegistrationStatus::Waitlisted).await, 4);
    let promotions = registration_status_changes::Entity::find()
        .filter(registration_status_changes::Column::FromStatus.eq("waitlisted"))
        .filter(registration_status_changes::Column::ToStatus.eq("confirmed"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(promotions, 1);
}

/// One new person with a new organisation registers for eight events at once. Events do not
/// wait for each other, so on PostgreSQL the inserts of the same person and organisation
/// collide (unique violations) and are retried: one person, one organisation, eight
/// registrations, no errors.
async fn one_person_many_events(db: &DatabaseConnection, label: &str) {
    let slugs: Vec<String> = (0..8).map(|i| format!("{label}-many-{i}")).collect();
    for slug in &slugs {
        add_event(db, slug).await;
    }
    let tasks: Vec<_> = slugs
        .iter()
        .map(|slug| {
            let (db, slug) = (db.clone(), slug.clone());
            let f = form(
                &format!("{label}-everywhere@example.org"),
                &format!("{label} New Org"),
            );
            tokio::spawn(
                async move { register(&db, &slug, &f, "https://sala.example", now()).await },
            )
        })
        .collect();
    for task in tasks {
        let receipt = task.await.unwrap().expect("no registration fails");
        assert_eq!(receipt.status, RegistrationStatus::Confirmed);
    }
    let person = entities::people::Entity::find()
        .filter(entities::people::Column::Email.eq(format!("{label}-everywhere@example.org")))
        .all(db)
        .await
        .unwrap();
    assert_eq!(person.len(), 1);
    let registrations = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person[0].id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(registrations, 8);
    let organisations = entities::organisations::Entity::find()
        .filter(entities::organisations::Column::Name.eq(format!("{label} New Org")))
        .count(db)
        .await
        .unwrap();
    assert_eq!(organisations, 1);
}

async fn exercise(db: &DatabaseConnection, label: &str) {
    for n in 0..ROUNDS {
        round(db, label, n).await;
    }
    same_form_at_once(db, label).await;
    double_withdraw(db, label).await;
    one_person_many_events(db, label).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn capacity_holds_on_a_sqlite_file() {
    let dir = std::env::temp_dir().join(format!("sala-registration-{}", std::process::id()));
    // Process ids come round again: never start from a file an earlier run left behind.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/x.db?mode=rwc", dir.display());
    let db = db::connect_migrated(&url).await.unwrap();
    exercise(&db, "sqlite").await;
    db.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn capacity_holds_on_postgres() {
    // A schema of its own, with a pool of 20 connections.
    let Some(db) = testing::fresh_postgres().await else {
        testing::skip_unless_ci("no PostgreSQL (TEST_DATABASE_URL or TEST_POSTGRES_URL)");
        return;
    };
    let db = db.unwrap();
    exercise(&db, "postgres").await;
}
