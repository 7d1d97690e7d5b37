//! Staff documents through the router: sign-in sheets and badges for the demo training,
//! refused to anyone else, bad options answered with 400, rebuilt when the data changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use domain::types::Role;
use entities::people;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

const SLUG: &str = "advocacy-with-asean-2016";

async fn fetch(app: &common::TestApp, path: &str, cookie: &str) -> (u16, String, Vec<u8>) {
    let req = axum::http::Request::get(path)
        .header("host", "127.0.0.1:3000")
        .header("cookie", cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, kind, body.to_vec())
}

use common::pdf_text as text_of;

#[tokio::test]
async fn staff_print_sheets_and_badges_and_nobody_else_can() {
    let app = common::demo_app_at(2026, 11, 1).await;
    for doc in ["attendance.pdf", "badges.pdf"] {
        let anonymous = app.get(&format!("/events/{SLUG}/{doc}"), None).await;
        assert_eq!(anonymous.status, 403, "{doc}");
    }
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;

    let (status, kind, sheets) = fetch(
        &app,
        &format!("/events/{SLUG}/attendance.pdf?order=country&blank=3"),
        &cookie,
    )
    .await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = text_of(&sheets);
    let roster = domain::service::roster::roster(
        &app.db,
        domain::service::events::id_by_slug(&app.db, SLUG)
            .await
            .unwrap(),
        domain::participant_types::RosterOrder::Country,
    )
    .await
    .unwrap();
    assert!(
        roster.len() >= 17,
        "the 17 trainees at least: {}",
        roster.len()
    );
    for row in &roster {
        assert!(
            text.contains(&row.name_latin),
            "{} on the sheet",
            row.name_latin
        );
    }
    // A five-day training: five sheets.
    for day in 1..=5 {
        assert!(
            text.contains(&format!("Sign-in sheet · Day {day} ·")),
            "day {day}"
        );
    }

    let (status, kind, badges) = fetch(&app, &format!("/events/{SLUG}/badges.pdf"), &cookie).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    // Long names wrap on a badge: compare without white space.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let text = squeeze(&text_of(&badges));
    for row in &roster {
        assert!(
            text.contains(&squeeze(&row.name_latin)),
            "{} badge",
            row.name_latin
        );
    }

    for bad in ["by=week", "order=age", "blank=500", "blank=-1"] {
        let (status, _, body) = fetch(
            &app,
            &format!("/events/{SLUG}/attendance.pdf?{bad}"),
            &cookie,
        )
        .await;
        assert_eq!(status, 400, "{bad}: {}", String::from_utf8_lossy(&body));
    }
    let (status, _, _) = fetch(&app, "/events/no-such-event/attendance.pdf", &cookie).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_changed_name_is_printed_on_the_next_sheet() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let path = format!("/events/{SLUG}/attendance.pdf");
    let (_, _, first) = fetch(&app, &path, &cookie).await;
    let (_, _, again) = fetch(&app, &path, &cookie).await;
    assert_eq!(first, again);

    let event = domain::service::events::id_by_slug(&app.db, SLUG)
        .await
        .unwrap();
    let row = domain::service::roster::roster(&app.db, event, Default::default())
        .await
        .unwrap()
        .remove(0);
    let person = people::Entity::find_by_id(row.person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut person: people::ActiveModel = person.into();
    person.name_latin = Set("Renamed Trainee Zed".to_owned());
    person.update(&app.db).await.unwrap();

    let (_, _, after) = fetch(&app, &path, &cookie).await;
    assert_ne!(first, after);
    let text = text_of(&after);
    assert!(text.contains("Renamed Trainee Zed"));
    assert!(!text.contains(&row.name_latin));
}

#[tokio::test]
async fn certificates_go_to_trainees_who_completed() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    assert_eq!(
        app.get(&format!("/events/{SLUG}/certificates.pdf"), None)
            .await
            .status,
        403
    );

    let cohort = domain::service::attendance_report::cohort(&app.db, SLUG)
        .await
        .unwrap();
    let days: Vec<String> = {
        let e =
            domain::service::agenda::by_slug(&app.db, SLUG, domain::service::agenda::Viewer::Staff)
                .await
                .unwrap();
        domain::documents::pdf::sheets::event_days(&e)
            .iter()
            .map(|d| d.to_string())
            .collect()
    };
    assert_eq!(days.len(), 5);
    // The first trainee comes every day, the second on two days only.
    let (full, part) = (&cohort.rows[0].roster, &cohort.rows[1].roster);
    let user = domain::types::UserId(1);
    let now = *app.now.lock().unwrap();
    for (i, day) in days.iter().enumerate() {
        for (who, here) in [(full, true), (part, i < 2)] {
            domain::service::attendance::set(
                &app.db,
                SLUG,
                who.registration_id,
                day,
                here,
                user,
                now,
            )
            .await
            .unwrap();
        }
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let (status, kind, completed) =
        fetch(&app, &format!("/events/{SLUG}/certificates.pdf"), &cookie).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = squeeze(&text_of(&completed));
    assert!(
        text.contains(&squeeze(&full.name_latin)),
        "{}",
        full.name_latin
    );
    assert!(text.contains("attending5daysof5"));
    assert!(
        !text.contains(&squeeze(&part.name_latin)),
        "{} did not complete",
        part.name_latin
    );

    let (_, _, everyone) = fetch(
        &app,
        &format!("/events/{SLUG}/certificates.pdf?all=1"),
        &cookie,
    )
    .await;
    let text = squeeze(&text_of(&everyone));
    for row in &cohort.rows {
        assert!(
            text.contains(&squeeze(&row.roster.name_latin)),
            "{}",
            row.roster.name_latin
        );
    }
    assert!(text.contains("CERTIFICATEOFPARTICIPATION") && text.contains("attending2daysof5"));

    let one = format!(
        "/events/{SLUG}/certificates.pdf?registration={}",
        part.registration_id
    );
    let (status, _, single) = fetch(&app, &one, &cookie).await;
    assert_eq!(status, 200);
    assert!(squeeze(&text_of(&single)).contains(&squeeze(&part.name_latin)));
    let (status, _, _) = fetch(
        &app,
        &format!("/events/{SLUG}/certificates.pdf?registration=abc"),
        &cookie,
    )
    .await;
    assert_eq!(status, 400);
}

/// Every document of every demo event, read back glyph by glyph: no empty box (.notdef) and
/// no U+FFFD anywhere, and the Kuala Lumpur panelist's Tamil name is on the agenda.
#[tokio::test]
async fn every_document_of_the_demo_draws_every_glyph() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let slugs = [
        SLUG,
        "sez-consultation-yangon-2018",
        "acsc-apf-2017",
        "bottom-of-asean-2017",
        "access-to-justice-2027",
    ];
    let mut checked = Vec::new();
    for slug in slugs {
        for doc in [
            "agenda.pdf",
            "agenda.pdf?lang=th",
            "attendance.pdf",
            "badges.pdf",
            "certificates.pdf",
            "proceedings.pdf",
        ] {
            let (status, kind, body) = fetch(&app, &format!("/events/{slug}/{doc}"), &cookie).await;
            if status == 404 {
                continue; // no certificates or proceedings for this event (yet)
            }
            assert_eq!(
                (status, kind.as_str()),
                (200, "application/pdf"),
                "{slug}/{doc}"
            );
            let faults = domain::documents::pdf::inspect::glyph_faults(&body).unwrap();
            assert!(faults.is_empty(), "{slug}/{doc}: {faults:?}");
            checked.push(format!("{slug}/{doc}"));
        }
    }
    for doc in [
        "agenda.pdf",
        "attendance.pdf",
        "badges.pdf",
        "certificates.pdf",
        "proceedings.pdf",
    ] {
        assert!(
            checked.iter().any(|c| c.ends_with(doc)),
            "no {doc} among {checked:?}"
        );
    }
    let (_, _, agenda) = fetch(&app, "/events/access-to-justice-2027/agenda.pdf", &cookie).await;
    assert!(
        text_of(&agenda).contains("ரவி சுப்பிரமணியம்"),
        "the panelist's Tamil name"
    );
}

/// The English texts the documents add themselves (labels, headings, footers, kinds, roles,
/// statuses, genders, sectors): each catalogue value's fixed parts of four letters or more.
fn english_labels() -> Vec<String> {
    let en = i18n::CATALOGUES
        .iter()
        .find(|(l, _)| *l == i18n::Locale::En)
        .unwrap()
        .1;
    let catalogue = i18n::parse_catalogue(en).unwrap();
    let prefixes = [
        "doc-",
        "session-kind-",
        "session-role-",
        "gender-",
        "sector-",
        "rec-status-",
        "org-role-",
        "country-",
        "event-objectives",
        "weekday-",
        "month-",
    ];
    let mut labels = Vec::new();
    for (key, value) in catalogue.iter() {
        if !prefixes.iter().any(|p| key.starts_with(p)) {
            continue;
        }
        // The parts between placeholders.
        for part in value.split(['{', '}']) {
            let part = part.trim().trim_matches(|c: char| !c.is_alphanumeric());
            if part.starts_with('$') || part.chars().filter(|c| c.is_alphabetic()).count() < 4 {
                continue;
            }
            labels.push(part.to_string());
        }
    }
    labels.sort();
    labels.dedup();
    labels
}

/// Every document of the demo training and the demo forum, asked for in Thai and in Burmese
/// (by `?lang=`, and by the `lang` cookie or `Accept-Language` alone), reads back with no
/// English label, heading, footer, date or page number.
#[tokio::test]
async fn documents_in_thai_and_burmese_have_no_english_label() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let labels = english_labels();
    assert!(labels.len() > 80, "{} labels", labels.len());
    let mut read = 0;
    for (lang, how) in [
        ("th", "query"),
        ("my", "query"),
        ("th", "cookie"),
        ("my", "accept-language"),
    ] {
        for (slug, doc) in [
            (SLUG, "attendance.pdf"),
            (SLUG, "badges.pdf"),
            (SLUG, "certificates.pdf?all=1"),
            (SLUG, "proceedings.pdf"),
            ("access-to-justice-2027", "agenda.pdf"),
            ("access-to-justice-2027", "attendance.pdf?by=session"),
        ] {
            let join = if doc.contains('?') { "&" } else { "?" };
            let english = format!("/events/{slug}/{doc}{join}lang=en");
            let (status, _, english) = fetch(&app, &english, &cookie).await;
            assert_eq!(status, 200);
            // Lines the English document prints unchanged are the event's own content
            // (a session called "Country groups report back"), not labels.
            let english = text_of(&english);
            let content: std::collections::HashSet<&str> = english.lines().map(str::trim).collect();
            let mut path = format!("/events/{slug}/{doc}");
            let mut cookies = cookie.clone();
            let mut accept = "en".to_string();
            match how {
                "query" => path.push_str(&format!("{join}lang={lang}")),
                "cookie" => cookies.push_str(&format!("; lang={lang}")),
                _ => accept = format!("{lang},en;q=0.5"),
            }
            let req = axum::http::Request::get(&path)
                .header("host", "127.0.0.1:3000")
                .header("accept-language", accept)
                .header("cookie", cookies)
                .body(axum::body::Body::empty())
                .unwrap();
            let reply = app.send(req).await;
            assert_eq!(reply.status, 200, "{path} ({how}): {}", reply.body);
            let full = text_of(&reply.bytes);
            assert_ne!(full, english, "{path} ({how}) is the English document");
            if how == "query" {
                // Kept for people to look at (pdftoppm).
                let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("documents");
                std::fs::create_dir_all(&dir).unwrap();
                let name: String = format!("{lang}-{slug}-{doc}")
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                std::fs::write(dir.join(format!("{name}.pdf")), &reply.bytes).unwrap();
            }
            let text: Vec<&str> = full
                .lines()
                .map(str::trim)
                .filter(|l| !content.contains(l))
                .collect();
            let mut text = text.join("\n");
            // And so are the event's titles, rooms and names inside a line.
            let event = domain::service::agenda::by_slug(
                &app.db,
                slug,
                domain::service::agenda::Viewer::Staff,
            )
            .await
            .unwrap();
            let mut own: Vec<&str> = event.sessions.iter().map(|s| s.title.as_str()).collect();
            own.extend(event.sessions.iter().map(|s| s.room.as_str()));
            own.extend(event.organisations.iter().map(|o| o.name.as_str()));
            own.push(event.summary.title.as_str());
            own.retain(|t| !t.trim().is_empty());
            own.sort_by_key(|t| std::cmp::Reverse(t.len()));
            for t in own {
                text = text.replace(t, " ");
            }
            for label in &labels {
                // Whole words only: "Name" inside "Names" of an organisation is content.
                let found = text.match_indices(label.as_str()).any(|(at, _)| {
                    let before = text[..at].chars().next_back();
                    let after = text[at + label.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                });
                assert!(!found, "{path} ({lang} by {how}) prints {label:?}:\n{full}");
            }
            read += 1;
        }
    }
    assert_eq!(read, 24);
}
