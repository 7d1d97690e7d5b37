//! Privacy through the router: no public page or calendar names a person who did not agree,
//! every form page links to the notice (which names the deployment's data controller), the
//! private link downloads the person's data and erases it without JavaScript, and only
//! coordinators anonymise a person.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use domain::types::Role;
use entities::{event_sessions, events, people};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const SLUG: &str = "access-to-justice-2027";
const SECRET_NAME: &str = "Thiri Yadanar Hsu";
const SECRET_PHONE: &str = "+95 9 555 0101";
const SECRET_DIET: &str = "NOLEAK halal no pork";
const SECRET_ACCESS: &str = "NOLEAK step-free room";
const OPEN_NAME: &str = "Nang Seng";

/// A plain HTML form post to server function `endpoint`, sent from page `from`.
async fn post_plain(
    app: &common::TestApp,
    endpoint: &str,
    from: &str,
    fields: &[(&str, &str)],
) -> common::Reply {
    common::post_plain(app, endpoint, from, fields, None).await
}

/// Registers through the public form (no JavaScript); returns the private page's path.
async fn register(app: &common::TestApp, name: &str, email: &str, public_name: bool) -> String {
    let key = format!("submission-key-{}", email.replace(['@', '.'], "-"));
    let mut fields = vec![
        ("slug", SLUG),
        ("form[name_latin]", name),
        ("form[email]", email),
        ("form[phone]", SECRET_PHONE),
        ("form[organisation]", "Migrant Workers Rights Network"),
        ("form[country_code]", "MM"),
        ("form[sector]", "migrant_workers_association"),
        ("form[gender]", "male"),
        ("form[dietary]", SECRET_DIET),
        ("form[accessibility]", SECRET_ACCESS),
        ("form[consent]", "on"),
        ("form[submission_key]", &key),
    ];
    if public_name {
        fields.push(("form[public_name_consent]", "on"));
    }
    let reply = post_plain(
        app,
        "register",
        &format!("/events/{SLUG}/register"),
        &fields,
    )
    .await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert!(location.ends_with("/register?sent=1"), "{location}");
    app.private_page(email).await
}

async fn get_bytes(app: &common::TestApp, path: &str) -> (u16, Vec<u8>) {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, body.to_vec())
}

async fn person_by_email(app: &common::TestApp, email: &str) -> people::Model {
    people::Entity::find()
        .filter(people::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn no_public_page_or_calendar_names_a_person_who_did_not_agree() {
    let app = common::demo_app_at(2026, 11, 23).await;
    register(&app, SECRET_NAME, "zaw@example.org", false).await;
    register(&app, OPEN_NAME, "nang@example.org", true).await;
    // The event's proceedings are public: its participant list names only those who agreed.
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut model: events::ActiveModel = event.clone().into();
    model.proceedings_public = Set(true);
    model.update(&app.db).await.unwrap();

    let mut pages: Vec<(String, String)> = Vec::new();
    let mut paths = vec![
        "/".to_owned(),
        "/events".to_owned(),
        format!("/events/{SLUG}"),
        format!("/events/{SLUG}/register"),
        "/privacy".to_owned(),
        "/calendar.ics".to_owned(),
        format!("/events/{SLUG}/calendar.ics"),
    ];
    for s in event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .all(&app.db)
        .await
        .unwrap()
    {
        paths.push(format!("/events/{SLUG}/sessions/{}.ics", s.id));
    }
    for path in paths {
        let reply = app.get(&path, None).await;
        assert_eq!(reply.status, 200, "{path}");
        pages.push((path, reply.body));
    }
    for pdf in ["agenda.pdf", "proceedings.pdf"] {
        let path = format!("/events/{SLUG}/{pdf}");
        let (status, bytes) = get_bytes(&app, &path).await;
        assert_eq!(status, 200, "{path}");
        pages.push((path, common::pdf_text(&bytes)));
    }
    assert!(pages
        .iter()
        .any(|(_, body)| body.contains("Access to Justice")));
    for (path, body) in &pages {
        for secret in [
            SECRET_NAME,
            "zaw@example.org",
            "nang@example.org",
            SECRET_PHONE,
            "555 0101",
            SECRET_DIET,
            SECRET_ACCESS,
            "NOLEAK",
        ] {
            assert!(!body.contains(secret), "{path} shows {secret:?}");
        }
    }
    let (_, proceedings) = pages
        .iter()
        .find(|(p, _)| p.ends_with("proceedings.pdf"))
        .unwrap();
    assert!(
        proceedings.contains(OPEN_NAME),
        "the person who agreed is named"
    );
    assert!(
        proceedings.contains("not named here at their request"),
        "the others are counted"
    );
}

#[tokio::test]
async fn the_notice_names_the_controller_and_every_form_links_to_it() {
    let app = common::demo_app_with_env_at(
        &[
            (
                "SALA_DATA_CONTROLLER",
                "Foundation for Migrants from the Mekong Neighbourhood, Chiang Mai",
            ),
            ("SALA_PRIVACY_CONTACT", "privacy@mmn.example.org"),
            ("SALA_PRIVACY_RETENTION", "Kept 24 months after each event."),
        ],
        2026,
        11,
        23,
    )
    .await;
    let notice = app.get("/privacy", None).await;
    assert_eq!(notice.status, 200);
    for text in [
        "Foundation for Migrants from the Mekong Neighbourhood, Chiang Mai",
        "privacy@mmn.example.org",
        "Kept 24 months after each event.",
        "To run the events you register for",
    ] {
        assert!(notice.body.contains(text), "{text}");
    }
    // Without settings the standard texts stand in.
    let plain = common::demo_app_at(2026, 11, 23).await;
    let notice = plain.get("/privacy", None).await;
    assert!(notice.body.contains("The organisation that runs this site"));
    assert!(notice
        .body
        .contains("removed after the period the organisers set"));

    let private = register(&app, OPEN_NAME, "nang@example.org", true).await;
    for path in [format!("/events/{SLUG}/register"), private.clone()] {
        let page = app.get(&path, None).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("href=\"/privacy\""),
            "{path} links to the notice"
        );
    }
    let page = app.get(&private, None).await;
    assert!(page.body.contains(&format!("href=\"{private}/data.json\"")));
    assert!(page.body.contains("name=\"confirm\""), "the erasure form");
}

#[tokio::test]
async fn my_data_downloads_as_a_json_file() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let private = register(&app, SECRET_NAME, "zaw@example.org", false).await;
    register(&app, OPEN_NAME, "nang@example.org", true).await;
    let reply = app.get(&format!("{private}/data.json"), None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(
        reply.header("content-disposition").unwrap(),
        "attachment; filename=\"sala-my-data-2026-11-23.json\""
    );
    let data: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(data["person"]["name_latin"], SECRET_NAME);
    assert_eq!(data["person"]["phone"], SECRET_PHONE);
    assert_eq!(data["registrations"][0]["event"]["slug"], SLUG);
    assert_eq!(data["registrations"][0]["dietary"], SECRET_DIET);
    assert_eq!(data["registrations"][0]["status"], "confirmed");
    assert!(!reply.body.contains("nang@example.org"), "no one else");
    assert!(!reply.body.contains(OPEN_NAME));
    assert!(!reply.body.contains("token_hash"));
    assert!(!reply.body.contains("submission-key"));

    let forged = app
        .get(&format!("/r/{}/data.json", "0".repeat(64)), None)
        .await;
    assert_eq!(forged.status, 404);
}

#[tokio::test]
async fn erasure_through_the_link_works_without_javascript_after_confirming() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let private = register(&app, SECRET_NAME, "zaw@example.org", false).await;
    let token = private.trim_start_matches("/r/").to_owned();

    // Without ticking the box: back to the page, the message next to the box, nothing erased.
    let reply = post_plain(&app, "erase_my_data", &private, &[("token", &token)]).await;
    assert_eq!(reply.status, 302);
    let back = reply.header("location").unwrap();
    assert!(
        back.starts_with(&format!(
            "{private}?error=validation&field=confirm&message=confirm-required"
        )),
        "{back}"
    );
    let page = app.get(&back, None).await;
    assert!(page.body.contains("Please tick the box to confirm."));
    assert_eq!(
        person_by_email(&app, "zaw@example.org").await.name_latin,
        SECRET_NAME
    );

    let reply = post_plain(
        &app,
        "erase_my_data",
        &private,
        &[("token", &token), ("confirm", "yes")],
    )
    .await;
    assert_eq!(reply.status, 302);
    let done = reply.header("location").unwrap();
    assert_eq!(done, "/privacy?erased=1");
    assert!(app
        .get(&done, None)
        .await
        .body
        .contains("Your data has been erased."));
    assert_eq!(app.get(&private, None).await.status, 404);
    assert_eq!(
        app.get(&format!("{private}/data.json"), None).await.status,
        404
    );
    let gone = people::Entity::find()
        .filter(people::Column::NameLatin.eq(SECRET_NAME))
        .one(&app.db)
        .await
        .unwrap();
    assert!(gone.is_none(), "the name is gone");
    let erased = people::Entity::find()
        .filter(people::Column::AnonymisedAt.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(erased.email, None);
    assert_eq!(erased.phone, None);
}

#[tokio::test]
async fn only_coordinators_anonymise_a_person_and_after_confirming() {
    let app = common::demo_app_at(2026, 11, 23).await;
    register(&app, SECRET_NAME, "zaw@example.org", false).await;
    let id = person_by_email(&app, "zaw@example.org")
        .await
        .id
        .to_string();
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    app.create_user("c@example.org", "coord-password-1", Role::Coordinator)
        .await;
    let staff = app.login("s@example.org", "staff-password-1").await;
    let coordinator = app.login("c@example.org", "coord-password-1").await;
    let args = [("person_id", id.as_str()), ("confirm", "yes")];

    assert_eq!(app.call("anonymise_person", &args, None).await.status, 403);
    assert_eq!(
        app.call("anonymise_person", &args, Some(&staff))
            .await
            .status,
        403
    );
    let unconfirmed = app
        .call(
            "anonymise_person",
            &[("person_id", &id)],
            Some(&coordinator),
        )
        .await;
    assert_eq!(unconfirmed.status, 422);
    assert_eq!(
        person_by_email(&app, "zaw@example.org").await.name_latin,
        SECRET_NAME
    );

    let page = app.get(&format!("/manage/people/{id}"), Some(&staff)).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("name=\"person_id\""),
        "not offered to staff"
    );
    let page = app
        .get(&format!("/manage/people/{id}"), Some(&coordinator))
        .await;
    assert!(
        page.body.contains("name=\"person_id\""),
        "the form is on the page"
    );
    let reply = app
        .call("anonymise_person", &args, Some(&coordinator))
        .await;
    assert!(reply.status < 400, "{} {}", reply.status, reply.body);
    let person = people::Entity::find_by_id(id.parse::<i64>().unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.name_latin, format!("Anonymised #{id}"));
    assert!(person.anonymised_by.is_some());
    let page = app
        .get(&format!("/manage/people/{id}"), Some(&coordinator))
        .await;
    assert!(
        page.body.contains("Anonymised on 23 November 2026."),
        "the date in the interface language"
    );
    assert!(!page.body.contains(SECRET_NAME));
    assert!(
        !page.body.contains("name=\"person_id\""),
        "nothing left to anonymise"
    );
}
