//! Custom questions: what an event asks on its registration form beyond the standard
//! details (text, choice, multiple choice, yes/no, date; required or not), in the order the
//! coordinator set, and each registration's answers.
//!
//! Answers are checked before anything is written ([`check_answers`]) and stored in the
//! same transaction as the registration or the change they belong to ([`store_answers`]).
use std::collections::{BTreeMap, HashMap};

use entities::{event_questions, registration_answers};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::question_types::{
    answer_key, raw_answer, Question, QuestionForm, MAX_ANSWER, MAX_LABEL, MAX_OPTION, MAX_OPTIONS,
    MAX_QUESTIONS,
};
use crate::types::{EventId, QuestionKind};
use crate::validate::required_text;
use crate::DomainError;

/// A question's answer as stored: `(question id, value)`.
pub type Answer = (i64, String);

fn to_question(m: event_questions::Model) -> Result<Question, DomainError> {
    Ok(Question {
        id: m.id,
        label: m.label,
        kind: QuestionKind::parse(&m.kind).ok_or(DomainError::Internal)?,
        options: m.options.lines().map(str::to_owned).collect(),
        option_labels: Vec::new(),
        required: m.required,
    })
}

/// The event's questions in order.
pub async fn of_event(
    db: &impl ConnectionTrait,
    event: EventId,
) -> Result<Vec<Question>, DomainError> {
    event_questions::Entity::find()
        .filter(event_questions::Column::EventId.eq(event.0))
        .order_by_asc(event_questions::Column::Position)
        .order_by_asc(event_questions::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_question)
        .collect()
}

/// The form's options: one per line, trimmed, blank lines and repeats dropped.
fn options(kind: QuestionKind, raw: &str) -> Result<Vec<String>, DomainError> {
    if !kind.has_options() {
        return Ok(Vec::new());
    }
    let mut list: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > MAX_OPTION {
            return Err(DomainError::validation("options", "too-long"));
        }
        if line.chars().any(char::is_control) {
            return Err(DomainError::validation("options", "invalid-characters"));
        }
        if !list.iter().any(|o| o == line) {
            list.push(line.to_owned());
        }
    }
    if list.len() < 2 {
        return Err(DomainError::validation("options", "options-required"));
    }
    if list.len() > MAX_OPTIONS {
        return Err(DomainError::validation("options", "too-many"));
    }
    Ok(list)
}

/// Adds (`id` None, asked last) or edits a question of `event`. Returns its id.
/// Refusals name the field: `label`, `kind` or `options`.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    id: Option<i64>,
    form: &QuestionForm,
) -> Result<i64, DomainError> {
    let label = required_text("label", &form.label, MAX_LABEL)?;
    let kind = QuestionKind::parse(form.kind.trim())
        .ok_or_else(|| DomainError::validation("kind", "invalid-choice"))?;
    let options = options(kind, &form.options)?.join("\n");
    let required = form.required.is_some();
    let txn = crate::service::db::begin_write(db).await?;
    let saved = match id {
        Some(id) => {
            let found = event_questions::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|q| q.event_id == event.0)
                .ok_or(DomainError::NotFound)?;
            let mut found: event_questions::ActiveModel = found.into();
            found.label = Set(label);
            found.kind = Set(kind.as_str().to_owned());
            found.options = Set(options);
            found.required = Set(required);
            found.update(&txn).await?.id
        }
        None => {
            let count = event_questions::Entity::find()
                .filter(event_questions::Column::EventId.eq(event.0))
                .count(&txn)
                .await?;
            if count >= MAX_QUESTIONS as u64 {
                return Err(DomainError::validation("label", "too-many"));
            }
            let last = event_questions::Entity::find()
                .filter(event_questions::Column::EventId.eq(event.0))
                .order_by_desc(event_questions::Column::Position)
                .one(&txn)
                .await?
                .map_or(0, |q| q.position);
            event_questions::ActiveModel {
                event_id: Set(event.0),
                position: Set(last + 1),
                label: Set(label),
                kind: Set(kind.as_str().to_owned()),
                options: Set(options),
                required: Set(required),
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

/// Removes a question and every answer to it.
pub async fn delete(db: &impl ConnectionTrait, event: EventId, id: i64) -> Result<(), DomainError> {
    super::events::delete_owned::<event_questions::Entity>(
        db,
        event_questions::Column::Id,
        event_questions::Column::EventId,
        id,
        event.0,
    )
    .await
}

/// Moves a question one place up (earlier) or down; at either end nothing changes.
pub async fn move_question<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    id: i64,
    up: bool,
) -> Result<(), DomainError> {
    let txn = crate::service::db::begin_write(db).await?;
    let mut all = event_questions::Entity::find()
        .filter(event_questions::Column::EventId.eq(event.0))
        .order_by_asc(event_questions::Column::Position)
        .order_by_asc(event_questions::Column::Id)
        .all(&txn)
        .await?;
    let at = all
        .iter()
        .position(|q| q.id == id)
        .ok_or(DomainError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(other) = other.filter(|o| *o < all.len()) else {
        return Ok(());
    };
    all.swap(at, other);
    // Renumber all: positions stay 1..n even after deletions.
    for (n, q) in all.into_iter().enumerate() {
        let position = i32::try_from(n + 1).unwrap_or(i32::MAX);
        if q.position != position {
            let mut q: event_questions::ActiveModel = q.into();
            q.position = Set(position);
            q.update(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Checks a form's answers against the questions; returns the answers to store (empty
/// optional answers are left out). A failure names the question's [`answer_key`] with
/// `required`, `invalid-choice`, `invalid-date`, `too-long` or `invalid-characters`.
pub fn check_answers(
    questions: &[Question],
    answers: &BTreeMap<String, String>,
) -> Result<Vec<Answer>, DomainError> {
    // A form only ever carries one entry per question or option: more is not a person typing.
    let most = questions
        .iter()
        .map(|q| q.options.len().max(1))
        .sum::<usize>()
        + MAX_QUESTIONS;
    if answers.len() > most {
        return Err(DomainError::validation("answers", "too-many"));
    }
    let mut out = Vec::new();
    for q in questions {
        let field = answer_key(q.id);
        let fail = |message: &str| DomainError::validation(&field, message);
        let value = raw_answer(q, answers);
        if value.is_empty() {
            if q.required {
                return Err(fail("required"));
            }
            continue;
        }
        let value = match q.kind {
            QuestionKind::Text => {
                if value.chars().count() > MAX_ANSWER {
                    return Err(fail("too-long"));
                }
                if value
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                {
                    return Err(fail("invalid-characters"));
                }
                value.replace("\r\n", "\n")
            }
            QuestionKind::Choice => {
                if !q.options.contains(&value) {
                    return Err(fail("invalid-choice"));
                }
                value
            }
            QuestionKind::Multi => {
                let chosen: Vec<&str> = value.lines().collect();
                if chosen.iter().any(|c| !q.options.iter().any(|o| o == c)) {
                    return Err(fail("invalid-choice"));
                }
                // In the question's order, each once.
                q.options
                    .iter()
                    .filter(|o| chosen.contains(&o.as_str()))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            QuestionKind::YesNo => match value.as_str() {
                "yes" | "no" => value,
                _ => return Err(fail("invalid-choice")),
            },
            QuestionKind::Date => chrono::NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .map_err(|_| fail("invalid-date"))?
                .format("%Y-%m-%d")
                .to_string(),
        };
        out.push((q.id, value));
    }
    Ok(out)
}

/// Replaces a registration's answers; call it inside the transaction of the change.
pub(crate) async fn store_answers(
    txn: &impl ConnectionTrait,
    registration_id: i64,
    answers: &[Answer],
) -> Result<(), DbErr> {
    registration_answers::Entity::delete_many()
        .filter(registration_answers::Column::RegistrationId.eq(registration_id))
        .exec(txn)
        .await?;
    for (question_id, value) in answers {
        registration_answers::ActiveModel {
            registration_id: Set(registration_id),
            question_id: Set(*question_id),
            value: Set(value.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A registration's stored answers.
pub async fn answers_of(
    db: &impl ConnectionTrait,
    registration_id: i64,
) -> Result<Vec<Answer>, DomainError> {
    Ok(registration_answers::Entity::find()
        .filter(registration_answers::Column::RegistrationId.eq(registration_id))
        .order_by_asc(registration_answers::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect())
}

/// Every answer given for the event's questions, by registration.
pub async fn answers_for_event(
    db: &impl ConnectionTrait,
    questions: &[Question],
) -> Result<HashMap<i64, Vec<Answer>>, DomainError> {
    if questions.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<i64> = questions.iter().map(|q| q.id).collect();
    let mut by_registration: HashMap<i64, Vec<Answer>> = HashMap::new();
    for a in registration_answers::Entity::find()
        .filter(registration_answers::Column::QuestionId.is_in(ids))
        .all(db)
        .await?
    {
        by_registration
            .entry(a.registration_id)
            .or_default()
            .push((a.question_id, a.value));
    }
    Ok(by_registration)
}
