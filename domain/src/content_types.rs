//! Event content in several languages: an event's title, summary, description and
//! objectives, its sessions' titles and its custom questions (label and choices) may be
//! translated into
//! each of the network's languages. English is the original; a page shows the visitor's
//! language where a translation exists and the English text everywhere else ([`pick`]).
//!
//! Choice questions keep storing the English option as the answer: a translation only
//! changes the words shown beside each option, never the value sent.
use std::collections::{BTreeMap, HashMap};

use i18n::Locale;
use serde::{Deserialize, Serialize};

use crate::question_types::Question;
use crate::types::{string_enum, EventDetail, EventSummary};

/// Whose text a translation replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Owner {
    Event,
    Session(i64),
    Question(i64),
}

string_enum!(
    /// What an [`Owner`] is, as `content_translations.owner_kind` stores it.
    OwnerKind { Event => "event", Session => "session", Question => "question" }
);

impl Owner {
    /// The owner of `kind` with stored id `id` (the event itself carries none).
    pub fn of(kind: OwnerKind, id: i64) -> Owner {
        match kind {
            OwnerKind::Event => Owner::Event,
            OwnerKind::Session => Owner::Session(id),
            OwnerKind::Question => Owner::Question(id),
        }
    }

    /// Its kind, and its id (none for the event itself).
    pub fn kind(self) -> (OwnerKind, Option<i64>) {
        match self {
            Owner::Event => (OwnerKind::Event, None),
            Owner::Session(id) => (OwnerKind::Session, Some(id)),
            Owner::Question(id) => (OwnerKind::Question, Some(id)),
        }
    }
}

/// Which of the owner's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Summary,
    Description,
    Label,
    /// A choice question's options, one per line in the English order.
    Options,
    /// An event's objectives, one per line in the English order.
    Objectives,
}

/// Longest objective (characters), as the event form allows.
pub const MAX_OBJECTIVE_LEN: usize = 500;

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Description => "description",
            Field::Label => "label",
            Field::Options => "options",
            Field::Objectives => "objectives",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        [
            Field::Title,
            Field::Summary,
            Field::Description,
            Field::Label,
            Field::Options,
            Field::Objectives,
        ]
        .into_iter()
        .find(|f| f.as_str() == text)
    }

    /// Longest translation (characters), as for the original; for options and objectives,
    /// per line.
    pub fn max_len(self) -> usize {
        match self {
            Field::Title => crate::validate::MAX_NAME,
            Field::Summary => 1_000,
            Field::Description => 20_000,
            Field::Label => crate::question_types::MAX_LABEL,
            Field::Options => crate::question_types::MAX_OPTION,
            Field::Objectives => MAX_OBJECTIVE_LEN,
        }
    }

    /// Whether the text is a list, one item per line, as many as the original's.
    pub fn one_per_line(self) -> bool {
        matches!(self, Field::Options | Field::Objectives)
    }

    /// Whether line breaks are part of the text.
    pub fn multiline(self) -> bool {
        matches!(
            self,
            Field::Summary | Field::Description | Field::Options | Field::Objectives
        )
    }
}

/// The form field (and error field) of one translatable text: `title`, `summary`,
/// `description`, `s{session}`, `q{question}` (label), `o{question}` (options).
pub fn field_key(owner: Owner, field: Field) -> String {
    match (owner, field) {
        (Owner::Session(id), _) => format!("s{id}"),
        (Owner::Question(id), Field::Options) => format!("o{id}"),
        (Owner::Question(id), _) => format!("q{id}"),
        (Owner::Event, f) => f.as_str().to_owned(),
    }
}

/// The text to show: the translation when there is one (not blank), the original otherwise.
pub fn pick<'a>(original: &'a str, translated: Option<&'a str>) -> &'a str {
    translated
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(original)
}

/// One language's translations of one event's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translations {
    texts: HashMap<(Owner, Field), String>,
}

impl Translations {
    pub fn insert(&mut self, owner: Owner, field: Field, text: String) {
        self.texts.insert((owner, field), text);
    }

    pub fn get(&self, owner: Owner, field: Field) -> Option<&str> {
        self.texts.get(&(owner, field)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The text to show for `original` (see [`pick`]).
    pub fn pick(&self, owner: Owner, field: Field, original: &str) -> String {
        pick(original, self.get(owner, field)).to_owned()
    }

    /// A list translated line by line: each line of the translation where it has as many
    /// lines as `originals` (a blank line keeps that item's original), else the originals.
    pub fn lines(&self, owner: Owner, field: Field, originals: &[String]) -> Vec<String> {
        let translated: Vec<&str> = self
            .get(owner, field)
            .map(|t| t.lines().map(str::trim).collect())
            .unwrap_or_default();
        if translated.len() != originals.len() {
            return originals.to_vec();
        }
        originals
            .iter()
            .zip(translated)
            .map(|(o, t)| pick(o, Some(t)).to_owned())
            .collect()
    }

    /// The option words to show beside a choice question's English options (see [`Self::lines`]).
    pub fn option_labels(&self, question: i64, options: &[String]) -> Vec<String> {
        self.lines(Owner::Question(question), Field::Options, options)
    }

    /// An event's objectives in this language (see [`Self::lines`]).
    pub fn objectives(&self, objectives: &[String]) -> Vec<String> {
        self.lines(Owner::Event, Field::Objectives, objectives)
    }
}

/// An event as lists show it, in the language of `t` where translated.
pub fn localise_summary(summary: &mut EventSummary, t: &Translations) {
    summary.title = t.pick(Owner::Event, Field::Title, &summary.title);
    summary.summary = t.pick(Owner::Event, Field::Summary, &summary.summary);
}

/// An event with its agenda, in the language of `t` where translated.
pub fn localise_detail(detail: &mut EventDetail, t: &Translations) {
    localise_summary(&mut detail.summary, t);
    detail.description = t.pick(Owner::Event, Field::Description, &detail.description);
    detail.objectives = t.objectives(&detail.objectives);
    for s in &mut detail.sessions {
        s.title = t.pick(Owner::Session(s.id), Field::Title, &s.title);
    }
}

/// Custom questions as the registration form shows them: labels and option words in the
/// language of `t` where translated; the options' values stay the English ones.
pub fn localise_questions(questions: &mut [Question], t: &Translations) {
    for q in questions {
        q.label = t.pick(Owner::Question(q.id), Field::Label, &q.label);
        q.option_labels = t.option_labels(q.id, &q.options);
    }
}

/// One text on the translations screen: the English original and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationRow {
    pub owner: Owner,
    pub field: Field,
    pub original: String,
    pub translation: String,
}

impl TranslationRow {
    pub fn key(&self) -> String {
        field_key(self.owner, self.field)
    }
}

/// How much of an event is translated into one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangProgress {
    pub lang: Locale,
    pub done: usize,
    pub total: usize,
}

impl LangProgress {
    pub fn complete(&self) -> bool {
        self.total > 0 && self.done >= self.total
    }
    pub fn partial(&self) -> bool {
        self.done > 0 && self.done < self.total
    }
}

/// The translations screen of one event in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationEditor {
    pub event: EventSummary,
    pub lang: Locale,
    pub rows: Vec<TranslationRow>,
    /// Every translated language with how much is done.
    pub progress: Vec<LangProgress>,
}

/// The translations form as the browser sends it: one field per text, keyed by [`field_key`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TranslationForm {
    pub lang: String,
    pub fields: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_translation_wins_when_there_is_one_else_english() {
        assert_eq!(pick("Opening", Some("พิธีเปิด")), "พิธีเปิด");
        assert_eq!(pick("Opening", None), "Opening");
        assert_eq!(
            pick("Opening", Some("   ")),
            "Opening",
            "blank is no translation"
        );
        let mut t = Translations::default();
        t.insert(Owner::Session(4), Field::Title, "พิธีเปิด".into());
        assert_eq!(t.pick(Owner::Session(4), Field::Title, "Opening"), "พิธีเปิด");
        assert_eq!(t.pick(Owner::Session(5), Field::Title, "Lunch"), "Lunch");
        assert_eq!(t.pick(Owner::Event, Field::Title, "Training"), "Training");
    }

    #[test]
    fn option_words_follow_the_english_options_line_by_line() {
        let options = vec!["Labour rights".to_owned(), "Legal aid".to_owned()];
        let mut t = Translations::default();
        t.insert(Owner::Question(1), Field::Options, "สิทธิแรงงาน\n".into());
        assert_eq!(
            t.option_labels(1, &options),
            options,
            "a line short: English"
        );
        t.insert(Owner::Question(1), Field::Options, "สิทธิแรงงาน\n  ".into());
        assert_eq!(
            t.option_labels(1, &options),
            vec!["สิทธิแรงงาน".to_owned(), "Legal aid".to_owned()],
            "a blank line keeps that option in English"
        );
    }

    #[test]
    fn objectives_follow_the_english_ones_line_by_line() {
        let objectives = vec!["Share experience".to_owned(), "Plan advocacy".to_owned()];
        let mut t = Translations::default();
        assert_eq!(t.objectives(&objectives), objectives);
        t.insert(Owner::Event, Field::Objectives, "แลกเปลี่ยนประสบการณ์".into());
        assert_eq!(
            t.objectives(&objectives),
            objectives,
            "a line short: English"
        );
        t.insert(
            Owner::Event,
            Field::Objectives,
            "แลกเปลี่ยนประสบการณ์\nวางแผนการรณรงค์".into(),
        );
        assert_eq!(
            t.objectives(&objectives),
            vec!["แลกเปลี่ยนประสบการณ์", "วางแผนการรณรงค์"]
        );
        assert_eq!(Field::parse("objectives"), Some(Field::Objectives));
        assert!(Field::Objectives.one_per_line() && Field::Objectives.multiline());
    }

    #[test]
    fn questions_keep_their_english_values() {
        let mut qs = vec![Question {
            id: 3,
            label: "Which session?".into(),
            kind: crate::types::QuestionKind::Choice,
            options: vec!["A".into(), "B".into()],
            option_labels: Vec::new(),
            required: true,
        }];
        let mut t = Translations::default();
        t.insert(Owner::Question(3), Field::Label, "ช่วงไหน".into());
        t.insert(Owner::Question(3), Field::Options, "ก\nข".into());
        localise_questions(&mut qs, &t);
        assert_eq!(qs[0].label, "ช่วงไหน");
        assert_eq!(qs[0].options, vec!["A", "B"]);
        assert_eq!(qs[0].option_labels, vec!["ก", "ข"]);
    }

    #[test]
    fn tags_and_keys() {
        assert_eq!(field_key(Owner::Session(7), Field::Title), "s7");
        assert_eq!(field_key(Owner::Question(2), Field::Options), "o2");
        assert_eq!(field_key(Owner::Question(2), Field::Label), "q2");
        assert_eq!(field_key(Owner::Event, Field::Summary), "summary");
        for f in [Field::Title, Field::Options] {
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
    }
}
