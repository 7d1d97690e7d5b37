//! Interpretation as pages and the printed plan see it: how many participants need each
//! language, per event and per agenda session, and who interprets what.
use serde::{Deserialize, Serialize};

use crate::types::EventSummary;

/// The role a registration has when the person comes to interpret.
pub const INTERPRETER_ROLE: &str = crate::types::RegistrationRole::Interpreter.as_str();

/// How many confirmed participants need interpretation into a language (its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageNeed {
    pub code: String,
    pub participants: usize,
}

/// A registered interpreter as the plan names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interpreter {
    pub registration_id: i64,
    pub name: String,
    /// The codes of the languages they speak.
    pub languages: Vec<String>,
}

/// One language of one session: who needs it and who interprets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLanguage {
    pub code: String,
    /// Confirmed participants who need this language (0 when only interpreters are set).
    pub participants: usize,
    pub interpreters: Vec<Interpreter>,
}

/// A session of the agenda with the languages interpreted or needed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInterpretation {
    pub session_id: i64,
    pub title: String,
    pub local_day: String,
    pub local_start: String,
    pub local_end: String,
    /// The language the session is held in (no interpretation needed into it).
    pub floor_language: String,
    /// In list order ([`crate::languages::LANGUAGES`]).
    pub languages: Vec<SessionLanguage>,
}

/// The interpretation plan of an event: what the coordinator's page and the PDF show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterpretationPlan {
    pub event: EventSummary,
    /// Languages needed by at least one confirmed participant, in list order.
    pub needs: Vec<LanguageNeed>,
    /// Every session but breaks and meals, in agenda order.
    pub sessions: Vec<SessionInterpretation>,
    /// Everyone registered (not withdrawn, declined or rejected) with the role `interpreter`.
    pub interpreters: Vec<Interpreter>,
}

/// The assignment form: one interpreter for one language in one session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssignmentForm {
    pub session_id: String,
    pub language: String,
    pub registration_id: String,
}
