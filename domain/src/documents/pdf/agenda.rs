//! The printed programme of an event: header (title, dates, venue, zone, logo slot,
//! objectives), then one block per local day with its sessions, on A4 portrait.
//!
//! Times are the sessions' local times in the event's zone, which the header names once.
//! [`bilingual_agenda_pdf`] prints the title and each session's title in two languages side
//! by side (e.g. English and Thai), each column shaped for its own script.
use super::layout::{BlockBuilder, Colour, Doc, Style, A4_PORTRAIT};
use super::{Fonts, PdfError, Words};
use crate::types::{AgendaSession, EventDetail, SessionPerson};
use chrono::{DateTime, Utc};
use i18n::dates::DateFormat;

const MARGIN: f32 = 48.0;
const TIME_COLUMN: f32 = 78.0;
const LOGO: (f32, f32) = (96.0, 56.0);

const TITLE: Style = Style::new(18.0).bold();
const SUBTITLE: Style = Style::new(10.5);
const HEADING: Style = Style::new(13.0).bold();
const LABEL: Style = Style::new(9.5).bold();
const BODY: Style = Style::new(9.5);
const SESSION_TITLE: Style = Style::new(10.5).bold();
const META: Style = Style::new(8.5).colour(Colour::GREY);
/// Space between the two languages' columns.
const COLUMN_GAP: f32 = 12.0;

/// Renders the programme of `event`. `generated_at` is printed in the footer and metadata.
pub fn agenda_pdf(
    event: &EventDetail,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    programme(event, None, fonts, generated_at, None)
}

/// [`agenda_pdf`] in the language of `dates` (its fixed texts and dates, and for Thai the
/// era) when one is given; English otherwise.
pub fn agenda_pdf_dated(
    event: &EventDetail,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    dates: Option<DateFormat>,
) -> Result<Vec<u8>, PdfError> {
    programme(event, None, fonts, generated_at, dates)
}

/// The programme of `event` with the texts of `also` (the same event in a second language)
/// beside its own: the title and every session title in two columns. Where the two read
/// the same (nothing translated), the text is printed once across both columns.
pub fn bilingual_agenda_pdf(
    event: &EventDetail,
    also: &EventDetail,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    programme(event, Some(also), fonts, generated_at, None)
}

/// The second language's text when it differs from the first.
fn other<'a>(first: &str, second: Option<&'a str>) -> Option<&'a str> {
    second.filter(|t| !t.trim().is_empty() && t.trim() != first.trim())
}

/// The programme of `event`, with `also`'s titles beside its own when given (see
/// [`bilingual_agenda_pdf`]), its fixed texts and dates in the language of `dates` (English
/// when none is given).
pub fn programme(
    event: &EventDetail,
    also: Option<&EventDetail>,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    dates: Option<DateFormat>,
) -> Result<Vec<u8>, PdfError> {
    let second = |s: &AgendaSession| {
        let found = also?.sessions.iter().find(|o| o.id == s.id)?;
        other(&s.title, Some(found.title.as_str()))
    };
    let words = Words::new(dates.unwrap_or_default());
    let mut doc = Doc::new(fonts, A4_PORTRAIT, MARGIN).in_language(words);
    header(
        &mut doc,
        event,
        also.map(|a| a.summary.title.as_str()),
        words,
    );
    let mut sessions = event.sessions.iter().peekable();
    while let Some(first) = sessions.next() {
        let day = first.local_day.as_str();
        // A day starts a new page only when little of the current one is left.
        if !doc.at_page_top() && doc.remaining() < doc.content_height() * 0.25 {
            doc.new_page();
        }
        let mut b = doc.block();
        b.gap(10.0)
            .text(&words.day(day), HEADING, 0.0)
            .rule(8.0, 0.8, Colour::BLACK);
        session_in(&mut b, first, second(first), words);
        let block = b.build();
        doc.place(block, true); // the heading stays with the first session
        while let Some(next) = sessions.next_if(|s| s.local_day == day) {
            let mut b = doc.block();
            session_in(&mut b, next, second(next), words);
            let block = b.build();
            doc.place(block, true);
        }
    }
    let title = &event.summary.title;
    let footer = words.f(
        "doc-agenda-footer",
        &[("title", title), ("when", &words.printed(generated_at))],
    );
    doc.finish(title, &footer, generated_at)
}

fn header(doc: &mut Doc<'_>, event: &EventDetail, also_title: Option<&str>, words: Words) {
    let s = &event.summary;
    let mut b = doc.block();
    let beside_logo = b.width() - LOGO.0 - 12.0;
    b.frame(b.width() - LOGO.0, LOGO.0, LOGO.1, Colour::LIGHT);
    match other(&s.title, also_title) {
        Some(translated) => {
            let half = (beside_logo - COLUMN_GAP) / 2.0;
            b.cells(&[
                (s.title.as_str(), TITLE, 0.0, half),
                (translated, TITLE, half + COLUMN_GAP, half),
            ]);
        }
        None => {
            b.column(&s.title, TITLE, 0.0, beside_logo);
        }
    }
    b.gap(4.0);
    b.column(
        &words.range(&s.local_start, &s.local_end),
        SUBTITLE.bold(),
        0.0,
        beside_logo,
    );
    let country = words.event_country(event);
    let country = country.as_deref();
    let venue: Vec<&str> = [
        Some(event.venue_name.as_str()),
        Some(s.city.as_str()),
        country,
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.trim().is_empty())
    .collect();
    b.column(&venue.join(", "), SUBTITLE, 0.0, beside_logo);
    let zone = words.f(
        "doc-times-local",
        &[("zone", &s.timezone), ("label", &event.zone_label)],
    );
    b.column(&zone, META, 0.0, beside_logo);
    if b.height() < LOGO.1 {
        b.gap(LOGO.1 - b.height());
    }
    let organisers: Vec<String> = event.organisations.iter().map(organisation).collect();
    if !organisers.is_empty() {
        b.gap(6.0).text(
            &words.f("doc-organised-by", &[("names", &organisers.join("; "))]),
            META,
            0.0,
        );
    }
    b.rule(14.0, 0.8, Colour::BLACK);
    let block = b.build();
    doc.place(block, true);

    if !event.objectives.is_empty() {
        let mut b = doc.block();
        b.text(&words.t("event-objectives"), LABEL, 0.0).gap(2.0);
        let block = b.build();
        doc.place(block, true);
        for (n, objective) in event.objectives.iter().enumerate() {
            let mut b = doc.block();
            b.label(&format!("{}.", n + 1), BODY, 0.0)
                .text(objective, BODY, 16.0)
                .gap(2.0);
            let block = b.build();
            doc.place(block, true);
        }
        doc.space(6.0);
    }
}

pub(crate) fn session(b: &mut BlockBuilder<'_, '_>, s: &AgendaSession, words: Words) {
    session_in(b, s, None, words);
}

/// A session; with `translated`, its title in the second language beside the first.
fn session_in(
    b: &mut BlockBuilder<'_, '_>,
    s: &AgendaSession,
    translated: Option<&str>,
    words: Words,
) {
    let x = TIME_COLUMN;
    b.gap(6.0);
    b.label(&format!("{}–{}", s.local_start, s.local_end), LABEL, 0.0);
    match translated {
        Some(translated) => {
            let half = (b.width() - x - COLUMN_GAP) / 2.0;
            b.cells(&[
                (s.title.as_str(), SESSION_TITLE, x, half),
                (translated, SESSION_TITLE, x + half + COLUMN_GAP, half),
            ]);
        }
        None => {
            b.text(&s.title, SESSION_TITLE, x);
        }
    }
    let kind = words.session_kind(s.kind);
    let meta: Vec<&str> = [kind.as_str(), s.room.as_str()]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    b.gap(1.0).text(&meta.join(" · "), META, x);
    for person in &s.people {
        b.text(&person_line(person, words), BODY, x);
    }
    if !s.interpreted.is_empty() {
        let names: Vec<String> = s
            .interpreted
            .iter()
            .map(|c| words.t(&crate::languages::name_key(c)))
            .collect();
        let line = words.f("session-interpreted", &[("languages", &names.join(", "))]);
        b.text(&line, META, x);
    }
    b.gap(4.0).rule(2.0, 0.3, Colour::LIGHT);
}

/// "Role: Name (native name), Organisation, Country".
pub fn person_line(p: &SessionPerson, words: Words) -> String {
    let mut line = format!("{}: {}", words.session_role(p.role), p.name);
    let native = p.name_native.as_deref().map(str::trim);
    if let Some(native) = native.filter(|n| !n.is_empty() && *n != p.name) {
        line.push_str(&format!(" ({native})"));
    }
    let country = p
        .country
        .as_deref()
        .map(|name| words.country(p.country_code.as_deref().unwrap_or(""), name));
    for part in [p.organisation.as_ref(), country.as_ref()]
        .into_iter()
        .flatten()
    {
        if !part.trim().is_empty() {
            line.push_str(", ");
            line.push_str(part);
        }
    }
    line
}

fn organisation(o: &crate::types::EventOrganisation) -> String {
    match o.acronym.as_deref().filter(|a| !a.is_empty()) {
        Some(acronym) => format!("{} ({acronym})", o.name),
        None => o.name.clone(),
    }
}
