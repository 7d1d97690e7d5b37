//! Merging duplicate people (`service::merge`) against a migrated database: SQLite in memory,
//! or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::people_types::DuplicateReason;
use domain::service::merge::{duplicates, merge};
use domain::service::testing::fresh_db;
use domain::DomainError;
use entities::{attendance, events, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

mod fixtures;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2018, 2, 1, 3, 0, 0).unwrap()
}

/// A training in Bangkok on 15–16 January 2018.
async fn event(db: &DatabaseConnection, slug: &str, title: &str) -> i64 {
    let event = events::ActiveModel {
        title: Set(title.into()),
        kind: Set("training".into()),
        starts_at: Set(Utc.with_ymd_and_hms(2018, 1, 15, 2, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2018, 1, 16, 10, 0, 0).unwrap()),
        country_code: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..fixtures::event(slug)
    };
    fixtures::insert_event(db, event).await.id
}

async fn person(
    db: &DatabaseConnection,
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> i64 {
    let person = people::ActiveModel {
        email: Set(email.map(Into::into)),
        phone: Set(phone.map(Into::into)),
        ..fixtures::person(name, now())
    };
    fixtures::insert_person(db, person).await
}

async fn register(db: &DatabaseConnection, event: i64, person: i64, status: &str) -> i64 {
    registrations::ActiveModel {
        role: Set("trainee".into()),
        ..fixtures::registration(event, person, status, now())
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn attended(db: &DatabaseConnection, registration: i64, day: u32) {
    attendance::ActiveModel {
        registration_id: Set(registration),
        day: Set(NaiveDate::from_ymd_opt(2018, 1, day).unwrap()),
        session_id: Set(None),
        recorded_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn likely_duplicates_are_listed() {
    let db = fresh_db().await.unwrap();
    let a = person(&db, "Nang Hseng", Some("nang@example.org"), None).await;
    let b = person(&db, "nang  hseng", Some("hseng@example.org"), None).await;
    let c = person(&db, "Other", None, Some("081 234 5678")).await;
    let d = person(&db, "Someone", None, Some("081-234-5678")).await;
    person(&db, "Alone", Some("alone@example.org"), None).await;
    let pairs = duplicates(&db).await.unwrap();
    let found: Vec<_> = pairs.iter().map(|p| (p.a.id, p.b.id, p.reason)).collect();
    assert_eq!(
        found,
        vec![
            (c, d, DuplicateReason::SamePhone),
            (a, b, DuplicateReason::SameName)
        ]
    );
}

#[tokio::test]
async fn merging_moves_everything_to_the_kept_person() {
    let db = fresh_db().await.unwrap();
    let first = event(&db, "first", "Advocacy with ASEAN").await;
    let second = event(&db, "second", "Access to Justice").await;
    let third = event(&db, "third", "Snakes and Ladders").await;
    let keep = person(&db, "Nang Hseng", Some("nang@example.org"), None).await;
    let drop = person(
        &db,
        "Nang  HSENG",
        Some("hseng@example.org"),
        Some("+66 81 1"),
    )
    .await;
    let kept_reg = register(&db, first, keep, "confirmed").await;
    let dup_reg = register(&db, first, drop, "confirmed").await;
    attended(&db, kept_reg, 15).await;
    attended(&db, dup_reg, 15).await;
    attended(&db, dup_reg, 16).await;
    let moved_reg = register(&db, second, drop, "waitlisted").await;
    register(&db, third, drop, "applied").await;

    let outcome = merge(&db, keep, drop, now()).await.unwrap();
    assert_eq!(outcome.moved, 2);
    assert_eq!(
        outcome.both_registered,
        vec!["Advocacy with ASEAN".to_owned()]
    );

    assert!(people::Entity::find_by_id(drop)
        .one(&db)
        .await
        .unwrap()
        .is_none());
    let kept = people::Entity::find_by_id(keep)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.email.as_deref(), Some("nang@example.org"));
    assert_eq!(
        kept.phone.as_deref(),
        Some("+66 81 1"),
        "an empty field is filled"
    );
    let regs = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(keep))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(regs.len(), 3);
    let moved = registrations::Entity::find_by_id(moved_reg)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (moved.person_id, moved.status.as_str()),
        (keep, "waitlisted")
    );
    // Both days' attendance now sits on the kept registration.
    let days = attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(kept_reg))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(days, 2);
    assert!(registrations::Entity::find_by_id(dup_reg)
        .one(&db)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_e_mail_moves_to_a_kept_person_without_one() {
    let db = fresh_db().await.unwrap();
    let keep = person(&db, "Sokha", None, None).await;
    let drop = person(&db, "Sokha", Some("sokha@example.org"), None).await;
    merge(&db, keep, drop, now()).await.unwrap();
    let kept = people::Entity::find_by_id(keep)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.email.as_deref(), Some("sokha@example.org"));
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn bad_merges_change_nothing() {
    let db = fresh_db().await.unwrap();
    let keep = person(&db, "Sokha", None, None).await;
    assert_eq!(
        merge(&db, keep, keep, now()).await.unwrap_err(),
        DomainError::validation("drop", "same-person")
    );
    assert_eq!(
        merge(&db, keep, keep + 99, now()).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 1);
}
