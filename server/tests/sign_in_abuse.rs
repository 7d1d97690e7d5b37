//! Sign-in under abuse, through the real router: over-long fields are refused before anything
//! is kept or hashed; failures count per account and address (the lockout) and per address
//! (IPv6 by /64), in the database; what strangers grow stays bounded and is tidied away;
//! argon2 runs off the async threads, so pages keep answering during a flood of sign-ins.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request};
use common::encode;
use domain::service::limiter::{self, ADDRESS_FREE_FAILURES, FREE_FAILURES};
use domain::types::Role;

const ADMIN: (&str, &str) = ("admin@example.org", "admin-password-1");

fn login_form<'a>(email: &'a str, password: &'a str) -> [(&'a str, &'a str); 2] {
    [("email", email), ("password", password)]
}

#[tokio::test]
async fn over_long_sign_in_fields_are_refused_before_anything_is_kept_or_hashed() {
    let app = common::app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    let long_email = format!("{}@example.org", "a".repeat(1024 * 1024));
    for _ in 0..3 {
        let reply = app
            .call_from("192.0.2.1", "login", &login_form(&long_email, "guess"))
            .await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert!(reply.body.contains("\"email\""), "{}", reply.body);
        assert!(reply.body.contains("too-long"), "{}", reply.body);
    }
    let long_password = "p".repeat(1025);
    let reply = app
        .call_from("192.0.2.1", "login", &login_form(ADMIN.0, &long_password))
        .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("\"password\""), "{}", reply.body);
    assert_eq!(
        limiter::buckets(&app.db).await.unwrap(),
        0,
        "nothing counted"
    );
    // Refused fields do not count as failures: the account still signs in from there.
    let reply = app
        .call_from("192.0.2.1", "login", &login_form(ADMIN.0, ADMIN.1))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    // Without JavaScript: back to the form, the message next to the field.
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://127.0.0.1:3000/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(encode(&login_form(&long_email, "guess"))))
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").unwrap();
    assert_eq!(
        location,
        "/login?error=validation&field=email&message=too-long"
    );
    let page = app.get(&location, None).await;
    let field = page.body.find("id=\"email\"").expect("e-mail field");
    let message = page.body.find("This is too long.").expect("message");
    let next_field = page.body.find("id=\"password\"").expect("password field");
    assert!(field < message && message < next_field, "next to the field");
}

#[tokio::test]
async fn failed_sign_ins_with_long_addresses_keep_short_counts_that_are_tidied_away() {
    let app = common::app().await;
    for i in 0..14 {
        // 254 bytes: the longest address accepted, each from another client.
        let email = format!("{i:03}{}@example.org", "x".repeat(239));
        assert_eq!(email.len(), 254);
        let reply = app
            .call_from(
                &format!("2001:db8:{i:x}::1"),
                "login",
                &login_form(&email, "wrong-password"),
            )
            .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    // One count per account × address and one per address: nothing else is kept.
    assert_eq!(limiter::buckets(&app.db).await.unwrap(), 28);
    let later = app.ctx.now() + chrono::Duration::hours(2);
    let report = domain::service::housekeeping::tidy(&app.db, later)
        .await
        .unwrap();
    assert_eq!(report.throttles, 28);
    assert_eq!(limiter::buckets(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn refused_forms_kept_for_pages_without_javascript_stay_within_their_bounds() {
    use chrono::TimeZone;
    // Drafts of about 20 kB: the bytes bind first.
    let (drafts, draft_bytes) = (5, 64_000);
    let app = common::app_with_state(&[], |state| {
        state.ctx.drafts = Arc::new(app::server::Drafts::with_bounds(drafts, draft_bytes));
    })
    .await;
    migration::seed::load_demo(&app.db).await.unwrap();
    *app.now.lock().unwrap() = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
    let long_note = "n".repeat(20_000);
    for i in 0..15_u8 {
        let fields = [
            ("slug", "access-to-justice-2027"),
            ("form[name_latin]", "Flood Test"),
            ("form[email]", "not-an-email"),
            ("form[country_code]", "LA"),
            ("form[sector]", "cso_ngo"),
            ("form[gender]", "prefer_not_to_say"),
            ("form[consent]", "on"),
            ("form[dietary]", long_note.as_str()),
            ("form[submission_key]", "submission-key-flood-0001"),
        ];
        let mut req = Request::post("/api/register")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT, "text/html")
            .header(
                header::REFERER,
                "http://127.0.0.1:3000/events/access-to-justice-2027/register",
            )
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(encode(&fields)))
            .unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [198, 51, 100, i],
                40_000,
            ))));
        let reply = app.send(req).await;
        assert_eq!(reply.status, 302);
        let location = reply.header("location").unwrap();
        assert!(location.contains("field=email"), "{location}");
        let (n, bytes) = app.ctx.drafts.held(&app.db).await;
        assert!(
            n <= drafts && bytes <= draft_bytes,
            "{n} drafts, {bytes} bytes"
        );
    }
    assert!(
        app.ctx.drafts.held(&app.db).await.0 > 0,
        "the latest refused forms are kept"
    );
}

#[tokio::test]
async fn one_password_tried_against_many_accounts_from_one_address_is_throttled() {
    let app = common::app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    // Each guess from another address of the same /64: one client all the same.
    for i in 0..ADDRESS_FREE_FAILURES {
        let email = format!("user{i}@example.org");
        let reply = app
            .call_from(
                &format!("2001:db8:5:6::{:x}", i + 1),
                "login",
                &login_form(&email, "Winter2026!"),
            )
            .await;
        assert_eq!(reply.status, 401, "guess {i}: {}", reply.body);
    }
    let reply = app
        .call_from(
            "2001:db8:5:6::99",
            "login",
            &login_form("next@example.org", "Winter2026!"),
        )
        .await;
    assert_eq!(reply.status, 429, "{}", reply.body);
    // From that client even the right password waits; from anywhere else it gets in.
    let reply = app
        .call_from(
            "2001:db8:5:6:ffff::1",
            "login",
            &login_form(ADMIN.0, ADMIN.1),
        )
        .await;
    assert_eq!(reply.status, 429, "{}", reply.body);
    assert!(reply.cookie().is_none());
    let reply = app
        .call_from("2001:db8:5:7::1", "login", &login_form(ADMIN.0, ADMIN.1))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.cookie().is_some());
}

#[tokio::test]
async fn a_lockout_caused_from_one_address_does_not_stop_the_right_password_from_another() {
    let app = common::app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    for _ in 0..5 {
        let reply = app
            .call_from("198.51.100.7", "login", &login_form(ADMIN.0, "guess"))
            .await;
        assert!(matches!(reply.status, 401 | 429), "{}", reply.body);
    }
    let reply = app
        .call_from("198.51.100.7", "login", &login_form(ADMIN.0, ADMIN.1))
        .await;
    assert_eq!(reply.status, 429, "locked out there: {}", reply.body);
    let reply = app
        .call_from("192.0.2.44", "login", &login_form(ADMIN.0, ADMIN.1))
        .await;
    assert_eq!(
        reply.status, 200,
        "the colleague's own address: {}",
        reply.body
    );
    assert!(reply.cookie().is_some());
}

#[tokio::test]
async fn guesses_sent_side_by_side_are_counted_before_they_are_checked() {
    let app = Arc::new(common::app().await);
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    let guesses: Vec<_> = (0..12)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let guess = format!("guess-{i}");
                app.call_from("198.51.100.9", "login", &login_form(ADMIN.0, &guess))
                    .await
                    .status
            })
        })
        .collect();
    let mut checked = 0;
    for guess in guesses {
        match guess.await.unwrap() {
            401 => checked += 1,
            status => assert_eq!(status, 429),
        }
    }
    assert_eq!(
        checked, FREE_FAILURES,
        "only the free failures were checked"
    );
}

/// Twenty sign-ins in flight on a runtime with a single thread: were argon2 run on that
/// thread, the page would answer only after nearly all of them (it did: 20 of 20).
#[tokio::test]
async fn a_public_page_answers_while_sign_ins_are_being_verified() {
    let app = Arc::new(common::app().await);
    // On PostgreSQL, open the pool's connections first: otherwise connecting, not hashing,
    // is what the sign-ins below would mostly wait for.
    if domain::service::testing::on_postgres() {
        use sea_orm::TransactionTrait;
        let mut held = Vec::new();
        for _ in 0..20 {
            held.push(app.db.begin().await.unwrap());
        }
        for txn in held {
            txn.rollback().await.unwrap();
        }
    }
    let done = Arc::new(AtomicUsize::new(0));
    let mut sign_ins = Vec::new();
    for i in 0..20_u8 {
        let (app, done) = (app.clone(), done.clone());
        sign_ins.push(tokio::spawn(async move {
            let email = format!("nobody{i}@example.org");
            let reply = app
                .call_from(
                    &format!("203.0.113.{i}"),
                    "login",
                    &login_form(&email, "a wrong password"),
                )
                .await;
            done.fetch_add(1, Ordering::SeqCst);
            reply.status
        }));
    }
    // Time for every sign-in to look its account up and reach the password check.
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let page = app.get("/events", None).await;
    let finished_meanwhile = done.load(Ordering::SeqCst);
    assert_eq!(page.status, 200);
    for sign_in in sign_ins {
        assert_eq!(sign_in.await.unwrap(), 401);
    }
    assert!(
        finished_meanwhile < 10,
        "the page waited for {finished_meanwhile} of 20 sign-ins"
    );
}
