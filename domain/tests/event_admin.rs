//! The coordinator's event editing (`service::event_admin`) against a migrated database:
//! SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, TimeZone, Utc};
use domain::forms::EventForm;
use domain::service::testing::fresh_db;
use domain::types::UserId;
use domain::DomainError;
use entities::people;
use sea_orm::{ConnectionTrait, DatabaseConnection, Set};

mod fixtures;

#[path = "event_admin/agenda.rs"]
mod agenda;
#[path = "event_admin/copies.rs"]
mod copies;
#[path = "event_admin/events.rs"]
mod events;
#[path = "event_admin/names.rs"]
mod names;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 10, 1, 8, 0, 0).unwrap()
}

async fn setup() -> (DatabaseConnection, UserId) {
    let db = fresh_db().await.unwrap();
    let user = fixtures::coordinator(&db, now()).await;
    (db, user)
}

/// A valid two-day consultation meeting in Yangon.
fn form(title: &str) -> EventForm {
    EventForm {
        title: title.into(),
        kind: "consultation_meeting".into(),
        summary: "Partners review the findings.".into(),
        objectives: "Share progress\nReview findings".into(),
        timezone: "Asia/Yangon".into(),
        starts_at: "2018-01-13T09:00".into(),
        ends_at: "2018-01-14T17:00".into(),
        venue_name: "Sagawa Meeting Spaces".into(),
        city: "Yangon".into(),
        country_code: "MM".into(),
        organisations: "Mekong Migration Network\nco_organiser: Asian Institute of Technology"
            .into(),
        working_languages: "English,Burmese".into(),
        capacity: "40".into(),
        registration_mode: "invitation".into(),
        registration_opens_at: "2017-11-01T09:00".into(),
        registration_closes_at: "2018-01-05T17:00".into(),
        visibility: "public".into(),
        ..Default::default()
    }
}

async fn add_person(db: &impl ConnectionTrait, name: &str) -> i64 {
    let person = people::ActiveModel {
        public_name_consent: Set(true),
        ..fixtures::person(name, now())
    };
    fixtures::insert_person(db, person).await
}

fn invalid(field: &str, message: &str) -> DomainError {
    DomainError::validation(field, message)
}
