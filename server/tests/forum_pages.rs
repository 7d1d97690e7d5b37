//! The network's forum year through the real router: the public series page, the edition's
//! schedule with clash warnings (checked by a plain GET, saved by a plain POST whatever the
//! clashes, refused input sent back next to its field), the recommendation tracker's filters
//! and forms, and delegations on the event's page and in the person's history.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{demo_app_at, encode, post_plain, signed_in, TestApp};
use domain::types::Role;
use entities::{events, people, recommendation_status_changes, recommendations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const FORUM: &str = "afml-20-2027";

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

/// Recommendation `position` of the event `slug`, and its steps (id, status), oldest first.
async fn row_and_steps(app: &TestApp, slug: &str, position: i32) -> (i64, Vec<(i64, String)>) {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = recommendations::Entity::find()
        .filter(recommendations::Column::EventId.eq(event.id))
        .filter(recommendations::Column::Position.eq(position))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let steps = recommendation_status_changes::Entity::find()
        .filter(recommendation_status_changes::Column::RecommendationId.eq(id))
        .order_by_asc(recommendation_status_changes::Column::NotedOn)
        .order_by_asc(recommendation_status_changes::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    (id, steps)
}

#[tokio::test]
async fn tracker_steps_and_bodies_are_corrected_and_removed_by_plain_forms() {
    let app = demo_app_at(2026, 12, 4).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    let page = "/manage/recommendations";
    let (fees, steps) = row_and_steps(&app, "afml-5-2012", 1).await;
    let (older, older_steps) = row_and_steps(&app, "afml-4-2011", 2).await;
    let (raised, reflected) = (steps[0].0, steps[1].0);
    let (fees_id, reflected_id) = (fees.to_string(), reflected.to_string());
    let shown = app.get(page, Some(&staff)).await;
    assert!(shown.body.contains("Correct or remove"));
    assert!(shown
        .body
        .contains(&format!("id=\"st-{reflected}-noted_on\"")));
    // Steps carried along from the 4th are corrected on the 4th's row, not on this one.
    assert!(!shown
        .body
        .contains(&format!("id=\"st-{}-noted_on\"", older_steps[0].0)));

    // A bad day comes back next to that step's field, filters kept, nothing changed.
    let edit = |day: &'static str, status: &'static str, id: &str, step: &str| {
        vec![
            ("id", id.to_owned()),
            ("step", step.to_owned()),
            ("form[status]", status.to_owned()),
            ("form[noted_on]", day.to_owned()),
            ("form[note]", "In the Consensus.".to_owned()),
            ("query", "status=all".to_owned()),
        ]
    };
    let post = |endpoint: &'static str, fields: Vec<(&'static str, String)>| {
        let staff = staff.clone();
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_plain(app, endpoint, page, &fields, Some(&staff)).await
        }
    };
    for (day, status, field, message) in [
        ("1 Oct", "reflected", "noted_on", "invalid-date"),
        ("", "reflected", "noted_on", "required"),
        ("2012-10-01", "maybe", "status", "invalid-choice"),
        ("2012-10-01", "carried", "status", "carried-step"),
    ] {
        let back = post(
            "edit_recommendation_step",
            edit(day, status, &fees_id, &reflected_id),
        )
        .await;
        let location = back.header("location").unwrap();
        assert!(
            location.contains(&format!("field=step-{reflected}-{field}&message={message}")),
            "{location}"
        );
        assert!(location.contains("status=all"), "{location}");
        let shown = app.get(&location, Some(&staff)).await;
        assert_eq!(shown.status, 200);
        let at_step = shown
            .body
            .split(&format!("id=\"step-{reflected}\""))
            .nth(1)
            .unwrap();
        let at_step = at_step.split("</li>").next().unwrap();
        assert!(
            at_step.contains("field-error"),
            "the message is at the step"
        );
        assert!(
            at_step.contains("<details open class=\"step-edit\""),
            "its form open: {at_step}"
        );
        if !day.is_empty() {
            assert!(
                at_step.contains(&format!("value=\"{day}\"")),
                "what was typed comes back: {at_step}"
            );
        }
        assert_eq!(row_and_steps(&app, "afml-5-2012", 1).await.1, steps);
    }

    // Ids of another row: not found (a notice on the page; 404 to a script), nothing changed.
    let foreign = older_steps[0].0.to_string();
    let back = post(
        "edit_recommendation_step",
        edit("2012-10-01", "raised", &fees_id, &foreign),
    )
    .await;
    let location = back.header("location").unwrap();
    assert!(location.contains("error=not-found"), "{location}");
    assert!(app
        .get(&location, Some(&staff))
        .await
        .body
        .contains("Not found."));
    let by_script = app
        .call(
            "remove_recommendation_step",
            &[("id", &fees_id), ("step", &foreign), ("query", "")],
            Some(&staff),
        )
        .await;
    assert_eq!(by_script.status, 404);
    assert_eq!(row_and_steps(&app, "afml-4-2011", 2).await.1, older_steps);
    // The carry's step stays while the copy exists.
    let carried = older_steps.last().unwrap().0.to_string();
    let older_id = older.to_string();
    let refused = post(
        "remove_recommendation_step",
        vec![
            ("id", older_id.clone()),
            ("step", carried.clone()),
            ("query", "status=all".into()),
        ],
    )
    .await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains(&format!("field=step-{carried}-step&message=carried-step")));
    // Anonymous callers change nothing.
    let anonymous = app
        .call(
            "remove_recommendation_step",
            &[("id", &fees_id), ("step", &reflected_id), ("query", "")],
            None,
        )
        .await;
    assert!(
        anonymous.status == 401 || anonymous.status == 403,
        "{}",
        anonymous.status
    );

    // Dated before the raising, the reflection is no longer the status; then removed.
    let saved = post(
        "edit_recommendation_step",
        edit("2012-10-01", "reflected", &fees_id, &reflected_id),
    )
    .await;
    assert_eq!(
        saved.header("location").unwrap(),
        format!("/manage/recommendations?status=all&saved={fees}#rec-{fees}")
    );
    let status_of = |body: &str| {
        body.split(&format!("id=\"rec-{fees}\""))
            .nth(1)
            .and_then(|r| r.split("tracking-status\">").nth(1))
            .and_then(|r| r.split('<').next())
            .unwrap_or_default()
            .to_owned()
    };
    let shown = app
        .get("/manage/recommendations?status=all", Some(&staff))
        .await;
    assert_eq!(status_of(&shown.body), "Raised");
    assert!(shown.body.contains("In the Consensus."));
    let removed = post(
        "remove_recommendation_step",
        vec![
            ("id", fees_id.clone()),
            ("step", raised.to_string()),
            ("query", "status=all".into()),
        ],
    )
    .await;
    assert_eq!(removed.status, 302);
    let shown = app
        .get("/manage/recommendations?status=all", Some(&staff))
        .await;
    assert_eq!(status_of(&shown.body), "Reflected in an outcome");
    assert_eq!(row_and_steps(&app, "afml-5-2012", 1).await.1.len(), 1);
    // The copy keeps the 4th's history.
    let row = shown
        .body
        .split(&format!("id=\"rec-{fees}\""))
        .nth(1)
        .unwrap();
    assert!(row.contains("No response from the governments by mid-2012."));

    // Bodies: a detail corrected, a duplicate refused at its field, one removed.
    let bodies = entities::recommendation_bodies::Entity::find()
        .filter(entities::recommendation_bodies::Column::RecommendationId.eq(fees))
        .order_by_asc(entities::recommendation_bodies::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let (afml, acmw) = (bodies[0].id.to_string(), bodies[1].id.to_string());
    let body_form = |body: &str, detail: &str| {
        vec![
            ("id", fees_id.clone()),
            ("body", body.to_owned()),
            ("detail", detail.to_owned()),
            ("query", "status=all".to_owned()),
        ]
    };
    let saved = post("edit_recommendation_body", body_form(&acmw, "Secretariat")).await;
    assert_eq!(saved.status, 302);
    let typed = "Typed-but-refused".repeat(20);
    let too_long = post("edit_recommendation_body", body_form(&afml, &typed)).await;
    let location = too_long.header("location").unwrap();
    assert!(location.contains(&format!("field=body-{afml}-detail&message=too-long")));
    // The page it goes back to shows the body's form with what was typed, not what is stored.
    let back = app.get(&location, Some(&staff)).await;
    assert_eq!(back.status, 200);
    assert!(
        back.body.contains(&format!("value=\"{typed}\"")),
        "{}",
        back.body
    );
    let cross = post(
        "edit_recommendation_body",
        vec![
            ("id", older_id.clone()),
            ("body", acmw.clone()),
            ("detail", "x".into()),
            ("query", String::new()),
        ],
    )
    .await;
    assert!(cross
        .header("location")
        .unwrap()
        .contains("error=not-found"));
    let removed = post(
        "remove_recommendation_body",
        vec![
            ("id", fees_id.clone()),
            ("body", afml.clone()),
            ("query", String::new()),
        ],
    )
    .await;
    assert_eq!(removed.status, 302);
    let left: Vec<(String, String)> = entities::recommendation_bodies::Entity::find()
        .filter(entities::recommendation_bodies::Column::RecommendationId.eq(fees))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| (b.body, b.detail))
        .collect();
    assert_eq!(left, vec![("acmw".to_owned(), "Secretariat".to_owned())]);
}
