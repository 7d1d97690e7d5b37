//! Runs the migrations and the demo data on a fresh in-memory SQLite database and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL (in a throw-away schema), then checks that the
//! database itself enforces the rules and that every entity decodes the migrated tables.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use entities::{attendance, events, people, registrations};
use migration::sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use migration::{seed, Migrator, MigratorTrait};

#[tokio::test]
async fn sqlite_migrations_and_demo_data() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    exercise(&db).await;
}

#[tokio::test]
async fn postgres_migrations_and_demo_data() {
    let Some(url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        eprintln!("TEST_DATABASE_URL not set: skipping the PostgreSQL run");
        return;
    };
    // A schema of our own, so concurrent test suites sharing the database never collide.
    let schema = format!("sala_migration_test_{}", std::process::id());
    let admin = Database::connect(&url).await.unwrap();
    admin
        .execute_unprepared(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
        .await
        .unwrap();
    let mut options = ConnectOptions::new(url);
    options.set_schema_search_path(schema.clone());
    let db = Database::connect(options).await.unwrap();

    exercise(&db).await;

    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE"))
        .await
        .unwrap();
}

async fn exercise(db: &DatabaseConnection) {
    Migrator::up(db, None).await.unwrap();
    // Down and up again: every migration can be rolled back.
    Migrator::down(db, None).await.unwrap();
    Migrator::up(db, None).await.unwrap();
    // Reference data is idempotent.
    seed::load_reference(db).await.unwrap();

    let txn = db.begin().await.unwrap();
    assert!(seed::load_demo(&txn).await.unwrap(), "first load inserts");
    txn.commit().await.unwrap();
    assert!(
        !seed::load_demo(db).await.unwrap(),
        "second load is a no-op"
    );

    check_demo_content(db).await;
    check_entities_decode(db).await;
    check_constraints(db).await;
}

async fn event(db: &DatabaseConnection, slug: &str) -> events::Model {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo event {slug}"))
}

async fn check_demo_content(db: &DatabaseConnection) {
    let training = event(db, "advocacy-with-asean-2016").await;
    let trainees = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(training.id))
        .filter(registrations::Column::Role.eq("trainee"))
        .filter(registrations::Column::Status.eq("confirmed"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(trainees, 17);
    // 09:00 in Bangkok (UTC+7).
    assert_eq!(
        training.starts_at,
        Utc.with_ymd_and_hms(2016, 6, 4, 2, 0, 0).unwrap()
    );

    let yangon = event(db, "sez-consultation-yangon-2018").await;
    let objectives = entities::event_objectives::Entity::find()
        .filter(entities::event_objectives::Column::EventId.eq(yangon.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(objectives, 5);
    // 09:00 in Yangon is 02:30 UTC (UTC+06:30).
    assert_eq!(
        yangon.starts_at,
        Utc.with_ymd_and_hms(2018, 1, 13, 2, 30, 0).unwrap()
    );
    assert_eq!(yangon.timezone, "Asia/Yangon");

    let forum = event(db, "acsc-apf-2017").await;
    let side_event = event(db, "bottom-of-asean-2017").await;
    assert_eq!(side_event.parent_id, Some(forum.id));
    // The network attends the ACSC/APF (the region's civil society organises it) and
    // organises its side event there.
    assert_eq!(forum.network_role, "attendee");
    assert_eq!(side_event.network_role, "organiser");
    // The organisation Sala works for.
    let home: Vec<String> = entities::organisations::Entity::find()
        .filter(entities::organisations::Column::Home.eq(true))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(home, ["Mekong Migration Network"]);
    let upcoming = event(db, "access-to-justice-2027").await;
    assert_eq!(upcoming.capacity, Some(60));
    assert_eq!(upcoming.status, "published");
}

/// Loads every row of every table through its entity: proves column names and types match.
async fn check_entities_decode(db: &DatabaseConnection) {
    use entities::prelude::*;
    assert!(Countries::find().count(db).await.unwrap() >= 27);
    assert!(Regions::find().count(db).await.unwrap() >= 8);
    assert!(!Organisations::find().all(db).await.unwrap().is_empty());
    assert!(!People::find().all(db).await.unwrap().is_empty());
    // Three events of the network's own, the ACSC/APF it attended and its side event there,
    // three AFML editions and two side events at the last.
    assert_eq!(Events::find().all(db).await.unwrap().len(), 10);
    assert_eq!(
        entities::series::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        entities::series_editions::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        entities::delegation_members::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        4
    );
    assert!(!entities::recommendation_bodies::Entity::find()
        .all(db)
        .await
        .unwrap()
        .is_empty());
    assert!(!entities::recommendation_status_changes::Entity::find()
        .all(db)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        entities::recommendation_carries::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(!EventObjectives::find().all(db).await.unwrap().is_empty());
    assert!(!EventOrganisations::find().all(db).await.unwrap().is_empty());
    assert!(!EventSessions::find().all(db).await.unwrap().is_empty());
    assert!(!SessionRoles::find().all(db).await.unwrap().is_empty());
    assert!(!Registrations::find().all(db).await.unwrap().is_empty());
    assert!(!Attendance::find().all(db).await.unwrap().is_empty());
    assert!(!RegistrationStatusChanges::find()
        .all(db)
        .await
        .unwrap()
        .is_empty());
    assert!(Users::find().all(db).await.unwrap().is_empty());
    assert!(LoginSessions::find().all(db).await.unwrap().is_empty());
}

async fn check_constraints(db: &DatabaseConnection) {
    let now = Utc::now();
    let base = events::ActiveModel {
        slug: Set("constraint-test".to_owned()),
        title: Set("Constraint test".to_owned()),
        kind: Set("workshop".to_owned()),
        summary: Set(String::new()),
        description: Set(String::new()),
        timezone: Set("Asia/Bangkok".to_owned()),
        starts_at: Set(now),
        ends_at: Set(now - chrono::Duration::hours(1)),
        venue_name: Set(String::new()),
        venue_address: Set(String::new()),
        city: Set(String::new()),
        status: Set("draft".to_owned()),
        visibility: Set("public".to_owned()),
        registration_mode: Set("open".to_owned()),
        working_languages: Set(String::new()),
        interpretation_languages: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    // CHECK (ends_at >= starts_at)
    assert!(base.clone().insert(db).await.is_err(), "ends before starts");
    // CHECK on an enumerated column.
    let mut bad_kind = base.clone();
    bad_kind.ends_at = Set(now);
    bad_kind.kind = Set("party".to_owned());
    assert!(bad_kind.insert(db).await.is_err(), "unknown kind");
    // CHECK (capacity IS NULL OR capacity > 0)
    let mut zero_capacity = base.clone();
    zero_capacity.ends_at = Set(now);
    zero_capacity.capacity = Set(Some(0));
    assert!(zero_capacity.insert(db).await.is_err(), "capacity 0");

    // One registration per person per event.
    let training = event(db, "advocacy-with-asean-2016").await;
    let existing = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(training.id))
        .filter(registrations::Column::Role.eq("trainee"))
        .order_by_asc(registrations::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let duplicate = registrations::ActiveModel {
        event_id: Set(training.id),
        person_id: Set(existing.person_id),
        status: Set("applied".to_owned()),
        role: Set("participant".to_owned()),
        token_hash: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    assert!(duplicate.insert(db).await.is_err(), "second registration");

    // Attendance: at most once per day (whole day) and once per session.
    let signed = attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(existing.id))
        .filter(attendance::Column::SessionId.is_null())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let again = attendance::ActiveModel {
        registration_id: Set(existing.id),
        day: Set(signed.day),
        session_id: Set(None),
        recorded_at: Set(now),
        ..Default::default()
    };
    assert!(again.insert(db).await.is_err(), "whole day marked twice");
    let session = entities::event_sessions::Entity::find()
        .filter(entities::event_sessions::Column::EventId.eq(training.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let at_session = attendance::ActiveModel {
        registration_id: Set(existing.id),
        day: Set(signed.day),
        session_id: Set(Some(session.id)),
        recorded_at: Set(now),
        ..Default::default()
    };
    at_session.clone().insert(db).await.unwrap();
    assert!(at_session.insert(db).await.is_err(), "session marked twice");

    // Many people may have no e-mail, but an e-mail belongs to one person.
    for name in ["No Email One", "No Email Two"] {
        person(name, None).insert(db).await.unwrap();
    }
    let taken = people::Entity::find()
        .filter(people::Column::Email.is_not_null())
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .email;
    assert!(
        person("Copycat", taken).insert(db).await.is_err(),
        "e-mail reused"
    );

    // At most one organisation is the network's own.
    let second_home = entities::organisations::ActiveModel {
        name: Set("A second home".to_owned()),
        home: Set(true),
        created_at: Set(now),
        ..Default::default()
    };
    assert!(
        second_home.insert(db).await.is_err(),
        "two home organisations"
    );
    let not_home = entities::organisations::ActiveModel {
        name: Set("Not home".to_owned()),
        home: Set(false),
        created_at: Set(now),
        ..Default::default()
    };
    not_home.insert(db).await.unwrap();

    // Deleting an event cascades to its registrations.
    events::Entity::delete_by_id(training.id)
        .exec(db)
        .await
        .unwrap();
    let left = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(training.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

fn person(name: &str, email: Option<String>) -> people::ActiveModel {
    let now = Utc::now();
    people::ActiveModel {
        name_latin: Set(name.to_owned()),
        email: Set(email),
        languages: Set(String::new()),
        public_name_consent: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}
