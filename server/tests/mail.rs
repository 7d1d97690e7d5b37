//! Sending the outbox over SMTP to a real SMTP listener inside the test: a registration's
//! e-mail arrives with its UTF-8 subject and private link and is marked sent; a server that
//! refuses or is down leaves the message pending with the error recorded, it goes on a
//! later pass, and nothing is sent twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::smtp::Listener;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request};
use common::encode;
use entities::{events, outbox};
use mailparse::MailHeaderMap;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use server::config::SmtpConfig;
use server::mail::{Mailer, Pass, Sender};
use tokio::net::TcpListener;
use tokio::time::Instant;

const SLUG: &str = "access-to-justice-2027";
const TITLE: &str = "การเข้าถึงความยุติธรรม · ကျင့်ဝတ် · យុត្តិធម៌";
const FROM: &str = "Mekong Migration Network <events@example.org>";

fn smtp_env(port: u16) -> [(&'static str, String); 2] {
    [
        ("SMTP_URL", format!("smtp://127.0.0.1:{port}")),
        ("MAIL_FROM", FROM.to_owned()),
    ]
}

/// The demo data, its clock on 23 November 2026, SMTP pointing at `port`, and the
/// registration event renamed in three scripts (the subject carries the title).
async fn app_sending_to(port: u16) -> common::TestApp {
    let env = smtp_env(port);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = common::demo_app_with_env_at(&env, 2026, 11, 23).await;
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut event: events::ActiveModel = event.into();
    event.title = Set(TITLE.to_owned());
    event.update(&app.db).await.unwrap();
    app
}

fn sender(app: &common::TestApp, port: u16) -> Sender {
    let config = SmtpConfig {
        url: format!("smtp://127.0.0.1:{port}"),
        from: FROM.to_owned(),
    };
    let mailer = Mailer::new(&config, "https://events.example.org").unwrap();
    Sender::new(app.db.clone(), mailer, app.clock.clone())
}

/// Registers through a plain form post; returns the private-link token (from the e-mail:
/// the form hands none back).
async fn register(app: &common::TestApp, name: &str, email: &str) -> String {
    let key = format!("mail-test-key-{}", email.replace(['@', '.'], "-"));
    let fields = [
        ("slug", SLUG),
        ("form[name_latin]", name),
        ("form[email]", email),
        ("form[country_code]", "TH"),
        ("form[consent]", "on"),
        ("form[submission_key]", key.as_str()),
    ];
    let req = Request::post("/api/register")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            format!("http://127.0.0.1:3000/events/{SLUG}/register"),
        )
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(encode(&fields)))
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert!(
        location.ends_with("/register?sent=1"),
        "registered: {location}"
    );
    app.private_page(email)
        .await
        .trim_start_matches("/r/")
        .to_owned()
}

async fn rows(app: &common::TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn staff_cookie(app: &common::TestApp) -> String {
    app.create_user(
        "staff@example.org",
        "staff-password-1",
        domain::types::Role::Staff,
    )
    .await;
    app.login("staff@example.org", "staff-password-1").await
}

#[tokio::test]
async fn a_registration_e_mail_reaches_the_smtp_server_once_and_is_marked_sent() {
    let listener = Listener::default();
    let port = listener.start().await;
    let app = app_sending_to(port).await;
    let worker = sender(&app, port).spawn(app.mail_wake.clone());

    let token = register(&app, "Somchai Jaidee", "somchai@example.org").await;

    // The router wakes the worker: the message arrives well before its one-minute poll.
    let deadline = Instant::now() + Duration::from_secs(10);
    while rows(&app).await.iter().any(|r| r.sent_at.is_none()) {
        assert!(
            Instant::now() < deadline,
            "not sent: {:?}",
            rows(&app).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let received = listener.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let mail = &received[0];
    assert_eq!(mail.from, "<events@example.org>");
    assert_eq!(mail.to, vec!["<somchai@example.org>".to_owned()]);

    let parsed = mailparse::parse_mail(mail.data.as_bytes()).unwrap();
    let subject = parsed.headers.get_first_value("Subject").unwrap();
    assert_eq!(subject, format!("Registration confirmed: {TITLE}"));
    assert!(
        mail.data.lines().all(|l| l.is_ascii()),
        "headers and body are encoded for the wire"
    );
    assert!(parsed
        .headers
        .get_first_value("To")
        .unwrap()
        .contains("somchai@example.org"));
    // The confirmation is the text and the event's calendar (see tests/calendar_mail.rs).
    assert_eq!(parsed.ctype.mimetype, "multipart/mixed");
    let text = &parsed.subparts[0];
    assert_eq!(text.ctype.mimetype, "text/plain");
    let body = text.get_body().unwrap();
    assert!(
        body.contains(&format!("/r/{token}")),
        "the private link: {body}"
    );
    assert!(body.contains("Dear Somchai Jaidee"), "{body}");
    assert!(body.contains(TITLE), "the UTF-8 body is decoded intact");

    let row = &rows(&app).await[0];
    assert_eq!(row.attempts, 1);
    assert_eq!(row.last_error, None);

    // More passes (a poke, then the poll) send nothing again.
    app.mail_wake.notify_one();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(listener.received().len(), 1, "sent once");
    worker.abort();

    let cookie = staff_cookie(&app).await;
    let page = app.get("/manage/outbox", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("An SMTP server is configured"));
    assert!(page.body.contains("outbox-sent"));
    assert!(
        !page.body.contains(&token),
        "a delivered message's private link is not shown to staff"
    );
    assert!(page.body.contains("/r/…"), "the link is shown cut");
}

#[tokio::test]
async fn a_refusing_server_leaves_the_message_pending_until_a_later_pass() {
    let listener = Listener::default();
    listener.refuse_with(Some("451 4.3.0 mailbox busy, try later"));
    let port = listener.start().await;
    let app = app_sending_to(port).await;
    let mut sender = sender(&app, port);
    register(&app, "Nguyen Van An", "an@example.org").await;

    let at = Instant::now();
    let pass = sender.pass(at).await.unwrap();
    assert_eq!(
        pass,
        Pass {
            sent: 0,
            failed: 1,
            waiting: 0,
            more: false
        }
    );
    let row = rows(&app).await.remove(0);
    assert_eq!(row.sent_at, None);
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error.as_deref().unwrap().contains("451"),
        "{row:?}"
    );
    assert!(listener.received().is_empty());

    // The staff screen shows the failure and its reason.
    let cookie = staff_cookie(&app).await;
    let page = app.get("/manage/outbox", Some(&cookie)).await;
    assert!(page.body.contains("1 failed attempts, will retry"));
    assert!(page.body.contains("mailbox busy, try later"));

    // Backing off: an immediate pass leaves it alone.
    let pass = sender.pass(at).await.unwrap();
    assert_eq!(pass.waiting, 1);
    assert_eq!(rows(&app).await[0].attempts, 1);

    // A permanent refusal is recorded too and retried later.
    listener.refuse_with(Some("550 5.1.1 no such user"));
    sender.pass(at + Duration::from_secs(31)).await.unwrap();
    let row = rows(&app).await.remove(0);
    assert_eq!(row.attempts, 2);
    assert!(row.last_error.as_deref().unwrap().contains("550"));

    listener.refuse_with(None);
    let later = at + Duration::from_secs(3600);
    let pass = sender.pass(later).await.unwrap();
    assert_eq!(pass.sent, 1);
    let row = rows(&app).await.remove(0);
    assert!(row.sent_at.is_some());
    assert_eq!(row.attempts, 3);
    assert_eq!(row.last_error, None);

    let again = sender
        .pass(later + Duration::from_secs(3600))
        .await
        .unwrap();
    assert_eq!(again, Pass::default(), "nothing left to send");
    assert_eq!(listener.received().len(), 1, "sent once");
}

#[tokio::test]
async fn a_server_that_is_down_is_retried_and_nothing_is_lost() {
    // A port nobody listens on (bound, then released).
    let socket = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    drop(socket);
    let app = app_sending_to(port).await;
    let mut sender = sender(&app, port);
    register(&app, "Aung Aung", "aung@example.org").await;
    register(&app, "Sok Dara", "dara@example.org").await;

    let at = Instant::now();
    let pass = sender.pass(at).await.unwrap();
    assert_eq!(pass.failed, 1, "one attempt tells the server is down");
    assert_eq!(
        pass.waiting, 1,
        "the other message waits without an attempt"
    );
    let all = rows(&app).await;
    assert!(all.iter().all(|r| r.sent_at.is_none()));
    assert_eq!(all[0].attempts, 1);
    assert!(all[0]
        .last_error
        .as_deref()
        .unwrap()
        .contains("SMTP server unreachable"));
    assert_eq!(all[1].attempts, 0);

    // The server comes up on that port; before the backoff ends nothing is tried.
    let listener = Listener::default();
    listener.serve(TcpListener::bind(("127.0.0.1", port)).await.unwrap());
    assert_eq!(sender.pass(at).await.unwrap(), Pass::default());
    let pass = sender.pass(at + Duration::from_secs(3600)).await.unwrap();
    assert_eq!(pass.sent, 2);
    assert!(rows(&app).await.iter().all(|r| r.sent_at.is_some()));

    sender.pass(at + Duration::from_secs(7200)).await.unwrap();
    let mut to: Vec<String> = listener.received().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, ["<aung@example.org>", "<dara@example.org>"]);
}

/// Two `sala serve` processes on one database each run a sender: a message is claimed by
/// one of them (a conditional update), so the mail server receives every message once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_senders_on_one_outbox_send_each_message_once() {
    let listener = Listener::default();
    let port = listener.start().await;
    let app = app_sending_to(port).await;
    for i in 0..12 {
        register(&app, &format!("Person {i}"), &format!("p{i}@example.org")).await;
    }
    let queued = rows(&app).await.len();
    assert!(queued >= 12, "{queued} messages queued");
    let mut first = sender(&app, port);
    let mut second = sender(&app, port);
    let at = Instant::now();
    let (a, b) = tokio::join!(first.pass(at), second.pass(at));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, queued, "{a:?} {b:?}");
    assert!(a.sent > 0 && b.sent > 0, "both worked: {a:?} {b:?}");
    let received = listener.received();
    assert_eq!(received.len(), queued, "each message once");
    // Later passes of either find nothing left.
    assert_eq!(
        first
            .pass(at + Duration::from_secs(3600))
            .await
            .unwrap()
            .sent,
        0
    );
    assert_eq!(
        second
            .pass(at + Duration::from_secs(3600))
            .await
            .unwrap()
            .sent,
        0
    );
    assert_eq!(listener.received().len(), queued);
}
