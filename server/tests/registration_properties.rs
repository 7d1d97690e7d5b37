//! Property: the public registration form, posted as a browser without JavaScript posts it,
//! with any value in any field (and the event's own questions answered with anything) never
//! gets a 5xx, and neither does the page it leads to (the private page, or the form again with
//! what was typed and the error next to a field the form has).
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use domain::question_types::{answer_key, option_key, QuestionForm};
use domain::registration_types::RegistrationForm;
use domain::types::EventId;
use entities::events;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SLUG: &str = "access-to-justice-2027";

/// Percent-encodes bytes for a form body; values need not be UTF-8.
fn encode_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn post_plain(app: &common::TestApp, body: String) -> common::Reply {
    let req = Request::post("/api/register")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            format!("http://127.0.0.1:3000/events/{SLUG}/register"),
        )
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// A value other than the one that passes: any text, markup and controls, bytes that are
/// not UTF-8, very long text, or the field left out.
fn odd_value() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        3 => any::<String>().prop_map(|s| Some(s.into_bytes())),
        2 => "[a-z0-9 @.,;\"'<>&%+\u{0}\r\n\u{202e}\u{1000}-\u{109f}]{0,30}"
            .prop_map(|s| Some(s.into_bytes())),
        1 => prop::collection::vec(any::<u8>(), 0..12).prop_map(Some),
        1 => (150..1_200usize).prop_map(|n| Some("ဗ".repeat(n).into_bytes())),
        1 => Just(None),
    ]
}

/// The form's fields (and the questions' answers) with values; a field may be left out.
fn fields(questions: [i64; 3], n: u32) -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let good = [
        ("name_latin", "Khamphone Sisavath".to_owned()),
        ("name_native", "ຄຳພອນ ສີສະຫວັດ".to_owned()),
        ("email", format!("person{n}@example.org")),
        ("phone", "+856 20 5555 1234".to_owned()),
        ("organisation", "Lao Legal Aid Network".to_owned()),
        ("position", "Paralegal".to_owned()),
        ("country_code", "LA".to_owned()),
        ("region_code", String::new()),
        ("sector", "cso_ngo".to_owned()),
        ("gender", "prefer_not_to_say".to_owned()),
        ("languages", "lo,en".to_owned()),
        ("interpretation_needed", String::new()),
        ("dietary", "vegetarian".to_owned()),
        ("accessibility", String::new()),
        ("travel_support", "on".to_owned()),
        ("consent", "on".to_owned()),
        ("public_name_consent", "on".to_owned()),
        ("submission_key", format!("submission-key-{n:08}")),
        ("locale", "lo".to_owned()),
        ("zawgyi", String::new()),
    ];
    let [text, choice, multi] = questions;
    let mut keys: Vec<(String, String)> = good
        .into_iter()
        .map(|(k, v)| (format!("form[{k}]"), v))
        .collect();
    keys.push((
        format!("form[answers][{}]", answer_key(text)),
        "From the hotline".into(),
    ));
    keys.push((
        format!("form[answers][{}]", answer_key(choice)),
        "Online".into(),
    ));
    keys.push((
        format!("form[answers][{}]", option_key(multi, 1)),
        "Legal aid".into(),
    ));
    // A few fields get odd values and the rest pass, so that every field is reached and
    // some forms register.
    let odd = prop::collection::vec(odd_value(), keys.len());
    let which = prop::sample::subsequence((0..keys.len()).collect::<Vec<_>>(), 0..5);
    let stray = prop::collection::vec(
        (
            prop_oneof![
                any::<String>().prop_map(|k| format!("form[answers][{k}]")),
                any::<String>(),
            ],
            odd_value(),
        ),
        0..2,
    );
    let stray = prop_oneof![3 => Just(Vec::new()), 1 => stray];
    (odd, which, stray).prop_map(move |(mut odd, which, stray)| {
        let mut fields = Vec::new();
        for (i, (key, good)) in keys.iter().enumerate() {
            let value = if which.contains(&i) {
                odd[i].take()
            } else {
                Some(good.clone().into_bytes())
            };
            fields.extend(value.map(|v| (key.clone(), v)));
        }
        fields.extend(stray.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
        fields
    })
}

#[test]
fn any_plain_registration_form_never_gets_a_server_error() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = rt.block_on(common::demo_app_with_env_at(
        &[("SALA_PUBLIC_RATE_LIMIT", "0")],
        2026,
        11,
        23,
    ));
    let questions = rt.block_on(add_questions(&app));
    let form_fields: Vec<String> = match serde_json::to_value(RegistrationForm::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    let cases = (0..u32::MAX).prop_flat_map(move |n| fields(questions, n));
    let outcome = runner.run(&cases, |fields| {
        let mut body = encode_bytes(b"slug") + "=" + SLUG;
        for (key, value) in &fields {
            body.push_str(&format!(
                "&{}={}",
                encode_bytes(key.as_bytes()),
                encode_bytes(value)
            ));
        }
        let reply = rt.block_on(post_plain(&app, body));
        prop_assert!(
            reply.status < 500,
            "{} for {:?}: {}",
            reply.status,
            fields,
            reply.body
        );
        let Some(location) = reply.header("location") else {
            return Ok(());
        };
        // Leptos sends a form it could not read back to the page it came from, in full.
        let location = location
            .strip_prefix("http://127.0.0.1:3000")
            .unwrap_or(&location)
            .to_owned();
        prop_assert!(location.starts_with('/'), "{}", location);
        if let Some(field) = location
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("field="))
        {
            let real = form_fields.iter().any(|f| f == field)
                || questions.iter().any(|q| answer_key(*q) == field)
                || (0..3).any(|i| option_key(questions[2], i) == field)
                || ["answers", "event"].contains(&field);
            prop_assert!(real, "{} names no field of the form", location);
        }
        let page = rt.block_on(app.get(&location, None));
        prop_assert!(
            page.status < 500,
            "{} for {}: {}",
            page.status,
            location,
            page.body
        );
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// The event's own questions: a free text, a single choice and a multiple choice.
async fn add_questions(app: &common::TestApp) -> [i64; 3] {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo event");
    let mut ids = [0; 3];
    for (i, (kind, options, required)) in [
        ("text", "", Some("on")),
        ("choice", "In person\nOnline", None),
        ("multi", "Labour rights\nLegal aid\nHealth", None),
    ]
    .into_iter()
    .enumerate()
    {
        let form = QuestionForm {
            label: format!("Question {i}"),
            kind: kind.to_owned(),
            options: options.to_owned(),
            required: required.map(str::to_owned),
        };
        ids[i] = domain::service::questions::save(&app.db, EventId(event.id), None, &form)
            .await
            .unwrap();
    }
    ids
}
