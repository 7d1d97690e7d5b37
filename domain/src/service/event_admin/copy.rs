//! Reusing an agenda: a yearly training or a second run of a workshop starts from the last one.
use entities::event_sessions;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::{copy_people, load_event, local, to_utc, zone};
use crate::types::EventId;
use crate::DomainError;

/// Copies every session of `from`, with its people, into the empty agenda of `to`. Sessions
/// keep their local wall-clock times and move by as many days as lie between the two events'
/// first local days (each event read in its own zone). Returns how many sessions were copied.
pub async fn copy_agenda<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    from: EventId,
    to: EventId,
) -> Result<usize, DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let source = load_event(&txn, from).await?;
    let target = load_event(&txn, to).await?;
    let existing = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(target.id))
        .count(&txn)
        .await?;
    if existing > 0 {
        return Err(DomainError::validation("agenda", "agenda-not-empty"));
    }
    let (from_tz, to_tz) = (zone(&source)?, zone(&target)?);
    let shift = local(target.starts_at, to_tz).date() - local(source.starts_at, from_tz).date();
    let sessions = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(source.id))
        .order_by_asc(event_sessions::Column::StartsAt)
        .order_by_asc(event_sessions::Column::Id)
        .all(&txn)
        .await?;
    let count = sessions.len();
    for session in sessions {
        let moved = |at| to_utc(to_tz, local(at, from_tz) + shift);
        let (Some(starts), Some(ends)) = (moved(session.starts_at), moved(session.ends_at)) else {
            return Err(DomainError::validation("agenda", "invalid-datetime"));
        };
        let copy = event_sessions::ActiveModel {
            event_id: Set(target.id),
            kind: Set(session.kind),
            title: Set(session.title),
            description: Set(session.description),
            room: Set(session.room),
            language: Set(session.language),
            starts_at: Set(starts),
            ends_at: Set(ends),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        copy_people(&txn, session.id, copy.id).await?;
    }
    txn.commit().await?;
    Ok(count)
}
