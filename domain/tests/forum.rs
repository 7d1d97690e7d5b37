//! The network's forum year against a migrated database with the demo loaded (SQLite in
//! memory, or PostgreSQL when TEST_DATABASE_URL is set): clash warnings while scheduling a
//! side event at the AFML, recommendations carried from one edition to the next with their
//! dated history and the tracker's filters, the series page and delegations.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::forum_types::{
    Body, Clash, ForumSessionForm, MemberForm, SideEventForm, SlotKey, StepForm, TrackerFilter,
    TrackingStatus,
};
use domain::service::delegations;
use domain::service::forum_schedule;
use domain::service::series;
use domain::service::tracking;
use domain::types::{Role, UserId};
use domain::DomainError;
use entities::{events, people, recommendations};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

mod fixtures;

const FORUM: &str = "afml-20-2027";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 3, 0, 0).unwrap()
}

async fn demo() -> (DatabaseConnection, UserId) {
    let db = fixtures::demo().await;
    let staff = fixtures::staff(
        &db,
        "coordinator@example.org",
        "Coordinator",
        "a long enough password",
        Role::Coordinator,
        now(),
    )
    .await;
    (db, staff)
}

async fn person(db: &DatabaseConnection, email: &str) -> i64 {
    people::Entity::find()
        .filter(people::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn validation(err: DomainError) -> (String, String) {
    match err {
        DomainError::Validation { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn form(
    title: &str,
    day: &str,
    (start, end): (&str, &str),
    room: &str,
    speaker: i64,
) -> SideEventForm {
    SideEventForm {
        title: title.into(),
        day: day.into(),
        start: start.into(),
        end: end.into(),
        room: room.into(),
        speaker_1: speaker.to_string(),
        ..Default::default()
    }
}

#[tokio::test]
async fn the_demo_side_events_one_clashing_three_ways() {
    let (db, _) = demo().await;
    let calm = forum_schedule::clashes_of(&db, FORUM, "mekong-fair-recruitment-2027")
        .await
        .unwrap();
    assert!(calm.is_empty(), "{calm:?}");
    let clashing = forum_schedule::clashes_of(&db, FORUM, "returning-migrants-protection-2027")
        .await
        .unwrap();
    let kinds: Vec<&Clash> = clashing.iter().map(|w| &w.clash).collect();
    assert!(kinds.iter().any(|c| matches!(c, Clash::SameRoom { other, room } if other == "Domestic workers' rights in ASEAN" && room == "Room 2")));
    assert!(kinds
        .iter()
        .any(|c| matches!(c, Clash::MustAttend { other } if other.starts_with("Plenary 2"))));
    let booked: Vec<_> = clashing
        .iter()
        .filter(|w| matches!(w.clash, Clash::SpeakerBooked { .. }))
        .collect();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].person, "Kanokwan Phromma");
    assert_eq!(clashing.len(), 3);

    // The plan shows the forum's days and slots in Singapore time.
    let plan = forum_schedule::plan(&db, FORUM).await.unwrap();
    assert_eq!(plan.days, vec!["2027-10-26", "2027-10-27"]);
    let opening = plan.slots.first().unwrap();
    assert_eq!(
        (opening.title.as_str(), opening.local_start.as_str()),
        ("Opening plenary", "09:00")
    );
    assert_eq!(plan.slots.len(), 8);
    assert!(plan
        .slots
        .iter()
        .any(|s| matches!(s.key, SlotKey::SideEvent(_)) && s.local_start == "13:30"));
}

#[tokio::test]
async fn checking_and_saving_a_side_event_warns_but_saves() {
    let (db, staff) = demo().await;
    let kanokwan = person(&db, "kanokwan.phromma@example.org").await;
    let clashing = form(
        "Migrant health at the forum",
        "2027-10-26",
        ("14:15", "15:00"),
        " main HALL ",
        kanokwan,
    );
    let warnings = forum_schedule::check(&db, FORUM, &clashing).await.unwrap();
    assert!(warnings.iter().any(
        |w| matches!(&w.clash, Clash::SameRoom { other, .. } if other.starts_with("Plenary 2"))
    ));
    assert!(warnings
        .iter()
        .any(|w| matches!(w.clash, Clash::MustAttend { .. })));
    assert!(warnings.iter().any(|w| w.person == "Kanokwan Phromma"));
    // Touching the end of another slot is no clash; another day is free.
    let free = form(
        "Early side event",
        "2027-10-27",
        ("08:00", "09:00"),
        "Room 3",
        kanokwan,
    );
    assert!(forum_schedule::check(&db, FORUM, &free)
        .await
        .unwrap()
        .is_empty());

    let before = events::Entity::find().count(&db).await.unwrap();
    let (slug, saved) = forum_schedule::create_side_event(&db, FORUM, &clashing, staff, now())
        .await
        .unwrap();
    assert_eq!(slug, "migrant-health-at-the-forum-2027");
    assert_eq!(saved.len(), warnings.len());
    assert_eq!(events::Entity::find().count(&db).await.unwrap(), before + 1);
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(slug.as_str()))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            event.kind.as_str(),
            event.venue_name.as_str(),
            event.timezone.as_str()
        ),
        ("side_event", "main HALL", "Asia/Singapore")
    );
    assert_eq!(
        event.starts_at,
        Utc.with_ymd_and_hms(2027, 10, 26, 6, 15, 0).unwrap()
    );
    // The new side event is now one of the slots the others clash with.
    let again = forum_schedule::check(&db, FORUM, &clashing).await.unwrap();
    assert!(again.iter().any(|w| matches!(&w.clash, Clash::SameRoom { other, .. } if other == "Migrant health at the forum")));
    let (slug2, _) = forum_schedule::create_side_event(&db, FORUM, &clashing, staff, now())
        .await
        .unwrap();
    assert_eq!(slug2, "migrant-health-at-the-forum-2027-2");
}

#[tokio::test]
async fn bad_side_event_forms_are_refused_and_change_nothing() {
    let (db, staff) = demo().await;
    let before = events::Entity::find().count(&db).await.unwrap();
    let cases = [
        (
            form("", "2027-10-26", ("10:00", "11:00"), "", 0),
            ("title", "required"),
        ),
        (
            form("X", "2027-10-26", ("11:00", "10:00"), "", 0),
            ("end", "ends-before-starts"),
        ),
        (
            form("X", "2027-12-01", ("10:00", "11:00"), "", 0),
            ("day", "day-outside-event"),
        ),
        (
            form("X", "26/10/2027", ("10:00", "11:00"), "", 0),
            ("day", "invalid-date"),
        ),
        (
            form("X", "2027-10-26", ("10h", "11:00"), "", 0),
            ("start", "invalid-time"),
        ),
    ];
    for (mut f, expected) in cases {
        f.speaker_1.clear();
        let err = forum_schedule::create_side_event(&db, FORUM, &f, staff, now())
            .await
            .unwrap_err();
        assert_eq!(
            validation(err),
            (expected.0.to_owned(), expected.1.to_owned())
        );
    }
    let unknown_speaker = form("X", "2027-10-26", ("10:00", "11:00"), "", 999_999);
    let err = forum_schedule::create_side_event(&db, FORUM, &unknown_speaker, staff, now())
        .await
        .unwrap_err();
    assert_eq!(validation(err).0, "speaker_1");
    assert_eq!(events::Entity::find().count(&db).await.unwrap(), before);
    assert_eq!(
        forum_schedule::check(
            &db,
            "no-such-forum",
            &form("X", "2027-10-26", ("10:00", "11:00"), "", 0)
        )
        .await
        .unwrap_err(),
        DomainError::NotFound
    );
}

#[tokio::test]
async fn host_sessions_and_other_side_events_are_entered_by_hand() {
    let (db, _) = demo().await;
    let other = ForumSessionForm {
        programme: "other".into(),
        title: "Fishers at sea".into(),
        day: "2027-10-27".into(),
        start: "09:00".into(),
        end: "10:00".into(),
        room: "Room 5".into(),
        ..Default::default()
    };
    let err = forum_schedule::add_forum_session(&db, FORUM, &other)
        .await
        .unwrap_err();
    assert_eq!(validation(err), ("organiser".into(), "required".into()));
    let other = ForumSessionForm {
        organiser: "Human Rights Working Group".into(),
        ..other
    };
    forum_schedule::add_forum_session(&db, FORUM, &other)
        .await
        .unwrap();
    let plenary = ForumSessionForm {
        programme: "host".into(),
        title: "Closing plenary".into(),
        day: "2027-10-27".into(),
        start: "16:00".into(),
        end: "17:00".into(),
        room: "Main hall".into(),
        must_attend: Some("on".into()),
        ..Default::default()
    };
    forum_schedule::add_forum_session(&db, FORUM, &plenary)
        .await
        .unwrap();
    let bad = ForumSessionForm {
        programme: "own".into(),
        ..plenary.clone()
    };
    assert_eq!(
        validation(
            forum_schedule::add_forum_session(&db, FORUM, &bad)
                .await
                .unwrap_err()
        )
        .0,
        "programme"
    );
    let late = form("Late", "2027-10-27", ("16:30", "17:30"), "Room 5", 0);
    let warnings = forum_schedule::check(
        &db,
        FORUM,
        &SideEventForm {
            speaker_1: String::new(),
            ..late
        },
    )
    .await
    .unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(
        matches!(&warnings[0].clash, Clash::MustAttend { other } if other == "Closing plenary")
    );
    let early = form("Early", "2027-10-27", ("09:30", "10:30"), "room 5", 0);
    let warnings = forum_schedule::check(
        &db,
        FORUM,
        &SideEventForm {
            speaker_1: String::new(),
            ..early
        },
    )
    .await
    .unwrap();
    assert!(
        matches!(&warnings[..], [w] if matches!(&w.clash, Clash::SameRoom { other, .. } if other == "Fishers at sea"))
    );
}

async fn recommendation_at(db: &DatabaseConnection, slug: &str, position: i32) -> i64 {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    recommendations::Entity::find()
        .filter(recommendations::Column::EventId.eq(event.id))
        .filter(recommendations::Column::Position.eq(position))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn recommendations_carry_over_with_their_history() {
    let (db, staff) = demo().await;
    let open = tracking::tracker(&db, &TrackerFilter::default())
        .await
        .unwrap();
    let fees_4th = recommendation_at(&db, "afml-4-2011", 2).await;
    let fees_5th = recommendation_at(&db, "afml-5-2012", 1).await;
    assert!(
        open.iter().all(|r| r.id != fees_4th),
        "carried ones are closed"
    );
    let carried = open.iter().find(|r| r.id == fees_5th).unwrap();
    assert_eq!(
        carried.carried_from,
        vec![(fees_4th, "4th ASEAN Forum on Migrant Labour".to_owned())]
    );
    let steps: Vec<_> = carried
        .history
        .iter()
        .map(|s| (s.status, s.noted_on))
        .collect();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        steps,
        vec![
            (TrackingStatus::Raised, day(2011, 10, 25)),
            (TrackingStatus::NoResponse, day(2012, 6, 30)),
            (TrackingStatus::Carried, day(2012, 10, 9)),
            (TrackingStatus::Raised, day(2012, 10, 9)),
            (TrackingStatus::Reflected, day(2012, 10, 10)),
        ]
    );
    assert_eq!(carried.status, Some(TrackingStatus::Reflected));
    assert_eq!(
        carried.bodies,
        vec![(Body::Afml, String::new()), (Body::Acmw, String::new())]
    );

    // Carry the 5th's second into the upcoming edition.
    let protection = recommendation_at(&db, "afml-5-2012", 2).await;
    let new_id = tracking::carry(&db, protection, FORUM, "To be raised again.", staff, now())
        .await
        .unwrap();
    let all = tracking::tracker(
        &db,
        &TrackerFilter {
            status: Some("all".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let old = all.iter().find(|r| r.id == protection).unwrap();
    assert_eq!(old.status, Some(TrackingStatus::Carried));
    assert_eq!(old.history.last().unwrap().noted_on, day(2027, 10, 26));
    assert_eq!(old.history.last().unwrap().note, "To be raised again.");
    let new = all.iter().find(|r| r.id == new_id).unwrap();
    assert_eq!(
        (new.event_slug.as_str(), new.number, new.status),
        (FORUM, 1, None)
    );
    assert!(new.is_open());
    assert_eq!(new.text, old.text);
    assert_eq!(new.bodies, old.bodies);
    assert_eq!(new.history.len(), 2);
    // Refusals: again into the same event, into an earlier one, into one that does not exist.
    let again = tracking::carry(&db, protection, FORUM, "", staff, now())
        .await
        .unwrap_err();
    assert_eq!(
        validation(again),
        ("target".into(), "already-carried".into())
    );
    let back = tracking::carry(&db, new_id, "afml-4-2011", "", staff, now())
        .await
        .unwrap_err();
    assert_eq!(validation(back), ("target".into(), "not-later".into()));
    let nowhere = tracking::carry(&db, new_id, "nowhere", "", staff, now())
        .await
        .unwrap_err();
    assert_eq!(
        validation(nowhere),
        ("target".into(), "unknown-event".into())
    );
    let count = recommendations::Entity::find().count(&db).await.unwrap();
    assert_eq!(count, 5);
}

#[tokio::test]
async fn dated_steps_and_the_trackers_filters() {
    let (db, staff) = demo().await;
    let passports = recommendation_at(&db, "afml-4-2011", 1).await;
    let step = |status: &str, on: &str, note: &str| StepForm {
        status: status.into(),
        noted_on: on.into(),
        note: note.into(),
    };
    for (bad, field) in [
        (step("forgotten", "2013-01-10", ""), "status"),
        (step("raised", "10/01/2013", ""), "noted_on"),
        (step("raised", "1890-01-10", ""), "noted_on"),
        (step("raised", "2013-01-10", &"x".repeat(5_000)), "note"),
        (step("raised", "2013-01-10", "bell \u{7}"), "note"),
    ] {
        let err = tracking::add_step(&db, passports, &bad, staff, now())
            .await
            .unwrap_err();
        assert_eq!(validation(err).0, field);
    }
    assert_eq!(
        tracking::add_step(
            &db,
            999_999,
            &step("raised", "2013-01-10", ""),
            staff,
            now()
        )
        .await
        .unwrap_err(),
        DomainError::NotFound
    );
    tracking::add_step(
        &db,
        passports,
        &step("implemented", "2013-05-01", "Law amended."),
        staff,
        now(),
    )
    .await
    .unwrap();
    let open = tracking::tracker(&db, &TrackerFilter::default())
        .await
        .unwrap();
    assert!(open.iter().all(|r| r.id != passports));
    let implemented = tracking::tracker(
        &db,
        &TrackerFilter {
            status: Some("implemented".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        implemented.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![passports]
    );
    assert_eq!(implemented[0].history.last().unwrap().note, "Law amended.");

    let slom = tracking::tracker(
        &db,
        &TrackerFilter {
            body: Some(Body::Slom),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(slom.len(), 1);
    assert_eq!(slom[0].event_slug, "afml-5-2012");
    let in_2011 = tracking::tracker(
        &db,
        &TrackerFilter {
            year: Some(2011),
            status: Some("all".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(in_2011.len(), 2);
    let afml = tracking::tracker(
        &db,
        &TrackerFilter {
            series: Some("afml".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(afml.len(), 2, "open AFML ones: the 5th's two");
    let elsewhere = tracking::tracker(
        &db,
        &TrackerFilter {
            series: Some("gfmd".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(elsewhere.is_empty());
    assert_eq!(
        validation(
            tracking::tracker(
                &db,
                &TrackerFilter {
                    status: Some("maybe".into()),
                    ..Default::default()
                }
            )
            .await
            .unwrap_err()
        )
        .0,
        "status"
    );
    tracking::add_body(&db, passports, "government", "Malaysia")
        .await
        .unwrap();
    tracking::add_body(&db, passports, "government", "Malaysia")
        .await
        .unwrap();
    assert_eq!(
        validation(
            tracking::add_body(&db, passports, "un", "")
                .await
                .unwrap_err()
        )
        .0,
        "body"
    );
    let all = tracking::tracker(
        &db,
        &TrackerFilter {
            status: Some("all".into()),
            body: Some(Body::Government),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(all[0].bodies.len(), 3);
}

#[tokio::test]
async fn the_series_page_lists_editions_side_events_and_published_recommendations() {
    let (db, _) = demo().await;
    let page = series::page(&db, "afml").await.unwrap();
    assert_eq!(page.name, "ASEAN Forum on Migrant Labour");
    let numbers: Vec<i32> = page.editions.iter().map(|e| e.number).collect();
    assert_eq!(numbers, vec![20, 5, 4]);
    let fifth = &page.editions[1];
    assert_eq!(
        (fifth.city.as_str(), fifth.country.as_str()),
        ("Siem Reap", "Cambodia")
    );
    assert!(fifth
        .theme
        .starts_with("Protection and Promotion of the Rights of Migrant Workers"));
    assert_eq!(fifth.recommendations.len(), 2);
    let fourth = &page.editions[2];
    assert_eq!(
        (fourth.local_start.as_str(), fourth.local_end.as_str()),
        ("2011-10-24", "2011-10-25")
    );
    assert_eq!(page.editions[0].side_events.len(), 2);
    assert!(
        page.editions[0].recommendations.is_empty(),
        "the upcoming edition's proceedings are not public"
    );
    assert_eq!(
        series::page(&db, "nope").await.unwrap_err(),
        DomainError::NotFound
    );
}

#[tokio::test]
async fn delegations_at_attended_events_and_in_a_persons_history() {
    let (db, _) = demo().await;
    let members = delegations::of_event(&db, "afml-4-2011").await.unwrap();
    assert_eq!(members.len(), 2);
    let kanokwan = person(&db, "kanokwan.phromma@example.org").await;
    let add = |id: i64, role: &str| MemberForm {
        person_id: id.to_string(),
        role: role.into(),
        presented: "Findings".into(),
        outcome: "Noted".into(),
    };
    let err = delegations::add(&db, "afml-4-2011", &add(kanokwan, "speaker"), now())
        .await
        .unwrap_err();
    assert_eq!(
        validation(err),
        ("person_id".into(), "already-in-delegation".into())
    );
    let err = delegations::add(&db, "afml-4-2011", &add(kanokwan, "chair"), now())
        .await
        .unwrap_err();
    assert_eq!(validation(err).0, "role");
    delegations::add(&db, FORUM, &add(kanokwan, "panelist"), now())
        .await
        .unwrap();
    let history = delegations::of_person(&db, kanokwan).await.unwrap();
    let slugs: Vec<&str> = history.iter().map(|m| m.event_slug.as_str()).collect();
    assert_eq!(slugs, vec!["afml-4-2011", "afml-5-2012", FORUM]);
    let last = history.last().unwrap();
    assert_eq!(
        (last.presented.as_str(), last.outcome.as_str()),
        ("Findings", "Noted")
    );
    delegations::remove(&db, FORUM, last.id).await.unwrap();
    assert_eq!(
        delegations::remove(&db, FORUM, last.id).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        delegations::of_person(&db, kanokwan).await.unwrap().len(),
        2
    );
}

/// The row `id` as the tracker shows it (whatever its status).
async fn tracked(db: &DatabaseConnection, id: i64) -> domain::forum_types::TrackedRecommendation {
    tracking::tracker(
        db,
        &TrackerFilter {
            status: Some("all".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .into_iter()
    .find(|r| r.id == id)
    .unwrap()
}

/// The ids of the row's own steps, oldest first.
fn own_steps(r: &domain::forum_types::TrackedRecommendation) -> Vec<(i64, TrackingStatus)> {
    r.history
        .iter()
        .filter(|s| s.recommendation_id == r.id)
        .map(|s| (s.id, s.status))
        .collect()
}

#[tokio::test]
async fn steps_are_corrected_and_removed_and_the_status_follows_the_latest() {
    let (db, staff) = demo().await;
    let fees_4th = recommendation_at(&db, "afml-4-2011", 2).await;
    let fees_5th = recommendation_at(&db, "afml-5-2012", 1).await;
    let before = tracked(&db, fees_5th).await;
    let [(raised, TrackingStatus::Raised), (reflected, TrackingStatus::Reflected)] =
        own_steps(&before)[..]
    else {
        panic!(
            "the demo's 5th: raised, then reflected: {:?}",
            own_steps(&before)
        );
    };
    let step = |status: &str, on: &str, note: &str| StepForm {
        status: status.into(),
        noted_on: on.into(),
        note: note.into(),
    };
    // Refused input names its field and changes nothing.
    for (bad, field, message) in [
        (step("maybe", "2012-10-11", ""), "status", "invalid-choice"),
        (step("", "2012-10-11", ""), "status", "invalid-choice"),
        (
            step("reflected", "11/10/2012", ""),
            "noted_on",
            "invalid-date",
        ),
        (step("reflected", "", ""), "noted_on", "required"),
        (
            step("reflected", "2031-01-01", ""),
            "noted_on",
            "invalid-date",
        ),
        (
            step("reflected", "2012-10-11", "bell \u{7}"),
            "note",
            "invalid-characters",
        ),
        (step("carried", "2012-10-11", ""), "status", "carried-step"),
    ] {
        let err = tracking::edit_step(&db, fees_5th, reflected, &bad, staff, now())
            .await
            .unwrap_err();
        assert_eq!(validation(err), (field.into(), message.into()), "{bad:?}");
    }
    assert_eq!(tracked(&db, fees_5th).await, before);
    // A step of another row, or none at all, is not found, whichever row is named.
    let fourth = tracked(&db, fees_4th).await;
    let (carried, _) = *own_steps(&fourth).last().unwrap();
    for (row, step_id) in [
        (fees_4th, reflected),
        (fees_5th, carried),
        (fees_5th, 999_999),
    ] {
        let form = step("raised", "2012-10-11", "");
        let edit = tracking::edit_step(&db, row, step_id, &form, staff, now());
        assert_eq!(edit.await.unwrap_err(), DomainError::NotFound);
        assert_eq!(
            tracking::remove_step(&db, row, step_id).await.unwrap_err(),
            DomainError::NotFound
        );
    }
    assert_eq!(tracked(&db, fees_4th).await, fourth);
    assert_eq!(tracked(&db, fees_5th).await, before);

    // Dated before the raising, the reflection is no longer the latest step.
    tracking::edit_step(
        &db,
        fees_5th,
        reflected,
        &step("reflected", "2012-10-01", " Partly, in the Consensus. "),
        staff,
        now(),
    )
    .await
    .unwrap();
    let after = tracked(&db, fees_5th).await;
    assert_eq!(after.status, Some(TrackingStatus::Raised));
    let edited = after.history.iter().find(|s| s.id == reflected).unwrap();
    assert_eq!(
        (edited.noted_on, edited.note.as_str()),
        (
            NaiveDate::from_ymd_opt(2012, 10, 1).unwrap(),
            "Partly, in the Consensus."
        )
    );
    // Status changed to dropped: closed.
    tracking::edit_step(
        &db,
        fees_5th,
        raised,
        &step("dropped", "2012-10-09", ""),
        staff,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        tracked(&db, fees_5th).await.status,
        Some(TrackingStatus::Dropped)
    );
    assert!(!tracked(&db, fees_5th).await.is_open());

    // The carry's step keeps its status and stays while the copy exists; its day and note
    // may be corrected.
    let err = tracking::edit_step(
        &db,
        fees_4th,
        carried,
        &step("raised", "2012-10-09", ""),
        staff,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(validation(err), ("status".into(), "carried-step".into()));
    let err = tracking::remove_step(&db, fees_4th, carried)
        .await
        .unwrap_err();
    assert_eq!(validation(err), ("step".into(), "carried-step".into()));
    tracking::edit_step(
        &db,
        fees_4th,
        carried,
        &step("carried", "2012-10-08", "Brought to Siem Reap."),
        staff,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        tracked(&db, fees_4th).await.status,
        Some(TrackingStatus::Carried)
    );

    // Removing the copy's own steps leaves it open, with the earlier row's history and link.
    tracking::remove_step(&db, fees_5th, raised).await.unwrap();
    assert_eq!(
        tracked(&db, fees_5th).await.status,
        Some(TrackingStatus::Reflected)
    );
    tracking::remove_step(&db, fees_5th, reflected)
        .await
        .unwrap();
    let copy = tracked(&db, fees_5th).await;
    assert_eq!(copy.status, None);
    assert!(copy.is_open());
    assert_eq!(copy.carried_from, before.carried_from);
    let kept: Vec<_> = copy
        .history
        .iter()
        .map(|s| (s.recommendation_id, s.status, s.note.as_str()))
        .collect();
    assert_eq!(
        kept,
        vec![
            (fees_4th, TrackingStatus::Raised, "Raised at the 4th AFML."),
            (
                fees_4th,
                TrackingStatus::NoResponse,
                "No response from the governments by mid-2012."
            ),
            (fees_4th, TrackingStatus::Carried, "Brought to Siem Reap."),
        ]
    );
    assert_eq!(
        tracked(&db, fees_4th).await.status,
        Some(TrackingStatus::Carried)
    );
}

#[tokio::test]
async fn bodies_are_corrected_and_removed() {
    let (db, _) = demo().await;
    let fees_4th = recommendation_at(&db, "afml-4-2011", 2).await;
    let fees_5th = recommendation_at(&db, "afml-5-2012", 1).await;
    tracking::add_body(&db, fees_5th, "government", "Thailand")
        .await
        .unwrap();
    tracking::add_body(&db, fees_5th, "government", "Malaysia")
        .await
        .unwrap();
    let row = tracked(&db, fees_5th).await;
    let id_of = |r: &domain::forum_types::TrackedRecommendation, detail: &str| {
        r.bodies
            .iter()
            .zip(&r.body_ids)
            .find(|((_, d), _)| d == detail)
            .map(|(_, id)| *id)
            .unwrap()
    };
    let malaysia = id_of(&row, "Malaysia");
    let acmw = row.body_ids[1];
    assert_eq!(row.bodies[1], (Body::Acmw, String::new()));
    // Refusals name the detail and change nothing.
    for (detail, message) in [
        ("Thailand", "already-addressed"),
        (" Thailand ", "already-addressed"),
        (&"x".repeat(201)[..], "too-long"),
        ("tab\u{1}", "invalid-characters"),
    ] {
        let err = tracking::edit_body(&db, fees_5th, malaysia, detail)
            .await
            .unwrap_err();
        assert_eq!(validation(err), ("detail".into(), message.into()));
    }
    assert_eq!(tracked(&db, fees_5th).await, row);
    // Another row's body, or none, is not found.
    let fourth = tracked(&db, fees_4th).await;
    for (rec, body) in [
        (fees_4th, malaysia),
        (fees_5th, fourth.body_ids[0]),
        (fees_5th, 999_999),
    ] {
        assert_eq!(
            tracking::edit_body(&db, rec, body, "Lao PDR")
                .await
                .unwrap_err(),
            DomainError::NotFound
        );
        assert_eq!(
            tracking::remove_body(&db, rec, body).await.unwrap_err(),
            DomainError::NotFound
        );
    }
    assert_eq!(tracked(&db, fees_4th).await, fourth);
    tracking::edit_body(&db, fees_5th, malaysia, "  Lao PDR ")
        .await
        .unwrap();
    tracking::edit_body(&db, fees_5th, acmw, "Secretariat")
        .await
        .unwrap();
    tracking::remove_body(&db, fees_5th, id_of(&row, "Thailand"))
        .await
        .unwrap();
    let after = tracked(&db, fees_5th).await;
    assert_eq!(
        after.bodies,
        vec![
            (Body::Afml, String::new()),
            (Body::Acmw, "Secretariat".to_owned()),
            (Body::Government, "Lao PDR".to_owned()),
        ]
    );
    // The earlier row keeps its own bodies.
    assert_eq!(tracked(&db, fees_4th).await.bodies, fourth.bodies);
    let slom = tracking::tracker(
        &db,
        &TrackerFilter {
            body: Some(Body::Government),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(slom.iter().any(|r| r.id == fees_5th));
}
