//! Attendance through the real router: staff mark people present (from JavaScript and from
//! plain forms), type in paper sheets and add walk-ins; nobody else can; bad input is
//! refused with 4xx and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::{encode, TestApp};
use domain::participant_types::RosterOrder;
use domain::types::Role;
use entities::{attendance, events, registrations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "advocacy-with-asean-2016";
const OTHER: &str = "sez-consultation-yangon-2018";
/// 6 June 2016: every trainee signed the sheet except Prasert.
const D3: &str = "2016-06-06";
const STAFF: (&str, &str) = ("door@example.org", "door-password-1");
const COORD: (&str, &str) = ("coord@example.org", "coord-password-1");

async fn setup() -> (TestApp, String) {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    (app, cookie)
}

async fn registration(app: &TestApp, slug: &str, name: &str) -> i64 {
    let now = *app.now.lock().unwrap();
    domain::service::attendance::sheet(&app.db, slug, None, RosterOrder::Name, now)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.roster.name_latin.starts_with(name))
        .unwrap()
        .roster
        .registration_id
}

async fn marks(app: &TestApp) -> u64 {
    attendance::Entity::find().count(&app.db).await.unwrap()
}

async fn marks_of(app: &TestApp, registration_id: i64) -> u64 {
    attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(registration_id))
        .count(&app.db)
        .await
        .unwrap()
}

fn tap<'a>(id: &'a str, slot: &'a str, present: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", SLUG),
        ("registration_id", id),
        ("slot", slot),
        ("present", present),
    ]
}

#[tokio::test]
async fn staff_set_a_mark_through_the_server_function_and_repeats_change_nothing() {
    let (app, cookie) = setup().await;
    let prasert = registration(&app, SLUG, "Prasert").await.to_string();
    let id: i64 = prasert.parse().unwrap();
    assert_eq!(marks_of(&app, id).await, 4);
    for _ in 0..2 {
        let reply = app
            .call("set_attendance", &tap(&prasert, D3, "true"), Some(&cookie))
            .await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "true"));
        assert_eq!(marks_of(&app, id).await, 5);
    }
    for _ in 0..2 {
        let reply = app
            .call("set_attendance", &tap(&prasert, D3, "false"), Some(&cookie))
            .await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "false"));
        assert_eq!(marks_of(&app, id).await, 4);
    }
}

#[tokio::test]
async fn anonymous_and_cross_site_callers_are_refused() {
    let (app, cookie) = setup().await;
    let prasert = registration(&app, SLUG, "Prasert").await.to_string();
    let before = marks(&app).await;
    let reply = app
        .call("set_attendance", &tap(&prasert, D3, "true"), None)
        .await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let req = Request::post("/api/set_attendance")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &cookie)
            .header(name, value)
            .body(Body::from(encode(&tap(&prasert, D3, "true"))))
            .unwrap();
        assert_eq!(app.send(req).await.status, 403, "{name}: {value}");
    }
    assert_eq!(marks(&app).await, before);
    let page = app
        .get(&format!("/manage/events/{SLUG}/checkin"), None)
        .await;
    assert!(!page.body.contains("Prasert"));
}

/// Behind a reverse proxy that rewrites `Host` (to the local address it forwards to), a
/// browser without `Sec-Fetch-Site` sends only `Origin`: our base URL's origin is ours.
#[tokio::test]
async fn behind_a_proxy_our_own_origin_is_recognised_by_the_base_url() {
    let app = common::demo_app_with_env_at(
        &[("SALA_BASE_URL", "https://events.example.org")],
        2026,
        11,
        1,
    )
    .await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    let prasert = registration(&app, SLUG, "Prasert").await.to_string();
    let post = |origin: &str| {
        Request::post("/api/set_attendance")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &cookie)
            .header("origin", origin)
            .body(Body::from(encode(&tap(&prasert, D3, "true"))))
            .unwrap()
    };
    let before = marks(&app).await;
    assert_eq!(app.send(post("https://evil.example")).await.status, 403);
    assert_eq!(
        app.send(post("http://events.example.org")).await.status,
        403
    );
    assert_eq!(marks(&app).await, before);
    let reply = app.send(post("https://events.example.org")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(marks(&app).await, before + 1);
}

#[tokio::test]
async fn bad_input_is_a_clear_4xx_and_changes_nothing() {
    let (app, cookie) = setup().await;
    let prasert = registration(&app, SLUG, "Prasert").await.to_string();
    let stranger = registration(&app, OTHER, "").await.to_string();
    let before = marks(&app).await;
    let cases = [
        (tap("999999", D3, "true"), 422, "unknown-registration"),
        (tap(&stranger, D3, "true"), 422, "unknown-registration"),
        (
            tap(&prasert, "2016-06-09", "true"),
            422,
            "day-outside-event",
        ),
        (
            tap(&prasert, "2016-06-06@999999", "true"),
            422,
            "unknown-session",
        ),
        (tap(&prasert, "yesterday", "true"), 422, "invalid-date"),
        (tap("abc", D3, "true"), 400, ""),
        (tap(&prasert, D3, "maybe"), 400, ""),
    ];
    for (args, status, message) in cases {
        let reply = app.call("set_attendance", &args, Some(&cookie)).await;
        assert_eq!(reply.status, status, "{args:?}: {}", reply.body);
        assert!(reply.body.contains(message), "{args:?}: {}", reply.body);
    }
    let mut other_event = tap(&prasert, D3, "true");
    other_event[0].1 = OTHER;
    let reply = app
        .call("set_attendance", &other_event, Some(&cookie))
        .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(marks(&app).await, before);
}

#[tokio::test]
async fn without_javascript_a_tap_posts_and_returns_to_the_same_list() {
    let (app, cookie) = setup().await;
    let prasert = registration(&app, SLUG, "Prasert").await;
    let page = format!("http://127.0.0.1:3000/manage/events/{SLUG}/checkin?slot={D3}&q=pra");
    let post = |args: Vec<(&str, &str)>| {
        Request::post("/api/set_attendance")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, &page)
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(encode(&args)))
            .unwrap()
    };
    let id = prasert.to_string();
    let reply = app.send(post(tap(&id, D3, "true"))).await;
    assert_eq!(reply.status, 302);
    assert_eq!(
        reply.header("location").as_deref(),
        Some(page.as_str()),
        "back to the same day and search"
    );
    assert_eq!(marks_of(&app, prasert).await, 5);
    let reply = app.send(post(tap("999999", D3, "true"))).await;
    assert_eq!(reply.status, 302);
    assert!(reply
        .header("location")
        .unwrap()
        .contains("message=unknown-registration"));

    // The page shows the person as present (the button offers to undo it).
    let html = app
        .get(
            &format!("/manage/events/{SLUG}/checkin?slot={D3}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("Prasert Chaiyaphum"));
    assert!(html.body.contains("ประเสริฐ ชัยภูมิ"));
    assert!(html.body.contains("17 / 21"), "present / on the roster");
}

#[tokio::test]
async fn a_badge_address_shows_its_person_first() {
    let (app, cookie) = setup().await;
    let keo = registration(&app, SLUG, "Keo").await;
    let html = app
        .get(
            &format!("/manage/events/{SLUG}/checkin?r={keo}"),
            Some(&cookie),
        )
        .await
        .body;
    let start = html
        .find("class=\"checkin-highlight\"")
        .expect("highlighted section");
    let end = start + html[start..].find("</section>").unwrap();
    assert!(html[start..end].contains("<strong>Keo Sreymom"));
    assert_eq!(
        html.matches("<strong>Keo Sreymom").count(),
        1,
        "shown once, at the top"
    );
    let stranger = registration(&app, OTHER, "").await;
    let html = app
        .get(
            &format!("/manage/events/{SLUG}/checkin?r={stranger}"),
            Some(&cookie),
        )
        .await
        .body;
    assert!(html.contains("This badge is not on this event"));
}

#[tokio::test]
async fn a_paper_sheet_is_saved_in_one_post_and_the_statistics_follow() {
    let (app, cookie) = setup().await;
    let prasert = registration(&app, SLUG, "Prasert").await;
    let keo = registration(&app, SLUG, "Keo").await;
    let (p, k) = (format!("present[{prasert}]"), format!("present[{keo}]"));
    let reply = app
        .call(
            "save_attendance_sheet",
            &[
                ("slug", SLUG),
                ("slot", D3),
                ("order", "country"),
                (&p, "on"),
                (&k, "on"),
            ],
            Some(&cookie),
        )
        .await;
    assert!(reply.status < 400, "{} {}", reply.status, reply.body);
    let d3 = attendance::Entity::find()
        .filter(attendance::Column::Day.eq(chrono::NaiveDate::from_ymd_opt(2016, 6, 6).unwrap()))
        .all(&app.db)
        .await
        .unwrap();
    let mut ids: Vec<i64> = d3.iter().map(|m| m.registration_id).collect();
    ids.sort();
    let mut want = vec![prasert, keo];
    want.sort();
    assert_eq!(ids, want);

    let page = app
        .get(
            &format!("/manage/events/{SLUG}/attendance?slot={D3}&order=country"),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Present per day"));
    assert!(page
        .body
        .contains(&format!("name=\"present[{prasert}]\" checked")));
    let bad = app
        .get(
            &format!("/manage/events/{SLUG}/attendance?order=age"),
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn a_walk_in_is_registered_and_checked_in() {
    let (app, cookie) = setup().await;
    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let refused = app
        .call(
            "record_walk_in",
            &[("slug", SLUG), ("slot", D3), ("form[name_latin]", "")],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    // Without JavaScript the refusal returns to the same day, with the typing kept.
    let page = format!("http://127.0.0.1:3000/manage/events/{SLUG}/checkin?slot={D3}");
    let plain = Request::post("/api/record_walk_in")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, &page)
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(encode(&[
            ("slug", SLUG),
            ("slot", D3),
            ("form[name_latin]", ""),
            ("form[name_native]", "សុខ តារា"),
        ])))
        .unwrap();
    let back = app.send(plain).await;
    assert_eq!(back.status, 302);
    let location = back.header("location").unwrap();
    assert!(location.contains(&format!("slot={D3}")), "{location}");
    let form = app.get(&location, Some(&cookie)).await.body;
    assert!(form.contains("សុខ តារា"), "typed name kept");
    assert!(
        form.contains(&format!("name=\"slot\" value=\"{D3}\"")),
        "the walk-in form is for 6 June, not the first day"
    );
    let reply = app
        .call(
            "record_walk_in",
            &[
                ("slug", SLUG),
                ("slot", D3),
                ("form[name_latin]", "Sok Dara"),
                ("form[name_native]", "សុខ តារា"),
                ("form[country_code]", "KH"),
                ("form[gender]", "male"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id: i64 = reply.body.parse().unwrap();
    let walk_in = registrations::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(walk_in.walk_in);
    assert_eq!(marks_of(&app, id).await, 1);
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        before + 1
    );
}

#[tokio::test]
async fn coordinators_set_the_completion_rule_and_the_cohort_follows() {
    let (app, staff) = setup().await;
    app.create_user(COORD.0, COORD.1, Role::Coordinator).await;
    let coord = app.login(COORD.0, COORD.1).await;
    let page = app
        .get(&format!("/manage/events/{SLUG}/cohort"), Some(&staff))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("17 of 17 completed"), "{}", page.body);
    assert!(
        !page.body.contains("name=\"percent\""),
        "staff cannot change the rule"
    );

    let rule = |p: &'static str| vec![("slug", SLUG), ("percent", p)];
    assert_eq!(
        app.call("set_completion_rule", &rule("100"), Some(&staff))
            .await
            .status,
        403
    );
    for bad in ["0", "101", "most"] {
        let reply = app
            .call("set_completion_rule", &rule(bad), Some(&coord))
            .await;
        assert_eq!(reply.status, 422, "{bad}: {}", reply.body);
        assert!(reply.body.contains("completion_percent"));
    }
    let reply = app
        .call("set_completion_rule", &rule("100"), Some(&coord))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(event.completion_percent, 100);
    let page = app
        .get(&format!("/manage/events/{SLUG}/cohort"), Some(&coord))
        .await;
    assert!(page.body.contains("15 of 17 completed"));
    assert!(page.body.contains("name=\"percent\""));
}

/// A big event's check-in list goes to the phone a page at a time: the server searches and
/// pages it, the scanned badge's person comes first wherever they are in the list, and the
/// pager keeps the search. Without JavaScript the same links and search form work.
#[tokio::test]
async fn a_big_list_is_searched_and_paged_on_the_server() {
    use domain::attendance_types::WalkInForm;
    let (app, cookie) = setup().await;
    let now = *app.now.lock().unwrap();
    let staff = domain::service::users::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == STAFF.0)
        .unwrap();
    let per_page = app::features::attendance::checkin::PAGE;
    let added = 2 * per_page + 20;
    let mut last = 0;
    for i in 0..added {
        let form = WalkInForm {
            name_latin: format!("Walk-in Person {i:04}"),
            organisation: format!("Organisation {}", i % 7),
            ..Default::default()
        };
        last = domain::service::attendance::walk_in(&app.db, SLUG, D3, &form, staff.id, now)
            .await
            .unwrap();
    }
    let list = format!("/manage/events/{SLUG}/checkin?slot={D3}");
    let rows = |body: &str| body.matches("class=\"checkin-row").count();

    let first = app.get(&list, Some(&cookie)).await;
    assert_eq!(first.status, 200);
    assert_eq!(rows(&first.body), per_page, "one page");
    assert!(first.body.contains("page=2"), "a link to the next page");
    assert!(!first.body.contains("Walk-in Person 0119"));

    // The search runs on the server, over everyone.
    let found = app
        .get(&format!("{list}&q=person+0119"), Some(&cookie))
        .await;
    assert_eq!(rows(&found.body), 1);
    assert!(
        found.body.contains("value=\"person 0119\""),
        "the search stays in its box"
    );
    assert!(found.body.contains("Walk-in Person 0119"));
    assert!(!found.body.contains("page=2"));

    // Paging keeps the search; a page past the end shows the last one.
    let organisation = app
        .get(&format!("{list}&q=organisation+3&page=1"), Some(&cookie))
        .await;
    let matching = (0..added).filter(|i| i % 7 == 3).count();
    assert_eq!(rows(&organisation.body), per_page.min(matching));
    let third = app.get(&format!("{list}&page=99"), Some(&cookie)).await;
    assert!(third.status == 200 && rows(&third.body) > 0);
    assert!(third.body.contains("page=2"), "back from the last page");

    // A scanned badge's person is shown first even when not on the page asked for.
    let scanned = app.get(&format!("{list}&r={last}"), Some(&cookie)).await;
    assert!(scanned.body.contains(&format!("checkin-{last}")));
    assert!(scanned.body.contains("checkin-highlight"));
}
