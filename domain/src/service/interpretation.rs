//! Interpretation planned: the languages confirmed participants need (stored as codes on
//! their registrations), counted per event and per agenda session, and the interpreters
//! assigned to each session and language.
//!
//! Invariants:
//! - only a registration for the same event with the role `interpreter`, not withdrawn,
//!   declined or rejected, is assigned; anyone else is refused on `registration_id`;
//! - a language is a code of the fixed list; a session is one of the event's own;
//! - at most [`MAX_PER_LANGUAGE`] interpreters per session and language, so no list on the
//!   page or in the plan grows without bound (the database keeps each pair once);
//! - a session needs a language when a confirmed participant needs it and the session is not
//!   held in it; breaks and meals need none.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entities::{event_sessions, interpretation_assignments, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::agenda::{self, Viewer};
use crate::interpretation_types::{
    AssignmentForm, InterpretationPlan, Interpreter, LanguageNeed, SessionInterpretation,
    SessionLanguage, INTERPRETER_ROLE,
};
use crate::languages;
use crate::types::{RegistrationStatus, SessionKind};
use crate::DomainError;

/// Interpreters at most per session and language.
pub const MAX_PER_LANGUAGE: u64 = 6;

/// Statuses of a registration that no longer takes part.
const GONE: [RegistrationStatus; 3] = [
    RegistrationStatus::Withdrawn,
    RegistrationStatus::Declined,
    RegistrationStatus::Rejected,
];

fn takes_part(status: &str) -> bool {
    !GONE.iter().any(|g| g.as_str() == status)
}

fn needs_interpretation(kind: SessionKind) -> bool {
    !matches!(kind, SessionKind::Break | SessionKind::Meal)
}

/// The plan of the event behind `slug` (any status: staff only).
pub async fn plan(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<InterpretationPlan, DomainError> {
    let event = agenda::by_slug(db, slug, Viewer::Staff).await?;
    let rows = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.summary.id.0))
        .order_by_asc(registrations::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut interpreters: Vec<Interpreter> = Vec::new();
    for (r, person) in rows {
        if r.role == INTERPRETER_ROLE {
            if takes_part(&r.status) {
                let person = person.ok_or(DomainError::Internal)?;
                interpreters.push(Interpreter {
                    registration_id: r.id,
                    name: person.name_latin,
                    languages: languages::split(&person.languages),
                });
            }
            continue;
        }
        if r.status != RegistrationStatus::Confirmed.as_str() {
            continue;
        }
        for code in languages::split(&r.interpretation_needed) {
            // Only listed codes count (an old free-text value the migration could not read
            // stays as typed and counts for nothing).
            if let Some(code) = languages::known(&code) {
                *counts.entry(code.to_owned()).or_default() += 1;
            }
        }
    }
    interpreters.sort_by_key(|i| i.name.to_lowercase());
    let mut needs: Vec<LanguageNeed> = counts
        .into_iter()
        .map(|(code, participants)| LanguageNeed { code, participants })
        .collect();
    needs.sort_by_key(|n| languages::rank(&n.code));

    let session_ids: Vec<i64> = event.sessions.iter().map(|s| s.id).collect();
    let mut assigned = assigned_in(db, session_ids, &interpreters).await?;
    let sessions = event
        .sessions
        .into_iter()
        .filter(|s| needs_interpretation(s.kind))
        .map(|s| {
            let mut here = assigned.remove(&s.id).unwrap_or_default();
            let mut lines: Vec<SessionLanguage> = needs
                .iter()
                .filter(|n| !n.code.eq_ignore_ascii_case(s.language.trim()))
                .map(|n| SessionLanguage {
                    code: n.code.clone(),
                    participants: n.participants,
                    interpreters: here.remove(&n.code).unwrap_or_default(),
                })
                .collect();
            // Interpreters set for a language nobody (or no longer anybody) needs still show.
            lines.extend(
                here.into_iter()
                    .map(|(code, interpreters)| SessionLanguage {
                        code,
                        participants: 0,
                        interpreters,
                    }),
            );
            lines.sort_by_key(|l| languages::rank(&l.code));
            SessionInterpretation {
                session_id: s.id,
                title: s.title,
                local_day: s.local_day,
                local_start: s.local_start,
                local_end: s.local_end,
                floor_language: s.language,
                languages: lines,
            }
        })
        .collect();
    Ok(InterpretationPlan {
        event: event.summary,
        needs,
        sessions,
        interpreters,
    })
}

/// Interpreters assigned per session and language, among `interpreters`.
async fn assigned_in(
    db: &impl ConnectionTrait,
    session_ids: Vec<i64>,
    interpreters: &[Interpreter],
) -> Result<HashMap<i64, HashMap<String, Vec<Interpreter>>>, DomainError> {
    let rows = interpretation_assignments::Entity::find()
        .filter(interpretation_assignments::Column::SessionId.is_in(session_ids))
        .order_by_asc(interpretation_assignments::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i64, HashMap<String, Vec<Interpreter>>> = HashMap::new();
    for row in rows {
        let Some(who) = interpreters
            .iter()
            .find(|i| i.registration_id == row.registration_id)
        else {
            continue; // withdrawn since: no longer interprets
        };
        out.entry(row.session_id)
            .or_default()
            .entry(row.language)
            .or_default()
            .push(who.clone());
    }
    Ok(out)
}

/// The codes of the languages interpreted in each of these sessions (at least one interpreter
/// still taking part), in list order: what the agenda shows.
pub async fn interpreted(
    db: &impl ConnectionTrait,
    session_ids: Vec<i64>,
) -> Result<HashMap<i64, Vec<String>>, DomainError> {
    let rows = interpretation_assignments::Entity::find()
        .filter(interpretation_assignments::Column::SessionId.is_in(session_ids))
        .find_also_related(registrations::Entity)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (row, registration) in rows {
        if !registration.is_some_and(|r| takes_part(&r.status)) {
            continue;
        }
        let codes = out.entry(row.session_id).or_default();
        if !codes.contains(&row.language) {
            codes.push(row.language);
        }
    }
    for codes in out.values_mut() {
        codes.sort_by_key(|c| languages::rank(c));
    }
    Ok(out)
}

/// What an assignment form names, checked: (session, language, registration).
struct Checked {
    session_id: i64,
    language: &'static str,
    registration_id: i64,
}

/// Checks the form against the event behind `slug`, in form order.
async fn check(
    db: &impl ConnectionTrait,
    slug: &str,
    form: &AssignmentForm,
) -> Result<Checked, DomainError> {
    let event_id = super::events::id_by_slug(db, slug).await?.0;
    let session = match form.session_id.trim().parse::<i64>() {
        Ok(id) => event_sessions::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    let session = session
        .filter(|s| s.event_id == event_id)
        .ok_or_else(|| DomainError::validation("session_id", "session-not-in-event"))?;
    let language = languages::known(&form.language)
        .ok_or_else(|| DomainError::validation("language", "unknown-language"))?;
    let registration = match form.registration_id.trim().parse::<i64>() {
        Ok(id) => registrations::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    let registration = registration
        .filter(|r| r.event_id == event_id && r.role == INTERPRETER_ROLE && takes_part(&r.status))
        .ok_or_else(|| DomainError::validation("registration_id", "not-an-interpreter"))?;
    Ok(Checked {
        session_id: session.id,
        language,
        registration_id: registration.id,
    })
}

/// Assigns an interpreter to a session and language; assigning the same again changes
/// nothing. Refusals: `unknown-session`, `unknown-language`, `not-an-interpreter`,
/// `too-many-interpreters` (see the module's invariants).
pub async fn assign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    slug: &str,
    form: &AssignmentForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = super::db::begin_write(db).await?;
    let c = check(&txn, slug, form).await?;
    let same_pair = interpretation_assignments::Entity::find()
        .filter(interpretation_assignments::Column::SessionId.eq(c.session_id))
        .filter(interpretation_assignments::Column::Language.eq(c.language));
    let already = same_pair
        .clone()
        .filter(interpretation_assignments::Column::RegistrationId.eq(c.registration_id))
        .one(&txn)
        .await?;
    if already.is_none() {
        if same_pair.count(&txn).await? >= MAX_PER_LANGUAGE {
            return Err(DomainError::validation(
                "registration_id",
                "too-many-interpreters",
            ));
        }
        interpretation_assignments::ActiveModel {
            session_id: Set(c.session_id),
            language: Set(c.language.to_owned()),
            registration_id: Set(c.registration_id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes an interpreter off a session's language (nothing happens when they were not on it).
pub async fn unassign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    slug: &str,
    form: &AssignmentForm,
) -> Result<(), DomainError> {
    let txn = super::db::begin_write(db).await?;
    let c = check(&txn, slug, form).await?;
    interpretation_assignments::Entity::delete_many()
        .filter(interpretation_assignments::Column::SessionId.eq(c.session_id))
        .filter(interpretation_assignments::Column::Language.eq(c.language))
        .filter(interpretation_assignments::Column::RegistrationId.eq(c.registration_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
