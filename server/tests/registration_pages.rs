//! Registration through real HTTP: the plain-form path (no JavaScript) keeps what was typed
//! on errors, the private link shows the status, withdrawing promotes the waiting list.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::encode;
use entities::registrations;
use sea_orm::{EntityTrait, PaginatorTrait};

const SLUG: &str = "access-to-justice-2027";

async fn demo_app() -> common::TestApp {
    common::demo_app_at(2026, 11, 23).await
}

fn form<'a>(name: &'a str, email: &'a str, key: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("slug", SLUG),
        ("form[name_latin]", name),
        ("form[name_native]", "ຄຳພອນ ສີສະຫວັດ"),
        ("form[email]", email),
        ("form[organisation]", "Lao Legal Aid Network"),
        ("form[country_code]", "LA"),
        ("form[sector]", "cso_ngo"),
        ("form[gender]", "prefer_not_to_say"),
        ("form[consent]", "on"),
        ("form[submission_key]", key),
    ]
}

/// A plain HTML form post, as a browser without JavaScript sends it.
async fn post_plain(app: &common::TestApp, fields: &[(&str, &str)]) -> common::Reply {
    let req = Request::post("/api/register")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            format!("http://127.0.0.1:3000/events/{SLUG}/register"),
        )
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(encode(fields)))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn without_javascript_an_error_returns_to_the_form_with_the_values_kept() {
    let app = demo_app().await;
    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let mut fields = form(
        "Khamphone Sisavath",
        "not-an-email",
        "submission-key-0003-abcdef",
    );
    fields.push(("form[dietary]", "vegetarian <script>alert(1)</script>"));
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert!(
        location.starts_with(&format!(
            "/events/{SLUG}/register?error=validation&field=email"
        )),
        "{location}"
    );
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing written"
    );

    let page = app.get(&location, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("does not look like an email address"),
        "message next to the field"
    );
    assert!(
        page.body.contains("value=\"Khamphone Sisavath\""),
        "typed name kept"
    );
    assert!(
        page.body.contains("ຄຳພອນ ສີສະຫວັດ"),
        "native-script name kept"
    );
    assert!(
        page.body.contains("vegetarian &lt;script&gt;"),
        "markup is escaped, never run"
    );
}

#[tokio::test]
async fn registering_leads_to_the_private_page_and_a_second_click_creates_nothing() {
    let app = demo_app().await;
    let fields = form(
        "Khamphone Sisavath",
        "khamphone@example.org",
        "submission-key-0001-abcdef",
    );
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert!(location.starts_with("/r/"), "{location}");
    let page = app.get(&location, None).await;
    assert!(page.body.contains("Confirmed"), "{}", page.body);
    assert!(page.body.contains("Access to Justice"));

    let count = registrations::Entity::find().count(&app.db).await.unwrap();
    let again = post_plain(&app, &fields).await;
    assert_eq!(again.status, 302);
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        count,
        "double submit is one registration"
    );

    // A forged link shows nothing.
    let forged = app
        .get(
            "/r/0000000000000000000000000000000000000000000000000000000000000000",
            None,
        )
        .await;
    assert_eq!(forged.status, 404);
    assert!(!forged.body.contains("Khamphone"));
}

#[tokio::test]
async fn the_outbox_is_for_staff_only() {
    let app = demo_app().await;
    post_plain(
        &app,
        &form(
            "Khamphone Sisavath",
            "khamphone@example.org",
            "submission-key-0002-abcdef",
        ),
    )
    .await;
    let anonymous = app.get("/manage/outbox", None).await;
    assert!(!anonymous.body.contains("khamphone@example.org"));
    app.create_user(
        "s@example.org",
        "staff-password-1",
        domain::types::Role::Staff,
    )
    .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let page = app.get("/manage/outbox", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("khamphone@example.org"));
    // A private link opens the person's data and its erasure: staff see it cut...
    assert!(page.body.contains("/r/…"), "the link is shown cut to staff");
    let full_link = regex_free_token(&page.body);
    assert_eq!(full_link, None, "staff see no whole private link");
    // ...and the coordinators who forward unsent messages by hand see it whole.
    app.create_user(
        "c@example.org",
        "coord-password-1",
        domain::types::Role::Coordinator,
    )
    .await;
    let cookie = app.login("c@example.org", "coord-password-1").await;
    let page = app.get("/manage/outbox", Some(&cookie)).await;
    assert!(
        regex_free_token(&page.body).is_some(),
        "the message carries the private link for coordinators"
    );
}

/// The first `/r/<64 hex digits>` in `body`.
fn regex_free_token(body: &str) -> Option<String> {
    body.match_indices("/r/").find_map(|(i, _)| {
        let token: String = body[i + 3..].chars().take(64).collect();
        (token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit())).then_some(token)
    })
}

#[tokio::test]
async fn one_address_cannot_flood_the_registration_form() {
    let app = demo_app().await;
    // The default limit: 20 submissions per address per minute.
    for i in 0..20 {
        let email = format!("flood{i}@example.org");
        let key = format!("flood-submission-{i:04}");
        let reply = post_plain(&app, &form("Flood Test", &email, &key)).await;
        assert_eq!(reply.status, 302, "submission {i}");
    }
    let count = registrations::Entity::find().count(&app.db).await.unwrap();
    let reply = post_plain(
        &app,
        &form(
            "Flood Test",
            "flood-extra@example.org",
            "flood-submission-x",
        ),
    )
    .await;
    assert_eq!(reply.status, 302);
    assert!(reply
        .header("location")
        .unwrap()
        .contains("error=too-many-attempts"));
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        count,
        "nothing written"
    );
    app.advance(chrono::Duration::seconds(61));
    let reply = post_plain(
        &app,
        &form(
            "Flood Test",
            "flood-extra@example.org",
            "flood-submission-x",
        ),
    )
    .await;
    assert!(
        reply.header("location").unwrap().starts_with("/r/"),
        "allowed again a minute later"
    );
}
