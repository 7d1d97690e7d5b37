//! Staff keeping forum series against a migrated database with the demo loaded (SQLite in
//! memory, or PostgreSQL when TEST_DATABASE_URL is set): creating and editing a series, adding
//! editions as new events or by linking events, changing and unlinking them, every refusal
//! changing nothing; the network's role on the event form; and the organisation Sala works
//! for, which organises the side events scheduled at a forum.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, TimeZone, Utc};
use domain::forms::EventForm;
use domain::forum_types::SideEventForm;
use domain::series_types::{EditionForm, HomeForm, LinkEditionForm, NewEditionForm, SeriesForm};
use domain::service::users::{self, NewStaff};
use domain::service::{
    event_admin, forum_schedule, organisations as home, series, series_admin, testing::fresh_db,
};
use domain::types::{EventId, Role, UserId};
use domain::DomainError;
use entities::{event_organisations, events, organisations, series_editions};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 3, 0, 0).unwrap()
}

async fn demo() -> (DatabaseConnection, UserId) {
    let db = fresh_db().await.unwrap();
    migration::seed::load_demo(&db).await.unwrap();
    let staff = users::create(
        &db,
        NewStaff {
            email: "coordinator@example.org",
            display_name: "Coordinator",
            password: "a long enough password",
            role: Role::Coordinator,
        },
        now(),
    )
    .await
    .unwrap();
    (db, staff.id)
}

fn validation(err: DomainError) -> (String, String) {
    match err {
        DomainError::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn series_form(name: &str, slug: &str, acronym: &str) -> SeriesForm {
    SeriesForm {
        name: name.into(),
        slug: slug.into(),
        acronym: acronym.into(),
        description: "Held by ASEAN civil society each year.".into(),
    }
}

fn new_edition(title: &str, number: &str) -> NewEditionForm {
    NewEditionForm {
        title: title.into(),
        number: number.into(),
        country_code: "MY".into(),
        city: "Kuala Lumpur".into(),
        starts_at: "2028-10-28T09:00".into(),
        ends_at: "2028-10-29T17:00".into(),
        timezone: "Asia/Kuala_Lumpur".into(),
        theme: "Decent work for migrant domestic workers".into(),
    }
}

async fn event(db: &DatabaseConnection, slug: &str) -> events::Model {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("event {slug}"))
}

async fn counts(db: &DatabaseConnection) -> (u64, u64, u64) {
    (
        entities::series::Entity::find().count(db).await.unwrap(),
        series_editions::Entity::find().count(db).await.unwrap(),
        events::Entity::find().count(db).await.unwrap(),
    )
}

#[tokio::test]
async fn a_series_is_created_and_edited_and_bad_forms_change_nothing() {
    let (db, _) = demo().await;
    let slug = series_admin::create(
        &db,
        &series_form("ASEAN Peoples' Forum", "", "ACSC/APF"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(slug, "acsc-apf", "derived from the acronym");
    let slug2 = series_admin::create(
        &db,
        &series_form("Global Forum on Migration and Development", "", ""),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(slug2, "global-forum-on-migration-and-development");
    let list = series_admin::list(&db, true).await.unwrap();
    let names: Vec<&str> = list.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ASEAN Forum on Migrant Labour",
            "ASEAN Peoples' Forum",
            "Global Forum on Migration and Development"
        ]
    );
    assert_eq!(list.series[0].editions, 3);
    assert!(list.can_write);

    let before = counts(&db).await;
    for (form, field, message) in [
        (series_form(" ", "x", ""), "name", "required"),
        (series_form(&"n".repeat(301), "x", ""), "name", "too-long"),
        (series_form("Name", "Bad Slug", ""), "slug", "invalid-slug"),
        (series_form("Name", "-afml", ""), "slug", "invalid-slug"),
        (series_form("Name", &"a".repeat(81), ""), "slug", "too-long"),
        (series_form("Name", "afml", ""), "slug", "series-slug-taken"),
        (
            series_form("AFML again", "", "AFML"),
            "slug",
            "series-slug-taken",
        ),
        (series_form("ฟอรัม", "", ""), "slug", "required"),
        (
            series_form("Name", "x", &"A".repeat(41)),
            "acronym",
            "too-long",
        ),
        (
            series_form("Name", "x", "A\u{7}"),
            "acronym",
            "invalid-characters",
        ),
    ] {
        let err = series_admin::create(&db, &form, now()).await.unwrap_err();
        assert_eq!(validation(err), (field.into(), message.into()), "{form:?}");
    }
    let mut long = series_form("Name", "long", "");
    long.description = "d".repeat(4_001);
    assert_eq!(
        validation(series_admin::create(&db, &long, now()).await.unwrap_err()),
        ("description".into(), "too-long".into())
    );
    assert_eq!(counts(&db).await, before);

    // Editing: a new name and address; another series' address is refused.
    let edited = series_admin::update(
        &db,
        "acsc-apf",
        &series_form("ASEAN Civil Society Conference", "acsc", "ACSC/APF"),
    )
    .await
    .unwrap();
    assert_eq!(edited, "acsc");
    let page = series::page(&db, "acsc").await.unwrap();
    assert_eq!(page.name, "ASEAN Civil Society Conference");
    assert_eq!(page.description, "Held by ASEAN civil society each year.");
    let taken = series_admin::update(&db, "acsc", &series_form("X", "afml", ""))
        .await
        .unwrap_err();
    assert_eq!(
        validation(taken),
        ("slug".into(), "series-slug-taken".into())
    );
    // Keeping its own address is no conflict.
    series_admin::update(
        &db,
        "acsc",
        &series_form("ASEAN Civil Society Conference", "acsc", ""),
    )
    .await
    .unwrap();
    assert_eq!(
        series_admin::update(&db, "nope", &series_form("X", "y", ""))
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
}

#[tokio::test]
async fn an_edition_added_as_a_new_event_is_an_attended_draft_forum() {
    let (db, by) = demo().await;
    let slug = series_admin::add_new_edition(
        &db,
        "afml",
        &new_edition("21st ASEAN Forum on Migrant Labour", "21"),
        by,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(slug, "21st-asean-forum-on-migrant-labour");
    let created = event(&db, &slug).await;
    assert_eq!(
        (
            created.kind.as_str(),
            created.network_role.as_str(),
            created.status.as_str(),
            created.timezone.as_str(),
            created.country_code.as_deref(),
        ),
        (
            "forum",
            "attendee",
            "draft",
            "Asia/Kuala_Lumpur",
            Some("MY")
        )
    );
    // 09:00 in Kuala Lumpur is 01:00 UTC.
    assert_eq!(
        created.starts_at,
        Utc.with_ymd_and_hms(2028, 10, 28, 1, 0, 0).unwrap()
    );
    let edition = series_editions::Entity::find_by_id(created.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edition.number, 21);
    assert_eq!(edition.theme, "Decent work for migrant domestic workers");

    // The staff page lists it first; the public page only once it is published.
    let page = series_admin::admin_page(&db, "afml", true).await.unwrap();
    assert_eq!(page.editions[0].event_slug, slug);
    assert!(!page.editions[0].shown);
    assert_eq!(page.next_number, 22);
    let public = series::page(&db, "afml").await.unwrap();
    assert!(public.editions.iter().all(|e| e.number != 21));
    event_admin::set_status(
        &db,
        EventId(created.id),
        domain::types::EventStatus::Published,
    )
    .await
    .unwrap();
    let public = series::page(&db, "afml").await.unwrap();
    assert_eq!(public.editions[0].number, 21);
    assert_eq!(public.editions[0].city, "Kuala Lumpur");

    // Refusals create no event and no edition.
    let before = counts(&db).await;
    let refused = |form: NewEditionForm| {
        let db = db.clone();
        async move {
            validation(
                series_admin::add_new_edition(&db, "afml", &form, by, now())
                    .await
                    .unwrap_err(),
            )
        }
    };
    let taken = refused(new_edition("Another 21st", "21")).await;
    assert_eq!(taken, ("number".into(), "edition-number-taken".into()));
    for (number, message) in [
        ("", "required"),
        ("twenty", "invalid-number"),
        ("0", "out-of-range"),
        ("1001", "out-of-range"),
        ("99999999999999999999", "invalid-number"),
    ] {
        assert_eq!(
            refused(new_edition("22nd", number)).await,
            ("number".into(), message.into())
        );
    }
    assert_eq!(
        refused(new_edition("", "22")).await,
        ("title".into(), "required".into())
    );
    let mut backwards = new_edition("22nd", "22");
    backwards.ends_at = "2028-10-27T09:00".into();
    assert_eq!(
        refused(backwards).await,
        ("ends_at".into(), "ends-before-starts".into())
    );
    let mut no_zone = new_edition("22nd", "22");
    no_zone.timezone = "Mars/Olympus".into();
    assert_eq!(refused(no_zone).await.0, "timezone");
    let mut no_country = new_edition("22nd", "22");
    no_country.country_code = "XX".into();
    assert_eq!(
        refused(no_country).await,
        ("country_code".into(), "unknown-country".into())
    );
    let mut long_theme = new_edition("22nd", "22");
    long_theme.theme = "t".repeat(501);
    assert_eq!(
        refused(long_theme).await,
        ("theme".into(), "too-long".into())
    );
    assert_eq!(counts(&db).await, before);
    assert_eq!(
        series_admin::add_new_edition(&db, "nope", &new_edition("22nd", "22"), by, now())
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(counts(&db).await, before);
}

#[tokio::test]
async fn existing_events_are_linked_renumbered_and_unlinked() {
    let (db, _) = demo().await;
    let gfmd = series_admin::create(&db, &series_form("Global Forum", "gfmd", "GFMD"), now())
        .await
        .unwrap();
    // Events already in a series and side events are not offered.
    let page = series_admin::admin_page(&db, &gfmd, true).await.unwrap();
    let offered: Vec<&str> = page.candidates.iter().map(|c| c.0.as_str()).collect();
    assert!(offered.contains(&"acsc-apf-2017"));
    assert!(!offered.contains(&"afml-5-2012"));
    assert!(!offered.contains(&"bottom-of-asean-2017"));
    assert_eq!(page.next_number, 1);

    let link = |slug: &str, number: &str| LinkEditionForm {
        event_slug: slug.into(),
        number: number.into(),
        theme: "Civil society's voice".into(),
    };
    series_admin::link_edition(&db, &gfmd, &link("acsc-apf-2017", "10"))
        .await
        .unwrap();
    let before = counts(&db).await;
    for (form, field, message) in [
        (link("acsc-apf-2017", "11"), "event_slug", "already-edition"),
        (link("afml-5-2012", "11"), "event_slug", "already-edition"),
        (link("no-such-event", "11"), "event_slug", "unknown-event"),
        (link(" ", "11"), "event_slug", "required"),
        (
            link("access-to-justice-2027", "10"),
            "number",
            "edition-number-taken",
        ),
        (
            link("access-to-justice-2027", "-1"),
            "number",
            "out-of-range",
        ),
    ] {
        let err = series_admin::link_edition(&db, &gfmd, &form)
            .await
            .unwrap_err();
        assert_eq!(validation(err), (field.into(), message.into()), "{form:?}");
    }
    assert_eq!(counts(&db).await, before);
    series_admin::link_edition(&db, &gfmd, &link("access-to-justice-2027", "11"))
        .await
        .unwrap();

    // Renumbering: to a free number works, to a taken one is refused.
    let edit = |number: &str, theme: &str| EditionForm {
        number: number.into(),
        theme: theme.into(),
    };
    series_admin::update_edition(&db, &gfmd, "acsc-apf-2017", &edit("12", "A new theme"))
        .await
        .unwrap();
    let forum = event(&db, "acsc-apf-2017").await;
    let row = series_editions::Entity::find_by_id(forum.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.number, row.theme.as_str()), (12, "A new theme"));
    let taken = series_admin::update_edition(&db, &gfmd, "acsc-apf-2017", &edit("11", ""))
        .await
        .unwrap_err();
    assert_eq!(
        validation(taken),
        ("number".into(), "edition-number-taken".into())
    );
    // Its own number is no conflict.
    series_admin::update_edition(&db, &gfmd, "acsc-apf-2017", &edit("12", ""))
        .await
        .unwrap();
    // An edition of another series is not this series' to change or unlink.
    assert_eq!(
        series_admin::update_edition(&db, &gfmd, "afml-5-2012", &edit("3", ""))
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        series_admin::unlink_edition(&db, &gfmd, "afml-5-2012")
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    let numbers: Vec<i32> = series_admin::admin_page(&db, &gfmd, true)
        .await
        .unwrap()
        .editions
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(numbers, [12, 11]);

    // Unlinking keeps the event (and its side event).
    series_admin::unlink_edition(&db, &gfmd, "acsc-apf-2017")
        .await
        .unwrap();
    assert!(series_editions::Entity::find_by_id(forum.id)
        .one(&db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(event(&db, "acsc-apf-2017").await.id, forum.id);
    assert_eq!(
        event(&db, "bottom-of-asean-2017").await.parent_id,
        Some(forum.id)
    );
    assert_eq!(
        series_admin::unlink_edition(&db, &gfmd, "acsc-apf-2017")
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
}

/// A valid event form, its role as given.
fn event_form(title: &str, role: &str) -> EventForm {
    EventForm {
        title: title.into(),
        kind: "forum".into(),
        timezone: "Asia/Bangkok".into(),
        starts_at: "2028-03-01T09:00".into(),
        ends_at: "2028-03-02T17:00".into(),
        registration_mode: "open".into(),
        visibility: "public".into(),
        network_role: role.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn the_event_form_says_whether_the_network_organises_or_attends() {
    let (db, by) = demo().await;
    let organised = event_admin::create_event(&db, &event_form("Own workshop", ""), by, now())
        .await
        .unwrap();
    assert_eq!(event(&db, &organised.slug).await.network_role, "organiser");
    let attended = event_admin::create_event(
        &db,
        &event_form("AICHR consultation", "attendee"),
        by,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(event(&db, &attended.slug).await.network_role, "attendee");
    let read = event_admin::event_form(&db, attended.id).await.unwrap();
    assert_eq!(read.network_role, "attendee");

    // Saving the form as read keeps the role; an empty role keeps it too; a choice changes it.
    event_admin::update_event(&db, attended.id, &read, now())
        .await
        .unwrap();
    assert_eq!(event(&db, &attended.slug).await.network_role, "attendee");
    let mut without = read.clone();
    without.network_role = String::new();
    event_admin::update_event(&db, attended.id, &without, now())
        .await
        .unwrap();
    assert_eq!(event(&db, &attended.slug).await.network_role, "attendee");
    let mut organiser = read.clone();
    organiser.network_role = "organiser".into();
    event_admin::update_event(&db, attended.id, &organiser, now())
        .await
        .unwrap();
    assert_eq!(event(&db, &attended.slug).await.network_role, "organiser");

    let before = events::Entity::find().count(&db).await.unwrap();
    let err = event_admin::create_event(&db, &event_form("Party", "host"), by, now())
        .await
        .unwrap_err();
    assert_eq!(
        validation(err),
        ("network_role".into(), "invalid-choice".into())
    );
    let mut bad = read.clone();
    bad.network_role = "sponsor".into();
    let err = event_admin::update_event(&db, attended.id, &bad, now())
        .await
        .unwrap_err();
    assert_eq!(
        validation(err),
        ("network_role".into(), "invalid-choice".into())
    );
    assert_eq!(events::Entity::find().count(&db).await.unwrap(), before);
    assert_eq!(event(&db, &attended.slug).await.network_role, "organiser");
}

async fn homes(db: &DatabaseConnection) -> Vec<String> {
    organisations::Entity::find()
        .filter(organisations::Column::Home.eq(true))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect()
}

fn side_event(title: &str) -> SideEventForm {
    SideEventForm {
        title: title.into(),
        day: "2027-10-27".into(),
        start: "08:00".into(),
        end: "09:00".into(),
        room: "Room 3".into(),
        ..Default::default()
    }
}

async fn organisers_of(db: &DatabaseConnection, slug: &str) -> Vec<String> {
    let side = event(db, slug).await;
    let mut names = Vec::new();
    for link in event_organisations::Entity::find()
        .filter(event_organisations::Column::EventId.eq(side.id))
        .all(db)
        .await
        .unwrap()
    {
        let org = organisations::Entity::find_by_id(link.organisation_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        names.push(format!("{}: {}", link.role, org.name));
    }
    names
}

#[tokio::test]
async fn the_home_organisation_is_one_and_organises_side_events() {
    let (db, by) = demo().await;
    assert_eq!(homes(&db).await, ["Mekong Migration Network"]);
    let settings = home::settings(&db).await.unwrap();
    assert_eq!(
        settings.current.as_ref().unwrap().1,
        "Mekong Migration Network"
    );
    assert!(settings.options.len() > 10);
    let (side, _) =
        forum_schedule::create_side_event(&db, "afml-20-2027", &side_event("Early one"), by, now())
            .await
            .unwrap();
    assert_eq!(
        organisers_of(&db, &side).await,
        ["organiser: Mekong Migration Network"]
    );
    let plan = forum_schedule::plan(&db, "afml-20-2027").await.unwrap();
    assert_eq!(
        plan.home_organisation.as_deref(),
        Some("Mekong Migration Network")
    );
    assert_eq!(
        plan.series,
        Some(("afml".into(), "ASEAN Forum on Migrant Labour".into()))
    );

    // Choosing another from the list moves the mark: still one.
    let amc = organisations::Entity::find()
        .filter(organisations::Column::Name.eq("Asian Migrant Centre"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let chosen = home::set_home(
        &db,
        &HomeForm {
            organisation_id: amc.id.to_string(),
            name: String::new(),
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(chosen, "Asian Migrant Centre");
    assert_eq!(homes(&db).await, ["Asian Migrant Centre"]);
    // Choosing it again changes nothing.
    home::set_home(
        &db,
        &HomeForm {
            organisation_id: amc.id.to_string(),
            name: String::new(),
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(homes(&db).await, ["Asian Migrant Centre"]);

    // A typed name wins over the list: a known name in another case is that organisation...
    let by_name = home::set_home(
        &db,
        &HomeForm {
            organisation_id: amc.id.to_string(),
            name: "  mekong migration network ".into(),
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(by_name, "Mekong Migration Network");
    assert_eq!(homes(&db).await, ["Mekong Migration Network"]);
    // ... and a new name is a new organisation.
    let orgs = organisations::Entity::find().count(&db).await.unwrap();
    home::set_home(
        &db,
        &HomeForm {
            organisation_id: String::new(),
            name: "Mekong Migration Network (Secretariat)".into(),
        },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        organisations::Entity::find().count(&db).await.unwrap(),
        orgs + 1
    );
    assert_eq!(homes(&db).await, ["Mekong Migration Network (Secretariat)"]);

    // Refusals change nothing.
    for (form, field, message) in [
        (HomeForm::default(), "organisation_id", "required"),
        (
            HomeForm {
                organisation_id: "abc".into(),
                name: String::new(),
            },
            "organisation_id",
            "invalid-choice",
        ),
        (
            HomeForm {
                organisation_id: "999999".into(),
                name: String::new(),
            },
            "organisation_id",
            "invalid-choice",
        ),
        (
            HomeForm {
                organisation_id: String::new(),
                name: "n".repeat(201),
            },
            "name",
            "too-long",
        ),
        (
            HomeForm {
                organisation_id: String::new(),
                name: "Bad\u{0}name".into(),
            },
            "name",
            "invalid-characters",
        ),
    ] {
        let err = home::set_home(&db, &form, now()).await.unwrap_err();
        assert_eq!(validation(err), (field.into(), message.into()), "{form:?}");
    }
    assert_eq!(
        organisations::Entity::find().count(&db).await.unwrap(),
        orgs + 1
    );
    assert_eq!(homes(&db).await, ["Mekong Migration Network (Secretariat)"]);
}

#[tokio::test]
async fn without_a_home_organisation_a_side_event_has_no_organiser() {
    let (db, by) = demo().await;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    for org in organisations::Entity::find()
        .filter(organisations::Column::Home.eq(true))
        .all(&db)
        .await
        .unwrap()
    {
        let mut model = org.into_active_model();
        model.home = Set(false);
        model.update(&db).await.unwrap();
    }
    assert!(home::home(&db).await.unwrap().is_none());
    let plan = forum_schedule::plan(&db, "afml-20-2027").await.unwrap();
    assert_eq!(plan.home_organisation, None);
    let (side, _) =
        forum_schedule::create_side_event(&db, "afml-20-2027", &side_event("Orphan"), by, now())
            .await
            .unwrap();
    assert!(organisers_of(&db, &side).await.is_empty());
    assert_eq!(event(&db, &side).await.network_role, "organiser");
}
