//! Event content in several languages (`service::content`) against a migrated database:
//! SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set. Saving and reading
//! translations, the English fallback on every page's data, refusals that change nothing,
//! and translations deleted with their event, session or question.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use domain::content_types::TranslationForm;
use domain::forms::SessionForm;
use domain::question_types::QuestionForm;
use domain::service::agenda::{by_slug, Viewer};
use domain::service::{content, event_admin, questions, testing::fresh_db};
use domain::types::EventId;
use domain::DomainError;
use entities::{content_translations, events};
use i18n::Locale;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

mod fixtures;
use fixtures::created as now;

const SLUG: &str = "safe-migration-2027";
const TITLE: &str = "Safe Migration Training";

/// An event with one session ("Opening") and one choice question.
async fn setup(db: &DatabaseConnection) -> (EventId, i64, i64) {
    let event = events::ActiveModel {
        title: Set(TITLE.into()),
        kind: Set("training".into()),
        summary: Set("Three days on safe migration.".into()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 3, 17, 10, 0, 0).unwrap()),
        working_languages: Set("English, Thai".into()),
        ..fixtures::event(SLUG)
    };
    let id = EventId(fixtures::insert_event(db, event).await.id);
    let session = event_admin::add_session(
        db,
        id,
        &SessionForm {
            day: "2027-03-15".into(),
            start: "09:00".into(),
            end: "10:00".into(),
            kind: "opening".into(),
            title: "Opening".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let question = questions::save(
        db,
        id,
        None,
        &QuestionForm {
            label: "Which group?".into(),
            kind: "choice".into(),
            options: "Labour rights\nLegal aid".into(),
            required: Some("on".into()),
        },
    )
    .await
    .unwrap();
    (id, session, question)
}

fn form(lang: &str, fields: &[(String, &str)]) -> TranslationForm {
    TranslationForm {
        lang: lang.into(),
        fields: fields
            .iter()
            .map(|(k, v)| (k.clone(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    }
}

async fn thai(db: &DatabaseConnection) -> (EventId, i64, i64) {
    let (event, session, question) = setup(db).await;
    content::save(
        db,
        event,
        &form(
            "th",
            &[
                ("title".into(), "  การอบรมการย้ายถิ่นที่ปลอดภัย "),
                (format!("s{session}"), "พิธีเปิด"),
                (format!("q{question}"), "กลุ่มไหน"),
                (format!("o{question}"), "สิทธิแรงงาน\r\nความช่วยเหลือทางกฎหมาย"),
            ],
        ),
    )
    .await
    .unwrap();
    (event, session, question)
}

#[tokio::test]
async fn translations_are_saved_and_shown_with_english_elsewhere() {
    let db = fresh_db().await.unwrap();
    let (event, session, question) = thai(&db).await;

    let mut detail = by_slug(&db, SLUG, Viewer::Public).await.unwrap();
    content::localise_event(&db, &mut detail, Locale::Th)
        .await
        .unwrap();
    assert_eq!(detail.summary.title, "การอบรมการย้ายถิ่นที่ปลอดภัย", "trimmed");
    assert_eq!(detail.sessions[0].title, "พิธีเปิด");
    assert_eq!(
        detail.summary.summary, "Three days on safe migration.",
        "untranslated: English"
    );

    for other in [Locale::En, Locale::Km] {
        let mut detail = by_slug(&db, SLUG, Viewer::Public).await.unwrap();
        content::localise_event(&db, &mut detail, other)
            .await
            .unwrap();
        assert_eq!(detail.summary.title, TITLE, "{other:?}");
        assert_eq!(detail.sessions[0].title, "Opening", "{other:?}");
    }

    let (mut upcoming, _) = domain::service::events::public_list(&db, now(), None, None)
        .await
        .unwrap();
    content::localise_list(&db, &mut upcoming, Locale::Th)
        .await
        .unwrap();
    assert_eq!(upcoming[0].title, "การอบรมการย้ายถิ่นที่ปลอดภัย");

    let mut asked = questions::of_event(&db, event).await.unwrap();
    content::localise_event_questions(&db, event, &mut asked, Locale::Th)
        .await
        .unwrap();
    assert_eq!(asked[0].id, question);
    assert_eq!(asked[0].label, "กลุ่มไหน");
    assert_eq!(
        asked[0].options,
        vec!["Labour rights", "Legal aid"],
        "values stay English"
    );
    assert_eq!(asked[0].option_label(1), "ความช่วยเหลือทางกฎหมาย");

    assert_eq!(
        content::languages(&db, event).await.unwrap(),
        vec![Locale::Th]
    );
    let editor = content::editor(&db, event, "th").await.unwrap();
    let row = editor
        .rows
        .iter()
        .find(|r| r.key() == format!("s{session}"))
        .unwrap();
    assert_eq!(
        (row.original.as_str(), row.translation.as_str()),
        ("Opening", "พิธีเปิด")
    );
    // Title, summary, the session, the question's label and options: four of five done.
    let th = editor
        .progress
        .iter()
        .find(|p| p.lang == Locale::Th)
        .unwrap();
    assert_eq!((th.done, th.total), (4, 5));
    assert!(th.partial() && !th.complete());
    let km = editor
        .progress
        .iter()
        .find(|p| p.lang == Locale::Km)
        .unwrap();
    assert_eq!(km.done, 0);

    // A blank field removes its translation; the page falls back to English.
    content::save(&db, event, &form("th", &[(format!("s{session}"), " ")]))
        .await
        .unwrap();
    let mut detail = by_slug(&db, SLUG, Viewer::Public).await.unwrap();
    content::localise_event(&db, &mut detail, Locale::Th)
        .await
        .unwrap();
    assert_eq!(detail.sessions[0].title, "Opening");
    assert_eq!(
        detail.summary.title, "การอบรมการย้ายถิ่นที่ปลอดภัย",
        "other fields left alone"
    );
}

#[tokio::test]
async fn a_refused_save_changes_nothing() {
    let db = fresh_db().await.unwrap();
    let (event, session, question) = thai(&db).await;
    let before = content_translations::Entity::find().all(&db).await.unwrap();
    let long = "ก".repeat(201);
    for (bad, field, message) in [
        (
            form(
                "th",
                &[(format!("s{session}"), "ใหม่"), ("title".into(), &long)],
            ),
            "title".to_owned(),
            "too-long",
        ),
        (
            form("th", &[(format!("o{question}"), "หนึ่ง")]),
            format!("o{question}"),
            "options-count",
        ),
        (
            form("th", &[("title".into(), "bad\u{7}bell")]),
            "title".to_owned(),
            "invalid-characters",
        ),
        (
            form("en", &[("title".into(), "x")]),
            "lang".to_owned(),
            "invalid-choice",
        ),
        (
            form("fr", &[("title".into(), "x")]),
            "lang".to_owned(),
            "invalid-choice",
        ),
    ] {
        let err = content::save(&db, event, &bad).await.unwrap_err();
        assert_eq!(err, DomainError::validation(&field, message), "{bad:?}");
    }
    assert_eq!(
        content_translations::Entity::find().all(&db).await.unwrap(),
        before,
        "nothing written"
    );
    let err = content::save(&db, EventId(event.0 + 100), &form("th", &[]))
        .await
        .unwrap_err();
    assert_eq!(err, DomainError::NotFound);
}

#[tokio::test]
async fn translations_go_with_their_session_question_and_event() {
    let db = fresh_db().await.unwrap();
    let (event, session, question) = thai(&db).await;
    let count = || async {
        content_translations::Entity::find()
            .count(&db)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 4);
    event_admin::delete_session(&db, session).await.unwrap();
    assert_eq!(count().await, 3, "the session's title went with it");
    questions::delete(&db, event, question).await.unwrap();
    assert_eq!(
        count().await,
        1,
        "the question's label and options went with it"
    );
    events::Entity::delete_by_id(event.0)
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(count().await, 0, "the event's title went with it");
}

#[tokio::test]
async fn objectives_are_translated_line_by_line() {
    let db = fresh_db().await.unwrap();
    let (event, _, _) = setup(&db).await;
    for (position, text) in [(1, "Know the recruitment rules"), (2, "Plan a campaign")] {
        entities::event_objectives::ActiveModel {
            event_id: Set(event.0),
            position: Set(position),
            text: Set(text.into()),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
    }
    let editor = content::editor(&db, event, "th").await.unwrap();
    let row = editor
        .rows
        .iter()
        .find(|r| r.key() == "objectives")
        .unwrap();
    assert_eq!(row.original, "Know the recruitment rules\nPlan a campaign");
    // One line for two objectives is refused at the field, and nothing is written.
    let err = content::save(&db, event, &form("th", &[("objectives".into(), "รู้กฎ")]))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        DomainError::validation("objectives", "objectives-count")
    );
    assert_eq!(
        content_translations::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        0
    );
    content::save(
        &db,
        event,
        &form(
            "th",
            &[("objectives".into(), " รู้กฎการจัดหางาน \r\nวางแผนการรณรงค์")],
        ),
    )
    .await
    .unwrap();
    let mut detail = by_slug(&db, SLUG, Viewer::Public).await.unwrap();
    content::localise_event(&db, &mut detail, Locale::Th)
        .await
        .unwrap();
    assert_eq!(detail.objectives, vec!["รู้กฎการจัดหางาน", "วางแผนการรณรงค์"]);
    let mut detail = by_slug(&db, SLUG, Viewer::Public).await.unwrap();
    content::localise_event(&db, &mut detail, Locale::Km)
        .await
        .unwrap();
    assert_eq!(
        detail.objectives,
        vec!["Know the recruitment rules", "Plan a campaign"]
    );
}
