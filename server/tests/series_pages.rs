//! Forum series kept by staff, through the real router: the list and a series' page (staff
//! read, coordinators write), editions added as a new event or by linking an event, changed
//! and unlinked, refused input sent back next to its field with what was typed (never a
//! 500), the public page showing a new edition once published; the network's role on the
//! event form; and the admin naming the organisation Sala works for.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{demo_app_at, post_plain, signed_in, TestApp};
use domain::types::Role;
use entities::{events, organisations, series, series_editions};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

async fn series_count(app: &TestApp) -> u64 {
    series::Entity::find().count(&app.db).await.unwrap()
}

async fn event_count(app: &TestApp) -> u64 {
    events::Entity::find().count(&app.db).await.unwrap()
}

async fn event(app: &TestApp, slug: &str) -> events::Model {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn staff_read_the_series_and_coordinators_create_them() {
    let app = demo_app_at(2026, 12, 4).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    let coord = signed_in(&app, "coord@example.org", Role::Coordinator).await;

    let anonymous = app.get("/manage/series", None).await;
    assert!(!anonymous.body.contains("ASEAN Forum on Migrant Labour"));
    let read = app.get("/manage/series", Some(&staff)).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert!(read.body.contains("ASEAN Forum on Migrant Labour (AFML)"));
    assert!(read.body.contains("href=\"/manage/series/afml\""));
    assert!(read.body.contains("href=\"/series/afml\""));
    assert!(read.body.contains("Editions: 3"));
    assert!(!read.body.contains("Create the series"), "staff only read");
    // The top navigation leads here.
    assert!(read.body.contains("href=\"/manage/series\""));
    let page = app.get("/manage/series", Some(&coord)).await;
    assert!(page.body.contains("Create the series"));

    let fields = [
        ("form[name]", "Global Forum on Migration and Development"),
        ("form[slug]", ""),
        ("form[acronym]", "GFMD"),
        (
            "form[description]",
            "A state-led forum with civil society days.",
        ),
    ];
    let refused = post_plain(
        &app,
        "create_series",
        "/manage/series",
        &fields,
        Some(&staff),
    )
    .await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    let banner = app
        .get(&refused.header("location").unwrap(), Some(&staff))
        .await;
    assert!(banner.body.contains("Your account does not have access"));
    assert_eq!(series_count(&app).await, 1);

    // A bad address comes back next to its field, with what was typed.
    let mut bad = fields;
    bad[1] = ("form[slug]", "Not A Slug");
    let back = post_plain(&app, "create_series", "/manage/series", &bad, Some(&coord)).await;
    assert_eq!(back.status, 302);
    let location = back.header("location").unwrap();
    assert!(location.starts_with("/manage/series?"), "{location}");
    assert!(
        location.contains("field=slug&message=invalid-slug"),
        "{location}"
    );
    assert!(location.contains("draft="), "{location}");
    let shown = app.get(&location, Some(&coord)).await;
    assert_eq!(shown.status, 200);
    assert!(shown
        .body
        .contains("Use lower-case letters, digits and hyphens only."));
    assert!(shown.body.contains("value=\"Not A Slug\""));
    assert!(shown
        .body
        .contains("A state-led forum with civil society days."));
    // Taken, and too long: messages, not errors.
    bad[1] = ("form[slug]", "afml");
    let back = post_plain(&app, "create_series", "/manage/series", &bad, Some(&coord)).await;
    let shown = app
        .get(&back.header("location").unwrap(), Some(&coord))
        .await;
    assert!(shown
        .body
        .contains("Another series already uses this address."));
    let long = "x".repeat(5_000);
    let too_long = [("form[name]", long.as_str())];
    let back = post_plain(
        &app,
        "create_series",
        "/manage/series",
        &too_long,
        Some(&coord),
    )
    .await;
    assert!(back
        .header("location")
        .unwrap()
        .contains("field=name&message=too-long"));
    // Without JavaScript's accept header the refusal is a 422, never a 500.
    let json = app.call("create_series", &bad, Some(&coord)).await;
    assert_eq!(json.status, 422, "{}", json.body);
    let nonsense = app
        .call("create_series", &[("form", "not-a-form")], Some(&coord))
        .await;
    assert!(
        nonsense.status >= 400 && nonsense.status < 500,
        "{}",
        nonsense.status
    );
    assert_eq!(series_count(&app).await, 1);

    let saved = post_plain(
        &app,
        "create_series",
        "/manage/series",
        &fields,
        Some(&coord),
    )
    .await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    assert_eq!(
        saved.header("location").unwrap(),
        "/manage/series/gfmd?saved=1"
    );
    let page = app.get("/manage/series/gfmd?saved=1", Some(&coord)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The series is saved."));
    assert!(page
        .body
        .contains("Global Forum on Migration and Development (GFMD)"));
    assert_eq!(app.get("/series/gfmd", None).await.status, 200);
    assert_eq!(
        app.get("/manage/series/no-such-series", Some(&staff))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn editions_are_added_changed_and_unlinked_on_the_series_page() {
    let app = demo_app_at(2026, 12, 4).await;
    let staff = signed_in(&app, "staff@example.org", Role::Staff).await;
    let coord = signed_in(&app, "coord@example.org", Role::Coordinator).await;
    let path = "/manage/series/afml";

    let read = app.get(path, Some(&staff)).await;
    assert_eq!(read.status, 200, "{}", read.body);
    for text in [
        "5th ASEAN Forum on Migrant Labour",
        "href=\"/manage/events/afml-5-2012/forum\"",
        "href=\"/manage/events/afml-5-2012/delegation\"",
        "href=\"/manage/events/afml-5-2012\"",
        "href=\"/series/afml\"",
        "Towards Effective Recruitment Practices and Regulations",
        "Siem Reap, Cambodia",
        "Shown on the public page",
        "Attended by the network",
    ] {
        assert!(read.body.contains(text), "{text} missing");
    }
    assert!(!read.body.contains("Add the edition"), "staff only read");
    let page = app.get(path, Some(&coord)).await;
    assert!(page.body.contains("Add the edition"));
    assert!(
        page.body.contains("value=\"21\""),
        "the next number is offered"
    );
    assert!(page.body.contains("ACSC/APF 2017 (2017-11-11)"));

    let new_edition = [
        ("slug", "afml"),
        ("form[title]", "21st ASEAN Forum on Migrant Labour"),
        ("form[number]", "21"),
        ("form[country_code]", "MY"),
        ("form[city]", "Kuala Lumpur"),
        ("form[starts_at]", "2028-10-28T09:00"),
        ("form[ends_at]", "2028-10-29T17:00"),
        ("form[timezone]", "Asia/Kuala_Lumpur"),
        ("form[theme]", "Decent work for migrant domestic workers"),
    ];
    let refused = post_plain(&app, "add_new_edition", path, &new_edition, Some(&staff)).await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    let before = event_count(&app).await;

    // A taken number and a missing title come back next to their fields, as typed.
    let mut taken = new_edition;
    taken[2] = ("form[number]", "5");
    let back = post_plain(&app, "add_new_edition", path, &taken, Some(&coord)).await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=new-number&message=edition-number-taken"),
        "{location}"
    );
    assert!(location.contains("which=new"), "{location}");
    let shown = app.get(&location, Some(&coord)).await;
    assert_eq!(shown.status, 200);
    assert!(shown
        .body
        .contains("This series already has an edition with this number."));
    assert!(shown.body.contains("value=\"Kuala Lumpur\""));
    let mut untitled = new_edition;
    untitled[1] = ("form[title]", "");
    let back = post_plain(&app, "add_new_edition", path, &untitled, Some(&coord)).await;
    assert!(back
        .header("location")
        .unwrap()
        .contains("field=new-title&message=required"));
    let mut backwards = new_edition;
    backwards[6] = ("form[ends_at]", "2028-10-01T09:00");
    let back = post_plain(&app, "add_new_edition", path, &backwards, Some(&coord)).await;
    assert!(back
        .header("location")
        .unwrap()
        .contains("field=new-ends_at&message=ends-before-starts"));
    let mut garbled = new_edition;
    garbled[2] = ("form[number]", "2\r\n1");
    let back = post_plain(&app, "add_new_edition", path, &garbled, Some(&coord)).await;
    assert_eq!(back.status, 302);
    assert!(back
        .header("location")
        .unwrap()
        .contains("field=new-number&message=invalid-number"));
    assert_eq!(event_count(&app).await, before);

    let saved = post_plain(&app, "add_new_edition", path, &new_edition, Some(&coord)).await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    let slug = "21st-asean-forum-on-migrant-labour";
    assert_eq!(
        saved.header("location").unwrap(),
        format!("{path}?added={slug}#editions")
    );
    let created = event(&app, slug).await;
    assert_eq!(
        (created.kind.as_str(), created.network_role.as_str()),
        ("forum", "attendee")
    );
    let after = app.get(&format!("{path}?added={slug}"), Some(&coord)).await;
    assert!(after
        .body
        .contains("The edition is saved as a draft event."));
    assert!(after.body.contains("Not on the public page yet"));
    assert!(after
        .body
        .contains(&format!("href=\"/manage/events/{slug}/forum\"")));
    // The public page shows it once the event is published.
    assert!(!app
        .get("/series/afml", None)
        .await
        .body
        .contains("21st ASEAN Forum"));
    let id = created.id.to_string();
    let published = app
        .call(
            "set_event_status",
            &[("id", id.as_str()), ("status", "published")],
            Some(&coord),
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let public = app.get("/series/afml", None).await;
    assert!(public.body.contains("21st ASEAN Forum on Migrant Labour"));
    assert!(public.body.contains("Kuala Lumpur, Malaysia"));

    // Linking an existing event, then renumbering and unlinking it.
    let link = [
        ("slug", "afml"),
        ("form[event_slug]", "acsc-apf-2017"),
        ("form[number]", "21"),
        ("form[theme]", ""),
    ];
    let back = post_plain(&app, "link_edition", path, &link, Some(&coord)).await;
    assert!(back
        .header("location")
        .unwrap()
        .contains("field=link-number&message=edition-number-taken"));
    let mut unknown = link;
    unknown[1] = ("form[event_slug]", "no-such-event");
    let back = post_plain(&app, "link_edition", path, &unknown, Some(&coord)).await;
    let shown = app
        .get(&back.header("location").unwrap(), Some(&coord))
        .await;
    assert!(shown.body.contains("No event has this address."));
    let mut good = link;
    good[2] = ("form[number]", "30");
    let linked = post_plain(&app, "link_edition", path, &good, Some(&coord)).await;
    assert_eq!(
        linked.header("location").unwrap(),
        format!("{path}?saved=1#editions")
    );
    let forum = event(&app, "acsc-apf-2017").await;
    let forum_id = forum.id;
    let number = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            series_editions::Entity::find_by_id(forum_id)
                .one(&db)
                .await
                .unwrap()
                .map(|e| (e.number, e.theme))
        }
    };
    assert_eq!(number(&app).await, Some((30, String::new())));
    let edit = |n: &'static str| {
        [
            ("slug", "afml"),
            ("event", "acsc-apf-2017"),
            ("form[number]", n),
            ("form[theme]", "Convergence"),
        ]
    };
    let back = post_plain(&app, "update_edition", path, &edit("4"), Some(&coord)).await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=ed-acsc-apf-2017&message=edition-number-taken"),
        "{location}"
    );
    let shown = app.get(&location, Some(&coord)).await;
    assert!(shown
        .body
        .contains("This series already has an edition with this number."));
    let back = post_plain(&app, "update_edition", path, &edit("0"), Some(&coord)).await;
    assert!(back
        .header("location")
        .unwrap()
        .contains("message=out-of-range"));
    let saved = post_plain(&app, "update_edition", path, &edit("31"), Some(&coord)).await;
    assert_eq!(saved.status, 302);
    assert_eq!(number(&app).await, Some((31, "Convergence".into())));
    let unlink = [("slug", "afml"), ("event", "acsc-apf-2017")];
    let refused = post_plain(&app, "unlink_edition", path, &unlink, Some(&staff)).await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    assert!(number(&app).await.is_some());
    let done = post_plain(&app, "unlink_edition", path, &unlink, Some(&coord)).await;
    assert_eq!(done.status, 302);
    assert_eq!(number(&app).await, None);
    assert_eq!(event(&app, "acsc-apf-2017").await.id, forum.id);
    let again = post_plain(&app, "unlink_edition", path, &unlink, Some(&coord)).await;
    assert!(again
        .header("location")
        .unwrap()
        .contains("error=not-found"));
    let elsewhere = [("slug", "no-such-series"), ("event", "afml-5-2012")];
    let missing = app.call("unlink_edition", &elsewhere, Some(&coord)).await;
    assert_eq!(missing.status, 404);

    // Renaming the series moves its page.
    let rename = [
        ("slug", "afml"),
        ("form[name]", "ASEAN Forum on Migrant Labour"),
        ("form[slug]", "asean-forum"),
        ("form[acronym]", "AFML"),
        ("form[description]", ""),
    ];
    let moved = post_plain(&app, "update_series", path, &rename, Some(&coord)).await;
    assert_eq!(
        moved.header("location").unwrap(),
        "/manage/series/asean-forum?saved=1"
    );
    let mut bad = rename;
    bad[0] = ("slug", "asean-forum");
    bad[2] = ("form[slug]", "bad slug");
    let back = post_plain(
        &app,
        "update_series",
        "/manage/series/asean-forum",
        &bad,
        Some(&coord),
    )
    .await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=series-slug&message=invalid-slug"),
        "{location}"
    );
    let shown = app.get(&location, Some(&coord)).await;
    assert!(shown.body.contains("value=\"bad slug\""));
    assert_eq!(app.get("/series/asean-forum", None).await.status, 200);
}

#[tokio::test]
async fn the_event_form_says_whether_the_network_organises_or_attends() {
    let app = demo_app_at(2026, 12, 4).await;
    let coord = signed_in(&app, "coord@example.org", Role::Coordinator).await;
    let attended = app.get("/manage/events/acsc-apf-2017", Some(&coord)).await;
    assert_eq!(attended.status, 200);
    assert!(attended
        .body
        .contains("The network attends (organised by others)"));
    assert!(attended.body.contains("value=\"attendee\" checked"));
    let organised = app
        .get("/manage/events/access-to-justice-2027", Some(&coord))
        .await;
    assert!(organised.body.contains("value=\"organiser\" checked"));
    let new = app.get("/manage/events/new", Some(&coord)).await;
    assert!(new.body.contains("The network organises this event"));
    assert!(new.body.contains("value=\"organiser\" checked"));

    // A new event the network attends.
    let fields = [
        ("form[title]", "AICHR consultation on migrant workers"),
        ("form[kind]", "consultation_meeting"),
        ("form[timezone]", "Asia/Jakarta"),
        ("form[starts_at]", "2027-05-04T09:00"),
        ("form[ends_at]", "2027-05-04T17:00"),
        ("form[registration_mode]", "invitation"),
        ("form[visibility]", "public"),
        ("form[network_role]", "attendee"),
    ];
    let saved = post_plain(
        &app,
        "save_event",
        "/manage/events/new",
        &fields,
        Some(&coord),
    )
    .await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    let slug = "aichr-consultation-on-migrant-workers";
    assert_eq!(event(&app, slug).await.network_role, "attendee");
    let mut bad = fields;
    bad[0] = ("form[title]", "Another");
    bad[7] = ("form[network_role]", "sponsor");
    let back = post_plain(&app, "save_event", "/manage/events/new", &bad, Some(&coord)).await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=network_role&message=invalid-choice"),
        "{location}"
    );
    let shown = app.get(&location, Some(&coord)).await;
    assert!(shown.body.contains("Please choose one of the options."));
}

#[tokio::test]
async fn the_admin_names_the_organisation_sala_works_for() {
    let app = demo_app_at(2026, 12, 4).await;
    let admin = signed_in(&app, "admin@example.org", Role::Admin).await;
    let coord = signed_in(&app, "coord@example.org", Role::Coordinator).await;
    let page = app.get("/admin/users", Some(&admin)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Our organisation"));
    assert!(page.body.contains("Now: Mekong Migration Network"));
    let forum = app
        .get("/manage/events/afml-20-2027/forum", Some(&coord))
        .await;
    assert!(forum
        .body
        .contains("Side events saved here are organised by Mekong Migration Network."));
    assert!(forum.body.contains("href=\"/manage/series/afml\""));

    let form = [
        ("form[organisation_id]", ""),
        ("form[name]", "Mekong Migration Network Secretariat"),
    ];
    let refused = post_plain(
        &app,
        "set_home_organisation",
        "/admin/users",
        &form,
        Some(&coord),
    )
    .await;
    assert!(refused
        .header("location")
        .unwrap()
        .contains("error=forbidden"));
    let bad = [("form[organisation_id]", "nine"), ("form[name]", "")];
    let back = post_plain(
        &app,
        "set_home_organisation",
        "/admin/users",
        &bad,
        Some(&admin),
    )
    .await;
    let location = back.header("location").unwrap();
    assert!(
        location.contains("field=home-organisation_id&message=invalid-choice"),
        "{location}"
    );
    let shown = app.get(&location, Some(&admin)).await;
    assert!(shown.body.contains("Please choose one of the options."));
    let saved = post_plain(
        &app,
        "set_home_organisation",
        "/admin/users",
        &form,
        Some(&admin),
    )
    .await;
    assert_eq!(
        saved.header("location").unwrap(),
        "/admin/users?home=1#home-organisation"
    );
    let page = app.get("/admin/users?home=1", Some(&admin)).await;
    assert!(page.body.contains("Our organisation is saved."));
    assert!(page
        .body
        .contains("Now: Mekong Migration Network Secretariat"));
    let homes = organisations::Entity::find()
        .filter(organisations::Column::Home.eq(true))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(homes, 1);

    // With none named, the forum page says how to name it.
    for org in organisations::Entity::find()
        .filter(organisations::Column::Home.eq(true))
        .all(&app.db)
        .await
        .unwrap()
    {
        let mut model = org.into_active_model();
        model.home = Set(false);
        model.update(&app.db).await.unwrap();
    }
    let forum = app
        .get("/manage/events/afml-20-2027/forum", Some(&coord))
        .await;
    assert!(forum.body.contains("id=\"no-home-organisation\""));
    assert!(forum
        .body
        .contains("href=\"/admin/users#home-organisation\""));
    let page = app.get("/admin/users", Some(&admin)).await;
    assert!(page.body.contains("Not named yet"));
}
