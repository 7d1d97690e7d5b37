//! The interpretation plan of an event, on A4 portrait: how many confirmed participants need
//! each language, then per day every session with its languages, how many need each, and
//! the interpreters assigned (or a clear "none yet" for interpretation still to arrange).
use chrono::{DateTime, Utc};

use super::layout::{Colour, Doc, Style, A4_PORTRAIT};
use super::{Fonts, PdfError, Words};
use crate::interpretation_types::{InterpretationPlan, SessionInterpretation};

const MARGIN: f32 = 48.0;
const TIME_COLUMN: f32 = 78.0;
const LANGUAGE_WIDTH: f32 = 120.0;
const COUNT_WIDTH: f32 = 90.0;

const TITLE: Style = Style::new(16.0).bold();
const SUBTITLE: Style = Style::new(10.5);
const HEADING: Style = Style::new(12.0).bold();
const LABEL: Style = Style::new(9.5).bold();
const BODY: Style = Style::new(9.5);
const META: Style = Style::new(8.5).colour(Colour::GREY);

/// A language's name in the reader's language with its code: "Thai (th)".
fn language(words: Words, code: &str) -> String {
    crate::languages::labelled(code, |key| words.t(key))
}

/// Renders the plan; `generated_at` goes in the footer and metadata.
pub fn interpretation_pdf(
    plan: &InterpretationPlan,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_PORTRAIT, MARGIN).in_language(words);
    let e = &plan.event;
    let mut b = doc.block();
    b.text(
        &words.f("doc-interpretation-title", &[("title", &e.title)]),
        TITLE,
        0.0,
    )
    .gap(4.0)
    .text(&words.range(&e.local_start, &e.local_end), SUBTITLE, 0.0)
    .gap(8.0)
    .text(&words.t("interpretation-needs"), LABEL, 0.0)
    .gap(2.0);
    if plan.needs.is_empty() {
        b.text(&words.t("interpretation-no-needs"), BODY, 0.0);
    }
    for need in &plan.needs {
        b.cells(&[
            (&language(words, &need.code), BODY, 0.0, LANGUAGE_WIDTH),
            (
                &words.f(
                    "interpretation-participants",
                    &[("count", &words.count(need.participants))],
                ),
                BODY,
                LANGUAGE_WIDTH,
                COUNT_WIDTH * 2.0,
            ),
        ]);
    }
    b.rule(10.0, 0.8, Colour::BLACK);
    let block = b.build();
    doc.place(block, true);

    let mut day = String::new();
    for s in &plan.sessions {
        let mut b = doc.block();
        if s.local_day != day {
            day.clone_from(&s.local_day);
            b.gap(8.0).text(&words.day(&day), HEADING, 0.0).gap(4.0);
        }
        session(&mut b, s, words);
        let block = b.build();
        doc.place(block, true);
    }
    let footer = words.f(
        "doc-interpretation-footer",
        &[("title", &e.title), ("when", &words.printed(generated_at))],
    );
    doc.finish(&e.title, &footer, generated_at)
}

fn session(b: &mut super::block::BlockBuilder<'_, '_>, s: &SessionInterpretation, words: Words) {
    let x = TIME_COLUMN;
    b.gap(4.0)
        .label(&format!("{}–{}", s.local_start, s.local_end), LABEL, 0.0)
        .text(&s.title, LABEL, x);
    if !s.floor_language.trim().is_empty() {
        b.text(
            &words.f(
                "interpretation-floor",
                &[("language", &language(words, s.floor_language.trim()))],
            ),
            META,
            x,
        );
    }
    if s.languages.is_empty() {
        b.text(&words.t("interpretation-none-needed"), META, x);
    }
    let rest = b.width() - x - LANGUAGE_WIDTH - COUNT_WIDTH;
    for line in &s.languages {
        let names: Vec<&str> = line.interpreters.iter().map(|i| i.name.as_str()).collect();
        let who = if names.is_empty() {
            words.t("interpretation-none-yet")
        } else {
            names.join(", ")
        };
        b.cells(&[
            (&language(words, &line.code), BODY, x, LANGUAGE_WIDTH),
            (
                &words.f(
                    "interpretation-participants",
                    &[("count", &words.count(line.participants))],
                ),
                BODY,
                x + LANGUAGE_WIDTH,
                COUNT_WIDTH,
            ),
            (&who, BODY, x + LANGUAGE_WIDTH + COUNT_WIDTH, rest),
        ]);
    }
    b.gap(3.0).rule(2.0, 0.3, Colour::LIGHT);
}
