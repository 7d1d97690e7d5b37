//! Attendance (`service::attendance`, `service::attendance_report`) on the demo data in a
//! migrated database: SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
//! The demo training "Advocacy with ASEAN" runs 4-8 June 2016 in Bangkok with 17 trainees
//! (and 4 organisers and resource persons) on its roster; every trainee signed the daily
//! sheet except Prasert on 6 June and Keo Sreymom on 8 June.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use domain::attendance_types::{AttendanceSlot, WalkInForm};
use domain::participant_types::RosterOrder;
use domain::service::{attendance, attendance_report, db, testing::fresh_db};
use domain::types::{Role, UserId};
use domain::DomainError;
use entities::{attendance as marks, event_sessions, people, registrations};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

mod fixtures;

const TRAINING: &str = "advocacy-with-asean-2016";
const OTHER: &str = "sez-consultation-yangon-2018";
const D1: &str = "2016-06-04";
const D2: &str = "2016-06-05";
const D3: &str = "2016-06-06";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

async fn demo(db: &DatabaseConnection) -> UserId {
    migration::seed::load_demo(db).await.unwrap();
    fixtures::staff(
        db,
        "staff@example.org",
        "Door Staff",
        "a-long-password",
        Role::Staff,
        now(),
    )
    .await
}

/// The registration id of the roster line whose Latin name starts with `name`.
async fn registration(db: &DatabaseConnection, slug: &str, name: &str) -> i64 {
    attendance::sheet(db, slug, None, RosterOrder::Name, now())
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.roster.name_latin.starts_with(name))
        .unwrap_or_else(|| panic!("{name} on the roster of {slug}"))
        .roster
        .registration_id
}

async fn rows_for(db: &DatabaseConnection, registration_id: i64) -> Vec<marks::Model> {
    marks::Entity::find()
        .filter(marks::Column::RegistrationId.eq(registration_id))
        .all(db)
        .await
        .unwrap()
}

async fn present(db: &DatabaseConnection, slot: &str) -> BTreeSet<i64> {
    attendance::sheet(db, TRAINING, Some(slot), RosterOrder::Name, now())
        .await
        .unwrap()
        .rows
        .into_iter()
        .filter(|r| r.present)
        .map(|r| r.roster.registration_id)
        .collect()
}

async fn session_on(db: &DatabaseConnection, day: &str) -> String {
    let sheet = attendance::sheet(db, TRAINING, None, RosterOrder::Name, now())
        .await
        .unwrap();
    let day = AttendanceSlot::parse(day).unwrap().day;
    let session = sheet.sessions.iter().find(|s| s.day == day).unwrap();
    AttendanceSlot {
        day,
        session_id: Some(session.id),
    }
    .as_param()
}

#[tokio::test]
async fn the_same_tap_twice_leaves_one_mark_and_undo_twice_leaves_none() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let prasert = registration(&db, TRAINING, "Prasert").await;
    let before = rows_for(&db, prasert).await.len();
    assert_eq!(before, 4, "absent on 6 June");

    for _ in 0..2 {
        let state = attendance::set(&db, TRAINING, prasert, D3, true, staff, now()).await;
        assert_eq!(state, Ok(true));
    }
    let rows = rows_for(&db, prasert).await;
    assert_eq!(rows.len(), 5);
    let mark = rows.iter().find(|m| m.day.to_string() == D3).unwrap();
    assert_eq!((mark.session_id, mark.recorded_by), (None, Some(staff.0)));
    assert!(present(&db, D3).await.contains(&prasert));

    // A session mark is its own mark; unmarking the day leaves it.
    let session = session_on(&db, D3).await;
    attendance::set(&db, TRAINING, prasert, &session, true, staff, now())
        .await
        .unwrap();
    for _ in 0..2 {
        let state = attendance::set(&db, TRAINING, prasert, D3, false, staff, now()).await;
        assert_eq!(state, Ok(false));
    }
    let rows = rows_for(&db, prasert).await;
    assert_eq!(rows.len(), 5, "four other days and the session");
    assert!(rows
        .iter()
        .all(|m| m.day.to_string() != D3 || m.session_id.is_some()));
    assert!(!present(&db, D3).await.contains(&prasert));
}

async fn concurrent_taps(db: &DatabaseConnection) {
    let staff = demo(db).await;
    let prasert = registration(db, TRAINING, "Prasert").await;
    let (a, b) = tokio::join!(
        attendance::set(db, TRAINING, prasert, D3, true, staff, now()),
        attendance::set(db, TRAINING, prasert, D3, true, staff, now()),
    );
    assert_eq!((a, b), (Ok(true), Ok(true)));
    // And from separate tasks (separate connections of the pool).
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                let session = session_on(&db, D3).await;
                attendance::set(&db, TRAINING, prasert, &session, true, staff, now()).await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), Ok(true));
    }
    let on_d3: Vec<_> = rows_for(db, prasert)
        .await
        .into_iter()
        .filter(|m| m.day.to_string() == D3)
        .collect();
    assert_eq!(on_d3.len(), 2, "one whole-day mark and one session mark");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_taps_for_one_person_leave_one_mark() {
    let db = fresh_db().await.unwrap();
    concurrent_taps(&db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_taps_leave_one_mark_on_a_sqlite_file() {
    let dir = std::env::temp_dir().join(format!("sala-attendance-{}", std::process::id()));
    // Process ids come round again: never start from a file an earlier run left behind.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = db::connect_migrated(&format!("sqlite://{}/x.db?mode=rwc", dir.display()))
        .await
        .unwrap();
    concurrent_taps(&db).await;
    db.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn wrong_people_days_and_sessions_are_refused_and_change_nothing() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let prasert = registration(&db, TRAINING, "Prasert").await;
    let stranger = registration(&db, OTHER, "").await;
    let all = marks::Entity::find().count(&db).await.unwrap();
    let other_day_session = session_on(&db, D1).await;
    let cases = [
        (999_999, D3, "registration", "unknown-registration"),
        (stranger, D3, "registration", "unknown-registration"),
        (prasert, "2016-06-09", "slot", "day-outside-event"),
        (prasert, "not-a-day", "slot", "invalid-date"),
        (prasert, "2016-06-06@999999", "slot", "unknown-session"),
    ];
    for (id, slot, field, message) in cases {
        for wanted in [true, false] {
            let refused = attendance::set(&db, TRAINING, id, slot, wanted, staff, now()).await;
            assert_eq!(refused, Err(DomainError::validation(field, message)));
        }
    }
    // A real session, but of another day.
    let moved = other_day_session.replace(D1, D3);
    let refused = attendance::set(&db, TRAINING, prasert, &moved, true, staff, now()).await;
    assert_eq!(
        refused,
        Err(DomainError::validation("slot", "unknown-session"))
    );
    assert_eq!(
        attendance::set(&db, "no-such-event", prasert, D3, true, staff, now()).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(marks::Entity::find().count(&db).await.unwrap(), all);
}

#[tokio::test]
async fn a_paper_sheet_replaces_the_marks_of_its_day_only() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let d2_before = present(&db, D2).await;
    assert_eq!(d2_before.len(), 17);
    let d1_before = present(&db, D1).await;
    let session = session_on(&db, D2).await;
    let first = *d2_before.iter().next().unwrap();
    attendance::set(&db, TRAINING, first, &session, true, staff, now())
        .await
        .unwrap();

    // Three trainees kept, and one organiser (on the roster, not yet marked) added.
    let organiser = registration(&db, TRAINING, "Kanokwan").await;
    let mut ticked: BTreeSet<i64> = d2_before.iter().copied().take(3).collect();
    ticked.insert(organiser);
    attendance::save_sheet(&db, TRAINING, D2, &ticked, staff, now())
        .await
        .unwrap();
    assert_eq!(present(&db, D2).await, ticked);
    assert_eq!(present(&db, D1).await, d1_before, "other days untouched");
    assert_eq!(
        present(&db, &session).await,
        BTreeSet::from([first]),
        "the session's own mark is untouched"
    );
    // Saving the same sheet again changes nothing.
    attendance::save_sheet(&db, TRAINING, D2, &ticked, staff, now())
        .await
        .unwrap();
    assert_eq!(present(&db, D2).await, ticked);

    // Someone of another event on the sheet: refused as a whole, nothing saved.
    let stranger = registration(&db, OTHER, "").await;
    let refused =
        attendance::save_sheet(&db, TRAINING, D2, &BTreeSet::from([stranger]), staff, now()).await;
    assert_eq!(
        refused,
        Err(DomainError::validation(
            "registration",
            "unknown-registration"
        ))
    );
    assert_eq!(present(&db, D2).await, ticked);
}

#[tokio::test]
async fn a_walk_in_becomes_a_person_a_registration_and_a_mark_at_once() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let counts = async |db: &DatabaseConnection| {
        [
            people::Entity::find().count(db).await.unwrap(),
            registrations::Entity::find().count(db).await.unwrap(),
            marks::Entity::find().count(db).await.unwrap(),
        ]
    };
    let before = counts(&db).await;
    let form = WalkInForm {
        name_latin: "Thida Win".into(),
        name_native: "သီတာဝင်း".into(),
        organisation: "Mae Sot Migrant Women's Group".into(),
        country_code: "mm".into(),
        gender: "female".into(),
    };
    let bad = WalkInForm {
        gender: "unknown".into(),
        ..form.clone()
    };
    assert_eq!(
        attendance::walk_in(&db, TRAINING, D3, &bad, staff, now()).await,
        Err(DomainError::validation("gender", "invalid-choice"))
    );
    let no_name = WalkInForm {
        name_latin: " ".into(),
        ..form.clone()
    };
    assert!(
        attendance::walk_in(&db, TRAINING, D3, &no_name, staff, now())
            .await
            .is_err()
    );
    assert_eq!(counts(&db).await, before, "refusals create nothing");

    // The training is over capacity already (21 confirmed for 20 places): walk-ins still come in.
    let id = attendance::walk_in(&db, TRAINING, D3, &form, staff, now())
        .await
        .unwrap();
    let [p, r, m] = before;
    assert_eq!(counts(&db).await, [p + 1, r + 1, m + 1]);
    let registration = registrations::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(registration.walk_in);
    assert_eq!(registration.status, "confirmed");
    let person = people::Entity::find_by_id(registration.person_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (person.gender.as_deref(), person.country_code.as_deref()),
        (Some("female"), Some("MM"))
    );
    assert!(!person.public_name_consent);
    let sheet = attendance::sheet(&db, TRAINING, Some(D3), RosterOrder::Name, now())
        .await
        .unwrap();
    let row = sheet
        .rows
        .iter()
        .find(|r| r.roster.registration_id == id)
        .expect("on the roster");
    assert!(row.present && row.walk_in);
    assert_eq!(row.roster.name_native, "သီတာဝင်း");
}

#[tokio::test]
async fn statistics_count_people_per_day_session_and_group() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let stats = attendance_report::stats(&db, TRAINING, D3).await.unwrap();
    let per_day: Vec<u32> = stats.per_day.iter().map(|(_, n)| *n).collect();
    assert_eq!(per_day, [17, 17, 16, 17, 16]);
    assert_eq!(stats.selected.total, 16);
    assert_eq!(stats.overall.total, 17);
    for breakdown in [&stats.selected, &stats.overall] {
        for groups in [
            &breakdown.by_country,
            &breakdown.by_gender,
            &breakdown.by_sector,
        ] {
            assert_eq!(groups.iter().map(|(_, n)| n).sum::<u32>(), breakdown.total);
        }
    }
    assert!(stats
        .overall
        .by_country
        .iter()
        .any(|(c, _)| c == "Cambodia"));
    assert!(stats.per_session.iter().all(|(_, n)| *n == 0));

    // Prasert came to one session on 6 June: that day now counts him, and so does the session.
    let prasert = registration(&db, TRAINING, "Prasert").await;
    let session = session_on(&db, D3).await;
    attendance::set(&db, TRAINING, prasert, &session, true, staff, now())
        .await
        .unwrap();
    let stats = attendance_report::stats(&db, TRAINING, &session)
        .await
        .unwrap();
    assert_eq!(stats.per_day[2].1, 17);
    assert_eq!(stats.selected.total, 1);
    assert_eq!(stats.selected.by_country, [("Thailand".to_owned(), 1)]);
    assert_eq!(stats.selected.by_gender, [("male".to_owned(), 1)]);
    let session_id = AttendanceSlot::parse(&session).unwrap().session_id;
    let counted: Vec<u32> = stats
        .per_session
        .iter()
        .filter(|(s, _)| Some(s.id) == session_id)
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(counted, [1]);
    // Breaks and meals are not attendance slots.
    let breaks = event_sessions::Entity::find()
        .filter(event_sessions::Column::Kind.is_in(["break", "meal"]))
        .all(&db)
        .await
        .unwrap();
    assert!(stats
        .per_session
        .iter()
        .all(|(s, _)| breaks.iter().all(|b| b.id != s.id)));
}

#[tokio::test]
async fn the_cohort_applies_the_completion_rule() {
    let db = fresh_db().await.unwrap();
    let staff = demo(&db).await;
    let cohort = attendance_report::cohort(&db, TRAINING).await.unwrap();
    assert_eq!(cohort.total_days, 5);
    assert_eq!(cohort.completion_percent, 80);
    assert_eq!(cohort.rows.len(), 17, "trainees only");
    assert_eq!(
        cohort.completed_count, 17,
        "everyone attended 4 or 5 of 5 days"
    );
    let prasert = cohort
        .rows
        .iter()
        .find(|r| r.roster.name_latin.starts_with("Prasert"))
        .unwrap();
    assert_eq!((prasert.days_present, prasert.completed), (4, true));

    assert_eq!(
        attendance_report::set_completion_percent(&db, TRAINING, "100").await,
        Ok(100)
    );
    let cohort = attendance_report::cohort(&db, TRAINING).await.unwrap();
    assert_eq!(cohort.completed_count, 15);

    // Prasert attended one session on 6 June: that day counts.
    let id = prasert.roster.registration_id;
    let session = session_on(&db, D3).await;
    attendance::set(&db, TRAINING, id, &session, true, staff, now())
        .await
        .unwrap();
    let cohort = attendance_report::cohort(&db, TRAINING).await.unwrap();
    assert_eq!(cohort.completed_count, 16);

    // Now drop him from two days: 3 of 5 does not complete at 80 %.
    attendance_report::set_completion_percent(&db, TRAINING, "80")
        .await
        .unwrap();
    for day in [D1, D2] {
        attendance::set(&db, TRAINING, id, day, false, staff, now())
            .await
            .unwrap();
    }
    let cohort = attendance_report::cohort(&db, TRAINING).await.unwrap();
    let row = cohort
        .rows
        .iter()
        .find(|r| r.roster.registration_id == id)
        .unwrap();
    assert_eq!((row.days_present, row.completed), (3, false));
    assert_eq!(cohort.completed_count, 16);

    for bad in ["0", "101", "eighty", ""] {
        assert!(
            attendance_report::set_completion_percent(&db, TRAINING, bad)
                .await
                .is_err()
        );
    }
    assert_eq!(
        attendance_report::cohort(&db, TRAINING)
            .await
            .unwrap()
            .completion_percent,
        80
    );
}
