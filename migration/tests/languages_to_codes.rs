//! The interpretation migration on a database in use: languages stored as typed become codes
//! where every item names a listed language, anything else stays as it was typed, and the
//! assignments table keeps one row per session, language and interpreter.

#![allow(clippy::unwrap_used)]

use chrono::Utc;
use entities::{event_sessions, interpretation_assignments, people, registrations};
use migration::sea_orm::{
    ActiveModelTrait, Database, DatabaseConnection, EntityTrait, QueryOrder, Set,
};
use migration::{seed, Migrator, MigratorTrait};

async fn set_languages(db: &DatabaseConnection, person: &people::Model, value: &str) {
    let mut p: people::ActiveModel = person.clone().into();
    p.languages = Set(value.to_owned());
    p.update(db).await.unwrap();
}

#[tokio::test]
async fn typed_languages_become_codes_and_the_rest_is_left_alone() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    // Everything before the interpretation migration, with the demo data in it.
    let all = Migrator::migrations();
    let position = all
        .iter()
        .position(|m| m.name() == "m20261205_000300_create_interpretation")
        .unwrap();
    let before = u32::try_from(position).unwrap();
    let from_it = u32::try_from(all.len() - position).unwrap();
    Migrator::up(&db, Some(before)).await.unwrap();
    seed::load_demo(&db).await.unwrap();
    let everyone = people::Entity::find()
        .order_by_asc(people::Column::Id)
        .all(&db)
        .await
        .unwrap();
    set_languages(&db, &everyone[0], "Burmese, English").await;
    set_languages(&db, &everyone[1], "Burmese, a little French").await;
    set_languages(&db, &everyone[2], "S'gaw Karen; Thai").await;
    let registration = registrations::Entity::find()
        .order_by_asc(registrations::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut r: registrations::ActiveModel = registration.clone().into();
    r.interpretation_needed = Set("Thai".to_owned());
    r.update(&db).await.unwrap();

    Migrator::up(&db, None).await.unwrap();

    let language_of = |i: usize| {
        let db = &db;
        let id = everyone[i].id;
        async move {
            people::Entity::find_by_id(id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .languages
        }
    };
    assert_eq!(language_of(0).await, "my,en");
    assert_eq!(language_of(1).await, "Burmese, a little French");
    assert_eq!(language_of(2).await, "ksw,th");
    assert_eq!(
        language_of(3).await,
        everyone[3].languages,
        "codes stay codes"
    );
    let needed = registrations::Entity::find_by_id(registration.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .interpretation_needed;
    assert_eq!(needed, "th");

    // One row per session, language and interpreter: the database refuses a second.
    let session = event_sessions::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let row = || interpretation_assignments::ActiveModel {
        session_id: Set(session.id),
        language: Set("th".to_owned()),
        registration_id: Set(registration.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    row().insert(&db).await.unwrap();
    assert!(row().insert(&db).await.is_err());
    // And down again removes the table.
    Migrator::down(&db, Some(from_it)).await.unwrap();
    assert!(interpretation_assignments::Entity::find()
        .all(&db)
        .await
        .is_err());
}
