//! The staff workspace: one event's state for its navigation, and the dashboard's list of
//! what needs doing across events. Counts only: each page of the workspace loads its own data.
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use entities::{
    application_reviews, attendance, content_translations, event_questions, event_sessions, events,
    invitations, outbox, registrations,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::selection_types::InvitationState;
use crate::service::followup;
use crate::types::{EventStatus, RegistrationStatus};
use crate::workspace_types::{
    EventToDo, EventWorkspace, ToDo, ToDoList, AGENDA_WARNING_DAYS, MAX_TODOS,
    PROCEEDINGS_AFTER_DAYS, PROCEEDINGS_UNTIL_DAYS,
};
use crate::DomainError;

/// The workspace state of the event behind `slug` at `now`.
pub async fn event_workspace(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<EventWorkspace, DomainError> {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let id = event.id;
    let registered = |status: RegistrationStatus| {
        registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(id))
            .filter(registrations::Column::Status.eq(status.as_str()))
    };
    let present = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::RegistrationId)
        .distinct()
        .inner_join(registrations::Entity)
        .filter(registrations::Column::EventId.eq(id))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .len() as u64;
    Ok(EventWorkspace {
        status: EventStatus::parse(&event.status).ok_or(DomainError::Internal)?,
        past: event.ends_at < now,
        sessions: event_sessions::Entity::find()
            .filter(event_sessions::Column::EventId.eq(id))
            .count(db)
            .await?,
        questions: event_questions::Entity::find()
            .filter(event_questions::Column::EventId.eq(id))
            .count(db)
            .await?,
        translations: content_translations::Entity::find()
            .filter(content_translations::Column::EventId.eq(id))
            .count(db)
            .await?,
        invitations_open: invitations::Entity::find()
            .filter(invitations::Column::EventId.eq(id))
            .filter(invitations::Column::Status.eq(InvitationState::Sent.as_str()))
            .count(db)
            .await?,
        to_review: unreviewed(db, Some(id))
            .await?
            .get(&id)
            .copied()
            .unwrap_or(0),
        confirmed: registered(RegistrationStatus::Confirmed).count(db).await?,
        waitlisted: registered(RegistrationStatus::Waitlisted).count(db).await?,
        present,
        followups_overdue: followup::overdue_by_event(db, now)
            .await?
            .get(&id)
            .copied()
            .unwrap_or(0),
        proceedings_public: event.proceedings_public,
        slug: event.slug,
        title: event.title,
    })
}

/// Applications (`applied`) without any reviewer's score, per event id; of one event or all.
async fn unreviewed(
    db: &impl ConnectionTrait,
    event: Option<i64>,
) -> Result<HashMap<i64, u64>, DomainError> {
    let mut query = registrations::Entity::find()
        .select_only()
        .column(registrations::Column::EventId)
        .filter(registrations::Column::Status.eq(RegistrationStatus::Applied.as_str()))
        .filter(
            registrations::Column::Id.not_in_subquery(
                Query::select()
                    .column(application_reviews::Column::RegistrationId)
                    .from(application_reviews::Entity)
                    .to_owned(),
            ),
        );
    if let Some(id) = event {
        query = query.filter(registrations::Column::EventId.eq(id));
    }
    let mut counts = HashMap::new();
    for event_id in query.into_tuple::<i64>().all(db).await? {
        *counts.entry(event_id).or_insert(0) += 1;
    }
    Ok(counts)
}

/// Registrations per event id in `status`, for the events in `ids`.
async fn count_by_event(
    db: &impl ConnectionTrait,
    ids: &[i64],
    status: RegistrationStatus,
) -> Result<HashMap<i64, u64>, DomainError> {
    let mut counts = HashMap::new();
    for event_id in registrations::Entity::find()
        .select_only()
        .column(registrations::Column::EventId)
        .filter(registrations::Column::EventId.is_in(ids.iter().copied()))
        .filter(registrations::Column::Status.eq(status.as_str()))
        .into_tuple::<i64>()
        .all(db)
        .await?
    {
        *counts.entry(event_id).or_insert(0) += 1;
    }
    Ok(counts)
}

/// What needs doing at `now`, soonest event first within each kind of task: applications to
/// review, waiting lists beside free places, overdue follow-ups, agendas not published two
/// weeks before, proceedings not published a month after; and how many e-mails are failing.
/// Archived events ask for nothing.
pub async fn to_do(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<ToDoList, DomainError> {
    let live: Vec<events::Model> = events::Entity::find()
        .filter(events::Column::Status.ne(EventStatus::Archived.as_str()))
        .order_by_asc(events::Column::StartsAt)
        .all(db)
        .await?;
    let by_id: HashMap<i64, &events::Model> = live.iter().map(|e| (e.id, e)).collect();
    let mut items = Vec::new();
    let mut push = |event: &events::Model, todo: ToDo| {
        items.push(EventToDo {
            slug: event.slug.clone(),
            title: event.title.clone(),
            todo,
        })
    };
    let review = unreviewed(db, None).await?;
    for e in &live {
        if let Some(&count) = review.get(&e.id) {
            push(e, ToDo::Review { count });
        }
    }
    let upcoming: Vec<i64> = live
        .iter()
        .filter(|e| e.ends_at >= now)
        .map(|e| e.id)
        .collect();
    let waiting = count_by_event(db, &upcoming, RegistrationStatus::Waitlisted).await?;
    let confirmed = count_by_event(db, &upcoming, RegistrationStatus::Confirmed).await?;
    for (&id, &waiting) in &waiting {
        let Some(e) = by_id.get(&id) else { continue };
        let taken = confirmed.get(&id).copied().unwrap_or(0);
        let free = e
            .capacity
            .map_or(0, |c| u64::try_from(c).unwrap_or(0).saturating_sub(taken));
        if free > 0 {
            push(e, ToDo::Waitlist { waiting, free });
        }
    }
    let overdue = followup::overdue_by_event(db, now).await?;
    for e in &live {
        if let Some(&count) = overdue.get(&e.id) {
            push(e, ToDo::FollowupsOverdue { count });
        }
    }
    let soon = now + Duration::days(AGENDA_WARNING_DAYS);
    for e in live
        .iter()
        .filter(|e| e.starts_at > now && e.starts_at <= soon)
    {
        let published = e.status == EventStatus::Published.as_str();
        let sessions = event_sessions::Entity::find()
            .filter(event_sessions::Column::EventId.eq(e.id))
            .count(db)
            .await?;
        if !published || sessions == 0 {
            push(
                e,
                ToDo::AgendaUnpublished {
                    days: (e.starts_at - now).num_days(),
                },
            );
        }
    }
    for e in live.iter().filter(|e| {
        let ago = (now - e.ends_at).num_days();
        !e.proceedings_public
            && e.status != EventStatus::Draft.as_str()
            && (PROCEEDINGS_AFTER_DAYS..=PROCEEDINGS_UNTIL_DAYS).contains(&ago)
    }) {
        push(
            e,
            ToDo::ProceedingsUnpublished {
                days: (now - e.ends_at).num_days(),
            },
        );
    }
    let more = items.len().saturating_sub(MAX_TODOS);
    items.truncate(MAX_TODOS);
    let emails_failing = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::LastError.is_not_null())
        .count(db)
        .await?;
    Ok(ToDoList {
        items,
        more,
        emails_failing,
    })
}
