//! The outbox: e-mails written in the same transaction as the change they announce, then
//! sent by a worker (or, where no mail server is configured, read by staff on a screen).
//! A message that fails is retried until [`MAX_ATTEMPTS`].
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use entities::{events, outbox};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::registration_types::OutboxMessage;
use crate::DomainError;
use i18n::Locale;

/// After this many failed attempts a message stays in the list but is no longer pending.
pub const MAX_ATTEMPTS: i32 = crate::registration_types::MAX_SEND_ATTEMPTS;
const MAX_ERROR: usize = 1_000;

/// `body` with every private link (`/r/` and 64 hex digits) cut to `/r/…`: what staff see of a
/// message the mail server delivers, so that a screen never shows a link that opens someone's
/// registration.
pub fn hide_private_links(body: &str) -> String {
    const TOKEN: usize = 64;
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("/r/") {
        let (before, from) = rest.split_at(at + 3);
        out.push_str(before);
        let hex = from
            .bytes()
            .take(TOKEN)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        if hex == TOKEN {
            out.push('…');
            rest = &from[TOKEN..];
        } else {
            rest = from;
        }
    }
    out.push_str(rest);
    out
}

/// The calendar file a message carries: the event's (as `/events/{slug}/calendar.ics`), its
/// texts in `lang` where translated. Written when the message is sent ([`calendar_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarFile {
    pub event_id: i64,
    pub lang: Locale,
}

/// A calendar file ready to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// `{slug}.ics`
    pub file_name: String,
    pub content: String,
}

/// The calendar file `message` carries, written now with `now` as its `DTSTAMP`; `None` when
/// it carries none or its event is gone.
pub async fn calendar_of(
    db: &impl ConnectionTrait,
    message: &OutboxMessage,
    host: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<Attachment>, DomainError> {
    let Some(event_id) = message.calendar_event_id else {
        return Ok(None);
    };
    let Some(mut event) = crate::service::agenda::by_id(db, event_id).await? else {
        return Ok(None);
    };
    let lang = message
        .calendar_lang
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or(Locale::En);
    crate::service::content::localise_event(db, &mut event, lang).await?;
    Ok(Some(Attachment {
        file_name: format!("{}.ics", event.summary.slug),
        content: crate::documents::ics::event_calendar(&event, host, base_url, now),
    }))
}

fn to_message(m: outbox::Model) -> OutboxMessage {
    OutboxMessage {
        id: m.id,
        to_email: m.to_email,
        subject: m.subject,
        body: m.body,
        created_at: m.created_at,
        sent_at: m.sent_at,
        last_error: m.last_error,
        attempts: m.attempts,
        calendar_event_id: m.calendar_event_id,
        calendar_lang: m.calendar_lang,
        calendar_file: None,
    }
}

/// Adds a message, with the calendar file it carries if any; call it inside the transaction
/// of the change it announces. Returns its id. Database errors stay `DbErr` so callers can
/// tell lock contention from real failures.
pub(crate) async fn queue(
    db: &impl ConnectionTrait,
    to_email: &str,
    subject: &str,
    body: &str,
    calendar: Option<CalendarFile>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = outbox::ActiveModel {
        to_email: Set(to_email.to_owned()),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        created_at: Set(now),
        attempts: Set(0),
        calendar_event_id: Set(calendar.map(|c| c.event_id)),
        calendar_lang: Set(calendar.map(|c| c.lang.tag().to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Unsent messages that may still be tried, oldest first (claimed or backing-off ones too:
/// for screens and tests; senders use [`pending_except`] and [`claim`]).
pub async fn pending(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<OutboxMessage>, DomainError> {
    pending_except(db, &[], None, limit).await
}

/// Claims message `id` for one sender until `until`, when it is unsent and nobody holds it
/// (its `not_before` is unset or past). One conditional UPDATE: of several senders (several
/// processes on one database) exactly one gets `true`; a crashed sender's claim runs out.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::NotBefore, Expr::value(until))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::SentAt.is_null())
        .filter(
            Condition::any()
                .add(outbox::Column::NotBefore.is_null())
                .add(outbox::Column::NotBefore.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Like [`pending`], leaving out `skip` (messages a sender is backing off from) and, given
/// `now`, messages claimed or backing off until later, so that many failing messages never
/// hide newer ones from a batch.
pub async fn pending_except(
    db: &impl ConnectionTrait,
    skip: &[i64],
    now: Option<DateTime<Utc>>,
    limit: u64,
) -> Result<Vec<OutboxMessage>, DomainError> {
    let mut query = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS));
    if let Some(now) = now {
        query = query.filter(
            Condition::any()
                .add(outbox::Column::NotBefore.is_null())
                .add(outbox::Column::NotBefore.lte(now)),
        );
    }
    if !skip.is_empty() {
        query = query.filter(outbox::Column::Id.is_not_in(skip.iter().copied()));
    }
    Ok(query
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_message)
        .collect())
}

/// Records a successful send.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    record_attempt(db, id, Some(now), None).await
}

/// Records a failed attempt and why (shortened to 1000 characters); no sender tries it again
/// before `retry_at`.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), DomainError> {
    let error: String = error.chars().take(MAX_ERROR).collect();
    record_attempt(db, id, None, Some(error)).await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NotBefore, Expr::value(retry_at))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts one sending attempt; a success sets `sent_at` and clears the last error.
async fn record_attempt(
    db: &impl ConnectionTrait,
    id: i64,
    sent_at: Option<DateTime<Utc>>,
    error: Option<String>,
) -> Result<(), DomainError> {
    let mut update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .filter(outbox::Column::Id.eq(id));
    if let Some(at) = sent_at {
        update = update.col_expr(outbox::Column::SentAt, Expr::value(at));
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

/// The latest messages, sent or not, newest first: for the staff screen, each carrying a
/// calendar with the address of that file (`/events/{slug}/calendar.ics?lang=th`), so that a
/// message forwarded by hand can take it along.
pub async fn list(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<OutboxMessage>, DomainError> {
    let mut messages: Vec<OutboxMessage> = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_message)
        .collect();
    let ids: BTreeSet<i64> = messages
        .iter()
        .filter_map(|m| m.calendar_event_id)
        .collect();
    if ids.is_empty() {
        return Ok(messages);
    }
    let slugs: BTreeMap<i64, String> = events::Entity::find()
        .select_only()
        .column(events::Column::Id)
        .column(events::Column::Slug)
        .filter(events::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for m in &mut messages {
        let slug = m.calendar_event_id.and_then(|id| slugs.get(&id));
        m.calendar_file = slug.map(|slug| {
            let lang = m.calendar_lang.as_deref().unwrap_or("en");
            format!("/events/{slug}/calendar.ics?lang={lang}")
        });
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::hide_private_links;

    #[test]
    fn private_links_are_cut_and_other_text_kept() {
        let token = "0123456789abcdef".repeat(4);
        let body = format!("Dear Ma Ma,\nyour page: https://sala.example/r/{token}\nsee /r/short and /r/{token}?x=1 ไทย");
        let hidden = hide_private_links(&body);
        assert!(!hidden.contains(&token), "{hidden}");
        assert_eq!(
            hidden,
            "Dear Ma Ma,\nyour page: https://sala.example/r/…\nsee /r/short and /r/…?x=1 ไทย"
        );
        assert_eq!(hide_private_links("no links"), "no links");
        assert_eq!(hide_private_links("/r/"), "/r/");
    }
}
