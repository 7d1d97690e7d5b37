//! E-mails in the registrant's language: the language the form was shown in is stored with
//! the registration (`registrations.locale`), and every message to that person (confirmation,
//! status changes, promotion from the waiting list, follow-up reminders) is written in it,
//! dates included; an unknown language gives English. And Burmese typed in Zawgyi is asked
//! about before anything is saved. SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{TimeZone, Utc};
use domain::registration_types::{RegistrationForm, ZAWGYI_CONVERT, ZAWGYI_KEEP};
use domain::service::testing::{fresh_db, link_sent_to};
use domain::service::{followup, outbox, registration};
use domain::DomainError;
use entities::{events, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

mod fixtures;
use fixtures::created as now;

const BASE: &str = "https://sala.example";
const SLUG: &str = "access-to-justice";
const TITLE: &str = "Access to Justice for Migrant Workers";

/// A published open workshop in Bangkok, 15–16 March 2027, with `capacity` places.
async fn add_event(db: &DatabaseConnection, capacity: i32) {
    let event = events::ActiveModel {
        title: Set(TITLE.into()),
        capacity: Set(Some(capacity)),
        ..fixtures::event(SLUG)
    };
    fixtures::insert_event(db, event).await;
}

fn form(name: &str, email: &str, locale: &str) -> RegistrationForm {
    RegistrationForm {
        locale: locale.into(),
        ..fixtures::form(name, email)
    }
}

/// (subject, body) of the messages to `email`, oldest first.
async fn mail_to(db: &DatabaseConnection, email: &str) -> Vec<(String, String)> {
    let mut all = outbox::list(db, 1_000).await.unwrap();
    all.reverse();
    all.into_iter()
        .filter(|m| m.to_email == email)
        .map(|m| (m.subject, m.body))
        .collect()
}

async fn stored_locale(db: &DatabaseConnection, email: &str) -> String {
    let person = people::Entity::find()
        .filter(people::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .locale
}

#[tokio::test]
async fn a_registration_made_in_thai_is_confirmed_in_thai_and_told_of_its_changes_in_thai() {
    let db = fresh_db().await.unwrap();
    add_event(&db, 1).await;
    // The only place goes to a Vietnamese registrant; the Thai one waits.
    let vi = form("Nguyen Thi Lan", "lan@example.org", "vi");
    registration::register(&db, SLUG, &vi, BASE, now())
        .await
        .unwrap();
    let first = link_sent_to(&db, "lan@example.org", "r")
        .await
        .unwrap()
        .unwrap();
    let th = form("Siriporn Kaewmanee", "siriporn@example.org", "th");
    registration::register(&db, SLUG, &th, BASE, now())
        .await
        .unwrap();
    assert_eq!(stored_locale(&db, "siriporn@example.org").await, "th");

    let thai = mail_to(&db, "siriporn@example.org").await;
    assert_eq!(thai.len(), 1);
    assert_eq!(thai[0].0, format!("รายชื่อสำรอง: {TITLE}"));
    let body = &thai[0].1;
    assert!(body.starts_with("เรียน Siriporn Kaewmanee"), "{body}");
    assert!(body.contains("15–16 มีนาคม 2027"), "Thai date: {body}");
    assert!(body.contains("คุณจึงอยู่ในรายชื่อสำรอง"), "{body}");
    assert!(body.contains(&format!("{BASE}/r/")), "{body}");
    assert!(!body.contains("Dear"), "{body}");

    let vietnamese = mail_to(&db, "lan@example.org").await;
    assert_eq!(vietnamese[0].0, format!("Đã xác nhận đăng ký: {TITLE}"));
    assert!(vietnamese[0].1.contains("15–16 tháng 3 năm 2027"));

    // The Vietnamese registrant withdraws (told in Vietnamese); the Thai one takes the place
    // (told in Thai).
    registration::withdraw(&db, &first, now()).await.unwrap();
    let vietnamese = mail_to(&db, "lan@example.org").await;
    assert_eq!(vietnamese[1].0, format!("Đã rút đăng ký: {TITLE}"));
    let thai = mail_to(&db, "siriporn@example.org").await;
    assert_eq!(thai.len(), 2);
    assert_eq!(thai[1].0, format!("ยืนยันการลงทะเบียน: {TITLE}"));
    assert!(
        thai[1].1.contains("ที่นั่งของคุณได้รับการยืนยันแล้ว"),
        "{}",
        thai[1].1
    );
}

#[tokio::test]
async fn an_unknown_or_missing_language_gives_english() {
    let db = fresh_db().await.unwrap();
    add_event(&db, 10).await;
    for (email, locale) in [("fr@example.org", "fr"), ("none@example.org", "")] {
        registration::register(&db, SLUG, &form("Marie Dubois", email, locale), BASE, now())
            .await
            .unwrap();
        assert_eq!(stored_locale(&db, email).await, "en");
        let mail = mail_to(&db, email).await;
        assert_eq!(mail[0].0, format!("Registration confirmed: {TITLE}"));
        assert!(mail[0].1.starts_with("Dear Marie Dubois,"));
        assert!(mail[0]
            .1
            .contains("15–16 March 2027 (Asia/Bangkok), Bangkok"));
        assert!(mail[0].1.ends_with("Mekong Migration Network\n"));
    }
}

#[tokio::test]
async fn a_follow_up_reminder_is_written_in_khmer_for_a_khmer_registrant() {
    let db = fresh_db().await.unwrap();
    migration::seed::load_demo(&db).await.unwrap();
    let training = "advocacy-with-asean-2016";
    let at = Utc.with_ymd_and_hms(2016, 7, 8, 3, 0, 0).unwrap();
    let sok = people::Entity::find()
        .filter(people::Column::Email.eq("sok.chanthy@example.org"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(training))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let row = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(sok.id))
        .filter(registrations::Column::EventId.eq(event.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let id = row.id;
    let mut row: registrations::ActiveModel = row.into();
    row.locale = Set("km".into());
    row.update(&db).await.unwrap();

    followup::set_plan(&db, training, "1", at).await.unwrap();
    assert_eq!(followup::send_due_reminders(&db, BASE, at).await, Ok(17));
    let khmer = mail_to(&db, "sok.chanthy@example.org").await;
    assert_eq!(khmer.len(), 1);
    let (subject, body) = &khmer[0];
    assert_eq!(
        subject,
        "ការតាមដានក្រោយ Advocacy with ASEAN: តើអ្វីៗយ៉ាងដូចម្ដេចហើយ?"
    );
    assert!(body.starts_with("ជូនចំពោះ Sok Chanthy,"), "{body}");
    assert!(body.contains("1 ខែហើយ"), "{body}");
    assert!(body.contains("4–8 មិថុនា 2016"), "Khmer date: {body}");
    assert!(body.contains(&format!("{BASE}/r/")), "{body}");
    // The others registered in English (demo rows have no language).
    let english = mail_to(&db, "chea.sophal@example.org").await;
    assert_eq!(
        english[0].0,
        "Follow-up after Advocacy with ASEAN: how are things going?"
    );
    // Sending by hand (staff) uses the same language.
    followup::send_link(&db, training, id, 1, BASE, at)
        .await
        .unwrap();
    let khmer = mail_to(&db, "sok.chanthy@example.org").await;
    assert!(khmer[1].1.contains("4–8 មិថុនា 2016"));
}

#[tokio::test]
async fn burmese_typed_in_zawgyi_is_asked_about_then_saved_as_chosen() {
    let db = fresh_db().await.unwrap();
    add_event(&db, 10).await;
    let mut typed = form("Aung Aung", "aung@example.org", "my");
    typed.name_native = "ေအာင္ေအာင္".into();
    typed.organisation = "ျမန္မာ Migrant Workers".into();
    assert_eq!(
        registration::register(&db, SLUG, &typed, BASE, now()).await,
        Err(DomainError::validation("name_native", "zawgyi"))
    );
    assert_eq!(registrations::Entity::find().count(&db).await.unwrap(), 0);

    typed.zawgyi = ZAWGYI_CONVERT.into();
    registration::register(&db, SLUG, &typed, BASE, now())
        .await
        .unwrap();
    let token = link_sent_to(&db, "aung@example.org", "r")
        .await
        .unwrap()
        .unwrap();
    let mine = registration::by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.details.name_native, "အောင်အောင်");
    assert_eq!(mine.details.organisation, "မြန်မာ Migrant Workers");
    let mail = mail_to(&db, "aung@example.org").await;
    assert_eq!(mail[0].0, format!("မှတ်ပုံတင်ခြင်း အတည်ပြုပြီး: {TITLE}"));

    // Keeping the text as typed is the person's call too.
    let mut kept = form("Min Min", "min@example.org", "my");
    kept.name_native = "မင္းမင္း".into();
    kept.zawgyi = ZAWGYI_KEEP.into();
    registration::register(&db, SLUG, &kept, BASE, now())
        .await
        .unwrap();
    let token = link_sent_to(&db, "min@example.org", "r")
        .await
        .unwrap()
        .unwrap();
    let mine = registration::by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.details.name_native, "မင္းမင္း");

    // Corrections on the private page are asked about the same way.
    let mut correction = mine.details.clone();
    correction.name_native = "မင်းမင်း".into();
    correction.position = "ေရွ႕ေန".into();
    assert_eq!(
        registration::update_details(&db, &token, &correction, BASE, now()).await,
        Err(DomainError::validation("position", "zawgyi"))
    );
    correction.zawgyi = ZAWGYI_CONVERT.into();
    let mine = registration::update_details(&db, &token, &correction, BASE, now())
        .await
        .unwrap();
    assert_eq!(mine.details.position, "ရှေ့နေ");
}
