//! Documentation of an event: rapporteurs' notes per session, numbered recommendations,
//! the summary and executive summaries, and whether the proceedings are public.
use entities::{event_sessions, events, executive_summaries, recommendations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::documentation_types::{
    Documentation, ExecutiveSummary, Recommendation, SessionNotes, MAX_LONG_TEXT, SUMMARY_LANGUAGES,
};
use crate::service::agenda::{self, Viewer};
use crate::types::{EventId, RecommendationStatus};
use crate::validate::required_text;
use crate::DomainError;

fn long_text(field: &str, raw: &str) -> Result<String, DomainError> {
    let value = raw.trim().replace("\r\n", "\n");
    if value.chars().count() > MAX_LONG_TEXT {
        return Err(DomainError::validation(field, "too-long"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value)
}

/// The documentation of the event behind `slug` (staff view).
pub async fn load(db: &impl ConnectionTrait, slug: &str) -> Result<Documentation, DomainError> {
    let detail = agenda::by_slug(db, slug, Viewer::Staff).await?;
    let event_id = detail.summary.id.0;
    let event = events::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let notes: std::collections::HashMap<i64, String> = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.notes))
        .collect();
    let sessions = detail
        .sessions
        .iter()
        .map(|s| SessionNotes {
            session_id: s.id,
            local_day: s.local_day.clone(),
            local_start: s.local_start.clone(),
            local_end: s.local_end.clone(),
            title: s.title.clone(),
            notes: notes.get(&s.id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(Documentation {
        event: detail.summary,
        summary: event.proceedings_summary,
        proceedings_public: event.proceedings_public,
        sessions,
        recommendations: recommendations_of(db, EventId(event_id)).await?,
        executive_summaries: summaries_of(db, EventId(event_id)).await?,
    })
}

pub async fn recommendations_of(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<Recommendation>, DomainError> {
    Ok(recommendations::Entity::find()
        .filter(recommendations::Column::EventId.eq(event.0))
        .order_by_asc(recommendations::Column::Position)
        .order_by_asc(recommendations::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, r)| Recommendation {
            id: r.id,
            number: i as u32 + 1,
            text: r.text,
            addressed_to: r.addressed_to,
            status: RecommendationStatus::parse(&r.status)
                .unwrap_or(RecommendationStatus::Proposed),
        })
        .collect())
}

/// Executive summaries in the order of [`SUMMARY_LANGUAGES`].
pub async fn summaries_of(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<ExecutiveSummary>, DomainError> {
    let mut found: Vec<_> = executive_summaries::Entity::find()
        .filter(executive_summaries::Column::EventId.eq(event.0))
        .all(db)
        .await?;
    let rank = |code: &str| SUMMARY_LANGUAGES.iter().position(|(c, _)| *c == code);
    found.sort_by_key(|s| rank(&s.language));
    Ok(found
        .into_iter()
        .map(|s| ExecutiveSummary {
            language: s.language,
            text: s.text,
        })
        .collect())
}

/// Saves a session's notes; the session must belong to `event`.
pub async fn save_session_notes(
    db: &impl ConnectionTrait,
    event: EventId,
    session_id: i64,
    notes: &str,
) -> Result<(), DomainError> {
    let notes = long_text("notes", notes)?;
    let session = event_sessions::Entity::find_by_id(session_id)
        .one(db)
        .await?
        .filter(|s| s.event_id == event.0)
        .ok_or(DomainError::NotFound)?;
    let mut session: event_sessions::ActiveModel = session.into();
    session.notes = Set(notes);
    session.update(db).await?;
    Ok(())
}

/// Saves the summary and whether the proceedings are public.
pub async fn save_summary(
    db: &impl ConnectionTrait,
    event: EventId,
    summary: &str,
    public: bool,
) -> Result<(), DomainError> {
    let summary = long_text("summary", summary)?;
    let found = events::Entity::find_by_id(event.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut found: events::ActiveModel = found.into();
    found.proceedings_summary = Set(summary);
    found.proceedings_public = Set(public);
    found.update(db).await?;
    Ok(())
}

pub use crate::documentation_types::RecommendationForm;

/// Adds (`id` None, numbered last) or edits a recommendation of `event`. Returns its id.
pub async fn save_recommendation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    id: Option<i64>,
    form: &RecommendationForm,
) -> Result<i64, DomainError> {
    let text = long_text("text", &form.text)?;
    if text.is_empty() {
        return Err(DomainError::validation("text", "required"));
    }
    let addressed_to = match form.addressed_to.trim() {
        "" => String::new(),
        raw => required_text("addressed_to", raw, 300)?,
    };
    let status = RecommendationStatus::parse(form.status.trim())
        .ok_or_else(|| DomainError::validation("status", "invalid-choice"))?;
    let txn = crate::service::db::begin_write(db).await?;
    let saved = match id {
        Some(id) => {
            let found = recommendations::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|r| r.event_id == event.0)
                .ok_or(DomainError::NotFound)?;
            let mut found: recommendations::ActiveModel = found.into();
            found.text = Set(text);
            found.addressed_to = Set(addressed_to);
            found.status = Set(status.as_str().to_owned());
            found.update(&txn).await?.id
        }
        None => {
            let last = recommendations::Entity::find()
                .filter(recommendations::Column::EventId.eq(event.0))
                .order_by_desc(recommendations::Column::Position)
                .one(&txn)
                .await?
                .map_or(0, |r| r.position);
            recommendations::ActiveModel {
                event_id: Set(event.0),
                position: Set(last + 1),
                text: Set(text),
                addressed_to: Set(addressed_to),
                status: Set(status.as_str().to_owned()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    txn.commit().await?;
    Ok(saved)
}

/// Removes a recommendation; the others keep their order (numbers close up).
pub async fn delete_recommendation(
    db: &impl ConnectionTrait,
    event: EventId,
    id: i64,
) -> Result<(), DomainError> {
    super::events::delete_owned::<recommendations::Entity>(
        db,
        recommendations::Column::Id,
        recommendations::Column::EventId,
        id,
        event.0,
    )
    .await
}

/// Saves the executive summary in `language`; empty text removes it.
pub async fn save_executive_summary<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    language: &str,
    text: &str,
) -> Result<(), DomainError> {
    if !SUMMARY_LANGUAGES.iter().any(|(c, _)| *c == language) {
        return Err(DomainError::validation("language", "invalid-choice"));
    }
    let text = long_text("text", text)?;
    let txn = crate::service::db::begin_write(db).await?;
    executive_summaries::Entity::delete_many()
        .filter(executive_summaries::Column::EventId.eq(event.0))
        .filter(executive_summaries::Column::Language.eq(language))
        .exec(&txn)
        .await?;
    if !text.is_empty() {
        executive_summaries::ActiveModel {
            event_id: Set(event.0),
            language: Set(language.to_owned()),
            text: Set(text),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// What the proceedings of the event behind `slug` print. The public (`Viewer::Public`)
/// gets them only when the event is public and its proceedings are published.
pub async fn proceedings(
    db: &impl ConnectionTrait,
    slug: &str,
    viewer: Viewer,
) -> Result<crate::documentation_types::ProceedingsData, DomainError> {
    let event = agenda::by_slug(db, slug, viewer).await?;
    let id = event.summary.id;
    let row = events::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if viewer == Viewer::Public && !row.proceedings_public {
        return Err(DomainError::NotFound);
    }
    let notes = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(id.0))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| !s.notes.trim().is_empty())
        .map(|s| (s.id, s.notes))
        .collect();
    let participants =
        crate::service::roster::roster(db, id, crate::participant_types::RosterOrder::Country)
            .await?;
    Ok(crate::documentation_types::ProceedingsData {
        event,
        summary: row.proceedings_summary,
        notes,
        recommendations: recommendations_of(db, id).await?,
        executive_summaries: summaries_of(db, id).await?,
        participants,
    })
}
