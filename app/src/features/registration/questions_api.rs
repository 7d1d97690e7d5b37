//! Server functions for an event's custom registration questions (coordinators).
use domain::question_types::{Question, QuestionForm};
use domain::types::EventSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require, OrKeep};

/// The questions screen: the event, its questions in order, and what a coordinator typed
/// into a question form that was refused (without JavaScript), to show it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventQuestions {
    pub event: EventSummary,
    pub questions: Vec<Question>,
    pub draft: Option<QuestionDraft>,
}

/// A refused question form: which question (None: the new one) and its fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    pub id: Option<i64>,
    pub form: QuestionForm,
}

#[cfg(feature = "ssr")]
async fn event_id(slug: &str) -> Result<domain::types::EventId, AppError> {
    require(domain::types::Role::Coordinator).await?;
    domain::service::events::id_by_slug(&ctx()?.db, slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "load_questions")]
pub async fn load_questions(
    slug: String,
    draft: Option<String>,
) -> Result<EventQuestions, AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    let id = event_id(&slug).await?;
    let db = ctx()?.db;
    let event = by_slug(&db, &slug, Viewer::Staff)
        .await
        .map_err(fail)?
        .summary;
    let questions = domain::service::questions::of_event(&db, id)
        .await
        .map_err(fail)?;
    let draft = crate::server::take_draft::<QuestionDraft>(draft.as_deref()).await;
    Ok(EventQuestions {
        event,
        questions,
        draft,
    })
}

/// Adds (`id` absent) or edits a question. A failure names `qn-{id or new}-{field}`.
#[server(prefix = "/api", endpoint = "save_question")]
pub async fn save_question(
    slug: String,
    id: Option<i64>,
    form: QuestionForm,
) -> Result<i64, AppError> {
    let event = event_id(&slug).await?;
    let suffix = id.map_or_else(|| "new".to_owned(), |id| id.to_string());
    domain::service::questions::save(&ctx()?.db, event, id, &form)
        .await
        .map_err(|e| {
            let field = e.field().map(|f| format!("qn-{suffix}-{f}"));
            match field {
                Some(field) => e.renamed_field(&field),
                None => e,
            }
        })
        .or_keep(&QuestionDraft { id, form }, "")
        .await
}

#[server(prefix = "/api", endpoint = "delete_question")]
pub async fn delete_question(slug: String, id: i64) -> Result<(), AppError> {
    let event = event_id(&slug).await?;
    domain::service::questions::delete(&ctx()?.db, event, id)
        .await
        .map_err(fail)
}

/// Moves a question one place: `direction` is `up` or `down`.
#[server(prefix = "/api", endpoint = "move_question")]
pub async fn move_question(slug: String, id: i64, direction: String) -> Result<(), AppError> {
    let event = event_id(&slug).await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => {
            return Err(fail(domain::DomainError::validation(
                "direction",
                "invalid-choice",
            )))
        }
    };
    domain::service::questions::move_question(&ctx()?.db, event, id, up)
        .await
        .map_err(fail)
}
