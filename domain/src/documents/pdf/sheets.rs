//! Sign-in (attendance) sheets: one sheet per local day of the event, or per session, on A4
//! landscape. Every page repeats the event line and the column headings; numbering follows
//! the roster ([`crate::service::roster`]) so the check-in screens can record from paper in
//! the same order, and blank numbered rows at the end take walk-ins.
use super::layout::{Block, Colour, Doc, Style, A4_LANDSCAPE};
use super::{Fonts, PdfError, Words};
use crate::participant_types::group_of;
use crate::participant_types::{RosterOrder, RosterRow};
use crate::types::{EventDetail, SessionKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

const MARGIN: f32 = 30.0;
const PAD: f32 = 3.0;
/// Tall enough for a signature.
const ROW_HEIGHT: f32 = 24.0;

const TITLE: Style = Style::new(12.0).bold();
const META: Style = Style::new(8.5).colour(Colour::GREY);
const HEAD: Style = Style::new(8.5).bold();
const CELL: Style = Style::new(9.0);
const GROUP: Style = Style::new(9.0).bold();

/// One sheet per day or per session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetsBy {
    #[default]
    Day,
    Session,
}

impl SheetsBy {
    pub fn parse(value: &str) -> Option<SheetsBy> {
        match value {
            "" | "day" => Some(SheetsBy::Day),
            "session" => Some(SheetsBy::Session),
            _ => None,
        }
    }
}

/// What the staff member chose to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SheetOptions {
    pub by: SheetsBy,
    pub order: RosterOrder,
    /// Numbered empty rows after the roster, for walk-ins.
    pub blank_rows: u32,
}

/// The most blank rows a sheet takes (a full page and a half).
pub const MAX_BLANK_ROWS: u32 = 40;

/// The event's local days, first to last.
pub fn event_days(event: &EventDetail) -> Vec<NaiveDate> {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        parse(&event.summary.local_start),
        parse(&event.summary.local_end),
    ) else {
        return Vec::new();
    };
    crate::attendance_types::days_between(first, last)
}

/// The heading of each sheet: "Day 2 · Tuesday 14 January 2025", or a session's day, time
/// and title (breaks and meals get no sheet).
pub fn sheet_titles(event: &EventDetail, by: SheetsBy, words: Words) -> Vec<String> {
    match by {
        SheetsBy::Day => event_days(event)
            .iter()
            .enumerate()
            .map(|(i, d)| {
                words.f(
                    "doc-sheet-day",
                    &[
                        ("n", &(i + 1).to_string()),
                        ("date", &words.dates.weekday_date(*d)),
                    ],
                )
            })
            .collect(),
        SheetsBy::Session => event
            .sessions
            .iter()
            .filter(|s| !matches!(s.kind, SessionKind::Break | SessionKind::Meal))
            .map(|s| {
                format!(
                    "{} · {}–{} · {}",
                    words.day(&s.local_day),
                    s.local_start,
                    s.local_end,
                    s.title
                )
            })
            .collect(),
    }
}

/// Gender labels for a narrow column (nothing for "prefer not to say" or unknown codes).
pub fn gender_label(code: &str, words: Words) -> String {
    match code {
        "female" | "male" | "non_binary" | "other" => words.t(&format!("gender-{code}")),
        _ => String::new(),
    }
}

/// Column (x, width) positions across the landscape content width.
struct Columns {
    cols: [(f32, f32); 7],
}

impl Columns {
    fn new(width: f32) -> Columns {
        // No., name, own script, organisation, country, gender, signature.
        let shares = [0.045, 0.19, 0.16, 0.215, 0.1, 0.08, 0.21];
        let mut x = 0.0;
        let mut cols = [(0.0, 0.0); 7];
        for (col, share) in cols.iter_mut().zip(shares) {
            *col = (x, width * share);
            x += width * share;
        }
        Columns { cols }
    }

    fn row<'t>(&self, texts: [&'t str; 7], style: Style) -> Vec<(&'t str, Style, f32, f32)> {
        texts
            .iter()
            .zip(self.cols)
            .map(|(&t, (x, w))| (t, style, x, w))
            .collect()
    }
}

/// Renders the sheets. `rows` come numbered from the roster in `options.order`.
pub fn attendance_pdf(
    event: &EventDetail,
    rows: &[RosterRow],
    options: SheetOptions,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, MARGIN).in_language(words);
    let columns = Columns::new(doc.content_width());
    let titles = sheet_titles(event, options.by, words);
    let blank = options.blank_rows.min(MAX_BLANK_ROWS);
    let sheets: Vec<&str> = match titles.is_empty() {
        true => vec![""],
        false => titles.iter().map(String::as_str).collect(),
    };
    for (i, title) in sheets.into_iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let header = header(&doc, &columns, event, title);
        // Each row is shaped as it is placed, and written out with its page: a sheet for
        // 10,000 people never holds more than a page of shaped rows.
        let mut group: Option<&str> = None;
        let mut first = true;
        let mut place = |doc: &mut Doc<'_>, block: Block| {
            if std::mem::take(&mut first) {
                doc.table_start(&header, block.height);
            }
            doc.table_row(&header, block);
        };
        for row in rows {
            let this = group_of(row, options.order);
            if this.is_some() && this != group {
                let name = this.filter(|g| !g.is_empty()).unwrap_or("—");
                let name = match options.order {
                    RosterOrder::Country => words.country(&row.country_code, name),
                    _ => name.to_owned(),
                };
                let block = group_row(&doc, &name);
                place(&mut doc, block);
                group = this;
            }
            let block = body_row(&doc, &columns, row);
            place(&mut doc, block);
        }
        let last = rows.len() as u32;
        for n in 1..=blank {
            let block = blank_row(&doc, &columns, last + n);
            place(&mut doc, block);
        }
        if first {
            doc.table_start(&header, 0.0);
        }
    }
    let s = &event.summary;
    let footer = words.f(
        "doc-sheet-footer",
        &[("title", &s.title), ("when", &words.printed(generated_at))],
    );
    doc.finish(
        &words.f("doc-sheets-title", &[("title", &s.title)]),
        &footer,
        generated_at,
    )
}

fn header(doc: &Doc<'_>, columns: &Columns, event: &EventDetail, sheet: &str) -> Block {
    let s = &event.summary;
    let mut b = doc.block();
    b.text(&s.title, TITLE, 0.0);
    let words = doc.words();
    let country = words.event_country(event);
    let place: Vec<&str> = [event.venue_name.as_str(), s.city.as_str()]
        .into_iter()
        .chain(country.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    let line = format!(
        "{} · {}",
        words.range(&s.local_start, &s.local_end),
        place.join(", ")
    );
    b.text(&line, META, 0.0);
    if !sheet.is_empty() {
        b.gap(2.0).text(
            &words.f("doc-sheet-heading", &[("sheet", sheet)]),
            HEAD,
            0.0,
        );
    }
    b.gap(4.0);
    let labels = [
        "doc-col-number",
        "doc-col-name",
        "doc-col-native",
        "doc-col-organisation",
        "doc-col-country",
        "doc-col-gender",
        "doc-col-signature",
    ]
    .map(|key| words.t(key));
    let labels = [0, 1, 2, 3, 4, 5, 6].map(|i| labels[i].as_str());
    b.grid_row(&columns.row(labels, HEAD), 0.0, PAD, Some(Colour::SHADE));
    b.build()
}

/// The shaded row naming a group (a country, an organisation) above its people.
fn group_row(doc: &Doc<'_>, name: &str) -> Block {
    let mut b = doc.block();
    b.grid_row(
        &[(name, GROUP, 0.0, doc.content_width())],
        0.0,
        PAD,
        Some(Colour::SHADE),
    );
    b.build()
}

/// One person's row, with an empty cell for the signature.
fn body_row(doc: &Doc<'_>, columns: &Columns, row: &RosterRow) -> Block {
    let number = row.number.to_string();
    let gender = gender_label(&row.gender, doc.words());
    let country = doc.words().country(&row.country_code, &row.country);
    let native = if row.name_native == row.name_latin {
        ""
    } else {
        row.name_native.as_str()
    };
    let texts = [
        number.as_str(),
        row.name_latin.as_str(),
        native,
        row.organisation.as_str(),
        country.as_str(),
        gender.as_str(),
        "",
    ];
    let mut b = doc.block();
    b.grid_row(&columns.row(texts, CELL), ROW_HEIGHT, PAD, None);
    b.build()
}

/// A numbered empty row for someone who walks in.
fn blank_row(doc: &Doc<'_>, columns: &Columns, number: u32) -> Block {
    let number = number.to_string();
    let mut b = doc.block();
    let texts = [number.as_str(), "", "", "", "", "", ""];
    b.grid_row(&columns.row(texts, CELL), ROW_HEIGHT, PAD, None);
    b.build()
}
