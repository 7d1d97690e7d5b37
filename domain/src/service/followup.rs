//! The follow-up plan of a training: check-ins some months after its last day, which each
//! trainee answers through their private link (what advocacy they did, with whom, what support
//! they need). Reminders are e-mailed when a check-in falls due and again when it is overdue;
//! staff keep a note per check-in and see what is due and overdue across all trainings.
//!
//! A `followups` row exists once a check-in has an answer, a reminder or a note; until then
//! the plan and the cohort say it is expected.
use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entities::{events, followups, people, registrations};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set, SqlErr, TransactionSession, TransactionTrait,
};

use super::attendance_report::cohort_members;
use super::db::begin_write;
use super::events::{event_by_slug, zone};
use crate::followup_types::{
    due_on, reminder_due, EventFollowup, FollowupAnswerForm, FollowupDashboard, FollowupItem,
    FollowupPlan, FollowupState, MyFollowup, RECENT_ANSWER_DAYS,
};
use crate::types::EventId;
use crate::DomainError;

/// The longest staff note.
pub const MAX_NOTE_LEN: usize = 4_000;

/// The event's last day in its own time zone.
pub(crate) fn last_day(event: &events::Model) -> Result<NaiveDate, DomainError> {
    Ok(event.ends_at.with_timezone(&zone(event)?).date_naive())
}

fn today(event: &events::Model, now: DateTime<Utc>) -> Result<NaiveDate, DomainError> {
    Ok(now.with_timezone(&zone(event)?).date_naive())
}

/// Changes the follow-up plan of `slug` to the months typed in `raw` ("1, 3, 6").
pub async fn set_plan(
    db: &impl ConnectionTrait,
    slug: &str,
    raw: &str,
    now: DateTime<Utc>,
) -> Result<FollowupPlan, DomainError> {
    let plan = FollowupPlan::parse(raw)?;
    let event = event_by_slug(db, slug).await?;
    let mut model: events::ActiveModel = event.into();
    model.followup_months = Set(plan.as_stored());
    model.updated_at = Set(now);
    model.update(db).await?;
    Ok(plan)
}

/// Every check-in of every cohort member of `event`, at `now`.
async fn items(
    db: &impl ConnectionTrait,
    event: &events::Model,
    now: DateTime<Utc>,
) -> Result<Vec<FollowupItem>, DomainError> {
    let plan = FollowupPlan::from_stored(&event.followup_months);
    if plan.0.is_empty() {
        return Ok(Vec::new());
    }
    let members = cohort_members(db, EventId(event.id)).await?;
    let ids: Vec<i64> = members.iter().map(|m| m.registration_id).collect();
    let rows: HashMap<(i64, i16), followups::Model> = followups::Entity::find()
        .filter(followups::Column::RegistrationId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| ((f.registration_id, f.months), f))
        .collect();
    let with_email: HashMap<i64, bool> = people::Entity::find()
        .filter(people::Column::Id.is_in(members.iter().map(|m| m.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.email.is_some_and(|e| !e.is_empty())))
        .collect();
    let (last, today) = (last_day(event)?, today(event, now)?);
    let mut items = Vec::new();
    for member in &members {
        for &months in &plan.0 {
            let row = rows.get(&(member.registration_id, i16::from(months)));
            let answered_at = row.and_then(|r| r.answered_at);
            let due = due_on(last, months);
            items.push(FollowupItem {
                registration_id: member.registration_id,
                person_id: member.person_id,
                name_latin: member.name_latin.clone(),
                name_native: member.name_native.clone(),
                organisation: member.organisation.clone(),
                country: member.country.clone(),
                has_email: with_email.get(&member.person_id).copied().unwrap_or(false),
                event_slug: event.slug.clone(),
                event_title: event.title.clone(),
                months,
                due_on: due,
                state: FollowupState::of(due, today, answered_at.is_some()),
                answer: answered_at.and(row).map(|r| FollowupAnswerForm {
                    advocacy: r.advocacy.clone(),
                    engaged_with: r.engaged_with.clone(),
                    support_needed: r.support_needed.clone(),
                    quote_consent: r.quote_consent,
                }),
                answered_at,
                reminded_at: row.and_then(|r| r.reminded_at),
                staff_note: row.map(|r| r.staff_note.clone()).unwrap_or_default(),
            });
        }
    }
    Ok(items)
}

/// The follow-up page of one event.
pub async fn event_followup(
    db: &impl ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<EventFollowup, DomainError> {
    let event = event_by_slug(db, slug).await?;
    Ok(EventFollowup {
        questions: super::assessment::questions(db, event.id).await?,
        plan: FollowupPlan::from_stored(&event.followup_months),
        items: items(db, &event, now).await?,
        event: super::events::to_summary(event)?,
    })
}

/// The check-ins of one person at one event (for their history).
pub(crate) async fn of_registration(
    db: &impl ConnectionTrait,
    event: &events::Model,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<FollowupItem>, DomainError> {
    Ok(items(db, event, now)
        .await?
        .into_iter()
        .filter(|i| i.registration_id == registration_id)
        .collect())
}

/// Events with a follow-up plan.
async fn planned_events(db: &impl ConnectionTrait) -> Result<Vec<events::Model>, DomainError> {
    Ok(events::Entity::find()
        .filter(events::Column::FollowupMonths.ne(""))
        .all(db)
        .await?)
}

/// How many check-ins are overdue, per event id (events without any are left out).
pub async fn overdue_by_event(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<HashMap<i64, u64>, DomainError> {
    let mut counts = HashMap::new();
    for event in planned_events(db).await? {
        let overdue = items(db, &event, now)
            .await?
            .iter()
            .filter(|i| i.state == FollowupState::Overdue)
            .count() as u64;
        if overdue > 0 {
            counts.insert(event.id, overdue);
        }
    }
    Ok(counts)
}

/// Check-ins due and overdue across all trainings, and answers of the last 90 days.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<FollowupDashboard, DomainError> {
    let mut board = FollowupDashboard::default();
    let recent = now - Duration::days(RECENT_ANSWER_DAYS);
    for event in planned_events(db).await? {
        for item in items(db, &event, now).await? {
            match item.state {
                FollowupState::Overdue => board.overdue.push(item),
                FollowupState::Due => board.due.push(item),
                FollowupState::Answered if item.answered_at.is_some_and(|at| at >= recent) => {
                    board.answered.push(item)
                }
                _ => {}
            }
        }
    }
    board.overdue.sort_by_key(|i| (i.due_on, i.registration_id));
    board.due.sort_by_key(|i| (i.due_on, i.registration_id));
    board
        .answered
        .sort_by_key(|i| std::cmp::Reverse(i.answered_at));
    Ok(board)
}

/// The check-ins on a trainee's private page.
pub(crate) async fn mine(
    db: &impl ConnectionTrait,
    event: &events::Model,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<MyFollowup>, DomainError> {
    Ok(of_registration(db, event, registration_id, now)
        .await?
        .into_iter()
        .map(|i| MyFollowup {
            months: i.months,
            due_on: i.due_on,
            open: i.state != FollowupState::Upcoming,
            answer: i.answer,
        })
        .collect())
}

/// Changes the check-in (`registration_id`, `months`) with `change`, creating its row first
/// when needed. Two writers creating it at once both succeed: the loser updates the winner's row.
async fn upsert(
    db: &impl ConnectionTrait,
    registration_id: i64,
    months: u8,
    now: DateTime<Utc>,
    change: impl Fn(&mut followups::ActiveModel),
) -> Result<(), DbErr> {
    for _ in 0..2 {
        let existing = followups::Entity::find()
            .filter(followups::Column::RegistrationId.eq(registration_id))
            .filter(followups::Column::Months.eq(i16::from(months)))
            .one(db)
            .await?;
        let mut model = match existing {
            Some(row) => row.into(),
            None => followups::ActiveModel {
                registration_id: Set(registration_id),
                months: Set(i16::from(months)),
                advocacy: Set(String::new()),
                engaged_with: Set(String::new()),
                support_needed: Set(String::new()),
                staff_note: Set(String::new()),
                ..Default::default()
            },
        };
        change(&mut model);
        model.updated_at = Set(now);
        let result = if !model.id.is_not_set() {
            model.update(db).await.map(|_| ())
        } else {
            model.insert(db).await.map(|_| ())
        };
        match result {
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                continue
            }
            other => return other,
        }
    }
    Err(DbErr::Custom("follow-up row kept changing".into()))
}

/// The check-in `months` of the registration behind `token`, if the plan has it.
async fn checkin_of(
    db: &impl ConnectionTrait,
    token: &str,
    months: u8,
    now: DateTime<Utc>,
) -> Result<(registrations::Model, FollowupItem), DomainError> {
    let registration = super::registration::find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let event = events::Entity::find_by_id(registration.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let item = of_registration(db, &event, registration.id, now)
        .await?
        .into_iter()
        .find(|i| i.months == months)
        .ok_or(DomainError::NotFound)?;
    Ok((registration, item))
}

/// Saves a trainee's answers to a check-in that has fallen due (they may correct them later).
pub async fn answer(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    months: u8,
    form: &FollowupAnswerForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let form = form.validate()?;
    let (registration, item) = checkin_of(db, token, months, now).await?;
    if item.state == FollowupState::Upcoming {
        return Err(DomainError::validation("advocacy", "followup-not-due"));
    }
    let txn = begin_write(db).await?;
    upsert(&txn, registration.id, months, now, |m| {
        m.advocacy = Set(form.advocacy.clone());
        m.engaged_with = Set(form.engaged_with.clone());
        m.support_needed = Set(form.support_needed.clone());
        m.quote_consent = Set(form.quote_consent);
        m.answered_at = Set(Some(now));
    })
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A check-in of `slug`'s cohort, or `NotFound`.
async fn staff_checkin(
    db: &impl ConnectionTrait,
    slug: &str,
    registration_id: i64,
    months: u8,
    now: DateTime<Utc>,
) -> Result<(events::Model, FollowupItem), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let item = of_registration(db, &event, registration_id, now)
        .await?
        .into_iter()
        .find(|i| i.months == months)
        .ok_or(DomainError::NotFound)?;
    Ok((event, item))
}

/// Saves the staff note on a check-in of `slug`'s cohort.
pub async fn save_note(
    db: &(impl ConnectionTrait + TransactionTrait),
    slug: &str,
    registration_id: i64,
    months: u8,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let note = note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_LEN {
        return Err(DomainError::validation("staff_note", "too-long"));
    }
    staff_checkin(db, slug, registration_id, months, now).await?;
    let txn = begin_write(db).await?;
    upsert(&txn, registration_id, months, now, |m| {
        m.staff_note = Set(note.clone())
    })
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Queues the e-mail for one check-in with a fresh private link, and records the reminder,
/// in one transaction. False when the person has no e-mail address, or, with `recheck`,
/// when the reminder was recorded meanwhile (another process's pass got there first: its
/// record is read again inside the transaction, locked on PostgreSQL, and must be unchanged).
async fn remind(
    db: &(impl ConnectionTrait + TransactionTrait),
    event: &events::Model,
    item: &FollowupItem,
    base_url: &str,
    now: DateTime<Utc>,
    recheck: bool,
) -> Result<bool, DomainError> {
    let Some(email) = people::Entity::find_by_id(item.person_id)
        .one(db)
        .await?
        .and_then(|p| p.email)
        .filter(|e| !e.is_empty())
    else {
        return Ok(false);
    };
    if recheck {
        // The record must exist to be locked: an empty one reads as "nothing yet" everywhere.
        followups::Entity::insert(followups::ActiveModel {
            registration_id: Set(item.registration_id),
            months: Set(i16::from(item.months)),
            advocacy: Set(String::new()),
            engaged_with: Set(String::new()),
            support_needed: Set(String::new()),
            staff_note: Set(String::new()),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([followups::Column::RegistrationId, followups::Column::Months])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    let txn = begin_write(db).await?;
    if recheck {
        let recorded = followups::Entity::find()
            .filter(followups::Column::RegistrationId.eq(item.registration_id))
            .filter(followups::Column::Months.eq(i16::from(item.months)))
            .lock_exclusive()
            .one(&txn)
            .await?
            .and_then(|f| f.reminded_at);
        if recorded != item.reminded_at {
            return Ok(false);
        }
    }
    let token = super::registration::new_link(&txn, item.registration_id, now).await?;
    let link = format!("{}/r/{token}", base_url.trim_end_matches('/'));
    // Written in the language the person registered in.
    let locale = registrations::Entity::find_by_id(item.registration_id)
        .one(&txn)
        .await?
        .map_or(i18n::Locale::En, |r| {
            i18n::Locale::from_tag_or_english(&r.locale)
        });
    let event_line = super::registration::messages::event_line(locale, event)?;
    let subject = locale.text_args("email-reminder-subject", &[("event", &event.title)]);
    let months = item.months.to_string();
    let body = super::registration::messages::letter(
        locale,
        &item.name_latin,
        &[
            locale.text_args(
                "email-reminder-since",
                &[("months", &months), ("event", &event_line)],
            ),
            format!("{}\n\n{link}", locale.text("email-reminder-ask")),
            locale.text("email-reminder-link-note"),
        ],
    );
    super::outbox::queue(&txn, &email, &subject, &body, None, now).await?;
    upsert(&txn, item.registration_id, item.months, now, |m| {
        m.reminded_at = Set(Some(now))
    })
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Staff: e-mails a trainee the link to a check-in now (e.g. after a phone call).
pub async fn send_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    slug: &str,
    registration_id: i64,
    months: u8,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (event, item) = staff_checkin(db, slug, registration_id, months, now).await?;
    if remind(db, &event, &item, base_url, now, false).await? {
        Ok(())
    } else {
        Err(DomainError::validation("email", "no-email"))
    }
}

/// Sends every reminder due at `now` (see [`reminder_due`]); returns how many were queued.
/// Safe to run as often as wanted: a reminder is recorded with its e-mail.
pub async fn send_due_reminders(
    db: &(impl ConnectionTrait + TransactionTrait),
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<u32, DomainError> {
    let mut sent = 0;
    for event in planned_events(db).await? {
        let today = today(&event, now)?;
        let tz = zone(&event)?;
        for item in items(db, &event, now).await? {
            let last = item
                .reminded_at
                .map(|at| at.with_timezone(&tz).date_naive());
            if item.has_email
                && reminder_due(item.due_on, today, item.answer.is_some(), last)
                && remind(db, &event, &item, base_url, now, true).await?
            {
                sent += 1;
            }
        }
    }
    Ok(sent)
}
