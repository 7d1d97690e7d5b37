//! Registration through real HTTP: the plain-form path (no JavaScript) keeps what was typed
//! on errors, the answer to a registration is the same whoever the address belongs to, the
//! e-mailed private link shows the status, and changing the address on it needs the new one.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::encode;
use entities::registrations;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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
    let page = format!("/events/{SLUG}/register");
    common::post_plain(app, "register", &page, fields, None).await
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

/// The browser is told to look for the private link in the mailbox (it is never handed
/// back: see `a_known_and_a_new_address_get_the_same_answer`); the e-mailed link opens the
/// private page, and a second click creates nothing.
#[tokio::test]
async fn registering_leads_to_check_your_email_and_a_second_click_creates_nothing() {
    let app = demo_app().await;
    let fields = form(
        "Khamphone Sisavath",
        "khamphone@example.org",
        "submission-key-0001-abcdef",
    );
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert_eq!(location, format!("/events/{SLUG}/register?sent=1"));
    let page = app.get(&location, None).await;
    assert!(page.body.contains("Check your e-mail"), "{}", page.body);
    assert!(page.body.contains("Your private link has been e-mailed"));
    assert!(
        !page.body.contains("khamphone"),
        "nothing of the person on it"
    );

    let private = app.private_page("khamphone@example.org").await;
    let page = app.get(&private, None).await;
    assert!(page.body.contains("Confirmed"), "{}", page.body);
    assert!(page.body.contains("Access to Justice"));

    let count = registrations::Entity::find().count(&app.db).await.unwrap();
    let again = post_plain(&app, &fields).await;
    assert_eq!(again.status, 302);
    assert_eq!(again.header("location"), Some(location));
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        count,
        "double submit is one registration"
    );
    assert_eq!(
        app.private_page("khamphone@example.org").await,
        private,
        "no second e-mail: the first link still works"
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

/// `text` with every `nonce="…"` value (one per page) blanked.
fn without_nonces(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("nonce-").or_else(|| rest.find("nonce=\"")) {
        let start = at
            + if rest[at..].starts_with("nonce-") {
                6
            } else {
                7
            };
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| !c.is_ascii_alphanumeric() && !"+/=-_".contains(c))
            .unwrap_or(tail.len());
        out.push('N');
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Everything a browser gets, as comparable text: status, headers, body, then the same for
/// the page it is sent to.
async fn answer(app: &common::TestApp, fields: &[(&str, &str)], javascript: bool) -> String {
    let reply = if javascript {
        app.call("register", fields, None).await
    } else {
        post_plain(app, fields).await
    };
    let mut headers: Vec<String> = reply
        .headers
        .iter()
        .filter(|(name, _)| *name != header::DATE)
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect();
    headers.sort();
    let mut seen = format!("{}\n{}\n{}", reply.status, headers.join("\n"), reply.body);
    let next = reply
        .header("location")
        .or_else(|| reply.header("serverfnredirect"));
    if let Some(next) = next {
        let page = app.get(&next, None).await;
        seen.push_str(&format!("\n--- {next}\n{}\n{}", page.status, page.body));
    }
    without_nonces(&seen)
}

/// Typing an address into the public form must not tell whether it is on file: a new
/// address, one known from elsewhere, and one already registered for this event get the
/// same answer, byte for byte (the page's nonce aside), with and without JavaScript.
#[tokio::test]
async fn a_known_and_a_new_address_get_the_same_answer() {
    use chrono::Utc;
    use sea_orm::{ActiveModelTrait, Set};
    let app = demo_app().await;
    entities::people::ActiveModel {
        name_latin: Set("Known Elsewhere".into()),
        email: Set(Some("known@example.org".into())),
        languages: Set(String::new()),
        public_name_consent: Set(false),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    post_plain(
        &app,
        &form(
            "Already Here",
            "here@example.org",
            "submission-key-here-0001",
        ),
    )
    .await;

    for javascript in [false, true] {
        let mut answers = Vec::new();
        for (i, email) in ["new@example.org", "known@example.org", "here@example.org"]
            .iter()
            .enumerate()
        {
            let email = if javascript {
                email.replace('@', "+js@")
            } else {
                (*email).to_owned()
            };
            let email = if i == 0 {
                email
            } else {
                email.replace("+js", "")
            };
            let key = format!("submission-key-{javascript}-{i:04}");
            answers.push(answer(&app, &form("Someone Typing", &email, &key), javascript).await);
        }
        assert!(answers[0].contains("sent=1"), "{}", answers[0]);
        assert!(answers[0].contains("Check your e-mail"), "{}", answers[0]);
        assert_eq!(answers[0], answers[1], "new and known answer alike");
        assert_eq!(answers[0], answers[2], "new and registered answer alike");
    }
    // Each address got its mail; the known ones keep their details.
    for email in [
        "new@example.org",
        "new+js@example.org",
        "known@example.org",
        "here@example.org",
    ] {
        app.private_page(email).await;
    }
    let known = entities::people::Entity::find()
        .filter(entities::people::Column::Email.eq("known@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(known.name_latin, "Known Elsewhere");
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
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/events/{SLUG}/register?sent=1"),
        "allowed again a minute later"
    );
}

/// The private page's form with the new address `email` typed in, as sent without JavaScript.
async fn change_address(app: &common::TestApp, private: &str, email: &str, js: bool) -> String {
    let token = private.trim_start_matches("/r/");
    let mut fields = form("Khamphone Sisavath", email, "");
    fields.retain(|(name, _)| !matches!(*name, "slug" | "form[submission_key]" | "form[consent]"));
    fields.push(("token", token));
    let reply = if js {
        app.call("update_registration", &fields, None).await
    } else {
        let req = Request::post("/api/update_registration")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(encode(&fields)))
            .unwrap();
        app.send(req).await
    };
    let mut seen = format!("{}\n{}", reply.status, reply.body);
    if let Some(next) = reply.header("location") {
        let page = app.get(&next, None).await;
        seen.push_str(&format!("\n--- {next}\n{}\n{}", page.status, page.body));
    }
    without_nonces(&seen).replace(email, "NEW-ADDRESS")
}

async fn stored_email(app: &common::TestApp, name: &str) -> Option<String> {
    entities::people::Entity::find()
        .filter(entities::people::Column::NameLatin.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .email
}

/// A new address typed on the private page gets the same answer whether someone else has it
/// or not (the page must not tell who is on file), and only the link sent to the new address
/// changes it; opening that link shows a button, and only the button changes anything.
#[tokio::test]
async fn changing_the_address_answers_the_same_taken_or_free_and_needs_the_link() {
    let app = demo_app().await;
    for (name, email, key) in [
        (
            "Khamphone Sisavath",
            "khamphone@example.org",
            "submission-key-move-0001",
        ),
        (
            "Other Person",
            "taken@example.org",
            "submission-key-move-0002",
        ),
    ] {
        post_plain(&app, &form(name, email, key)).await;
    }
    let private = app.private_page("khamphone@example.org").await;

    for js in [false, true] {
        let taken = change_address(&app, &private, "taken@example.org", js).await;
        let free = change_address(&app, &private, "free@example.org", js).await;
        assert_eq!(
            taken, free,
            "the same answer, taken or free (JavaScript: {js})"
        );
        if js {
            assert!(free.starts_with("200\n"), "{free}");
            assert!(free.contains("\"pending_email\":\"NEW-ADDRESS\""), "{free}");
        } else {
            assert!(free.contains("?saved=1"), "{free}");
            assert!(
                free.contains("We have sent a link to NEW-ADDRESS"),
                "the page says where the link went: {free}"
            );
        }
        assert_eq!(
            stored_email(&app, "Khamphone Sisavath").await.as_deref(),
            Some("khamphone@example.org"),
            "nothing changes before the link is opened"
        );
    }

    // The link sent to the free address: opening it shows a button; the button changes it.
    let confirm = domain::service::testing::link_sent_to(&app.db, "free@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    let page = app.get(&format!("/e/{confirm}"), None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Use free@example.org for your registration"),
        "{}",
        page.body
    );
    // The link's address never goes to another site (same-origin, as on every private page).
    assert_eq!(
        page.header("referrer-policy").as_deref(),
        Some("same-origin")
    );
    assert_eq!(
        stored_email(&app, "Khamphone Sisavath").await.as_deref(),
        Some("khamphone@example.org"),
        "opening the link alone changes nothing"
    );
    let reply = app
        .send(
            Request::post("/api/confirm_email_change")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ACCEPT, "text/html")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(encode(&[("token", &confirm)])))
                .unwrap(),
        )
        .await;
    let done = reply.header("location").unwrap();
    assert_eq!(done, format!("/e/{confirm}?done=1"));
    assert!(app
        .get(&done, None)
        .await
        .body
        .contains("Your e-mail address has been changed"));
    assert_eq!(
        stored_email(&app, "Khamphone Sisavath").await.as_deref(),
        Some("free@example.org")
    );
    let page = app.get(&private, None).await;
    assert!(
        page.body.contains("value=\"free@example.org\""),
        "{}",
        page.body
    );

    // The link sent to the taken address was replaced by the later request: it does nothing.
    let stale = domain::service::testing::link_sent_to(&app.db, "taken@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    let page = app.get(&format!("/e/{stale}"), None).await;
    assert!(
        page.body.contains("This link does not work"),
        "{}",
        page.body
    );

    // Asked for alone, the taken address is refused when its link is used (told only to
    // whoever reads that mailbox), and the address stays.
    change_address(&app, &private, "taken@example.org", false).await;
    let taken = domain::service::testing::link_sent_to(&app.db, "taken@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    let reply = app
        .call("confirm_email_change", &[("token", &taken)], None)
        .await;
    let back = reply
        .header("location")
        .or_else(|| reply.header("serverfnredirect"))
        .unwrap_or_else(|| panic!("{} {}", reply.status, reply.body));
    assert!(back.ends_with("?refused=email-in-use"), "{back}");
    assert!(app
        .get(&back, None)
        .await
        .body
        .contains("already used for someone else"));
    assert_eq!(
        stored_email(&app, "Khamphone Sisavath").await.as_deref(),
        Some("free@example.org")
    );
}

/// "Region or province" is a list: every region of every country, grouped by country for a
/// browser without JavaScript, with the small script that narrows it allowed by the page's
/// Content-Security-Policy. A region of another country is refused next to the field,
/// with the choices kept and nothing written; a region of the chosen country is stored.
#[tokio::test]
async fn the_region_is_chosen_from_the_countrys_list() {
    let app = demo_app().await;
    let page = app.get(&format!("/events/{SLUG}/register"), None).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(
        body.contains(r#"<select id="r-region_code" name="form[region_code]""#),
        "a list, not a text box"
    );
    let group = |code: &str| {
        let start = body
            .find(&format!(r#"data-country="{code}""#))
            .unwrap_or_else(|| panic!("no group for {code}"));
        &body[start..start + body[start..].find("</optgroup>").unwrap()]
    };
    assert!(
        group("CN").contains(r#"<option value="CN-YN">Yunnan"#),
        "{}",
        group("CN")
    );
    assert!(group("LA").contains("Vientiane Prefecture"));
    assert!(
        group("TH").matches("<option").count() >= 77,
        "every Thai province"
    );
    assert!(group("MM").contains("Shan"));
    assert!(!group("TH").contains("CN-YN"));
    let csp = page.header("content-security-policy").unwrap();
    // The script's SHA-256, computed outside Rust (Python's hashlib over the constant).
    assert!(
        csp.contains("'sha256-k0QIJMe5uOrOXozlrISdHKLo5/r34eiealwVRGjoLTE='"),
        "{csp}"
    );
    assert_eq!(
        app::components::viewer_time::hash_source(
            app::features::registration::pages::REGION_SCRIPT
        ),
        "'sha256-k0QIJMe5uOrOXozlrISdHKLo5/r34eiealwVRGjoLTE='"
    );

    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let mut fields = form(
        "Khamphone Sisavath",
        "khamphone@example.org",
        "submission-key-0007-abcdef",
    );
    fields.push(("form[region_code]", "CN-YN"));
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert!(location.contains("field=region_code"), "{location}");
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        before
    );
    let again = app.get(&location, None).await;
    assert!(again
        .body
        .contains("This region is not in the chosen country."));
    assert!(
        again.body.contains(r#"<option value="CN-YN" selected"#),
        "choice kept"
    );

    let mut fields = form(
        "Khamphone Sisavath",
        "khamphone@example.org",
        "submission-key-0008-abcdef",
    );
    fields.push(("form[region_code]", "LA-VT"));
    let reply = post_plain(&app, &fields).await;
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/events/{SLUG}/register?sent=1")
    );
    let person = entities::people::Entity::find()
        .filter(entities::people::Column::Email.eq("khamphone@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.region_code.as_deref(), Some("LA-VT"));
}
