//! Calendars travel with the e-mail: the confirmation and the changes of standing reach a real
//! SMTP listener as `multipart/mixed` messages whose `text/calendar` attachment is the event's
//! calendar in the registrant's language, read back by independent parsers (`mailparse` for
//! the MIME structure, the `ical` crate for the calendar). A withdrawal carries none. The
//! private page offers the person's own calendar feed (the event and the sessions where they
//! have a part), served privately with an ETag; unknown or malformed feed tokens are 404, and
//! erasure ends the feed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::BTreeMap;
use std::io::BufReader;

use axum::body::Body;
use axum::http::{header, Request};
use common::encode;
use common::smtp::{Listener, Received};
use domain::content_types::TranslationForm;
use domain::types::{EventId, RegistrationStatus};
use entities::{event_sessions, events, people, registrations, session_roles};
use mailparse::{DispositionType, MailHeaderMap, ParsedMail};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use server::config::SmtpConfig;
use server::mail::{Mailer, Sender};
use tokio::time::Instant;

const SLUG: &str = "access-to-justice-2027";
const THAI_TITLE: &str = "การประชุมเชิงปฏิบัติการระดับภูมิภาคว่าด้วยการเข้าถึงความยุติธรรมของแรงงานข้ามชาติ";
const FROM: &str = "Mekong Migration Network <events@example.org>";
const BASE: &str = "https://events.example.org";

/// The demo data on 23 November 2026, the event's title translated into Thai.
async fn app() -> (common::TestApp, events::Model) {
    let app = common::demo_app_at(2026, 11, 23).await;
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let form = TranslationForm {
        lang: "th".into(),
        fields: BTreeMap::from([("title".to_owned(), THAI_TITLE.to_owned())]),
    };
    domain::service::content::save(&app.db, EventId(event.id), &form)
        .await
        .unwrap();
    (app, event)
}

fn sender(app: &common::TestApp, port: u16) -> Sender {
    let config = SmtpConfig {
        url: format!("smtp://127.0.0.1:{port}"),
        from: FROM.to_owned(),
    };
    let mailer = Mailer::new(&config, BASE).unwrap();
    Sender::new(app.db.clone(), mailer, app.clock.clone())
}

/// Registers through the plain form (shown in `locale`); returns the private-link token.
async fn register(app: &common::TestApp, name: &str, email: &str, locale: &str) -> String {
    let key = format!("calendar-test-{}", email.replace(['@', '.'], "-"));
    let fields = [
        ("slug", SLUG),
        ("form[name_latin]", name),
        ("form[email]", email),
        ("form[country_code]", "TH"),
        ("form[consent]", "on"),
        ("form[locale]", locale),
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
    app.private_page(email)
        .await
        .trim_start_matches("/r/")
        .to_owned()
}

async fn sessions_of(app: &common::TestApp, event: &events::Model) -> Vec<event_sessions::Model> {
    event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .order_by_asc(event_sessions::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The one message the listener received for `to`.
fn mail_to<'a>(received: &'a [Received], to: &str) -> &'a Received {
    let wanted = format!("<{to}>");
    let mut found = received.iter().filter(|m| m.to.contains(&wanted));
    let mail = found.next().unwrap_or_else(|| panic!("no mail to {to}"));
    assert!(found.next().is_none(), "one mail to {to}");
    mail
}

/// The calendar a parsed message carries: checks the MIME structure around it (a text part,
/// then an attachment named `{slug}.ics` of type `text/calendar; method=PUBLISH`) and
/// returns the text part and the decoded calendar.
fn text_and_calendar(parsed: &ParsedMail) -> (String, String) {
    assert_eq!(parsed.ctype.mimetype, "multipart/mixed");
    assert_eq!(parsed.subparts.len(), 2, "text and calendar");
    let text = &parsed.subparts[0];
    assert_eq!(text.ctype.mimetype, "text/plain");
    assert_eq!(text.ctype.charset.to_lowercase(), "utf-8");
    let ics = &parsed.subparts[1];
    assert_eq!(ics.ctype.mimetype, "text/calendar");
    assert_eq!(ics.ctype.charset.to_lowercase(), "utf-8");
    assert_eq!(
        ics.ctype.params.get("method").map(String::as_str),
        Some("PUBLISH")
    );
    let disposition = ics.get_content_disposition();
    assert_eq!(disposition.disposition, DispositionType::Attachment);
    assert_eq!(
        disposition.params.get("filename").map(String::as_str),
        Some(format!("{SLUG}.ics").as_str())
    );
    (text.get_body().unwrap(), ics.get_body().unwrap())
}

fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    assert!(calendars.next().is_none(), "only one calendar");
    calendar
}

fn value<'a>(props: &'a [ical::property::Property], name: &str) -> &'a str {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("{name} in {props:?}"))
}

fn uids(calendar: &ical::parser::ical::component::IcalCalendar) -> Vec<String> {
    calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "UID").to_owned())
        .collect()
}

#[tokio::test]
async fn confirmations_carry_the_event_calendar_in_the_registrants_language() {
    let listener = Listener::default();
    let port = listener.start().await;
    let (app, event) = app().await;
    let sessions = sessions_of(&app, &event).await;
    assert!(!sessions.is_empty(), "the demo event has an agenda");

    let token = register(&app, "Somchai Jaidee", "somchai@example.org", "th").await;
    let pass = sender(&app, port).pass(Instant::now()).await.unwrap();
    assert_eq!(pass.sent, 1, "{pass:?}");

    let received = listener.received();
    let mail = mail_to(&received, "somchai@example.org");
    assert!(
        mail.data.lines().all(|l| l.is_ascii()),
        "every part is encoded for the wire"
    );
    let parsed = mailparse::parse_mail(mail.data.as_bytes()).unwrap();
    assert!(parsed
        .headers
        .get_first_value("Subject")
        .unwrap()
        .contains(&event.title));
    let (text, ics) = text_and_calendar(&parsed);
    assert!(text.contains(&format!("/r/{token}")), "{text}");

    let calendar = parse_ics(&ics);
    assert_eq!(value(&calendar.properties, "METHOD"), "PUBLISH");
    let mut expected = vec![format!("event-{}@events.example.org", event.id)];
    expected.extend(
        sessions
            .iter()
            .map(|s| format!("session-{}@events.example.org", s.id)),
    );
    assert_eq!(uids(&calendar), expected, "the event and its whole agenda");
    let whole = &calendar.events[0].properties;
    assert_eq!(
        value(whole, "SUMMARY"),
        THAI_TITLE,
        "in Thai, as registered"
    );
    assert_eq!(value(whole, "URL"), format!("{BASE}/events/{SLUG}"));
    assert!(value(whole, "DTSTART").starts_with("2027"));

    // Staff see that the message carries the calendar.
    app.create_user(
        "staff@example.org",
        "staff-password-1",
        domain::types::Role::Staff,
    )
    .await;
    let cookie = app.login("staff@example.org", "staff-password-1").await;
    let page = app.get("/manage/outbox", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("calendar file (.ics) goes with this e-mail."));
    // … and can take it along when forwarding by hand: the same file, in Thai.
    let file = format!("/events/{SLUG}/calendar.ics?lang=th");
    assert!(page.body.contains(&file), "{}", page.body);
    let download = app.get(&file, Some(&cookie)).await;
    assert_eq!(download.status, 200);
    let same = parse_ics(&download.body);
    let here: Vec<String> = expected
        .iter()
        .map(|uid| uid.replace("events.example.org", "127.0.0.1"))
        .collect();
    assert_eq!(uids(&same), here, "the router's own host in its UIDs");
    assert_eq!(value(&same.events[0].properties, "SUMMARY"), THAI_TITLE);
}

#[tokio::test]
async fn a_promotion_carries_the_calendar_and_a_withdrawal_none() {
    let listener = Listener::default();
    let port = listener.start().await;
    let (app, event) = app().await;
    // Room for one more: the first registers, the second waits.
    let confirmed = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .filter(registrations::Column::Status.eq(RegistrationStatus::Confirmed.as_str()))
        .count(&app.db)
        .await
        .unwrap();
    let mut model: events::ActiveModel = event.clone().into();
    model.capacity = Set(Some(i32::try_from(confirmed).unwrap() + 1));
    model.update(&app.db).await.unwrap();

    let first = register(&app, "Aung Aung", "aung@example.org", "my").await;
    register(&app, "Sok Dara", "dara@example.org", "km").await;
    let mut sender = sender(&app, port);
    let at = Instant::now();
    assert_eq!(sender.pass(at).await.unwrap().sent, 2);
    let received = listener.received();
    let waiting =
        mailparse::parse_mail(mail_to(&received, "dara@example.org").data.as_bytes()).unwrap();
    let (_, ics) = text_and_calendar(&waiting);
    assert_eq!(
        uids(&parse_ics(&ics))[0],
        format!("event-{}@events.example.org", event.id),
        "the waiting list's message carries the calendar too"
    );

    let reply = app
        .call("withdraw_registration", &[("token", &first)], None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(sender.pass(at).await.unwrap().sent, 2);
    let received: Vec<Received> = listener.received().split_off(2);

    let withdrawal =
        mailparse::parse_mail(mail_to(&received, "aung@example.org").data.as_bytes()).unwrap();
    assert_eq!(withdrawal.ctype.mimetype, "text/plain", "no calendar");
    assert!(withdrawal.subparts.is_empty());

    let promotion =
        mailparse::parse_mail(mail_to(&received, "dara@example.org").data.as_bytes()).unwrap();
    let (text, ics) = text_and_calendar(&promotion);
    assert!(text.contains(&event.title), "{text}");
    let rows = entities::outbox::Entity::find()
        .filter(entities::outbox::Column::ToEmail.eq("dara@example.org"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        rows.iter()
            .all(|r| r.calendar_event_id == Some(event.id)
                && r.calendar_lang.as_deref() == Some("km"))
    );
    let calendar = parse_ics(&ics);
    assert_eq!(
        uids(&calendar)[0],
        format!("event-{}@events.example.org", event.id)
    );
    assert_eq!(
        calendar.events.len(),
        1 + sessions_of(&app, &event).await.len()
    );
}

/// The feed address the private page shows (its token, 64 hex digits).
fn feed_token(page: &str) -> String {
    let (_, after) = page
        .split_once("/c/")
        .expect("the page offers a calendar feed");
    let token: String = after.chars().take_while(char::is_ascii_hexdigit).collect();
    assert_eq!(token.len(), 64, "{after:.80}");
    assert!(after[64..].starts_with("/calendar.ics"));
    token
}

#[tokio::test]
async fn the_private_page_offers_a_personal_feed_of_the_event_and_the_persons_sessions() {
    let (app, event) = app().await;
    let token = register(&app, "Thet Thet", "thet@example.org", "th").await;
    let person = people::Entity::find()
        .filter(people::Column::Email.eq("thet@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let sessions = sessions_of(&app, &event).await;
    assert!(sessions.len() >= 2, "the demo agenda has several sessions");
    let moderated = &sessions[1];
    session_roles::ActiveModel {
        session_id: Set(moderated.id),
        person_id: Set(person.id),
        role: Set("moderator".to_owned()),
        position: Set(0),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();

    let page = app.get(&format!("/r/{token}"), None).await;
    assert_eq!(page.status, 200);
    let feed = feed_token(&page.body);
    assert_ne!(feed, token, "the feed has a token of its own");
    assert!(
        page.body.contains("webcal://"),
        "a subscribe link for calendar apps"
    );
    // Shown again, the same address: a subscription keeps working.
    let again = app.get(&format!("/r/{token}"), None).await;
    assert_eq!(feed_token(&again.body), feed);

    let path = format!("/c/{feed}/calendar.ics");
    let reply = app.get(&path, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/calendar"));
    assert_eq!(
        reply.header("cache-control").as_deref(),
        Some("private, no-cache")
    );
    assert_eq!(
        reply.header("referrer-policy").as_deref(),
        Some("no-referrer")
    );
    let etag = reply.header("etag").expect("an ETag");
    let calendar = parse_ics(&reply.body);
    assert_eq!(
        uids(&calendar),
        [
            format!("event-{}@127.0.0.1", event.id),
            format!("session-{}@127.0.0.1", moderated.id),
        ],
        "the event and the one session the person moderates"
    );
    let whole = &calendar.events[0].properties;
    assert_eq!(value(whole, "SUMMARY"), THAI_TITLE);
    assert_eq!(value(whole, "STATUS"), "CONFIRMED");
    assert_eq!(
        value(&calendar.events[1].properties, "RELATED-TO"),
        format!("event-{}@127.0.0.1", event.id)
    );
    assert_eq!(
        value(&calendar.properties, "REFRESH-INTERVAL"),
        "PT6H",
        "{:?}",
        calendar.properties
    );

    // A calendar app polling with what it has gets 304.
    let req = Request::get(&path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let poll = app.send(req).await;
    assert_eq!(poll.status, 304);
    assert!(poll.body.is_empty());

    // Forged, malformed or borrowed tokens find nothing, and never a server error.
    for bad in [
        format!("/c/{}/calendar.ics", "0".repeat(64)),
        format!("/c/{token}/calendar.ics"),
        format!("/c/{}/calendar.ics", feed.to_uppercase()),
        "/c/short/calendar.ics".to_owned(),
        "/c/%FF%00/calendar.ics".to_owned(),
        format!("/c/{}/calendar.ics", "g".repeat(64)),
        format!("/c/{feed}x/calendar.ics"),
        format!("/c/{}/calendar.ics", "a".repeat(5000)),
    ] {
        let reply = app.get(&bad, None).await;
        assert_eq!(reply.status, 404, "{bad:.90}");
    }

    // Withdrawn: the same feed now tells the calendar app the event is off.
    let reply = app
        .call("withdraw_registration", &[("token", &token)], None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = app.get(&path, None).await;
    assert_eq!(reply.status, 200);
    let calendar = parse_ics(&reply.body);
    assert!(calendar
        .events
        .iter()
        .all(|e| value(&e.properties, "STATUS") == "CANCELLED"));

    // Erased: the feed ends with every other link.
    let reply = app
        .call(
            "erase_my_data",
            &[("token", &token), ("confirm", "on")],
            None,
        )
        .await;
    assert!(reply.status < 400, "{} {}", reply.status, reply.body);
    assert_eq!(app.get(&path, None).await.status, 404);
    let row = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.calendar_token, None);
}
