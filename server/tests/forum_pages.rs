//! The network's forum year through the real router: the public series page, the edition's
//! schedule with clash warnings (checked by a plain GET, saved by a plain POST whatever the
//! clashes, refused input sent back next to its field), the recommendation tracker's filters
//! and forms, and delegations on the event's page and in the person's history.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{demo_app_at, encode, post_plain, TestApp};
use domain::types::Role;
use entities::{events, people, recommendation_status_changes, recommendations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const FORUM: &str = "afml-20-2027";

async fn signed_in(app: &TestApp, email: &str, role: Role) -> String {
    app.create_user(email, "a-long-password-1", role).await;
    app.login(email, "a-long-password-1").await
}

#[tokio::test]
async fn the_public_series_page() {
    let app = demo_app_at(2026, 12, 4).await;
    let page = app.get("/series/afml", None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    for text in [
        "ASEAN Forum on Migrant Labour",
        "20th ASEAN Forum on Migrant Labour",
        "5th ASEAN Forum on Migrant Labour",
        "Siem Reap, Cambodia",
        "Bali, Indonesia",
        "Towards Effective Recruitment Practices and Regulations",
        "Social protection for returning migrants",
        "Extend social protection to migrant workers",
        "Carried from",
    ] {
        assert!(body.contains(text), "{text} missing");
    }
    // Newest edition first.
    let (twentieth, fifth, fourth) = (
        body.find("20th ASEAN").unwrap(),
        body.find("5th ASEAN").unwrap(),
        body.find("4th ASEAN").unwrap(),
    );
    assert!(twentieth < fifth && fifth < fourth);
    assert_eq!(app.get("/series/no-such-series", None).await.status, 404);
}

fn side_event<'a>(
    title: &'a str,
    day: &'a str,
    times: (&'a str, &'a str),
    room: &'a str,
    speaker: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", FORUM),
        ("form[title]", title),
        ("form[day]", day),
        ("form[start]", times.0),
        ("form[end]", times.1),
        ("form[room]", room),
        ("form[speaker_1]", speaker),
        ("form[speaker_2]", ""),
        ("form[speaker_3]", ""),
    ]
}

#[tokio::test]
async fn scheduling_a_side_event_shows_clashes_and_saves_anyway() {
    let app = demo_app_at(2026, 12, 4).await;
    let coord = signed_in(&app, "coord@example.org", Role::Coordinator).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    let path = format!("/manage/events/{FORUM}/forum");
    let anonymous = app.get(&path, None).await;
    assert!(!anonymous.body.contains("Opening plenary"));
    let page = app.get(&path, Some(&coord)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Asia/Singapore"));
    assert!(page.body.contains("09:00–10:30"));
    assert!(page.body.contains("Opening plenary"));
    assert!(page.body.contains("Task Force on ASEAN Migrant Workers"));
    assert!(!page.body.contains("clash-warnings"));

    // "Check" is a plain GET: the clashes are listed beside the form, nothing is saved.
    let kanokwan = people::Entity::find()
        .filter(people::Column::Email.eq("kanokwan.phromma@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let before = events::Entity::find().count(&app.db).await.unwrap();
    let fields = side_event(
        "Migrant health",
        "2027-10-26",
        ("14:15", "15:00"),
        "Main hall",
        &kanokwan,
    );
    let check = format!("{path}?check=1&{}", encode(&fields));
    let checked = app.get(&check, Some(&coord)).await;
    assert_eq!(checked.status, 200);
    let warnings = checked
        .body
        .split("clash-warnings")
        .nth(1)
        .expect("warnings shown");
    assert!(
        warnings
            .contains("Same room as “Plenary 2: social protection across borders” (Main hall)."),
        "{warnings}"
    );
    assert!(warnings.contains("Kanokwan Phromma already speaks at “Plenary 2"));
    assert!(warnings.contains("which the delegation must attend"));
    assert_eq!(events::Entity::find().count(&app.db).await.unwrap(), before);
    let free = side_event("Early", "2027-10-27", ("08:00", "09:00"), "Room 3", "");
    let checked = app
        .get(&format!("{path}?check=1&{}", encode(&free)), Some(&coord))
        .await;
    assert!(checked.body.contains("No clashes."));

    // Staff may look but not schedule.
    let refused = post_plain(&app, "create_side_event", &path, &fields, Some(&staff)).await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    assert_eq!(events::Entity::find().count(&app.db).await.unwrap(), before);

    // A bad form comes back with the message next to the field and saves nothing.
    let bad = side_event(
        "Migrant health",
        "2027-10-26",
        ("15:00", "14:00"),
        "Main hall",
        "",
    );
    let back = post_plain(&app, "create_side_event", &path, &bad, Some(&coord)).await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=end&message=ends-before-starts"),
        "{location}"
    );
    let shown = app.get(&location, Some(&coord)).await;
    assert!(shown.body.contains("field-error"));
    assert_eq!(events::Entity::find().count(&app.db).await.unwrap(), before);

    // Saving goes through whatever the clashes, and the page lists them for the new event.
    let saved = post_plain(&app, "create_side_event", &path, &fields, Some(&coord)).await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    let location = saved.header("location").unwrap();
    assert_eq!(location, format!("{path}?created=migrant-health-2027"));
    assert_eq!(
        events::Entity::find().count(&app.db).await.unwrap(),
        before + 1
    );
    let after = app.get(&location, Some(&coord)).await;
    assert!(after.body.contains("The side event is saved as a draft."));
    assert!(after.body.contains("which the delegation must attend"));
    assert!(after.body.contains("14:15–15:00"));
}

#[tokio::test]
async fn the_tracker_filters_and_records_steps() {
    let app = demo_app_at(2026, 12, 4).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    assert!(!app
        .get("/manage/recommendations", None)
        .await
        .body
        .contains("recruitment fees"));
    let page = app.get("/manage/recommendations", Some(&staff)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("end recruitment fees"));
    assert!(page.body.contains("Carried from"));
    let slom = app
        .get(
            "/manage/recommendations?body=slom&status=open",
            Some(&staff),
        )
        .await;
    assert!(slom.body.contains("Extend social protection"));
    assert!(!slom.body.contains("end recruitment fees"));
    let none = app
        .get("/manage/recommendations?year=2030", Some(&staff))
        .await;
    assert!(none.body.contains("0 recommendations"));

    let id = recommendations::Entity::find()
        .filter(recommendations::Column::Text.contains("social protection"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let id_text = id.to_string();
    let steps = || async {
        recommendation_status_changes::Entity::find()
            .filter(recommendation_status_changes::Column::RecommendationId.eq(id))
            .count(&app.db)
            .await
            .unwrap()
    };
    let before = steps().await;
    let fields = [
        ("id", id_text.as_str()),
        ("form[status]", "no_response"),
        ("form[noted_on]", "2013-06-01"),
        ("form[note]", "No answer from SLOM."),
        ("query", "body=slom"),
    ];
    let reply = post_plain(
        &app,
        "add_recommendation_step",
        "/manage/recommendations",
        &fields,
        Some(&staff),
    )
    .await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/manage/recommendations?body=slom&saved={id}#rec-{id}")
    );
    assert_eq!(steps().await, before + 1);
    let shown = app
        .get("/manage/recommendations?body=slom", Some(&staff))
        .await;
    assert!(shown.body.contains("No answer from SLOM."));
    let bad = [
        ("id", id_text.as_str()),
        ("form[status]", "no_response"),
        ("form[noted_on]", "soon"),
        ("form[note]", ""),
        ("query", ""),
    ];
    let reply = post_plain(
        &app,
        "add_recommendation_step",
        "/manage/recommendations",
        &bad,
        Some(&staff),
    )
    .await;
    assert!(reply
        .header("location")
        .unwrap()
        .contains(&format!("field=rec-{id}&message=invalid-date")));
    assert_eq!(steps().await, before + 1);
    // Carrying is the coordinator's.
    let carry = [
        ("id", id_text.as_str()),
        ("target", FORUM),
        ("note", ""),
        ("query", ""),
    ];
    let refused = post_plain(
        &app,
        "carry_recommendation",
        "/manage/recommendations",
        &carry,
        Some(&staff),
    )
    .await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    assert_eq!(
        recommendations::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        4
    );
}

#[tokio::test]
async fn delegations_on_the_event_and_in_the_persons_history() {
    let app = demo_app_at(2026, 12, 4).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    let path = "/manage/events/afml-5-2012/delegation";
    let page = app.get(path, Some(&staff)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sok Chanthy"));
    assert!(page
        .body
        .contains("Recruitment of Cambodian workers to Thailand and Malaysia"));
    let person = people::Entity::find()
        .filter(people::Column::Email.eq("heng.vuthy@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let fields = [
        ("slug", "afml-5-2012"),
        ("form[person_id]", person.as_str()),
        ("form[role]", "speaker"),
        ("form[presented]", "Legal aid for returnees"),
        ("form[outcome]", "Asked to write a brief."),
    ];
    let reply = post_plain(&app, "add_delegation_member", path, &fields, Some(&staff)).await;
    assert_eq!(reply.header("location").unwrap(), format!("{path}?saved=1"));
    let again = post_plain(&app, "add_delegation_member", path, &fields, Some(&staff)).await;
    assert!(again
        .header("location")
        .unwrap()
        .contains("field=person_id&message=already-in-delegation"));
    let shown = app
        .get(&again.header("location").unwrap(), Some(&staff))
        .await;
    assert!(shown
        .body
        .contains("This person is already in the delegation."));
    let history = app
        .get(&format!("/manage/people/{person}"), Some(&staff))
        .await;
    assert!(history.body.contains("Delegations"));
    assert!(history.body.contains("5th ASEAN Forum on Migrant Labour"));
    assert!(history.body.contains("Legal aid for returnees"));
}
