//! The assessment of a training: scored questions the coordinator sets, which each trainee
//! answers through their private link before the training ends ("pre") and once it has
//! begun ("post"); the cohort page compares the two.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use entities::{assessment_answers, assessment_questions, events, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::attendance_report::cohort_members;
use super::events::event_by_slug;
use crate::followup_types::{
    parse_score, AssessmentPhase, AssessmentQuestion, AssessmentQuestionForm, AssessmentResult,
    MyAssessment, Score,
};
use crate::types::EventId;
use crate::DomainError;

/// The most questions an assessment has (it is meant to be short).
pub const MAX_QUESTIONS: usize = 30;

fn to_question(q: assessment_questions::Model) -> AssessmentQuestion {
    AssessmentQuestion {
        id: q.id,
        position: q.position,
        text: q.text,
        max_score: u8::try_from(q.max_score).unwrap_or(0),
    }
}

/// The questions of an event, in order.
pub async fn questions(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<Vec<AssessmentQuestion>, DomainError> {
    Ok(assessment_questions::Entity::find()
        .filter(assessment_questions::Column::EventId.eq(event_id))
        .order_by_asc(assessment_questions::Column::Position)
        .order_by_asc(assessment_questions::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_question)
        .collect())
}

/// Adds a question at the end of the assessment of `slug`.
pub async fn add_question(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &AssessmentQuestionForm,
) -> Result<i64, DomainError> {
    let (text, max_score) = form.validate()?;
    let event = event_by_slug(db, slug).await?;
    let existing = questions(db, event.id).await?;
    if existing.len() >= MAX_QUESTIONS {
        return Err(DomainError::validation("text", "too-many"));
    }
    let position = existing.last().map_or(1, |q| q.position + 1);
    let row = assessment_questions::ActiveModel {
        event_id: Set(event.id),
        position: Set(position),
        text: Set(text),
        max_score: Set(i16::from(max_score)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Removes a question of `slug` (and the answers given to it).
pub async fn delete_question(
    db: &impl ConnectionTrait,
    slug: &str,
    question_id: i64,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    super::events::delete_owned::<assessment_questions::Entity>(
        db,
        assessment_questions::Column::Id,
        assessment_questions::Column::EventId,
        question_id,
        event.id,
    )
    .await
}

/// Whether `phase` may be answered at `now`: before the training until it ends, after it from
/// its first day on.
pub fn phase_open(event: &events::Model, phase: AssessmentPhase, now: DateTime<Utc>) -> bool {
    match phase {
        AssessmentPhase::Pre => now < event.ends_at,
        AssessmentPhase::Post => now >= event.starts_at,
    }
}

/// Whether this registration belongs to its event's cohort.
pub(crate) async fn in_cohort(
    db: &impl ConnectionTrait,
    registration: &registrations::Model,
) -> Result<bool, DomainError> {
    Ok(cohort_members(db, EventId(registration.event_id))
        .await?
        .iter()
        .any(|r| r.registration_id == registration.id))
}

/// The assessment part of a trainee's private page (None when the event has none).
pub(crate) async fn mine(
    db: &impl ConnectionTrait,
    event: &events::Model,
    registration_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<MyAssessment>, DomainError> {
    let questions = questions(db, event.id).await?;
    if questions.is_empty() {
        return Ok(None);
    }
    let answers = assessment_answers::Entity::find()
        .filter(assessment_answers::Column::RegistrationId.eq(registration_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some((
                AssessmentPhase::parse(&a.phase)?,
                a.question_id,
                u8::try_from(a.score).ok()?,
            ))
        })
        .collect();
    Ok(Some(MyAssessment {
        questions,
        open: AssessmentPhase::ALL
            .into_iter()
            .filter(|p| phase_open(event, *p, now))
            .collect(),
        answers,
    }))
}

/// Saves a trainee's answers to every question for `phase` (`scores`: question id → typed
/// score), replacing earlier ones, all or nothing.
pub async fn answer(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    phase: &str,
    scores: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let registration = super::registration::find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let phase =
        AssessmentPhase::parse(phase).ok_or(DomainError::validation("phase", "invalid-choice"))?;
    let event = events::Entity::find_by_id(registration.event_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !in_cohort(db, &registration).await? {
        return Err(DomainError::Forbidden);
    }
    if !phase_open(&event, phase, now) {
        return Err(DomainError::validation("phase", "assessment-closed"));
    }
    let questions = questions(db, event.id).await?;
    if questions.is_empty() {
        return Err(DomainError::NotFound);
    }
    let mut rows = Vec::with_capacity(questions.len());
    for q in &questions {
        let score = parse_score(
            scores.get(&q.id.to_string()).map(String::as_str),
            q.max_score,
        )
        .map_err(|e| e.renamed_field(&format!("score-{}", q.id)))?;
        rows.push((q.id, score));
    }
    let txn = super::db::begin_write(db).await?;
    assessment_answers::Entity::delete_many()
        .filter(assessment_answers::Column::RegistrationId.eq(registration.id))
        .filter(assessment_answers::Column::Phase.eq(phase.as_str()))
        .exec(&txn)
        .await?;
    for (question_id, score) in rows {
        assessment_answers::ActiveModel {
            registration_id: Set(registration.id),
            question_id: Set(question_id),
            phase: Set(phase.as_str().to_owned()),
            score: Set(i16::from(score)),
            answered_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Every registration's before and after scores at an event (only those who answered).
pub async fn results(
    db: &impl ConnectionTrait,
    event_id: i64,
) -> Result<HashMap<i64, AssessmentResult>, DomainError> {
    let max_of: HashMap<i64, u32> = questions(db, event_id)
        .await?
        .into_iter()
        .map(|q| (q.id, u32::from(q.max_score)))
        .collect();
    let answers = assessment_answers::Entity::find()
        .inner_join(registrations::Entity)
        .filter(registrations::Column::EventId.eq(event_id))
        .all(db)
        .await?;
    let mut totals: HashMap<(i64, AssessmentPhase), Score> = HashMap::new();
    for a in answers {
        let (Some(phase), Some(max)) =
            (AssessmentPhase::parse(&a.phase), max_of.get(&a.question_id))
        else {
            continue;
        };
        let entry = totals
            .entry((a.registration_id, phase))
            .or_insert(Score { points: 0, max: 0 });
        entry.points += u32::try_from(a.score).unwrap_or(0);
        entry.max += max;
    }
    let mut results: HashMap<i64, AssessmentResult> = HashMap::new();
    for ((registration_id, phase), score) in totals {
        let result = results.entry(registration_id).or_default();
        match phase {
            AssessmentPhase::Pre => result.pre = Some(score),
            AssessmentPhase::Post => result.post = Some(score),
        }
    }
    Ok(results)
}
