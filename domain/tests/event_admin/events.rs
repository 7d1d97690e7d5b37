//! Events: creating, editing, reading back, statuses, and saves that fail as a whole.
use chrono::{TimeZone, Utc};
use domain::forms::EventForm;
use domain::service::agenda::{by_slug, Viewer};
use domain::service::event_admin::{create_event, event_form, set_status, update_event};
use domain::types::{EventId, EventStatus, UserId};
use domain::DomainError;
use entities::{event_objectives, event_organisations, events, organisations};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::{form, invalid, now, setup};

/// Rows in every table an event save writes to.
async fn counts(db: &DatabaseConnection) -> [u64; 4] {
    [
        events::Entity::find().count(db).await.unwrap(),
        event_objectives::Entity::find().count(db).await.unwrap(),
        event_organisations::Entity::find().count(db).await.unwrap(),
        organisations::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn side_event_with_parent_and_yangon_times() {
    let (db, by) = setup().await;
    let mut forum = form("ACSC/APF 2017");
    forum.kind = "forum".into();
    let forum = create_event(&db, &forum, by, now()).await.unwrap();
    assert_eq!(forum.slug, "acsc-apf-2017");

    let mut side = form("Bottom of ASEAN");
    side.kind = "side_event".into();
    side.parent_slug = forum.slug.clone();
    side.objectives = "1. Share migrants' stories\n\n  2) Agree on recommendations  \n".into();
    let side = create_event(&db, &side, by, now()).await.unwrap();
    assert_eq!(side.status, EventStatus::Draft);
    assert_eq!(side.slug, "bottom-of-asean");
    // Yangon is UTC+06:30.
    assert_eq!(
        side.starts_at,
        Utc.with_ymd_and_hms(2018, 1, 13, 2, 30, 0).unwrap()
    );
    assert_eq!(
        side.ends_at,
        Utc.with_ymd_and_hms(2018, 1, 14, 10, 30, 0).unwrap()
    );
    assert_eq!(
        (side.local_start.as_str(), side.local_end.as_str()),
        ("2018-01-13", "2018-01-14")
    );

    let detail = by_slug(&db, &side.slug, Viewer::Staff).await.unwrap();
    assert_eq!(
        detail.parent,
        Some((forum.slug.clone(), "ACSC/APF 2017".into()))
    );
    assert_eq!(
        detail.objectives,
        ["Share migrants' stories", "Agree on recommendations"]
    );
    let positions: Vec<i32> = event_objectives::Entity::find()
        .filter(event_objectives::Column::EventId.eq(side.id.0))
        .order_by_asc(event_objectives::Column::Position)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.position)
        .collect();
    assert_eq!(positions, [1, 2]);

    let back = event_form(&db, side.id).await.unwrap();
    assert_eq!(
        (back.starts_at.as_str(), back.ends_at.as_str()),
        ("2018-01-13T09:00", "2018-01-14T17:00")
    );
    assert_eq!(back.parent_slug, forum.slug);
    assert_eq!(
        back.objectives,
        "Share migrants' stories\nAgree on recommendations"
    );
    assert_eq!(
        back.organisations,
        "organiser: Mekong Migration Network\nco_organiser: Asian Institute of Technology"
    );
    assert_eq!(
        (back.capacity.as_str(), back.working_languages.as_str()),
        ("40", "English, Burmese")
    );
    // Saving the form unchanged keeps everything.
    let before = counts(&db).await;
    let again = update_event(&db, side.id, &back, now()).await.unwrap();
    assert_eq!(again, side);
    assert_eq!(event_form(&db, side.id).await.unwrap(), back);
    assert_eq!(counts(&db).await, before);
}

#[tokio::test]
async fn bad_inputs_name_their_field_and_change_nothing() {
    let (db, by) = setup().await;
    let taken = create_event(&db, &form("Taken"), by, now()).await.unwrap();
    type Edit = fn(&mut EventForm);
    let cases: Vec<(Edit, &str, &str)> = vec![
        (|f| f.title = "  ".into(), "title", "required"),
        (|f| f.title = "x".repeat(201), "title", "too-long"),
        (|f| f.slug = "Bad Slug".into(), "slug", "invalid-slug"),
        (|f| f.slug = "taken".into(), "slug", "slug-taken"),
        (|f| f.kind = "party".into(), "kind", "invalid-choice"),
        (
            |f| f.timezone = "Mars/Olympus".into(),
            "timezone",
            "invalid-timezone",
        ),
        (
            |f| f.starts_at = "13/01/2018 09:00".into(),
            "starts_at",
            "invalid-datetime",
        ),
        (|f| f.ends_at = String::new(), "ends_at", "required"),
        (
            |f| f.ends_at = "2018-01-12T17:00".into(),
            "ends_at",
            "ends-before-starts",
        ),
        (
            |f| f.country_code = "XX".into(),
            "country_code",
            "unknown-country",
        ),
        (|f| f.capacity = "0".into(), "capacity", "out-of-range"),
        (|f| f.capacity = "100001".into(), "capacity", "out-of-range"),
        (|f| f.capacity = "ten".into(), "capacity", "invalid-number"),
        (
            |f| f.registration_mode = String::new(),
            "registration_mode",
            "required",
        ),
        (
            |f| f.visibility = "secret".into(),
            "visibility",
            "invalid-choice",
        ),
        (
            |f| f.registration_closes_at = "2017-10-01T09:00".into(),
            "registration_closes_at",
            "closes-before-opens",
        ),
        (
            |f| f.parent_slug = "no-such-event".into(),
            "parent_slug",
            "unknown-event",
        ),
        (
            |f| f.objectives = "x\n".repeat(21),
            "objectives",
            "too-many",
        ),
        (|f| f.objectives = "y".repeat(501), "objectives", "too-long"),
        (
            |f| f.organisations = "sponsor: Oxfam".into(),
            "organisations",
            "invalid-choice",
        ),
    ];
    let original = event_form(&db, taken.id).await.unwrap();
    for (edit, field, message) in cases {
        let mut bad = form("A new event");
        bad.organisations.push_str("\nfunder: A brand new funder");
        edit(&mut bad);
        let before = counts(&db).await;
        let err = create_event(&db, &bad, by, now()).await.unwrap_err();
        assert_eq!(err, invalid(field, message), "create {field}");
        // Its own slug is no clash for the event being edited.
        if message != "slug-taken" {
            let err = update_event(&db, taken.id, &bad, now()).await.unwrap_err();
            assert_eq!(err, invalid(field, message), "update {field}");
        }
        assert_eq!(counts(&db).await, before, "{field}: rows written");
    }
    assert_eq!(event_form(&db, taken.id).await.unwrap(), original);
    assert_eq!(
        create_event(&db, &form("X"), UserId(999), now()).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        update_event(&db, EventId(999), &form("X"), now()).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        event_form(&db, EventId(999)).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn status_moves_one_step_at_a_time() {
    let (db, by) = setup().await;
    let id = create_event(&db, &form("Advocacy with ASEAN"), by, now())
        .await
        .unwrap()
        .id;
    let refused = Err(invalid("status", "invalid-transition"));
    assert_eq!(set_status(&db, id, EventStatus::Closed).await, refused);
    set_status(&db, id, EventStatus::Published).await.unwrap();
    set_status(&db, id, EventStatus::Draft).await.unwrap();
    set_status(&db, id, EventStatus::Draft).await.unwrap();
    for step in [
        EventStatus::Published,
        EventStatus::Closed,
        EventStatus::Archived,
    ] {
        set_status(&db, id, step).await.unwrap();
    }
    assert_eq!(set_status(&db, id, EventStatus::Published).await, refused);
    assert_eq!(set_status(&db, id, EventStatus::Draft).await, refused);
    set_status(&db, id, EventStatus::Closed).await.unwrap();
    let stored = events::Entity::find_by_id(id.0)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "closed");
    assert_eq!(
        set_status(&db, EventId(999), EventStatus::Published).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn a_failing_save_leaves_nothing_behind() {
    let (db, by) = setup().await;
    // Break the last table the save writes to: the event row, its objectives and the new
    // organisations are written first and must all be rolled back.
    db.execute_unprepared("DROP TABLE event_organisations")
        .await
        .unwrap();
    let mut f = form("Doomed");
    f.organisations = "funder: A funder nobody knows".into();
    let before = [
        events::Entity::find().count(&db).await.unwrap(),
        event_objectives::Entity::find().count(&db).await.unwrap(),
        organisations::Entity::find().count(&db).await.unwrap(),
    ];
    assert_eq!(
        create_event(&db, &f, by, now()).await,
        Err(DomainError::Internal)
    );
    let after = [
        events::Entity::find().count(&db).await.unwrap(),
        event_objectives::Entity::find().count(&db).await.unwrap(),
        organisations::Entity::find().count(&db).await.unwrap(),
    ];
    assert_eq!(after, before);
}

#[tokio::test]
async fn the_retention_period_is_saved_read_back_and_checked() {
    let (db, by) = setup().await;
    let mut with_limit = form("Garment Workers Workshop");
    with_limit.retention_months = " 24 ".into();
    let created = create_event(&db, &with_limit, by, now()).await.unwrap();
    let stored = events::Entity::find_by_id(created.id.0)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.retention_months, Some(24));
    assert_eq!(
        event_form(&db, created.id).await.unwrap().retention_months,
        "24"
    );

    // Empty keeps the data without limit; nonsense is refused and changes nothing.
    let mut edited = event_form(&db, created.id).await.unwrap();
    edited.retention_months = "0".into();
    assert_eq!(
        update_event(&db, created.id, &edited, now()).await,
        Err(DomainError::validation("retention_months", "out-of-range"))
    );
    edited.retention_months = "two years".into();
    assert_eq!(
        update_event(&db, created.id, &edited, now()).await,
        Err(DomainError::validation(
            "retention_months",
            "invalid-number"
        ))
    );
    edited.retention_months = String::new();
    update_event(&db, created.id, &edited, now()).await.unwrap();
    assert_eq!(
        event_form(&db, created.id).await.unwrap().retention_months,
        ""
    );
}
