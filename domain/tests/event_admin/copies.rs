//! Agenda editing: duplicating, moving and copying sessions with their people.
use domain::service::event_admin::{
    add_session, add_session_person, agenda_warnings, copy_agenda, create_event, delete_session,
    duplicate_session, move_session,
};
use domain::types::{AgendaSession, EventId, SessionRole};
use domain::DomainError;
use entities::{event_sessions, session_roles};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::agenda::{sessions_of, slot};
use super::{add_person, form, invalid, now, setup};

#[tokio::test]
async fn duplicate_and_move_keep_people_and_length() {
    let (db, by) = setup().await;
    let event = create_event(&db, &form("Consultation"), by, now())
        .await
        .unwrap()
        .id;
    let panel = add_session(
        &db,
        event,
        &slot("2018-01-13", "09:00", "10:30", "Panel", "Hall A"),
    )
    .await
    .unwrap();
    let (a, b) = (
        add_person(&db, "Ma Thida").await,
        add_person(&db, "Sokha").await,
    );
    add_session_person(&db, panel, a, SessionRole::Moderator)
        .await
        .unwrap();
    add_session_person(&db, panel, b, SessionRole::Panelist)
        .await
        .unwrap();
    let copy = duplicate_session(&db, panel).await.unwrap();
    let sessions = sessions_of(&db, "consultation").await;
    let times = |s: &AgendaSession| {
        (
            s.local_day.clone(),
            s.local_start.clone(),
            s.local_end.clone(),
        )
    };
    assert_eq!(sessions[1].id, copy);
    assert_eq!(
        times(&sessions[1]),
        ("2018-01-13".into(), "10:30".into(), "12:00".into())
    );
    assert_eq!(
        (sessions[1].title.as_str(), sessions[1].room.as_str()),
        ("Panel", "Hall A")
    );
    assert_eq!(sessions[1].people, sessions[0].people);
    assert_eq!(sessions[1].people.len(), 2);

    move_session(&db, copy, "2018-01-14", "14:00")
        .await
        .unwrap();
    let moved = sessions_of(&db, "consultation")
        .await
        .into_iter()
        .find(|s| s.id == copy)
        .unwrap();
    assert_eq!(
        times(&moved),
        ("2018-01-14".into(), "14:00".into(), "15:30".into())
    );
    assert_eq!(
        move_session(&db, copy, "14/01/2018", "14:00").await,
        Err(invalid("day", "invalid-date"))
    );
    assert_eq!(
        move_session(&db, copy, "2018-01-14", "2pm").await,
        Err(invalid("start", "invalid-time"))
    );
    delete_session(&db, copy).await.unwrap();
    let left = session_roles::Entity::find()
        .filter(session_roles::Column::SessionId.eq(copy))
        .count(&db);
    assert_eq!(left.await.unwrap(), 0);
}

#[tokio::test]
async fn an_agenda_is_copied_to_next_years_event() {
    let (db, by) = setup().await;
    let mut last = form("Training 2017");
    (last.timezone, last.starts_at, last.ends_at) = (
        "Asia/Bangkok".into(),
        "2017-06-04T09:00".into(),
        "2017-06-06T17:00".into(),
    );
    let last = create_event(&db, &last, by, now()).await.unwrap().id;
    // A year later, three days from a Wednesday, and in Yangon: local times stay as they were.
    let mut next = form("Training 2018");
    (next.starts_at, next.ends_at) = ("2018-06-06T09:00".into(), "2018-06-08T17:00".into());
    let next = create_event(&db, &next, by, now()).await.unwrap().id;
    let trainer = add_person(&db, "Nguyen Thi Lan").await;
    for (day, title) in [
        ("2017-06-04", "Opening"),
        ("2017-06-05", "Group work"),
        ("2017-06-06", "Closing"),
    ] {
        let id = add_session(&db, last, &slot(day, "09:00", "12:00", title, "Room 1"))
            .await
            .unwrap();
        add_session_person(&db, id, trainer, SessionRole::Facilitator)
            .await
            .unwrap();
    }
    assert_eq!(copy_agenda(&db, last, next).await, Ok(3));
    let copied = sessions_of(&db, "training-2018").await;
    let days: Vec<(&str, &str, &str)> = copied
        .iter()
        .map(|s| {
            (
                s.local_day.as_str(),
                s.local_start.as_str(),
                s.title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2018-06-06", "09:00", "Opening"),
            ("2018-06-07", "09:00", "Group work"),
            ("2018-06-08", "09:00", "Closing")
        ]
    );
    assert!(copied
        .iter()
        .all(|s| s.people.len() == 1 && s.people[0].name == "Nguyen Thi Lan"));
    assert_eq!(agenda_warnings(&db, next).await, Ok(vec![]));
    assert_eq!(
        copy_agenda(&db, last, next).await,
        Err(invalid("agenda", "agenda-not-empty"))
    );
    assert_eq!(
        copy_agenda(&db, last, EventId(999)).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        copy_agenda(&db, EventId(999), next).await,
        Err(DomainError::NotFound)
    );

    // All or nothing: with the people table broken, no session is copied either.
    let third = create_event(&db, &form("Training 2019"), by, now())
        .await
        .unwrap()
        .id;
    db.execute_unprepared("DROP TABLE session_roles")
        .await
        .unwrap();
    assert_eq!(
        copy_agenda(&db, last, third).await,
        Err(DomainError::Internal)
    );
    let count = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(third.0))
        .count(&db);
    assert_eq!(count.await.unwrap(), 0);
}
