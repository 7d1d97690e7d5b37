//! The staff workspace (`service::workspace`) on the demo data: each event's counts and the
//! dashboard's list of what needs doing, at clocks chosen around the demo events. SQLite in
//! memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, TimeZone, Utc};
use domain::selection_types::ReviewForm;
use domain::service::users::{self, NewStaff};
use domain::service::{followup, outbox, selection, workspace};
use domain::types::{EventId, Role};
use domain::workspace_types::{EventToDo, ToDo};
use entities::{events, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

mod fixtures;
use fixtures::demo;

const TRAINING: &str = "advocacy-with-asean-2016";
const WORKSHOP: &str = "access-to-justice-2027";

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

async fn event(db: &DatabaseConnection, slug: &str) -> events::Model {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn change_event(
    db: &DatabaseConnection,
    slug: &str,
    f: impl FnOnce(&mut events::ActiveModel),
) {
    let mut model = event(db, slug).await.into_active_model();
    f(&mut model);
    model.update(db).await.unwrap();
}

/// Sets the status of the first `n` confirmed registrations of `slug`; returns their ids.
async fn restatus(db: &DatabaseConnection, slug: &str, n: usize, status: &str) -> Vec<i64> {
    let id = event(db, slug).await.id;
    let rows = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(id))
        .filter(registrations::Column::Status.eq("confirmed"))
        .order_by_asc(registrations::Column::Id)
        .all(db)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for row in rows.into_iter().take(n) {
        ids.push(row.id);
        let mut model = row.into_active_model();
        model.status = Set(status.to_owned());
        model.update(db).await.unwrap();
    }
    ids
}

fn of<'a>(items: &'a [EventToDo], slug: &str) -> Vec<&'a ToDo> {
    items
        .iter()
        .filter(|i| i.slug == slug)
        .map(|i| &i.todo)
        .collect()
}

#[tokio::test]
async fn proceedings_are_asked_for_from_a_month_after_the_event_until_published() {
    let db = demo().await;
    // The training ended on 8 June 2016 (UTC).
    let early = workspace::to_do(&db, at(2016, 6, 20)).await.unwrap();
    assert!(of(&early.items, TRAINING).is_empty(), "{early:?}");
    let late = workspace::to_do(&db, at(2016, 7, 20)).await.unwrap();
    assert_eq!(
        of(&late.items, TRAINING),
        vec![&ToDo::ProceedingsUnpublished { days: 41 }]
    );
    assert_eq!(
        ToDo::ProceedingsUnpublished { days: 41 }.page(),
        "/documentation"
    );
    change_event(&db, TRAINING, |e| e.proceedings_public = Set(true)).await;
    let done = workspace::to_do(&db, at(2016, 7, 20)).await.unwrap();
    assert!(of(&done.items, TRAINING).is_empty(), "{done:?}");
    // An archived event asks for nothing.
    change_event(&db, TRAINING, |e| {
        e.proceedings_public = Set(false);
        e.status = Set("archived".into());
    })
    .await;
    let archived = workspace::to_do(&db, at(2016, 7, 20)).await.unwrap();
    assert!(of(&archived.items, TRAINING).is_empty(), "{archived:?}");
}

#[tokio::test]
async fn an_event_two_weeks_away_without_a_published_agenda_is_listed() {
    let db = demo().await;
    // The workshop starts on 15 March 2027, published, with its sessions.
    let ready = workspace::to_do(&db, at(2027, 3, 5)).await.unwrap();
    assert!(of(&ready.items, WORKSHOP).is_empty(), "{ready:?}");
    change_event(&db, WORKSHOP, |e| e.status = Set("draft".into())).await;
    let draft = workspace::to_do(&db, at(2027, 3, 5)).await.unwrap();
    assert_eq!(
        of(&draft.items, WORKSHOP),
        vec![&ToDo::AgendaUnpublished { days: 10 }]
    );
    // A month before, it is not yet a task.
    let month = workspace::to_do(&db, at(2027, 2, 10)).await.unwrap();
    assert!(of(&month.items, WORKSHOP).is_empty(), "{month:?}");
}

#[tokio::test]
async fn applications_wait_for_review_and_waiting_lists_for_free_places() {
    let db = demo().await;
    let now = at(2027, 1, 10);
    let applied = restatus(&db, WORKSHOP, 2, "applied").await;
    restatus(&db, WORKSHOP, 1, "waitlisted").await;
    let list = workspace::to_do(&db, now).await.unwrap();
    // Capacity 60, 10 confirmed in the demo: 2 applied and 1 waiting leave 7 confirmed.
    assert_eq!(
        of(&list.items, WORKSHOP),
        vec![
            &ToDo::Review { count: 2 },
            &ToDo::Waitlist {
                waiting: 1,
                free: 53
            }
        ]
    );
    let reviewer = users::create(
        &db,
        NewStaff {
            email: "reviewer@example.org",
            display_name: "Reviewer",
            password: "a-long-password-1",
            role: Role::Staff,
        },
        now,
    )
    .await
    .unwrap();
    let id = EventId(event(&db, WORKSHOP).await.id);
    let form = ReviewForm {
        score: "4".into(),
        comment: String::new(),
    };
    selection::save_review(&db, id, applied[0], reviewer.id, &form, now)
        .await
        .unwrap();
    let ws = workspace::event_workspace(&db, WORKSHOP, now)
        .await
        .unwrap();
    assert_eq!((ws.to_review, ws.confirmed, ws.waitlisted), (1, 7, 1));
    // Full: nobody can move up from the waiting list.
    change_event(&db, WORKSHOP, |e| e.capacity = Set(Some(7))).await;
    let full = workspace::to_do(&db, now).await.unwrap();
    assert_eq!(of(&full.items, WORKSHOP), vec![&ToDo::Review { count: 1 }]);
}

#[tokio::test]
async fn overdue_follow_ups_and_failing_mail_are_counted() {
    let db = demo().await;
    change_event(&db, TRAINING, |e| e.followup_months = Set("1".into())).await;
    let now = at(2016, 12, 1);
    let board = followup::dashboard(&db, now).await.unwrap();
    let overdue = board
        .overdue
        .iter()
        .filter(|i| i.event_slug == TRAINING)
        .count() as u64;
    assert!(overdue > 0, "the 1-month check-ins are overdue by December");
    let list = workspace::to_do(&db, now).await.unwrap();
    assert!(
        of(&list.items, TRAINING).contains(&&ToDo::FollowupsOverdue { count: overdue }),
        "{list:?}"
    );
    let ws = workspace::event_workspace(&db, TRAINING, now)
        .await
        .unwrap();
    assert_eq!(ws.followups_overdue, overdue);
    assert!(ws.past);
    assert_eq!(ws.sessions, 40);

    assert_eq!(list.emails_failing, 0);
    let message = entities::outbox::ActiveModel {
        to_email: Set("trainee@example.org".into()),
        subject: Set("Reminder".into()),
        body: Set("…".into()),
        created_at: Set(now),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    outbox::mark_failed(&db, message.id, "550 no such mailbox", now)
        .await
        .unwrap();
    let failing = workspace::to_do(&db, now).await.unwrap();
    assert_eq!(failing.emails_failing, 1);
}

#[tokio::test]
async fn an_unknown_event_has_no_workspace() {
    let db = demo().await;
    assert_eq!(
        workspace::event_workspace(&db, "no-such-event", at(2026, 1, 1)).await,
        Err(domain::DomainError::NotFound)
    );
}
