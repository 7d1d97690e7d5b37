//! Custom questions an event asks on its registration form, and the answers, as pages see
//! them. Answers travel in the registration form as a map keyed by [`answer_key`] (and, for
//! multiple choice, [`option_key`]), so the form stays a plain HTML form.
use serde::{Deserialize, Serialize};

use crate::types::QuestionKind;

/// Longest question label (characters).
pub const MAX_LABEL: usize = 300;
/// Most options a choice question may list, and the longest option.
pub const MAX_OPTIONS: usize = 30;
pub const MAX_OPTION: usize = 200;
/// Longest free-text answer (characters).
pub const MAX_ANSWER: usize = 2_000;
/// Most questions one event may ask.
pub const MAX_QUESTIONS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub label: String,
    pub kind: QuestionKind,
    /// For `choice` and `multi`: the options, in order (the values answers store).
    pub options: Vec<String>,
    /// The words shown for each option in the reader's language (empty: the options).
    #[serde(default)]
    pub option_labels: Vec<String>,
    pub required: bool,
}

impl Question {
    /// The words shown for option `i` (its translation, or the option itself).
    pub fn option_label(&self, i: usize) -> &str {
        self.option_labels
            .get(i)
            .or_else(|| self.options.get(i))
            .map_or("", String::as_str)
    }
}

/// The coordinator's question form, as the browser sends it: `options` one per line,
/// `required` present when ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub label: String,
    pub kind: String,
    pub options: String,
    pub required: Option<String>,
}

/// The key of a question's answer in [`crate::registration_types::RegistrationForm::answers`]
/// (and its form field `form[answers][q{id}]`); also the field a failure names.
pub fn answer_key(question: i64) -> String {
    format!("q{question}")
}

/// The key of one ticked option of a multiple-choice question (its value is the option).
pub fn option_key(question: i64, index: usize) -> String {
    format!("q{question}_{index}")
}

/// The stored answer of `question` as shown to people: options on one line, yes/no words
/// left to the caller (the raw `yes`/`no`).
pub fn display_answer(value: &str) -> String {
    value.lines().collect::<Vec<_>>().join("; ")
}

/// Where this question's answer sits in a submitted form's answers, read back as the
/// stored text (multiple choice: the ticked options one per line, in the question's order).
pub fn raw_answer(
    question: &Question,
    answers: &std::collections::BTreeMap<String, String>,
) -> String {
    match question.kind {
        QuestionKind::Multi => (0..question.options.len())
            .filter_map(|i| answers.get(&option_key(question.id, i)))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => answers
            .get(&answer_key(question.id))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default(),
    }
}

/// The answers map that fills the form with stored answers (`(question, stored value)`).
pub fn answers_form(
    questions: &[Question],
    stored: &[(i64, String)],
) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    for q in questions {
        let Some((_, value)) = stored.iter().find(|(id, _)| *id == q.id) else {
            continue;
        };
        if q.kind == QuestionKind::Multi {
            for chosen in value.lines() {
                if let Some(i) = q.options.iter().position(|o| o == chosen) {
                    map.insert(option_key(q.id, i), chosen.to_owned());
                }
            }
        } else {
            map.insert(answer_key(q.id), value.clone());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiple_choice_round_trips_through_the_form() {
        let q = Question {
            id: 7,
            label: "Sessions".into(),
            kind: QuestionKind::Multi,
            options: vec!["A".into(), "B".into(), "C".into()],
            option_labels: Vec::new(),
            required: false,
        };
        let form = answers_form(std::slice::from_ref(&q), &[(7, "A\nC".into())]);
        assert_eq!(form.get("q7_0").map(String::as_str), Some("A"));
        assert_eq!(form.get("q7_2").map(String::as_str), Some("C"));
        assert_eq!(raw_answer(&q, &form), "A\nC");
        assert_eq!(display_answer("A\nC"), "A; C");
    }
}
