//! Agenda editing: sessions, their people, copies, moves and the warnings a coordinator sees.
use chrono::{TimeZone, Utc};
use domain::forms::{AgendaWarning, SessionForm};
use domain::service::agenda::{by_slug, Viewer};
use domain::service::event_admin::{
    add_session, add_session_person, agenda_warnings, copy_agenda, create_event, delete_session, duplicate_session,
    move_session, remove_session_person, update_session,
};
use domain::types::{AgendaSession, EventId, SessionRole};
use domain::DomainError;
use entities::{event_sessions, session_roles};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::{add_person, form, invalid, now, setup};

fn slot(day: &str, start: &str, end: &str, title: &str, room: &str) -> SessionForm {
    SessionForm {
        day: day.into(),
        start: start.into(),
        end: end.into(),
        kind: "presentation".into(),
        title: title.into(),
        room: room.into(),
        ..Default::default()
    }
}

async fn sessions_of(db: &DatabaseConnection, slug: &str) -> Vec<AgendaSession> {
    by_slug(db, slug, Viewer::Staff).await.unwrap().sessions
}

async fn session_count(db: &DatabaseConnection) -> u64 {
    event_sessions::Entity::find().count(db).await.unwrap()
}

#[tokio::test]
async fn sessions_are_checked_and_stored_in_utc() {
    let (db, by) = setup().await;
    let event = create_event(&db, &form("Consultation"), by, now()).await.unwrap().id;
    let id = add_session(&db, event, &slot("2018-01-13", "09:00", "10:30", "Opening", "")).await.unwrap();
    let stored = event_sessions::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!(stored.starts_at, Utc.with_ymd_and_hms(2018, 1, 13, 2, 30, 0).unwrap());
    assert_eq!(stored.ends_at, Utc.with_ymd_and_hms(2018, 1, 13, 4, 0, 0).unwrap());
    let cases = [
        (slot("2018-01-13", "10:00", "09:00", "T", ""), "end", "ends-before-starts"),
        (slot("2018-01-13", "10:00", "10:00", "T", ""), "end", "ends-before-starts"),
        (slot("2018-13-01", "09:00", "10:00", "T", ""), "day", "invalid-date"),
        (slot("", "09:00", "10:00", "T", ""), "day", "required"),
        (slot("2018-01-13", "9h", "10:00", "T", ""), "start", "invalid-time"),
        (slot("2018-01-13", "09:00", "25:00", "T", ""), "end", "invalid-time"),
        (slot("2018-01-13", "09:00", "10:00", " ", ""), "title", "required"),
        (SessionForm { kind: "nap".into(), ..slot("2018-01-13", "09:00", "10:00", "T", "") }, "kind", "invalid-choice"),
    ];
    for (bad, field, message) in cases {
        assert_eq!(add_session(&db, event, &bad).await, Err(invalid(field, message)), "add {field}");
        assert_eq!(update_session(&db, id, &bad).await, Err(invalid(field, message)), "update {field}");
    }
    assert_eq!(session_count(&db).await, 1);
    assert_eq!(event_sessions::Entity::find_by_id(id).one(&db).await.unwrap().unwrap(), stored);
    update_session(&db, id, &slot("2018-01-13", "09:15", "10:30", "Welcome", "Hall")).await.unwrap();
    let sessions = sessions_of(&db, "consultation").await;
    assert_eq!((sessions[0].local_start.as_str(), sessions[0].title.as_str()), ("09:15", "Welcome"));

    let missing = slot("2018-01-13", "09:00", "10:00", "T", "");
    assert_eq!(add_session(&db, EventId(999), &missing).await, Err(DomainError::NotFound));
    assert_eq!(update_session(&db, 999, &missing).await, Err(DomainError::NotFound));
    assert_eq!(delete_session(&db, 999).await, Err(DomainError::NotFound));
    assert_eq!(duplicate_session(&db, 999).await, Err(DomainError::NotFound));
    assert_eq!(move_session(&db, 999, "2018-01-13", "09:00").await, Err(DomainError::NotFound));
    assert_eq!(agenda_warnings(&db, EventId(999)).await, Err(DomainError::NotFound));
    delete_session(&db, id).await.unwrap();
    assert_eq!(session_count(&db).await, 0);
}

#[tokio::test]
async fn overlaps_and_sessions_outside_the_event_are_warned_about() {
    let (db, by) = setup().await;
    // 13 Jan 09:00 to 14 Jan 17:00, Yangon.
    let event = create_event(&db, &form("Consultation"), by, now()).await.unwrap().id;
    let add = |form: SessionForm| {
        let db = &db;
        async move { add_session(db, event, &form).await.unwrap() }
    };
    let panel = add(slot("2018-01-13", "09:00", "10:30", "Panel", "Hall A")).await;
    let talk = add(slot("2018-01-13", "10:00", "11:00", "Talk", " hall a ")).await;
    add(slot("2018-01-13", "10:00", "11:00", "Group work", "")).await;
    add(slot("2018-01-13", "10:30", "11:00", "Q&A", "Hall B")).await;
    add(slot("2018-01-13", "11:00", "12:00", "Report-back", "Hall B")).await;
    let early = add(slot("2018-01-13", "08:00", "08:45", "Registration", "Lobby")).await;
    let late = add(slot("2018-01-14", "16:30", "17:30", "Dinner", "Lobby")).await;
    let ma = add_person(&db, "Ma Thida").await;
    let other = add_person(&db, "Somchai").await;
    add_session_person(&db, panel, ma, SessionRole::Panelist).await.unwrap();
    add_session_person(&db, panel, ma, SessionRole::Moderator).await.unwrap();
    add_session_person(&db, talk, ma, SessionRole::Speaker).await.unwrap();
    add_session_person(&db, late, other, SessionRole::Speaker).await.unwrap();
    assert_eq!(
        agenda_warnings(&db, event).await.unwrap(),
        [
            AgendaWarning::PersonDoubleBooked { person: "Ma Thida".into(), sessions: (panel, talk) },
            AgendaWarning::RoomDoubleBooked { room: "Hall A".into(), sessions: (panel, talk) },
            AgendaWarning::OutsideEvent { session: early },
            AgendaWarning::OutsideEvent { session: late },
        ]
    );
    // A person's roles are listed in the order they were given and can be taken away one by one.
    remove_session_person(&db, talk, ma, SessionRole::Speaker).await.unwrap();
    assert_eq!(remove_session_person(&db, talk, ma, SessionRole::Speaker).await, Err(DomainError::NotFound));
    assert_eq!(add_session_person(&db, talk, 999, SessionRole::Speaker).await, Err(DomainError::NotFound));
    assert_eq!(add_session_person(&db, 999, ma, SessionRole::Speaker).await, Err(DomainError::NotFound));
    let warnings = agenda_warnings(&db, event).await.unwrap();
    assert!(!warnings.iter().any(|w| matches!(w, AgendaWarning::PersonDoubleBooked { .. })));
    let people = &sessions_of(&db, "consultation").await[1].people;
    let roles: Vec<SessionRole> = people.iter().map(|p| p.role).collect();
    assert_eq!(roles, [SessionRole::Panelist, SessionRole::Moderator]);
}

#[tokio::test]
async fn duplicate_and_move_keep_people_and_length() {
    let (db, by) = setup().await;
    let event = create_event(&db, &form("Consultation"), by, now()).await.unwrap().id;
    let panel = add_session(&db, event, &slot("2018-01-13", "09:00", "10:30", "Panel", "Hall A")).await.unwrap();
    let (a, b) = (add_person(&db, "Ma Thida").await, add_person(&db, "Sokha").await);
    add_session_person(&db, panel, a, SessionRole::Moderator).await.unwrap();
    add_session_person(&db, panel, b, SessionRole::Panelist).await.unwrap();
    let copy = duplicate_session(&db, panel).await.unwrap();
    let sessions = sessions_of(&db, "consultation").await;
    let times = |s: &AgendaSession| (s.local_day.clone(), s.local_start.clone(), s.local_end.clone());
    assert_eq!(sessions[1].id, copy);
    assert_eq!(times(&sessions[1]), ("2018-01-13".into(), "10:30".into(), "12:00".into()));
    assert_eq!((sessions[1].title.as_str(), sessions[1].room.as_str()), ("Panel", "Hall A"));
    assert_eq!(sessions[1].people, sessions[0].people);
    assert_eq!(sessions[1].people.len(), 2);

    move_session(&db, copy, "2018-01-14", "14:00").await.unwrap();
    let moved = sessions_of(&db, "consultation").await.into_iter().find(|s| s.id == copy).unwrap();
    assert_eq!(times(&moved), ("2018-01-14".into(), "14:00".into(), "15:30".into()));
    assert_eq!(move_session(&db, copy, "14/01/2018", "14:00").await, Err(invalid("day", "invalid-date")));
    assert_eq!(move_session(&db, copy, "2018-01-14", "2pm").await, Err(invalid("start", "invalid-time")));
    delete_session(&db, copy).await.unwrap();
    let left = session_roles::Entity::find().filter(session_roles::Column::SessionId.eq(copy)).count(&db);
    assert_eq!(left.await.unwrap(), 0);
}

#[tokio::test]
async fn an_agenda_is_copied_to_next_years_event() {
    let (db, by) = setup().await;
    let mut last = form("Training 2017");
    (last.timezone, last.starts_at, last.ends_at) = ("Asia/Bangkok".into(), "2017-06-04T09:00".into(), "2017-06-06T17:00".into());
    let last = create_event(&db, &last, by, now()).await.unwrap().id;
    // A year later, three days from a Wednesday, and in Yangon: local times stay as they were.
    let mut next = form("Training 2018");
    (next.starts_at, next.ends_at) = ("2018-06-06T09:00".into(), "2018-06-08T17:00".into());
    let next = create_event(&db, &next, by, now()).await.unwrap().id;
    let trainer = add_person(&db, "Nguyen Thi Lan").await;
    for (day, title) in [("2017-06-04", "Opening"), ("2017-06-05", "Group work"), ("2017-06-06", "Closing")] {
        let id = add_session(&db, last, &slot(day, "09:00", "12:00", title, "Room 1")).await.unwrap();
        add_session_person(&db, id, trainer, SessionRole::Facilitator).await.unwrap();
    }
    assert_eq!(copy_agenda(&db, last, next).await, Ok(3));
    let copied = sessions_of(&db, "training-2018").await;
    let days: Vec<(&str, &str, &str)> =
        copied.iter().map(|s| (s.local_day.as_str(), s.local_start.as_str(), s.title.as_str())).collect();
    assert_eq!(
        days,
        [("2018-06-06", "09:00", "Opening"), ("2018-06-07", "09:00", "Group work"), ("2018-06-08", "09:00", "Closing")]
    );
    assert!(copied.iter().all(|s| s.people.len() == 1 && s.people[0].name == "Nguyen Thi Lan"));
    assert_eq!(agenda_warnings(&db, next).await, Ok(vec![]));
    assert_eq!(copy_agenda(&db, last, next).await, Err(invalid("agenda", "agenda-not-empty")));
    assert_eq!(copy_agenda(&db, last, EventId(999)).await, Err(DomainError::NotFound));
    assert_eq!(copy_agenda(&db, EventId(999), next).await, Err(DomainError::NotFound));

    // All or nothing: with the people table broken, no session is copied either.
    let third = create_event(&db, &form("Training 2019"), by, now()).await.unwrap().id;
    db.execute_unprepared("DROP TABLE session_roles").await.unwrap();
    assert_eq!(copy_agenda(&db, last, third).await, Err(DomainError::Internal));
    let count = event_sessions::Entity::find().filter(event_sessions::Column::EventId.eq(third.0)).count(&db);
    assert_eq!(count.await.unwrap(), 0);
}
