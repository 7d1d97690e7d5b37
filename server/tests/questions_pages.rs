//! Custom registration questions through real HTTP, without JavaScript: a coordinator adds
//! them on the event's questions page, the registration form asks them, a missing required
//! answer comes back next to its question with everything typed kept and nothing saved,
//! and the answers reach the private page, the participant list and its CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::post_plain;
use domain::types::Role;
use entities::{event_questions, registration_answers, registrations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const SLUG: &str = "access-to-justice-2027";

/// A plain HTML form post from `page`, as a browser without JavaScript sends it.
async fn coordinator(app: &common::TestApp) -> String {
    app.create_user("coord@example.org", "coordinator-pw-1", Role::Coordinator)
        .await;
    app.login("coord@example.org", "coordinator-pw-1").await
}

async fn question_ids(app: &common::TestApp) -> Vec<i64> {
    let event = entities::events::Entity::find()
        .filter(entities::events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    event_questions::Entity::find()
        .filter(event_questions::Column::EventId.eq(event.id))
        .order_by_asc(event_questions::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.id)
        .collect()
}

/// Adds a required "Which session?" (choice) and an optional "Dietary detail" (text).
async fn add_questions(app: &common::TestApp, cookie: &str) -> (i64, i64) {
    let page = format!("/manage/events/{SLUG}/questions");
    for fields in [
        vec![
            ("slug", SLUG),
            ("form[label]", "ဘယ်အစည်းအဝေးကို တက်မလဲ"),
            ("form[kind]", "choice"),
            ("form[options]", "Labour rights\r\nLegal aid"),
            ("form[required]", "on"),
        ],
        vec![
            ("slug", SLUG),
            ("form[label]", "Dietary detail"),
            ("form[kind]", "text"),
        ],
    ] {
        let reply = post_plain(app, "save_question", &page, &fields, Some(cookie)).await;
        assert_eq!(reply.status, 302, "{}", reply.body);
        let back = reply.header("location").unwrap();
        assert!(back.contains(&page) && !back.contains("error"), "{back}");
    }
    let ids = question_ids(app).await;
    (ids[0], ids[1])
}

#[tokio::test]
async fn coordinators_manage_questions_without_javascript() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let page = format!("/manage/events/{SLUG}/questions");
    let anonymous = app.get(&page, None).await;
    assert!(!anonymous.body.contains("form[label]"), "staff only");
    let cookie = coordinator(&app).await;

    let reply = post_plain(
        &app,
        "save_question",
        &page,
        &[
            ("slug", SLUG),
            ("form[label]", "Pick one"),
            ("form[kind]", "choice"),
            ("form[options]", "only one option"),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert!(
        location.contains("field=qn-new-options&message=options-required"),
        "{location}"
    );
    assert!(question_ids(&app).await.is_empty(), "nothing saved");
    let shown = app.get(&location, Some(&cookie)).await;
    assert!(shown
        .body
        .contains("List at least two options, one per line."));
    assert!(
        shown.body.contains("value=\"Pick one\""),
        "typed label kept"
    );
    assert!(
        shown.body.contains(">only one option</textarea>"),
        "typed options kept"
    );

    let (session, dietary) = add_questions(&app, &cookie).await;
    let shown = app.get(&page, Some(&cookie)).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("ဘယ်အစည်းအဝေးကို တက်မလဲ"));
    assert!(shown.body.contains("Labour rights\nLegal aid"));

    let reply = post_plain(
        &app,
        "move_question",
        &page,
        &[
            ("slug", SLUG),
            ("id", &dietary.to_string()),
            ("direction", "up"),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, 302);
    assert_eq!(question_ids(&app).await, [dietary, session]);

    let reply = post_plain(
        &app,
        "delete_question",
        &page,
        &[("slug", SLUG), ("id", &dietary.to_string())],
        Some(&cookie),
    )
    .await;
    assert_eq!(reply.status, 302);
    assert_eq!(question_ids(&app).await, [session]);
}

#[tokio::test]
async fn a_missing_required_answer_returns_to_the_form_and_saves_nothing() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let cookie = coordinator(&app).await;
    let (session, dietary) = add_questions(&app, &cookie).await;
    let form_page = format!("/events/{SLUG}/register");
    let shown = app.get(&form_page, None).await;
    assert!(shown.body.contains("ဘယ်အစည်းအဝေးကို တက်မလဲ *"));
    assert!(shown
        .body
        .contains(&format!("name=\"form[answers][q{dietary}]\"")));

    let dietary_key = format!("form[answers][q{dietary}]");
    let session_key = format!("form[answers][q{session}]");
    let mut fields = vec![
        ("slug", SLUG),
        ("form[name_latin]", "Khamphone Sisavath"),
        ("form[email]", "khamphone@example.org"),
        ("form[country_code]", "LA"),
        ("form[consent]", "on"),
        ("form[submission_key]", "questions-test-key-0001"),
        (dietary_key.as_str(), "no pork, ບໍ່ມີຊີ້ນໝູ"),
    ];
    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let answers_before = registration_answers::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let reply = post_plain(&app, "register", &form_page, &fields, None).await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert!(
        location.contains(&format!("field=q{session}&message=required")),
        "{location}"
    );
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        before
    );
    assert_eq!(
        registration_answers::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        answers_before,
        "no answer saved"
    );
    let back = app.get(&location, None).await;
    assert_eq!(back.status, 200);
    let error_at = back
        .body
        .find(&format!("id=\"q{session}-error\""))
        .expect("the error is shown");
    let question_at = back.body.find("ဘယ်အစည်းအဝေးကို တက်မလဲ").unwrap();
    assert!(
        question_at < error_at && error_at - question_at < 1_000,
        "next to its question"
    );
    assert!(back.body.contains("This field is required."));
    assert!(back.body.contains("value=\"Khamphone Sisavath\""));
    assert!(back.body.contains("no pork, ບໍ່ມີຊີ້ນໝູ"), "answers kept");

    // With JavaScript the same refusal is a 422 naming the question.
    let reply = app.call("register", &fields, None).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains(&format!("q{session}")));

    // A value that is not one of the options is refused the same way.
    fields.push((session_key.as_str(), "Karaoke"));
    let reply = post_plain(&app, "register", &form_page, &fields, None).await;
    assert!(reply
        .header("location")
        .unwrap()
        .contains(&format!("field=q{session}&message=invalid-choice")));

    fields.pop();
    fields.push((session_key.as_str(), "Legal aid"));
    let reply = post_plain(&app, "register", &form_page, &fields, None).await;
    let sent = reply.header("location").unwrap();
    assert!(sent.ends_with("/register?sent=1"), "{sent}");
    let location = app.private_page("khamphone@example.org").await;
    let private = app.get(&location, None).await;
    assert!(private.body.contains("no pork, ບໍ່ມີຊີ້ນໝູ"));
    assert!(private
        .body
        .contains("<option value=\"Legal aid\" selected"));

    // Correcting on the private page without JavaScript: a refused change comes back next
    // to the question with what was typed, and changes nothing.
    let token = location.trim_start_matches("/r/").to_owned();
    let private_page = format!("/r/{token}");
    let correction = [
        ("token", token.as_str()),
        ("form[name_latin]", "Khamphone Sisavath"),
        ("form[email]", "khamphone@example.org"),
        ("form[country_code]", "LA"),
        (dietary_key.as_str(), "vegetarian now"),
    ];
    let reply = post_plain(
        &app,
        "update_registration",
        &private_page,
        &correction,
        None,
    )
    .await;
    let back = reply.header("location").unwrap();
    assert!(
        back.contains(&format!("field=q{session}&message=required")),
        "{back}"
    );
    let shown = app.get(&back, None).await;
    assert!(shown.body.contains(&format!("id=\"q{session}-error\"")));
    assert!(
        shown.body.contains(">vegetarian now</textarea>"),
        "typed answer kept"
    );
    let unchanged = app.get(&private_page, None).await;
    assert!(unchanged.body.contains("no pork, ບໍ່ມີຊີ້ນໝູ"));

    let mut correction = correction.to_vec();
    correction.push((session_key.as_str(), "Labour rights"));
    let reply = post_plain(
        &app,
        "update_registration",
        &private_page,
        &correction,
        None,
    )
    .await;
    assert!(!reply.header("location").unwrap().contains("error"));
    let corrected = app.get(&private_page, None).await;
    assert!(corrected.body.contains(">vegetarian now</textarea>"));
    assert!(corrected
        .body
        .contains("<option value=\"Labour rights\" selected"));

    let list = app
        .get(
            &format!("/manage/events/{SLUG}/participants"),
            Some(&cookie),
        )
        .await;
    assert!(list.body.contains("<th>Dietary detail"));
    assert!(list.body.contains("<td>Labour rights"));
    let csv = app
        .get(
            &format!("/manage/events/{SLUG}/participants.csv"),
            Some(&cookie),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("ဘယ်အစည်းအဝေးကို တက်မလဲ,Dietary detail"));
    assert!(csv.body.contains("Labour rights,vegetarian now"));
}

#[tokio::test]
async fn the_form_shows_each_kind_of_question() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let cookie = coordinator(&app).await;
    let page = format!("/manage/events/{SLUG}/questions");
    for (label, kind, options) in [
        ("Topics", "multi", "Recruitment\nReturn"),
        ("Visa letter?", "yes_no", ""),
        ("Arrival", "date", ""),
    ] {
        let fields = [
            ("slug", SLUG),
            ("form[label]", label),
            ("form[kind]", kind),
            ("form[options]", options),
        ];
        let reply = post_plain(&app, "save_question", &page, &fields, Some(&cookie)).await;
        assert_eq!(reply.status, 302);
    }
    let [multi, yes_no, date] = question_ids(&app).await[..] else {
        panic!("three questions")
    };
    let form = app.get(&format!("/events/{SLUG}/register"), None).await;
    for expected in [
        format!("type=\"checkbox\" name=\"form[answers][q{multi}_1]\" value=\"Return\""),
        format!("type=\"radio\" name=\"form[answers][q{yes_no}]\" value=\"yes\""),
        format!("type=\"date\" name=\"form[answers][q{date}]\""),
    ] {
        assert!(form.body.contains(&expected), "{expected}");
    }
}
