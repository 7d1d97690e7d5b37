//! The printed programme of an event: header (title, dates, venue, zone, logo slot,
//! objectives), then one block per local day with its sessions, on A4 portrait.
//!
//! Times are the sessions' local times in the event's zone, which the header names once.
//! [`bilingual_agenda_pdf`] prints the title and each session's title in two languages side
//! by side (e.g. English and Thai), each column shaped for its own script.
use super::layout::{BlockBuilder, Colour, Doc, Style, A4_PORTRAIT};
use super::{Fonts, PdfError};
use crate::types::{AgendaSession, EventDetail, SessionKind, SessionPerson, SessionRole};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
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

/// [`agenda_pdf`] with its dates written for `dates` (a language, and for Thai the era)
/// when one is requested; English otherwise.
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
/// [`bilingual_agenda_pdf`]) and its dates written for `dates` when given (see
/// [`agenda_pdf_dated`]).
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
    let long_date = |day: &str| dates.map_or_else(|| long_date(day), |f| f.iso_weekday_day(day));
    let mut doc = Doc::new(fonts, A4_PORTRAIT, MARGIN);
    header(
        &mut doc,
        event,
        also.map(|a| a.summary.title.as_str()),
        dates,
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
            .text(&long_date(day), HEADING, 0.0)
            .rule(8.0, 0.8, Colour::BLACK);
        session_in(&mut b, first, second(first));
        let block = b.build();
        doc.place(block, true); // the heading stays with the first session
        while let Some(next) = sessions.next_if(|s| s.local_day == day) {
            let mut b = doc.block();
            session_in(&mut b, next, second(next));
            let block = b.build();
            doc.place(block, true);
        }
    }
    let title = &event.summary.title;
    let footer = format!(
        "{title} · generated {} UTC",
        generated_at.format("%Y-%m-%d %H:%M")
    );
    doc.finish(title, &footer, generated_at)
}

fn header(
    doc: &mut Doc<'_>,
    event: &EventDetail,
    also_title: Option<&str>,
    dates: Option<DateFormat>,
) {
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
        &dates.map_or_else(
            || date_range(&s.local_start, &s.local_end),
            |f| f.iso_range(&s.local_start, &s.local_end),
        ),
        SUBTITLE.bold(),
        0.0,
        beside_logo,
    );
    let country = event.country_name.as_deref().or(s.country.as_deref());
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
    let zone = format!("All times are local: {} ({})", s.timezone, event.zone_label);
    b.column(&zone, META, 0.0, beside_logo);
    if b.height() < LOGO.1 {
        b.gap(LOGO.1 - b.height());
    }
    let organisers: Vec<String> = event.organisations.iter().map(organisation).collect();
    if !organisers.is_empty() {
        b.gap(6.0).text(
            &format!("Organised by {}", organisers.join("; ")),
            META,
            0.0,
        );
    }
    b.rule(14.0, 0.8, Colour::BLACK);
    let block = b.build();
    doc.place(block, true);

    if !event.objectives.is_empty() {
        let mut b = doc.block();
        b.text("Objectives", LABEL, 0.0).gap(2.0);
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

pub(crate) fn session(b: &mut BlockBuilder<'_, '_>, s: &AgendaSession) {
    session_in(b, s, None);
}

/// A session; with `translated`, its title in the second language beside the first.
fn session_in(b: &mut BlockBuilder<'_, '_>, s: &AgendaSession, translated: Option<&str>) {
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
    let meta: Vec<&str> = [kind_label(s.kind), s.room.as_str()]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    b.gap(1.0).text(&meta.join(" · "), META, x);
    for person in &s.people {
        b.text(&person_line(person), BODY, x);
    }
    b.gap(4.0).rule(2.0, 0.3, Colour::LIGHT);
}

/// "Role: Name (native name), Organisation, Country".
pub fn person_line(p: &SessionPerson) -> String {
    let mut line = format!("{}: {}", role_label(p.role), p.name);
    let native = p.name_native.as_deref().map(str::trim);
    if let Some(native) = native.filter(|n| !n.is_empty() && *n != p.name) {
        line.push_str(&format!(" ({native})"));
    }
    for part in [&p.organisation, &p.country].into_iter().flatten() {
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

pub fn kind_label(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Opening => "Opening",
        SessionKind::Plenary => "Plenary",
        SessionKind::Presentation => "Presentation",
        SessionKind::Panel => "Panel discussion",
        SessionKind::GroupWork => "Group work",
        SessionKind::ReportBack => "Report-back",
        SessionKind::Qa => "Q&A",
        SessionKind::Break => "Break",
        SessionKind::Meal => "Meal",
        SessionKind::FieldVisit => "Field visit",
        SessionKind::Closing => "Closing",
    }
}

pub fn role_label(role: SessionRole) -> &'static str {
    match role {
        SessionRole::Speaker => "Speaker",
        SessionRole::Panelist => "Panelist",
        SessionRole::Moderator => "Moderator",
        SessionRole::Facilitator => "Facilitator",
        SessionRole::ResourcePerson => "Resource person",
        SessionRole::Rapporteur => "Rapporteur",
    }
}

fn parse_day(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// "Monday 13 January 2018" (the raw value if it is not a date).
pub fn long_date(day: &str) -> String {
    parse_day(day).map_or_else(|| day.to_string(), |d| d.format("%A %-d %B %Y").to_string())
}

/// "13–14 January 2018", "30 January – 2 February 2018", "13 January 2018".
pub fn date_range(start: &str, end: &str) -> String {
    let (Some(a), Some(b)) = (parse_day(start), parse_day(end)) else {
        return if start == end {
            start.to_string()
        } else {
            format!("{start} – {end}")
        };
    };
    let full = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    if a == b {
        full(a)
    } else if (a.year(), a.month()) == (b.year(), b.month()) {
        format!("{}–{}", a.day(), full(b))
    } else if a.year() == b.year() {
        format!("{} – {}", a.format("%-d %B"), full(b))
    } else {
        format!("{} – {}", full(a), full(b))
    }
}
