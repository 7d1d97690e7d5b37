//! Event content in several languages through real HTTP, without JavaScript: a coordinator
//! saves a Thai title and session title on the translations screen; a visitor reading Thai
//! sees them on the event list, the event page, the calendar file and the agenda PDF (alone
//! or beside the English), anyone else the English; a refused save keeps the typing and
//! changes nothing; only coordinators may translate.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::post_plain;
use domain::types::Role;
use entities::{content_translations, event_sessions, events};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const SLUG: &str = "access-to-justice-2027";
const THAI_TITLE: &str = "การประชุมเชิงปฏิบัติการระดับภูมิภาคว่าด้วยการเข้าถึงความยุติธรรมของแรงงานข้ามชาติ";
const THAI_SESSION: &str = "พิธีเปิดและแนะนำตัว";

async fn coordinator(app: &common::TestApp) -> String {
    app.create_user("coord@example.org", "coordinator-pw-1", Role::Coordinator)
        .await;
    app.login("coord@example.org", "coordinator-pw-1").await
}

/// The event's first session: (id, English title).
async fn first_session(app: &common::TestApp) -> (i64, String) {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let s = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo workshop has an agenda");
    (s.id, s.title)
}

async fn translations_count(app: &common::TestApp) -> u64 {
    content_translations::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

/// Text as the page carries it (only `&`, `<` and `>` are escaped in text).
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[tokio::test]
async fn a_thai_title_saved_without_javascript_is_what_thai_readers_see() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let cookie = coordinator(&app).await;
    let (session, english_session) = first_session(&app).await;
    let english_title = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .title;
    let page = format!("/manage/events/{SLUG}/translations?lang=th");
    let shown = app.get(&page, Some(&cookie)).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains(&html(&english_session)), "the original");
    assert!(shown.body.contains("name=\"form[fields][title]\""));
    assert!(shown.body.contains("not translated"));

    let session_field = format!("form[fields][s{session}]");
    let reply = post_plain(
        &app,
        "save_translations",
        &page,
        &[
            ("slug", SLUG),
            ("form[lang]", "th"),
            ("form[fields][title]", THAI_TITLE),
            (session_field.as_str(), THAI_SESSION),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let back = reply.header("location").unwrap();
    assert!(
        back.contains("lang=th&saved=1") && !back.contains("error"),
        "{back}"
    );
    let shown = app.get(&back, Some(&cookie)).await;
    assert!(shown.body.contains("The translations are saved."));
    assert!(shown.body.contains(&format!("value=\"{THAI_TITLE}\"")));
    assert!(shown.body.contains("partly translated"));

    // A visitor reading Thai, and one reading English.
    let thai = "lang=th";
    let event_page = format!("/events/{SLUG}");
    let seen = app.get(&event_page, Some(thai)).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains(THAI_TITLE), "Thai title");
    assert!(seen.body.contains(THAI_SESSION), "Thai session title");
    assert!(
        seen.body.contains("agenda.pdf?lang=en&amp;also=th"),
        "the bilingual agenda is offered"
    );
    let seen = app.get(&event_page, None).await;
    assert!(seen.body.contains(&html(&english_title)), "English title");
    assert!(seen.body.contains(&html(&english_session)));
    assert!(!seen.body.contains(THAI_TITLE) && !seen.body.contains(THAI_SESSION));
    let seen = app.get(&event_page, Some("lang=km")).await;
    assert!(
        seen.body.contains(&html(&english_title)),
        "no Khmer translation: English"
    );
    let list = app.get("/events", Some(thai)).await;
    assert!(list.body.contains(THAI_TITLE), "the event list");

    // Calendar files: English unless asked (a long line is folded: unfold it first).
    let unfold = |s: &str| s.replace("\r\n ", "");
    let ics = app
        .get(&format!("/events/{SLUG}/calendar.ics?lang=th"), None)
        .await;
    assert_eq!(ics.status, 200);
    assert!(unfold(&ics.body).contains(THAI_TITLE));
    let ics = app
        .get(&format!("/events/{SLUG}/calendar.ics"), Some(thai))
        .await;
    assert!(
        unfold(&ics.body).contains(THAI_SESSION),
        "the cookie says Thai"
    );
    let ics = app.get(&format!("/events/{SLUG}/calendar.ics"), None).await;
    assert!(!unfold(&ics.body).contains(THAI_TITLE));
    let bad = app
        .get(&format!("/events/{SLUG}/calendar.ics?lang=xx"), None)
        .await;
    assert_eq!(bad.status, 400);

    // The agenda: Thai alone, then English beside Thai, both extractable.
    let pdf = |path: String| {
        let app = &app;
        async move {
            let req = Request::get(path)
                .header(header::HOST, "127.0.0.1:3000")
                .body(Body::empty())
                .unwrap();
            let res = tower::ServiceExt::oneshot(app.router.clone(), req)
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            assert!(bytes.starts_with(b"%PDF-"));
            squeeze(&common::pdf_text(&bytes))
        }
    };
    let alone = pdf(format!("/events/{SLUG}/agenda.pdf?lang=th")).await;
    assert!(alone.contains(&squeeze(THAI_SESSION)), "{alone}");
    assert!(!alone.contains(&squeeze(&english_session)), "{alone}");
    let both = pdf(format!("/events/{SLUG}/agenda.pdf?lang=en&also=th")).await;
    // Side by side, a title's lines alternate between the columns as text is read back:
    // each language's text is whole once the other script is left out.
    let thai = |c: char| ('\u{0E00}'..='\u{0E7F}').contains(&c);
    let only = |text: &str, keep: &dyn Fn(char) -> bool| -> String {
        text.chars().filter(|c| keep(*c)).collect()
    };
    for needle in [THAI_TITLE, THAI_SESSION] {
        assert!(only(&both, &thai).contains(needle), "{needle} in {both}");
    }
    for needle in [&english_title, &english_session] {
        let latin = |c: char| !thai(c);
        assert!(
            only(&both, &latin).contains(&squeeze(needle)),
            "{needle} in {both}"
        );
    }
    assert!(
        both.contains(&squeeze(THAI_SESSION)),
        "a one-line title reads back whole"
    );
    let bad = app
        .get(&format!("/events/{SLUG}/agenda.pdf?lang=en&also=fr"), None)
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn the_registration_form_asks_in_thai_and_stores_the_english_choice() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let cookie = coordinator(&app).await;
    let event = domain::service::events::id_by_slug(&app.db, SLUG)
        .await
        .unwrap();
    let question = domain::service::questions::save(
        &app.db,
        event,
        None,
        &domain::question_types::QuestionForm {
            label: "Which group?".into(),
            kind: "choice".into(),
            options: "Labour rights\nLegal aid".into(),
            required: Some("on".into()),
        },
    )
    .await
    .unwrap();
    let page = format!("/manage/events/{SLUG}/translations?lang=th");
    let (label, options) = (
        format!("form[fields][q{question}]"),
        format!("form[fields][o{question}]"),
    );
    let reply = post_plain(
        &app,
        "save_translations",
        &page,
        &[
            ("slug", SLUG),
            ("form[lang]", "th"),
            ("form[fields][title]", THAI_TITLE),
            (label.as_str(), "กลุ่มไหน"),
            (options.as_str(), "สิทธิแรงงาน\r\nความช่วยเหลือทางกฎหมาย"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(!reply.header("location").unwrap().contains("error"));

    let form_page = format!("/events/{SLUG}/register");
    let shown = app.get(&form_page, Some("lang=th")).await;
    assert!(shown.body.contains("กลุ่มไหน *"), "Thai label");
    assert!(
        shown
            .body
            .contains("value=\"Legal aid\">ความช่วยเหลือทางกฎหมาย"),
        "Thai words, English value"
    );
    let english = app.get(&form_page, None).await;
    assert!(english.body.contains("Which group? *"));

    let answer = format!("form[answers][q{question}]");
    let reply = post_plain(
        &app,
        "register",
        &form_page,
        &[
            ("slug", SLUG),
            ("form[name_latin]", "Malai Srisuk"),
            ("form[email]", "malai@example.org"),
            ("form[country_code]", "TH"),
            ("form[consent]", "on"),
            ("form[submission_key]", "content-test-key-00001"),
            (answer.as_str(), "Legal aid"),
        ],
        None,
    )
    .await;
    let sent = reply.header("location").unwrap();
    assert!(sent.ends_with("/register?sent=1"), "{sent}");
    let private = app.private_page("malai@example.org").await;
    let stored = entities::registration_answers::Entity::find()
        .filter(entities::registration_answers::Column::QuestionId.eq(question))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].value, "Legal aid", "the English option is stored");
    let mine = app.get(&private, Some("lang=th")).await;
    assert!(
        mine.body.contains(THAI_TITLE),
        "the private page's event title"
    );
}

#[tokio::test]
async fn a_refused_save_keeps_the_typing_and_changes_nothing() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let cookie = coordinator(&app).await;
    let (session, _) = first_session(&app).await;
    let page = format!("/manage/events/{SLUG}/translations?lang=km");
    let session_field = format!("form[fields][s{session}]");
    let long = "ក".repeat(201);
    let reply = post_plain(
        &app,
        "save_translations",
        &page,
        &[
            ("slug", SLUG),
            ("form[lang]", "km"),
            (session_field.as_str(), "ពិធីបើក"),
            ("form[fields][title]", long.as_str()),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert!(
        location.contains("field=title&message=too-long") && location.contains("lang=km"),
        "{location}"
    );
    assert_eq!(translations_count(&app).await, 0, "nothing saved");
    let shown = app.get(&location, Some(&cookie)).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("This is too long."),
        "the error is shown"
    );
    assert!(
        shown.body.contains("value=\"ពិធីបើក\""),
        "typed session title kept"
    );
    assert!(shown.body.contains(&long), "typed title kept");
}

#[tokio::test]
async fn only_coordinators_translate() {
    let app = common::demo_app_at(2026, 11, 23).await;
    app.create_user("staff@example.org", "staff-password-1", Role::Staff)
        .await;
    let staff = app.login("staff@example.org", "staff-password-1").await;
    let fields = [
        ("slug", SLUG),
        ("form[lang]", "th"),
        ("form[fields][title]", THAI_TITLE),
    ];
    for cookie in [None, Some(staff.as_str())] {
        let reply = app.call("save_translations", &fields, cookie).await;
        assert_eq!(reply.status, 403, "{cookie:?}");
        let page = app
            .get(&format!("/manage/events/{SLUG}/translations"), cookie)
            .await;
        assert!(!page.body.contains("form[fields]"), "{cookie:?}");
    }
    assert_eq!(translations_count(&app).await, 0);
    let coordinator = coordinator(&app).await;
    let reply = app
        .call("save_translations", &fields, Some(&coordinator))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(translations_count(&app).await, 1);
}
