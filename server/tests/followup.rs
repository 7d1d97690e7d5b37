//! Follow-up through the real router: a coordinator sets the plan and the assessment, staff
//! e-mail a trainee the link, the trainee answers without JavaScript (a refused answer returns
//! to the form with the error next to it and the text kept, and saves nothing), and the answer
//! shows on the event's follow-up page, the dashboard and the person's page.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::{encode, TestApp};
use domain::participant_types::RosterOrder;
use domain::types::Role;
use entities::{assessment_answers, followups};
use sea_orm::{EntityTrait, PaginatorTrait};

const SLUG: &str = "advocacy-with-asean-2016";
const STAFF: (&str, &str) = ("door@example.org", "door-password-1");
const COORD: (&str, &str) = ("coord@example.org", "coord-password-1");

/// The demo, on 20 July 2016: the training (4-8 June) is over, a 1-month check-in is due.
async fn setup() -> (TestApp, String, String) {
    let app = common::demo_app_at(2016, 7, 20).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    app.create_user(COORD.0, COORD.1, Role::Coordinator).await;
    let staff = app.login(STAFF.0, STAFF.1).await;
    let coord = app.login(COORD.0, COORD.1).await;
    (app, staff, coord)
}

async fn trainee(app: &TestApp, name: &str) -> (i64, i64) {
    let now = *app.now.lock().unwrap();
    let row = domain::service::attendance::sheet(&app.db, SLUG, None, RosterOrder::Name, now)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.roster.name_latin.starts_with(name))
        .unwrap()
        .roster;
    (row.registration_id, row.person_id)
}

/// A plain HTML form post (no JavaScript) from `page`.
fn form_post(
    endpoint: &str,
    page: &str,
    args: &[(&str, &str)],
    cookie: Option<&str>,
) -> Request<Body> {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://127.0.0.1:3000{page}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(encode(args))).unwrap()
}

/// The private link in the newest e-mail.
async fn newest_link(app: &TestApp) -> String {
    let mail = domain::service::outbox::list(&app.db, 1)
        .await
        .unwrap()
        .remove(0);
    let start = mail.body.find("/r/").expect("a private link") + 3;
    mail.body[start..start + 64].to_owned()
}

#[tokio::test]
async fn a_trainee_answers_a_checkin_without_javascript_and_staff_see_it_everywhere() {
    let (app, staff, coord) = setup().await;
    let (keo, person) = trainee(&app, "Keo Sreymom").await;
    let keo_id = keo.to_string();

    // Only a coordinator sets the plan.
    let plan = [("slug", SLUG), ("months", "1, 3, 6")];
    assert_eq!(
        app.call("set_followup_plan", &plan, Some(&staff))
            .await
            .status,
        403
    );
    let reply = app.call("set_followup_plan", &plan, Some(&coord)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let bad = app
        .call(
            "set_followup_plan",
            &[("slug", SLUG), ("months", "0, 99")],
            Some(&coord),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("followup_months"));

    // Staff e-mail Keo the link to the 1-month check-in.
    let send = [
        ("slug", SLUG),
        ("registration_id", keo_id.as_str()),
        ("months", "1"),
    ];
    let reply = app.call("send_followup_link", &send, Some(&staff)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let token = newest_link(&app).await;
    let mine = format!("/r/{token}");

    // The private page shows the open check-in (and the later ones as upcoming).
    let page = app.get(&mine, None).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("What advocacy have you done since the training?"));
    assert!(page
        .body
        .contains("This check-in opens on 8 September 2016."));

    // An empty answer comes back next to the field, with the other answers kept; nothing saved.
    let rows_before = followups::Entity::find().count(&app.db).await.unwrap();
    let empty = [
        ("token", token.as_str()),
        ("months", "1"),
        ("form[advocacy]", "  "),
        ("form[engaged_with]", "กระทรวงแรงงาน"),
    ];
    let reply = app
        .send(form_post("answer_followup", &mine, &empty, None))
        .await;
    assert_eq!(reply.status, 302);
    let back = reply.header("location").unwrap();
    assert!(back.starts_with(&mine), "{back}");
    assert!(back.contains("field=advocacy-1&message=required"), "{back}");
    let html = app.get(&back, None).await.body;
    assert!(
        html.contains("This field is required."),
        "error shown next to the field"
    );
    assert!(html.contains("กระทรวงแรงงาน"), "typed text kept");
    assert_eq!(
        followups::Entity::find().count(&app.db).await.unwrap(),
        rows_before
    );
    let answered = followups::Entity::find().all(&app.db).await.unwrap();
    assert!(answered.iter().all(|f| f.answered_at.is_none()));

    // A real answer is saved and shown back.
    let good = [
        ("token", token.as_str()),
        ("months", "1"),
        (
            "form[advocacy]",
            "Briefed the Cambodian labour ministry on recruitment fees",
        ),
        (
            "form[engaged_with]",
            "Ministry of Labour and Vocational Training",
        ),
        ("form[support_needed]", "Data on fees in Thailand"),
    ];
    let reply = app
        .send(form_post("answer_followup", &mine, &good, None))
        .await;
    assert_eq!(reply.status, 302);
    assert!(reply.header("location").unwrap().contains("answered=1"));
    assert!(app.get(&mine, None).await.body.contains("recruitment fees"));
    // Unticked, the answer is not for quoting; the trainee may agree when correcting it.
    let consent = || async {
        followups::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .iter()
            .map(|f| f.quote_consent)
            .collect::<Vec<_>>()
    };
    assert_eq!(consent().await, vec![false]);
    let page = app.get(&mine, None).await.body;
    assert!(page.contains(
        "The network may quote my answer to the first question in its reports, without my name."
    ));
    let checkbox = |page: &str| {
        let at = page
            .find("name=\"form[quote_consent]\"")
            .expect("the checkbox");
        let start = page[..at].rfind('<').unwrap();
        let end = at + page[at..].find('>').unwrap();
        page[start..end].to_owned()
    };
    assert!(!checkbox(&page).contains("checked"), "{}", checkbox(&page));
    let agreed: Vec<(&str, &str)> = good
        .iter()
        .copied()
        .chain([("form[quote_consent]", "true")])
        .collect();
    let reply = app
        .send(form_post("answer_followup", &mine, &agreed, None))
        .await;
    assert_eq!(reply.status, 302);
    assert_eq!(consent().await, vec![true]);
    let page = app.get(&mine, None).await.body;
    assert!(checkbox(&page).contains("checked"), "{}", checkbox(&page));
    let followup_page = app
        .get(&format!("/manage/events/{SLUG}/followup"), Some(&staff))
        .await;
    assert!(followup_page
        .body
        .contains("May be quoted without the name (the trainee agreed)."));

    // Staff see it on the follow-up page, the dashboard and the person's page.
    let followup_page = app
        .get(&format!("/manage/events/{SLUG}/followup"), Some(&staff))
        .await;
    assert_eq!(followup_page.status, 200);
    assert!(followup_page.body.contains("recruitment fees"));
    let board = app.get("/manage/followups", Some(&staff)).await;
    assert_eq!(board.status, 200);
    assert!(board.body.contains("recruitment fees"));
    assert!(board.body.contains("Keo Sreymom"));
    let person_page = app
        .get(&format!("/manage/people/{person}"), Some(&staff))
        .await;
    assert_eq!(person_page.status, 200);
    assert!(person_page.body.contains("recruitment fees"));
    assert!(person_page.body.contains("Advocacy with ASEAN") || person_page.body.contains(SLUG));

    // None of these pages is for anonymous visitors.
    for path in [
        format!("/manage/events/{SLUG}/followup"),
        "/manage/followups".to_owned(),
        format!("/manage/people/{person}"),
    ] {
        let anon = app.get(&path, None).await;
        assert!(!anon.body.contains("recruitment fees"), "{path}");
    }
    // A forged link answers nothing.
    let forged = [
        (
            "token",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ),
        ("months", "1"),
        ("form[advocacy]", "x"),
    ];
    assert_eq!(app.call("answer_followup", &forged, None).await.status, 404);
}

#[tokio::test]
async fn assessment_answers_are_all_or_nothing_and_show_on_the_cohort_page() {
    let (app, staff, coord) = setup().await;
    *app.now.lock().unwrap() =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2016, 6, 4, 2, 0, 0).unwrap();
    for text in ["Explain the ASEAN Consensus", "Draft a recommendation"] {
        let args = [
            ("slug", SLUG),
            ("form[text]", text),
            ("form[max_score]", "5"),
        ];
        let reply = app
            .call("add_assessment_question", &args, Some(&coord))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let (anucha, _) = trainee(&app, "Anucha").await;
    let args = [("slug", SLUG), ("months", "1")];
    app.call("set_followup_plan", &args, Some(&coord)).await;
    // Before the 1-month check-in is due, staff can still send the private link.
    let id = anucha.to_string();
    let send = [
        ("slug", SLUG),
        ("registration_id", id.as_str()),
        ("months", "1"),
    ];
    assert_eq!(
        app.call("send_followup_link", &send, Some(&staff))
            .await
            .status,
        200
    );
    let token = newest_link(&app).await;
    let questions = domain::service::assessment::questions(
        &app.db,
        domain::service::events::id_by_slug(&app.db, SLUG)
            .await
            .unwrap()
            .0,
    )
    .await
    .unwrap();
    let (q1, q2) = (
        format!("score[{}]", questions[0].id),
        format!("score[{}]", questions[1].id),
    );

    let page = app.get(&format!("/r/{token}"), None).await.body;
    assert!(page.contains("Explain the ASEAN Consensus"));
    let half = [
        ("token", token.as_str()),
        ("phase", "pre"),
        (q1.as_str(), "2"),
    ];
    let reply = app
        .send(form_post(
            "answer_assessment",
            &format!("/r/{token}"),
            &half,
            None,
        ))
        .await;
    assert_eq!(reply.status, 302);
    assert!(reply
        .header("location")
        .unwrap()
        .contains(&format!("field=pre-score-{}", questions[1].id)));
    assert_eq!(
        assessment_answers::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let pre = [
        ("token", token.as_str()),
        ("phase", "pre"),
        (q1.as_str(), "1"),
        (q2.as_str(), "2"),
    ];
    assert_eq!(app.call("answer_assessment", &pre, None).await.status, 200);
    app.advance(chrono::Duration::days(5));
    let post = [
        ("token", token.as_str()),
        ("phase", "post"),
        (q1.as_str(), "4"),
        (q2.as_str(), "5"),
    ];
    assert_eq!(app.call("answer_assessment", &post, None).await.status, 200);
    assert_eq!(
        assessment_answers::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        4
    );

    let cohort = app
        .get(&format!("/manage/events/{SLUG}/cohort"), Some(&staff))
        .await;
    assert_eq!(cohort.status, 200);
    assert!(cohort.body.contains("3 / 10"), "before");
    assert!(cohort.body.contains("9 / 10"), "after");
    assert!(cohort.body.contains("+60.0"), "change");
}
