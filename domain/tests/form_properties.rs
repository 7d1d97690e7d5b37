//! Properties of what the registration form does with typed text before it is stored: the
//! Zawgyi detector and converter (`zawgyi`), settling a form's Zawgyi text
//! (`RegistrationForm::settle_zawgyi`) and checking the answers to an event's own questions
//! (`service::questions::check_answers`). Any text, in any field, never panics and gives
//! either a value that keeps the documented invariants or a validation error naming a field
//! the form has.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::BTreeMap;

use domain::question_types::{answer_key, option_key, Question, MAX_ANSWER, MAX_QUESTIONS};
use domain::registration_types::{RegistrationForm, ZAWGYI_CONVERT, ZAWGYI_KEEP};
use domain::service::questions::check_answers;
use domain::types::QuestionKind;
use domain::zawgyi::{looks_like_zawgyi, zawgyi_to_unicode};
use domain::DomainError;
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn is_myanmar(c: char) -> bool {
    ('\u{1000}'..='\u{109F}').contains(&c)
}

/// Text mostly from the Myanmar block, with spaces and Latin letters: what a Burmese name or
/// organisation typed on any phone looks like, and every odd sequence of its marks.
fn burmese() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => proptest::char::range('\u{1000}', '\u{109F}'),
            1 => Just(' '),
            1 => proptest::char::range('a', 'z'),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), burmese()]
}

/// The fields of the registration form that carry typed text (what `settle_zawgyi` looks at;
/// languages are ticked from a list of codes, not typed).
const TYPED: [&str; 6] = [
    "name_latin",
    "name_native",
    "organisation",
    "position",
    "dietary",
    "accessibility",
];

fn form_with(
    texts: &[String],
    answers: BTreeMap<String, String>,
    choice: &str,
) -> RegistrationForm {
    RegistrationForm {
        name_latin: texts[0].clone(),
        name_native: texts[1].clone(),
        organisation: texts[2].clone(),
        position: texts[3].clone(),
        dietary: texts[4].clone(),
        accessibility: texts[5].clone(),
        answers,
        zawgyi: choice.to_owned(),
        ..Default::default()
    }
}

fn typed(form: &RegistrationForm) -> Vec<String> {
    let mut all = vec![
        form.name_latin.clone(),
        form.name_native.clone(),
        form.organisation.clone(),
        form.position.clone(),
        form.dietary.clone(),
        form.accessibility.clone(),
    ];
    all.extend(form.answers.values().cloned());
    all
}

proptest! {
    #![proptest_config(config(256))]

    /// Converting never panics, never invents what was not typed outside the Myanmar block,
    /// never leaves its private placeholder for kinzi, and stays within four times the input
    /// (the longest rule writes four characters of three bytes for one such character).
    #[test]
    fn converting_any_text_is_safe_and_bounded(text in any_text()) {
        let _ = looks_like_zawgyi(&text);
        let out = zawgyi_to_unicode(&text);
        prop_assert!(out.len() <= 4 * text.len(), "{} bytes from {}", out.len(), text.len());
        let others = |s: &str| s.chars().filter(|c| !is_myanmar(*c)).collect::<String>();
        prop_assert_eq!(others(&out), others(&text));
        prop_assert!(
            !out.contains('\u{E000}') || text.contains('\u{E000}'),
            "placeholder left in {:04X?}",
            out.chars().map(u32::from).collect::<Vec<_>>()
        );
    }

    /// Converting is for flagged text only: text the detector does not flag is stored as
    /// typed whatever the choice, flagged text is converted when the person chose so, and
    /// kept as typed when they chose to keep it.
    #[test]
    fn settling_converts_flagged_text_only(
        texts in prop::collection::vec(any_text(), TYPED.len()),
        answer in any_text(),
    ) {
        let answers = BTreeMap::from([(answer_key(1), answer)]);
        let form = form_with(&texts, answers, ZAWGYI_CONVERT);
        let settled = form.settle_zawgyi().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for (before, after) in typed(&form).iter().zip(typed(&settled)) {
            if looks_like_zawgyi(before) {
                prop_assert_eq!(after, zawgyi_to_unicode(before));
            } else {
                prop_assert_eq!(&after, before);
            }
        }
        // Keeping leaves everything as typed.
        let kept = form_with(&texts, form.answers.clone(), ZAWGYI_KEEP).settle_zawgyi();
        prop_assert_eq!(kept.map(|f| typed(&f)), Ok(typed(&form)));
    }

    /// A form of Burmese typed in Zawgyi, converted once, is not converted again when it
    /// comes back for another reason with the choice kept (the converted text is no longer
    /// flagged). Stray marks with no consonant are outside this: converting them gives marks
    /// the detector may flag again.
    #[test]
    fn settling_zawgyi_syllables_twice_is_settling_once(
        texts in prop::collection::vec(
            prop_oneof![zawgyi_syllables(), "[a-zA-Z ]{0,12}"],
            TYPED.len(),
        ),
        answer in zawgyi_syllables(),
    ) {
        let answers = BTreeMap::from([(answer_key(3), answer)]);
        let form = form_with(&texts, answers, ZAWGYI_CONVERT);
        let settled = form.settle_zawgyi().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for text in typed(&settled) {
            prop_assert!(!looks_like_zawgyi(&text), "still flagged: {:04X?}", text.chars().map(u32::from).collect::<Vec<_>>());
        }
        prop_assert_eq!(settled.settle_zawgyi(), Ok(settled));
    }

    /// Before the person chose, flagged text is refused with `zawgyi` on its own field.
    #[test]
    fn unsettled_zawgyi_is_refused_on_the_field_that_holds_it(
        texts in prop::collection::vec(any_text(), TYPED.len()),
        answer in any_text(),
        choice in prop_oneof![Just(String::new()), any::<String>()],
    ) {
        prop_assume!(choice != ZAWGYI_CONVERT && choice != ZAWGYI_KEEP);
        let answers = BTreeMap::from([(answer_key(7), answer)]);
        let form = form_with(&texts, answers, &choice);
        match form.settle_zawgyi() {
            Ok(settled) => {
                prop_assert!(typed(&form).iter().all(|t| !looks_like_zawgyi(t)));
                prop_assert_eq!(settled, form);
            }
            Err(DomainError::Validation { field, message }) => {
                prop_assert_eq!(message, "zawgyi");
                prop_assert!(TYPED.contains(&field.as_str()) || field == answer_key(7), "{}", field);
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    /// Any answers to any questions: the stored answers keep each kind's rules, or the failure
    /// names one of the questions (or the answers as a whole, when there are too many).
    #[test]
    fn answers_are_stored_valid_or_refused_on_a_question(
        questions in prop::collection::vec(question(), 0..6),
        answers in answers(),
    ) {
        // Ids as the database gives them: one per question.
        let questions: Vec<Question> = questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| Question { id: i as i64 + 1, ..q })
            .collect();
        match check_answers(&questions, &answers) {
            Ok(stored) => {
                for q in &questions {
                    let found = stored.iter().find(|(id, _)| *id == q.id);
                    prop_assert!(found.is_some() || !q.required, "required {} missing", q.id);
                    let Some((_, value)) = found else { continue };
                    prop_assert!(!value.is_empty());
                    match q.kind {
                        QuestionKind::Text => {
                            prop_assert!(value.chars().count() <= MAX_ANSWER);
                            prop_assert!(value
                                .chars()
                                .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')));
                        }
                        QuestionKind::Choice => prop_assert!(q.options.contains(value)),
                        QuestionKind::Multi => prop_assert!(value
                            .lines()
                            .all(|l| q.options.iter().any(|o| o == l))),
                        QuestionKind::YesNo => prop_assert!(value == "yes" || value == "no"),
                        QuestionKind::Date => prop_assert!(
                            chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok()
                        ),
                    }
                }
                prop_assert!(stored.iter().all(|(id, _)| questions.iter().any(|q| q.id == *id)));
            }
            Err(DomainError::Validation { field, .. }) => {
                prop_assert!(
                    field == "answers" || questions.iter().any(|q| answer_key(q.id) == field),
                    "{}",
                    field
                );
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }
}

/// Burmese as a Zawgyi phone types it: syllables of an optional ေ and medial ra typed first,
/// a consonant (or one of Zawgyi's consonant glyphs), then up to three marks.
fn zawgyi_syllables() -> impl Strategy<Value = String> {
    let pre = prop::collection::vec(
        prop_oneof![
            Just('\u{1031}'),
            Just('\u{103B}'),
            proptest::char::range('\u{107E}', '\u{1084}')
        ],
        0..2,
    );
    let consonant = prop_oneof![
        proptest::char::range('\u{1000}', '\u{1021}'),
        proptest::char::range('\u{1023}', '\u{102A}'),
        prop::sample::select(vec![
            '\u{103F}', '\u{106A}', '\u{106B}', '\u{106E}', '\u{106F}', '\u{1086}', '\u{108F}',
            '\u{1090}', '\u{1091}', '\u{1092}', '\u{1097}',
        ]),
    ];
    let mark = prop_oneof![
        proptest::char::range('\u{102B}', '\u{1030}'),
        prop::sample::select(vec![
            '\u{1032}', '\u{1033}', '\u{1034}', '\u{1039}', '\u{103A}', '\u{103C}', '\u{103D}'
        ]),
        proptest::char::range('\u{1036}', '\u{1038}'),
        proptest::char::range('\u{1060}', '\u{1069}'),
        proptest::char::range('\u{106C}', '\u{106D}'),
        proptest::char::range('\u{1070}', '\u{107D}'),
        proptest::char::range('\u{1087}', '\u{108E}'),
        proptest::char::range('\u{1093}', '\u{1096}'),
        Just('\u{1085}'),
    ];
    let syllable = (
        pre,
        consonant,
        prop::collection::vec(mark, 0..3),
        any::<bool>(),
    );
    prop::collection::vec(syllable, 1..8).prop_map(|syllables| {
        let mut text = String::new();
        for (pre, consonant, marks, space) in syllables {
            text.extend(pre);
            text.push(consonant);
            text.extend(marks);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

fn question() -> impl Strategy<Value = Question> {
    (
        prop::sample::select(QuestionKind::ALL.to_vec()),
        prop::collection::vec(prop_oneof!["[a-zA-Z ]{1,12}", any::<String>()], 0..5),
        any::<bool>(),
    )
        .prop_map(|(kind, options, required)| Question {
            id: 0,
            label: "Question".to_owned(),
            kind,
            options: if kind.has_options() {
                options
            } else {
                Vec::new()
            },
            option_labels: Vec::new(),
            required,
        })
}

/// Answers keyed as the form keys them (`q{id}`, `q{id}_{i}` for ids the questions may have)
/// or by anything at all, with values that are sometimes right and often not.
fn answers() -> impl Strategy<Value = BTreeMap<String, String>> {
    let key = prop_oneof![
        (1..8i64).prop_map(answer_key),
        (1..8i64, 0..6usize).prop_map(|(q, i)| option_key(q, i)),
        any::<String>(),
    ];
    let value = prop_oneof![
        Just("yes".to_owned()),
        Just("no".to_owned()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[a-zA-Z ]{1,12}",
        "[a-z\r\n\t\u{0}\u{7}\u{85} ]{0,20}",
        any::<String>(),
        (MAX_ANSWER - 2..MAX_ANSWER + 3).prop_map(|n| "ไ".repeat(n)),
    ];
    prop::collection::btree_map(key, value, 0..(MAX_QUESTIONS / 4))
}
