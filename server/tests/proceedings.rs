//! Documentation through the router: staff write notes, recommendations and summaries;
//! bad input names its field and changes nothing; the proceedings stay staff-only until
//! the coordinator publishes them, and then carry what was written.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use domain::types::Role;
use entities::recommendations;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "advocacy-with-asean-2016";

use common::pdf_text as text_of;

async fn pdf(app: &common::TestApp, cookie: Option<&str>) -> (u16, Vec<u8>) {
    let mut req = axum::http::Request::get(format!("/events/{SLUG}/proceedings.pdf"))
        .header("host", "127.0.0.1:3000");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = tower::ServiceExt::oneshot(
        app.router.clone(),
        req.body(axum::body::Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let status = res.status().as_u16();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, body.to_vec())
}

#[tokio::test]
async fn documentation_is_written_checked_and_published() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    app.create_user("c@example.org", "coord-password-1", Role::Coordinator)
        .await;
    let staff = app.login("s@example.org", "staff-password-1").await;
    let coord = app.login("c@example.org", "coord-password-1").await;

    // Not public yet: the public gets nothing, staff get the PDF.
    assert_eq!(pdf(&app, None).await.0, 404);
    assert_eq!(pdf(&app, Some(&staff)).await.0, 200);

    let rec = |text: &'static str, status: &'static str| {
        vec![
            ("slug", SLUG),
            ("form[text]", text),
            ("form[addressed_to]", "ASEAN member states"),
            ("form[status]", status),
        ]
    };
    let empty = app
        .call("save_recommendation", &rec("   ", "proposed"), Some(&staff))
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(empty.body.contains("rec-new-text"), "{}", empty.body);
    let wrong = app
        .call(
            "save_recommendation",
            &rec("Ratify C189", "maybe"),
            Some(&staff),
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    // Nothing written for this event (the demo's forum editions have recommendations of
    // their own).
    let event = domain::service::events::id_by_slug(&app.db, SLUG)
        .await
        .unwrap();
    assert_eq!(
        recommendations::Entity::find()
            .filter(recommendations::Column::EventId.eq(event.0))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    for text in [
        "Ratify ILO Convention C189 on domestic workers",
        "Abolish recruitment fees",
    ] {
        let ok = app
            .call("save_recommendation", &rec(text, "adopted"), Some(&staff))
            .await;
        assert_eq!(ok.status, 200, "{}", ok.body);
    }
    let th = app
        .call(
            "save_executive_summary",
            &[
                ("slug", SLUG),
                ("language", "th"),
                ("text", "การฝึกอบรมเสร็จสิ้นด้วยข้อเสนอแนะสองข้อ"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(th.status, 200, "{}", th.body);
    let bad_lang = app
        .call(
            "save_executive_summary",
            &[("slug", SLUG), ("language", "fr"), ("text", "x")],
            Some(&staff),
        )
        .await;
    assert_eq!(bad_lang.status, 422);

    // Notes for a session of another event are refused.
    let other = domain::service::documentation::load(&app.db, "sez-consultation-yangon-2018")
        .await
        .unwrap();
    let foreign = other.sessions[0].session_id.to_string();
    let refused = app
        .call(
            "save_session_notes",
            &[("slug", SLUG), ("session_id", &foreign), ("notes", "x")],
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status, 404);
    let own = domain::service::documentation::load(&app.db, SLUG)
        .await
        .unwrap();
    let session = own.sessions.iter().find(|s| s.title.len() > 3).unwrap();
    let id = session.session_id.to_string();
    let noted = app
        .call(
            "save_session_notes",
            &[
                ("slug", SLUG),
                ("session_id", &id),
                (
                    "notes",
                    "Trainees mapped the ASEAN bodies.\n\n- ACMW\n- AICHR",
                ),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(noted.status, 200, "{}", noted.body);

    // Staff cannot publish; the coordinator can.
    let publish = [
        ("slug", SLUG),
        ("summary", "Five days in Bangkok."),
        ("public", "on"),
    ];
    assert_eq!(
        app.call("save_proceedings_summary", &publish, Some(&staff))
            .await
            .status,
        403
    );
    assert_eq!(pdf(&app, None).await.0, 404);
    assert_eq!(
        app.call("save_proceedings_summary", &publish, Some(&coord))
            .await
            .status,
        200
    );

    let (status, bytes) = pdf(&app, None).await;
    assert_eq!(status, 200);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let text = squeeze(&text_of(&bytes));
    for needle in [
        "1.RatifyILOConventionC189ondomesticworkers",
        "2.Abolishrecruitmentfees",
        "การฝึกอบรมเสร็จสิ้นด้วยข้อเสนอแนะสองข้อ",
        "TraineesmappedtheASEANbodies.",
        "FivedaysinBangkok.",
    ] {
        assert!(text.contains(&squeeze(needle)), "{needle}");
    }
    // Only participants who agreed to be named.
    let event = domain::service::events::id_by_slug(&app.db, SLUG)
        .await
        .unwrap();
    let roster = domain::service::roster::roster(&app.db, event, Default::default())
        .await
        .unwrap();
    assert!(
        roster.iter().any(|r| !r.public_name_consent),
        "demo data has unnamed trainees"
    );
    for r in &roster {
        assert_eq!(
            text.contains(&squeeze(&r.name_latin)),
            r.public_name_consent,
            "{}",
            r.name_latin
        );
    }
}
