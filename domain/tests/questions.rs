//! Custom registration questions (`service::questions`) and their answers through
//! registration, the private page and the participant list, against a migrated database:
//! SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::BTreeMap;

use domain::participant_types::ParticipantFilter;
use domain::question_types::{answer_key, option_key, QuestionForm, MAX_ANSWER};
use domain::registration_types::RegistrationForm;
use domain::service::registration::{by_token, register, update_details};
use domain::service::testing::{fresh_db, link_sent_to};
use domain::service::{participants, questions};
use domain::types::{EventId, QuestionKind};
use domain::DomainError;
use entities::{events, outbox, people, registration_answers, registrations};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, Set};

mod fixtures;
use fixtures::created as now;

const BASE: &str = "https://sala.example";
const SLUG: &str = "safe-migration-2027";

async fn add_event(db: &DatabaseConnection) -> EventId {
    let event = events::ActiveModel {
        title: Set("Safe Migration Training".into()),
        kind: Set("training".into()),
        timezone: Set("Asia/Yangon".into()),
        city: Set("Yangon".into()),
        country_code: Set(Some("MM".into())),
        capacity: Set(Some(30)),
        working_languages: Set("Burmese".into()),
        ..fixtures::event(SLUG)
    };
    EventId(fixtures::insert_event(db, event).await.id)
}

fn question(label: &str, kind: QuestionKind, options: &str, required: bool) -> QuestionForm {
    QuestionForm {
        label: label.into(),
        kind: kind.as_str().into(),
        options: options.into(),
        required: required.then(|| "on".into()),
    }
}

/// One question of each kind; returns their ids in order.
async fn ask_everything(db: &DatabaseConnection, event: EventId) -> [i64; 5] {
    let mut ids = [0; 5];
    let forms = [
        question("ဘယ်ဘာသာစကား ပြောသလဲ", QuestionKind::Text, "", true),
        question(
            "Which session?",
            QuestionKind::Choice,
            "Labour rights\nဥပဒေ အကူအညီ",
            true,
        ),
        question(
            "Topics",
            QuestionKind::Multi,
            "Recruitment\nRemittances\nReturn",
            false,
        ),
        question("Need a visa letter?", QuestionKind::YesNo, "", false),
        question("Arrival date", QuestionKind::Date, "", false),
    ];
    for (i, f) in forms.iter().enumerate() {
        ids[i] = questions::save(db, event, None, f).await.unwrap();
    }
    ids
}

fn person(name: &str, email: &str) -> RegistrationForm {
    RegistrationForm {
        country_code: "MM".into(),
        ..fixtures::form(name, email)
    }
}

fn answers(pairs: &[(String, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.clone(), (*v).to_owned()))
        .collect()
}

/// Answers sent, the question whose answer is refused, and why.
type Case<'a> = (Vec<(String, &'a str)>, i64, &'a str);

async fn counts(db: &DatabaseConnection) -> [u64; 4] {
    [
        people::Entity::find().count(db).await.unwrap(),
        registrations::Entity::find().count(db).await.unwrap(),
        registration_answers::Entity::find()
            .count(db)
            .await
            .unwrap(),
        outbox::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn coordinators_add_edit_reorder_and_delete_questions() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db).await;

    for (form, field, message) in [
        (
            question(" ", QuestionKind::Text, "", false),
            "label",
            "required",
        ),
        (
            QuestionForm {
                kind: "essay".into(),
                ..question("Why?", QuestionKind::Text, "", false)
            },
            "kind",
            "invalid-choice",
        ),
        (
            question(
                "Pick",
                QuestionKind::Choice,
                "only one\n\n only one ",
                false,
            ),
            "options",
            "options-required",
        ),
        (
            question("L".repeat(301).as_str(), QuestionKind::Text, "", false),
            "label",
            "too-long",
        ),
    ] {
        assert_eq!(
            questions::save(&db, event, None, &form).await,
            Err(DomainError::validation(field, message))
        );
    }
    assert!(questions::of_event(&db, event).await.unwrap().is_empty());

    let [a, b, c, ..] = ask_everything(&db, event).await;
    let listed = questions::of_event(&db, event).await.unwrap();
    assert_eq!(listed.len(), 5);
    assert_eq!(listed[1].options, ["Labour rights", "ဥပဒေ အကူအညီ"]);
    assert!(listed[0].required && !listed[2].required);
    // Options are ignored for kinds without a list.
    assert!(listed[0].options.is_empty());

    questions::move_question(&db, event, c, true).await.unwrap();
    questions::move_question(&db, event, a, true).await.unwrap(); // already first
    let order: Vec<i64> = questions::of_event(&db, event)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    assert_eq!(&order[..3], &[a, c, b]);

    questions::save(
        &db,
        event,
        Some(b),
        &question(
            "Which session do you join?",
            QuestionKind::Choice,
            "A\nB",
            false,
        ),
    )
    .await
    .unwrap();
    let edited = questions::of_event(&db, event).await.unwrap();
    assert_eq!(edited[2].label, "Which session do you join?");
    assert_eq!(edited[2].options, ["A", "B"]);
    assert!(!edited[2].required);

    // Another event's question cannot be touched through this one.
    let other = EventId(event.0 + 1000);
    assert_eq!(
        questions::delete(&db, other, b).await,
        Err(DomainError::NotFound)
    );
    questions::delete(&db, event, b).await.unwrap();
    assert_eq!(questions::of_event(&db, event).await.unwrap().len(), 4);
}

#[tokio::test]
async fn bad_answers_are_refused_by_question_and_change_nothing() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db).await;
    let [text, choice, multi, yes_no, date] = ask_everything(&db, event).await;
    let good = [
        (answer_key(text), "Burmese"),
        (answer_key(choice), "Labour rights"),
    ];
    let before = counts(&db).await;

    let cases: Vec<Case> = vec![
        (vec![good[1].clone()], text, "required"),
        (
            vec![good[0].clone(), (answer_key(choice), "  ")],
            choice,
            "required",
        ),
        (
            vec![good[0].clone(), (answer_key(choice), "Something else")],
            choice,
            "invalid-choice",
        ),
        (
            [&good[..], &[(option_key(multi, 0), "Smuggling")]].concat(),
            multi,
            "invalid-choice",
        ),
        (
            [&good[..], &[(answer_key(yes_no), "maybe")]].concat(),
            yes_no,
            "invalid-choice",
        ),
        (
            [&good[..], &[(answer_key(date), "2027-02-30")]].concat(),
            date,
            "invalid-date",
        ),
    ];
    for (pairs, question, message) in cases {
        let mut form = person("Aung Aung", "aung@example.org");
        form.answers = answers(&pairs);
        assert_eq!(
            register(&db, SLUG, &form, BASE, now()).await,
            Err(DomainError::validation(&answer_key(question), message)),
            "{pairs:?}"
        );
    }
    let mut form = person("Aung Aung", "aung@example.org");
    let long = "x".repeat(MAX_ANSWER + 1);
    form.answers = answers(&[good[1].clone(), (answer_key(text), long.as_str())]);
    assert_eq!(
        register(&db, SLUG, &form, BASE, now()).await,
        Err(DomainError::validation(&answer_key(text), "too-long"))
    );
    // A flood of made-up answer keys is refused as a whole.
    let mut flood = person("Aung Aung", "aung@example.org");
    flood.answers = (0..500)
        .map(|n| (format!("q{n}"), "x".to_owned()))
        .collect();
    assert_eq!(
        register(&db, SLUG, &flood, BASE, now()).await,
        Err(DomainError::validation("answers", "too-many"))
    );
    assert_eq!(counts(&db).await, before, "nothing written");
}

#[tokio::test]
async fn answers_are_stored_with_the_registration_shown_corrected_and_listed() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db).await;
    let [text, choice, multi, yes_no, date] = ask_everything(&db, event).await;

    let mut form = person("Aung Aung", "aung@example.org");
    form.answers = answers(&[
        (answer_key(text), "  မြန်မာ၊ ထိုင်း  "),
        (answer_key(choice), "ဥပဒေ အကူအညီ"),
        (option_key(multi, 2), "Return"),
        (option_key(multi, 0), "Recruitment"),
        (answer_key(yes_no), "yes"),
        (answer_key(date), "2027-03-14"),
        ("q999999".into(), "ignored: not a question of this event"),
    ]);
    register(&db, SLUG, &form, BASE, now()).await.unwrap();
    let token = link_sent_to(&db, "aung@example.org", "r")
        .await
        .unwrap()
        .expect("the private link is e-mailed");
    assert_eq!(
        registration_answers::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        5
    );

    let mine = by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.questions.len(), 5);
    let shown = &mine.details.answers;
    assert_eq!(shown[&answer_key(text)], "မြန်မာ၊ ထိုင်း");
    assert_eq!(shown[&answer_key(choice)], "ဥပဒေ အကူအညီ");
    assert_eq!(shown[&option_key(multi, 0)], "Recruitment");
    assert_eq!(shown[&option_key(multi, 2)], "Return");
    assert!(!shown.contains_key(&option_key(multi, 1)));
    assert_eq!(shown[&answer_key(yes_no)], "yes");
    assert_eq!(shown[&answer_key(date)], "2027-03-14");

    // The private page's form is the whole truth: an empty optional answer clears it.
    let mut correction = mine.details.clone();
    correction.answers = answers(&[
        (answer_key(text), "Burmese"),
        (answer_key(choice), "Labour rights"),
        (option_key(multi, 1), "Remittances"),
        (answer_key(yes_no), "no"),
    ]);
    let mut bad = correction.clone();
    bad.answers.remove(&answer_key(text));
    assert_eq!(
        update_details(&db, &token, &bad, BASE, now()).await,
        Err(DomainError::validation(&answer_key(text), "required"))
    );
    let corrected = update_details(&db, &token, &correction, BASE, now())
        .await
        .unwrap();
    assert_eq!(corrected.details.answers, correction.answers);

    let rows = participants::list(&db, event, &ParticipantFilter::default())
        .await
        .unwrap();
    assert_eq!(
        rows[0].answers,
        vec![
            ("ဘယ်ဘာသာစကား ပြောသလဲ".to_owned(), "Burmese".to_owned()),
            ("Which session?".to_owned(), "Labour rights".to_owned()),
            ("Topics".to_owned(), "Remittances".to_owned()),
            ("Need a visa letter?".to_owned(), "no".to_owned()),
            ("Arrival date".to_owned(), String::new()),
        ]
    );

    let staff = domain::service::users::create(
        &db,
        domain::service::users::NewStaff {
            email: "staff@example.org",
            display_name: "Staff",
            password: "staff-password-1",
            role: domain::types::Role::Staff,
        },
        now(),
    )
    .await
    .unwrap();
    let csv = participants::export_csv(&db, event, &ParticipantFilter::default(), staff.id, now())
        .await
        .unwrap();
    let text_csv = String::from_utf8(csv).unwrap();
    let mut reader = csv::Reader::from_reader(text_csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.get(17), Some("ဘယ်ဘာသာစကား ပြောသလဲ"));
    assert_eq!(header.get(21), Some("Arrival date"));
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(row.get(18), Some("Labour rights"));
    assert_eq!(row.get(19), Some("Remittances"));

    // Deleting a question deletes its answers.
    questions::delete(&db, event, text).await.unwrap();
    assert_eq!(
        registration_answers::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        3
    );
}

/// Coordinators adding questions at the same moment on a SQLite file (a pool of connections):
/// each save reads (the count, the last position) and then writes. Deferred transactions
/// would fail with BUSY as soon as another writer committed in between; every write
/// transaction takes the write lock first, so all of them wait their turn and succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_on_a_sqlite_file_wait_their_turn() {
    let dir = std::env::temp_dir().join(format!("sala-writers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/x.db?mode=rwc", dir.display());
    let db = domain::service::db::connect_migrated(&url).await.unwrap();
    let event = add_event(&db).await;
    let saves: Vec<_> = (0..16)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let form = question(&format!("Question {i}"), QuestionKind::Text, "", false);
                questions::save(&db, event, None, &form).await
            })
        })
        .collect();
    for save in saves {
        let saved = save.await.unwrap();
        assert!(saved.is_ok(), "a concurrent save failed: {saved:?}");
    }
    let listed = questions::of_event(&db, event).await.unwrap();
    assert_eq!(listed.len(), 16);
    db.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
