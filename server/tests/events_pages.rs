//! Public event pages through real HTTP, on the demo data.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use domain::types::Role;
use entities::events;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

async fn demo_app() -> common::TestApp {
    common::demo_app_at(2026, 11, 1).await
}

#[tokio::test]
async fn the_event_list_shows_upcoming_then_past_and_filters_by_year_and_kind() {
    let app = demo_app().await;
    let all = app.get("/events", None).await;
    assert_eq!(all.status, 200);
    let upcoming = all
        .body
        .find("Access to Justice")
        .expect("upcoming event listed");
    let past = all
        .body
        .find("Advocacy with ASEAN")
        .expect("past training listed");
    assert!(upcoming < past, "upcoming events come first");

    let trainings_2016 = app.get("/events?year=2016&kind=training", None).await;
    assert_eq!(trainings_2016.status, 200);
    assert!(trainings_2016.body.contains("Advocacy with ASEAN"));
    assert!(!trainings_2016.body.contains("Bottom of ASEAN"));
    assert!(!trainings_2016.body.contains("Access to Justice"));

    let bad = app.get("/events?kind=party", None).await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn an_event_page_shows_objectives_and_the_agenda_in_local_time() {
    let app = demo_app().await;
    // The Yangon consultation is invite-only: the public does not see it, staff do.
    assert_eq!(
        app.get("/events/sez-consultation-yangon-2018", None)
            .await
            .status,
        404
    );
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let page = app
        .get("/events/sez-consultation-yangon-2018", Some(&cookie))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(
        body.contains("Saturday 13 January 2018"),
        "day heading in local time"
    );
    assert!(body.contains("Sunday 14 January 2018"));
    assert!(body.contains("Asia/Yangon (UTC+06:30)"), "zone named");
    assert!(body.matches("<li>").count() >= 5, "five objectives");
    assert!(body.contains("class=\"agenda-session"));
    assert!(body.contains("/events/sez-consultation-yangon-2018/calendar.ics"));
}

#[tokio::test]
async fn a_side_event_points_to_its_forum() {
    let app = demo_app().await;
    let page = app.get("/events/bottom-of-asean-2017", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("href=\"/events/acsc-apf-2017\""));
    // And the forum lists its side events.
    let forum = app.get("/events/acsc-apf-2017", None).await;
    assert!(
        forum.body.contains("href=\"/events/bottom-of-asean-2017\""),
        "{}",
        forum.body
    );
}

#[tokio::test]
async fn drafts_and_invite_only_events_are_hidden_from_the_public_but_not_from_staff() {
    let app = demo_app().await;
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq("access-to-justice-2027"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut draft: events::ActiveModel = event.into();
    draft.status = Set("draft".to_owned());
    draft.update(&app.db).await.unwrap();

    let page = app.get("/events/access-to-justice-2027", None).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("Access to Justice"));
    assert!(!app
        .get("/events", None)
        .await
        .body
        .contains("Access to Justice"));
    assert_eq!(
        app.get("/events/access-to-justice-2027/calendar.ics", None)
            .await
            .status,
        404
    );

    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let page = app
        .get("/events/access-to-justice-2027", Some(&cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Access to Justice"));
}

#[tokio::test]
async fn an_unknown_event_is_a_404() {
    let app = demo_app().await;
    assert_eq!(app.get("/events/no-such-event", None).await.status, 404);
    assert_eq!(
        app.get("/events/no-such-event/calendar.ics", None)
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/events/advocacy-with-asean-2016/sessions/999999.ics", None)
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/events/advocacy-with-asean-2016/sessions/abc", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_printed_agenda_is_a_pdf_with_the_events_text() {
    let app = demo_app().await;
    let reply = app
        .get("/events/advocacy-with-asean-2016/agenda.pdf", None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(reply.body.starts_with("%PDF-"));
    assert_eq!(
        app.get("/events/sez-consultation-yangon-2018/agenda.pdf", None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_past_event_says_it_is_over_and_offers_its_proceedings_not_registration() {
    let app = demo_app().await;
    let past = app.get("/events/advocacy-with-asean-2016", None).await;
    assert_eq!(past.status, 200, "{}", past.body);
    assert!(past.body.contains("This event is over."));
    assert!(!past
        .body
        .contains("/events/advocacy-with-asean-2016/register"));
    assert!(past
        .body
        .contains("/events/advocacy-with-asean-2016/calendar.ics"));
    assert!(
        !past.body.contains("proceedings.pdf"),
        "unpublished proceedings are not offered"
    );
    let training = events::Entity::find()
        .filter(events::Column::Slug.eq("advocacy-with-asean-2016"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut model: events::ActiveModel = training.into();
    model.proceedings_public = Set(true);
    model.update(&app.db).await.unwrap();
    // (The public cache is emptied by writes through the app; this one went round it.)
    let published = app
        .get("/events/advocacy-with-asean-2016?fresh=1", None)
        .await;
    assert!(
        published
            .body
            .contains("/events/advocacy-with-asean-2016/proceedings.pdf"),
        "{}",
        published.body
    );
    assert_eq!(
        app.get("/events/advocacy-with-asean-2016/proceedings.pdf", None)
            .await
            .status,
        200
    );
    // An event still to come keeps its registration and says nothing of being over.
    let coming = app.get("/events/access-to-justice-2027", None).await;
    assert!(coming
        .body
        .contains("/events/access-to-justice-2027/register"));
    assert!(!coming.body.contains("This event is over."));
}

#[tokio::test]
async fn the_dashboard_lists_what_needs_doing_as_links() {
    let app = common::demo_app_at(2016, 7, 20).await;
    app.create_user("s@example.org", "staff-password-1", Role::Staff)
        .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let page = app.get("/dashboard", Some(&cookie)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("What needs doing"));
    assert!(
        page.body
            .contains("href=\"/manage/events/advocacy-with-asean-2016/documentation\""),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("Ended 41 days ago; the proceedings are not published"));
    // Staff pages of an event carry the workspace navigation.
    let selection = app
        .get(
            "/manage/events/advocacy-with-asean-2016/selection",
            Some(&cookie),
        )
        .await;
    assert!(selection.body.contains("aria-label=\"Event workspace\""));
    assert!(selection
        .body
        .contains("href=\"/manage/events/advocacy-with-asean-2016/followup\""));
}
