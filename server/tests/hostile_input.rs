//! Hostile input through the real router: text with line breaks, `%`, `&`, `#`, non-ASCII
//! and control characters goes back to the browser in a valid address (never a crash),
//! absurd years on the event list are no server error, and a link on another site cannot
//! make a staff member's browser export (and log) a participant list.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request, Uri};
use common::{encode, Reply, TestApp};
use domain::types::Role;
use entities::exports;
use sea_orm::{EntityTrait, PaginatorTrait};

const NASTY: &str = "line\r\nbreak 100% a&b=c #frag ไทย \u{1}\u{7f} <x>";
const STAFF: (&str, &str) = ("door@example.org", "door-password-1");

/// The query of a `Location`, checked to be a valid address, decoded.
fn location_query(reply: &Reply) -> (String, Vec<(String, String)>) {
    let location = reply.header("location").expect("a Location");
    let uri: Uri = location.parse().expect("a valid URI");
    let axum::extract::Query(pairs) =
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri).expect("a query");
    (location, pairs)
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn plain_post(
    app: &TestApp,
    endpoint: &str,
    referer: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let req = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://127.0.0.1:3000{referer}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(encode(fields)))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn hostile_text_in_a_form_comes_back_in_a_valid_address() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    let fields = [
        ("slug", "advocacy-with-asean-2016"),
        ("slot", "2016-06-06"),
        ("order", NASTY),
    ];
    // From JavaScript (the address travels in a header all the same) and from a plain form.
    let reply = app
        .call("save_attendance_sheet", &fields, Some(&cookie))
        .await;
    assert!(reply.status < 400, "{}: {}", reply.status, reply.body);
    let (_, pairs) = location_query(&reply);
    assert_eq!(value(&pairs, "order"), Some(NASTY), "kept exactly");
    let req = Request::post("/api/save_attendance_sheet")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(encode(&fields)))
        .unwrap();
    let reply = app.send(req).await;
    assert!(matches!(reply.status, 302 | 303), "{}", reply.status);
    let (location, pairs) = location_query(&reply);
    assert_eq!(value(&pairs, "order"), Some(NASTY));
    assert_eq!(value(&pairs, "slot"), Some("2016-06-06"));
    let page = app.get(&location, Some(&cookie)).await;
    assert!(page.status < 500, "{location}: {}", page.status);
}

#[tokio::test]
async fn a_refused_field_holding_hostile_text_returns_to_the_form_with_its_message() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let slug = "access-to-justice-2027";
    let reply = plain_post(
        &app,
        "register",
        &format!("/events/{slug}/register"),
        &[
            ("slug", slug),
            ("form[name_latin]", NASTY),
            ("form[email]", "nasty@example.org"),
            ("form[country_code]", "LA"),
            ("form[sector]", "cso_ngo"),
            ("form[gender]", "prefer_not_to_say"),
            ("form[consent]", "on"),
            ("form[dietary]", NASTY),
            ("form[submission_key]", "submission-key-nasty-0001"),
        ],
    )
    .await;
    assert!(matches!(reply.status, 302 | 303), "{}", reply.status);
    let (location, pairs) = location_query(&reply);
    assert!(
        location.starts_with(&format!("/events/{slug}/register?")),
        "{location}"
    );
    assert_eq!(value(&pairs, "field"), Some("name_latin"), "{location}");
    let page = app.get(&location, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("This contains characters that are not allowed."),
        "the message is on the page"
    );
}

#[tokio::test]
async fn a_sign_in_page_address_keeps_the_way_back_intact() {
    let app = common::app().await;
    let req = Request::get("/manage/events/a%26b%23c")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let (_, pairs) = location_query(&reply);
    assert_eq!(value(&pairs, "next"), Some("/manage/events/a%26b%23c"));
}

#[tokio::test]
async fn absurd_years_on_the_event_list_are_no_server_error() {
    let app = common::demo_app_at(2026, 11, 1).await;
    for year in ["2147483647", "-2147483648", "-99999", "99999", "0", "2016"] {
        let page = app.get(&format!("/events?year={year}"), None).await;
        assert!(
            matches!(page.status, 200 | 400),
            "?year={year}: {}",
            page.status
        );
        let reply = app.call("list_events", &[("year", year)], None).await;
        assert!(
            matches!(reply.status, 200 | 400),
            "list_events({year}): {} {}",
            reply.status,
            reply.body
        );
    }
    let page = app.get("/events?year=2016", None).await;
    assert!(
        page.body.contains("Advocacy with ASEAN"),
        "a real year still filters"
    );
}

#[tokio::test]
async fn a_cross_site_link_cannot_export_the_participants() {
    const BASE: &str = "https://events.example.org";
    let app = common::app_with_env(&[("SALA_BASE_URL", BASE)]).await;
    migration::seed::load_demo(&app.db).await.unwrap();
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    let logged = || async { exports::Entity::find().count(&app.db).await.unwrap() };
    let get = |path: String, headers: Vec<(&'static str, String)>| {
        let mut req = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie);
        for (name, value) in headers {
            req = req.header(name, value);
        }
        app.send(req.body(Body::empty()).unwrap())
    };
    for file in ["participants.csv", "participants.xlsx"] {
        let path = format!("/manage/events/advocacy-with-asean-2016/{file}");
        let refused: [Vec<(&'static str, String)>; 5] = [
            vec![("sec-fetch-site", "cross-site".into())],
            vec![("sec-fetch-site", "same-site".into())],
            vec![("referer", "https://evil.example/page".into())],
            // What a rewritten Host says is no proof: the base URL is.
            vec![("referer", "http://127.0.0.1:3000/manage/events".into())],
            vec![],
        ];
        for headers in refused {
            let shown = format!("{headers:?}");
            let reply = get(path.clone(), headers).await;
            assert_eq!(reply.status, 403, "{file} {shown}");
            assert!(!reply.body.contains('@'), "{file} {shown}");
            assert_eq!(logged().await, 0, "{file} {shown}: nothing logged");
        }
    }
    let mut expected = 0;
    for file in ["participants.csv", "participants.xlsx"] {
        let path = format!("/manage/events/advocacy-with-asean-2016/{file}");
        for headers in [
            vec![("sec-fetch-site", "same-origin".to_owned())],
            vec![(
                "referer",
                format!("{BASE}/manage/events/advocacy-with-asean-2016/participants"),
            )],
        ] {
            let reply = get(path.clone(), headers).await;
            assert_eq!(reply.status, 200, "{file}");
            expected += 1;
            assert_eq!(logged().await, expected, "{file}: logged");
        }
    }
}
