//! Agenda editing: sessions, their people, copies, moves and the warnings a coordinator sees.
use chrono::{TimeZone, Utc};
use domain::forms::{AgendaWarning, SessionForm};
use domain::service::agenda::{by_slug, Viewer};
use domain::service::event_admin::{
    add_session, add_session_person, agenda_warnings, create_event, delete_session,
    duplicate_session, move_session, remove_session_person, update_session,
};
use domain::types::{AgendaSession, EventId, SessionRole};
use domain::DomainError;
use entities::event_sessions;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use super::{add_person, form, invalid, now, setup};

pub(super) fn slot(day: &str, start: &str, end: &str, title: &str, room: &str) -> SessionForm {
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

pub(super) async fn sessions_of(db: &DatabaseConnection, slug: &str) -> Vec<AgendaSession> {
    by_slug(db, slug, Viewer::Staff).await.unwrap().sessions
}

async fn session_count(db: &DatabaseConnection) -> u64 {
    event_sessions::Entity::find().count(db).await.unwrap()
}

#[tokio::test]
async fn sessions_are_checked_and_stored_in_utc() {
    let (db, by) = setup().await;
    let event = create_event(&db, &form("Consultation"), by, now())
        .await
        .unwrap()
        .id;
    let id = add_session(
        &db,
        event,
        &slot("2018-01-13", "09:00", "10:30", "Opening", ""),
    )
    .await
    .unwrap();
    let stored = event_sessions::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.starts_at,
        Utc.with_ymd_and_hms(2018, 1, 13, 2, 30, 0).unwrap()
    );
    assert_eq!(
        stored.ends_at,
        Utc.with_ymd_and_hms(2018, 1, 13, 4, 0, 0).unwrap()
    );
    let cases = [
        (
            slot("2018-01-13", "10:00", "09:00", "T", ""),
            "end",
            "ends-before-starts",
        ),
        (
            slot("2018-01-13", "10:00", "10:00", "T", ""),
            "end",
            "ends-before-starts",
        ),
        (
            slot("2018-13-01", "09:00", "10:00", "T", ""),
            "day",
            "invalid-date",
        ),
        (slot("", "09:00", "10:00", "T", ""), "day", "required"),
        (
            slot("2018-01-13", "9h", "10:00", "T", ""),
            "start",
            "invalid-time",
        ),
        (
            slot("2018-01-13", "09:00", "25:00", "T", ""),
            "end",
            "invalid-time",
        ),
        (
            slot("2018-01-13", "09:00", "10:00", " ", ""),
            "title",
            "required",
        ),
        (
            SessionForm {
                kind: "nap".into(),
                ..slot("2018-01-13", "09:00", "10:00", "T", "")
            },
            "kind",
            "invalid-choice",
        ),
    ];
    for (bad, field, message) in cases {
        assert_eq!(
            add_session(&db, event, &bad).await,
            Err(invalid(field, message)),
            "add {field}"
        );
        assert_eq!(
            update_session(&db, id, &bad).await,
            Err(invalid(field, message)),
            "update {field}"
        );
    }
    assert_eq!(session_count(&db).await, 1);
    assert_eq!(
        event_sessions::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap(),
        stored
    );
    update_session(
        &db,
        id,
        &slot("2018-01-13", "09:15", "10:30", "Welcome", "Hall"),
    )
    .await
    .unwrap();
    let sessions = sessions_of(&db, "consultation").await;
    assert_eq!(
        (sessions[0].local_start.as_str(), sessions[0].title.as_str()),
        ("09:15", "Welcome")
    );

    let missing = slot("2018-01-13", "09:00", "10:00", "T", "");
    assert_eq!(
        add_session(&db, EventId(999), &missing).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        update_session(&db, 999, &missing).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(delete_session(&db, 999).await, Err(DomainError::NotFound));
    assert_eq!(
        duplicate_session(&db, 999).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        move_session(&db, 999, "2018-01-13", "09:00").await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        agenda_warnings(&db, EventId(999)).await,
        Err(DomainError::NotFound)
    );
    delete_session(&db, id).await.unwrap();
    assert_eq!(session_count(&db).await, 0);
}

#[tokio::test]
async fn overlaps_and_sessions_outside_the_event_are_warned_about() {
    let (db, by) = setup().await;
    // 13 Jan 09:00 to 14 Jan 17:00, Yangon.
    let event = create_event(&db, &form("Consultation"), by, now())
        .await
        .unwrap()
        .id;
    let add = |form: SessionForm| {
        let db = &db;
        async move { add_session(db, event, &form).await.unwrap() }
    };
    let panel = add(slot("2018-01-13", "09:00", "10:30", "Panel", "Hall A")).await;
    let talk = add(slot("2018-01-13", "10:00", "11:00", "Talk", " hall a ")).await;
    add(slot("2018-01-13", "10:00", "11:00", "Group work", "")).await;
    add(slot("2018-01-13", "10:30", "11:00", "Q&A", "Hall B")).await;
    add(slot(
        "2018-01-13",
        "11:00",
        "12:00",
        "Report-back",
        "Hall B",
    ))
    .await;
    let early = add(slot(
        "2018-01-13",
        "08:00",
        "08:45",
        "Registration",
        "Lobby",
    ))
    .await;
    let late = add(slot("2018-01-14", "16:30", "17:30", "Dinner", "Lobby")).await;
    let ma = add_person(&db, "Ma Thida").await;
    let other = add_person(&db, "Somchai").await;
    add_session_person(&db, panel, ma, SessionRole::Panelist)
        .await
        .unwrap();
    add_session_person(&db, panel, ma, SessionRole::Moderator)
        .await
        .unwrap();
    add_session_person(&db, talk, ma, SessionRole::Speaker)
        .await
        .unwrap();
    add_session_person(&db, late, other, SessionRole::Speaker)
        .await
        .unwrap();
    assert_eq!(
        agenda_warnings(&db, event).await.unwrap(),
        [
            AgendaWarning::PersonDoubleBooked {
                person: "Ma Thida".into(),
                sessions: (panel, talk)
            },
            AgendaWarning::RoomDoubleBooked {
                room: "Hall A".into(),
                sessions: (panel, talk)
            },
            AgendaWarning::OutsideEvent { session: early },
            AgendaWarning::OutsideEvent { session: late },
        ]
    );
    // A person's roles are listed in the order they were given and can be taken away one by one.
    remove_session_person(&db, talk, ma, SessionRole::Speaker)
        .await
        .unwrap();
    assert_eq!(
        remove_session_person(&db, talk, ma, SessionRole::Speaker).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        add_session_person(&db, talk, 999, SessionRole::Speaker).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        add_session_person(&db, 999, ma, SessionRole::Speaker).await,
        Err(DomainError::NotFound)
    );
    let warnings = agenda_warnings(&db, event).await.unwrap();
    assert!(!warnings
        .iter()
        .any(|w| matches!(w, AgendaWarning::PersonDoubleBooked { .. })));
    let people = &sessions_of(&db, "consultation").await[1].people;
    let roles: Vec<SessionRole> = people.iter().map(|p| p.role).collect();
    assert_eq!(roles, [SessionRole::Panelist, SessionRole::Moderator]);
}
