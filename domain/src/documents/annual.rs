//! The annual report's figures and tables, shared by its PDF ([`super::pdf::annual`]) and the
//! CSV and Excel files donors ask for: events by kind, people by country, gender and sector
//! (small counts protected exactly as in the proceedings, see
//! [`super::pdf::proceedings::protect`]), recommendations by status, and one table per list.
//!
//! The statistics count each person once. No names are printed, so the total is, and every
//! table is protected against working a small count out from it.
use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::pdf::proceedings::{sector_label, Shown};
use super::pdf::sections::{protected_rows, shown_text};
use super::pdf::sheets::gender_label;
use super::pdf::Words;
use crate::forum_types::{DelegationRole, StatusStep, TrackingStatus};
use crate::report_types::{AnnualReport, Delegate, ReportEvent, ReportPerson};
use crate::types::{EventKind, RecommendationStatus};

/// Events and participants (roster places, a person once per event) of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindFigures {
    pub kind: EventKind,
    pub events: usize,
    pub participants: usize,
}

/// The report's statistics, with labels in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Kinds with at least one event the network organised, in the usual order of kinds.
    pub by_kind: Vec<KindFigures>,
    /// Distinct people on the period's rosters.
    pub people: usize,
    pub by_country: Vec<(String, Shown)>,
    pub by_gender: Vec<(String, Shown)>,
    pub by_sector: Vec<(String, Shown)>,
    pub by_status: Vec<(RecommendationStatus, usize)>,
}

fn group(
    people: &[ReportPerson],
    words: Words,
    key: impl Fn(&ReportPerson) -> String,
) -> Vec<(String, Shown)> {
    let not_stated = words.t("doc-proc-not-stated");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for p in people {
        let label = key(p);
        let label = if label.is_empty() {
            not_stated.clone()
        } else {
            label
        };
        *counts.entry(label).or_default() += 1;
    }
    protected_rows(counts, true)
}

pub fn figures(report: &AnnualReport, words: Words) -> Figures {
    let by_kind = EventKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = report.events.iter().filter(|e| e.kind == kind);
            KindFigures {
                kind,
                events: of_kind.clone().count(),
                participants: of_kind.map(|e| e.participants).sum(),
            }
        })
        .filter(|k| k.events > 0)
        .collect();
    let people = &report.people;
    Figures {
        by_kind,
        people: people.len(),
        by_country: group(people, words, |p| {
            words.country(&p.country_code, &p.country)
        }),
        by_gender: group(people, words, |p| gender_label(&p.gender, words)),
        by_sector: group(people, words, |p| sector_label(&p.sector, words)),
        by_status: RecommendationStatus::ALL
            .iter()
            .map(|&s| {
                let n = report
                    .recommendations
                    .iter()
                    .filter(|r| r.status == s)
                    .count();
                (s, n)
            })
            .collect(),
    }
}

/// One table of the report as the CSV and Excel files carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// A stable name (the CSV's `table` column, the sheet's name).
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// "Venue, City, Country" without the empty parts.
pub fn place(e: &ReportEvent, words: Words) -> String {
    let country = words.country(&e.country_code, &e.country);
    [e.venue.as_str(), e.city.as_str(), country.as_str()]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn kind_label(kind: EventKind, words: Words) -> String {
    words.t(&format!("kind-{}", kind.as_str()))
}

pub fn status_label(status: RecommendationStatus, words: Words) -> String {
    words.t(&format!("rec-status-{}", status.as_str()))
}

pub fn tracking_label(status: TrackingStatus, words: Words) -> String {
    words.t(&format!("tracking-{}", status.as_str()))
}

pub fn role_label(role: DelegationRole, words: Words) -> String {
    words.t(&format!("delegation-role-{}", role.as_str()))
}

/// "2030-11-10 Raised", each step of a recommendation's follow-up.
pub fn steps(history: &[StatusStep], words: Words) -> Vec<String> {
    history
        .iter()
        .map(|s| format!("{} {}", s.noted_on, tracking_label(s.status, words)))
        .collect()
}

/// A trainee's words in the reader's quotation marks.
pub fn quoted(text: &str, words: Words) -> String {
    words.f("doc-annual-quote", &[("text", text)])
}

/// A delegation member as listed: "Name (Speaker)", or only the role when not named.
pub fn delegate_line(d: &Delegate, words: Words) -> String {
    let role = role_label(d.role, words);
    if d.name.is_empty() {
        role
    } else {
        format!("{} ({role})", d.name)
    }
}

/// The report's tables: statistics first, then the lists.
pub fn tables(report: &AnnualReport, words: Words) -> Vec<Table> {
    let f = figures(report, words);
    let head = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .map(|k| words.t(&format!("report-col-{k}")))
            .collect()
    };
    let n = |v: usize| v.to_string();
    let stat = |name, rows: &[(String, Shown)]| Table {
        name,
        header: head(&["group", "people"]),
        rows: rows
            .iter()
            .map(|(label, shown)| {
                let count = match shown {
                    Shown::Count(c) => c.to_string(),
                    other => shown_text(*other, words),
                };
                vec![label.clone(), count]
            })
            .collect(),
    };
    let events = report
        .events
        .iter()
        .map(|e| {
            vec![
                e.title.clone(),
                kind_label(e.kind, words),
                e.local_start.clone(),
                e.local_end.clone(),
                place(e, words),
                e.organisers.join("; "),
                e.objectives.join(" | "),
                n(e.participants),
                n(e.attended),
            ]
        })
        .collect();
    vec![
        Table {
            name: "by_kind",
            header: head(&["kind", "events", "participants"]),
            rows: f
                .by_kind
                .iter()
                .map(|k| vec![kind_label(k.kind, words), n(k.events), n(k.participants)])
                .collect(),
        },
        stat("by_country", &f.by_country),
        stat("by_gender", &f.by_gender),
        stat("by_sector", &f.by_sector),
        Table {
            name: "events",
            header: head(&[
                "title",
                "kind",
                "start",
                "end",
                "place",
                "organisers",
                "objectives",
                "participants",
                "present",
            ]),
            rows: events,
        },
        Table {
            name: "forums",
            header: head(&[
                "title",
                "kind",
                "start",
                "end",
                "place",
                "delegation",
                "delegates",
                "side-events",
            ]),
            rows: report
                .forums
                .iter()
                .map(|fo| {
                    let e = &fo.event;
                    let delegates: Vec<String> = fo
                        .delegation
                        .iter()
                        .map(|d| delegate_line(d, words))
                        .collect();
                    vec![
                        e.title.clone(),
                        kind_label(e.kind, words),
                        e.local_start.clone(),
                        e.local_end.clone(),
                        place(e, words),
                        n(fo.delegation.len()),
                        delegates.join("; "),
                        fo.side_events.join("; "),
                    ]
                })
                .collect(),
        },
        Table {
            name: "trainings",
            header: head(&[
                "title",
                "start",
                "end",
                "cohort",
                "completed",
                "checkins-due",
                "checkins-answered",
                "engaged",
                "quotes",
            ]),
            rows: report
                .trainings
                .iter()
                .map(|t| {
                    vec![
                        t.title.clone(),
                        t.local_start.clone(),
                        t.local_end.clone(),
                        n(t.cohort),
                        n(t.completed),
                        n(t.checkins_due),
                        n(t.checkins_answered),
                        t.engaged_with.join("; "),
                        t.quotes
                            .iter()
                            .map(|q| quoted(q, words))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ]
                })
                .collect(),
        },
        Table {
            name: "recommendations",
            header: head(&[
                "event",
                "number",
                "text",
                "addressed",
                "status",
                "tracking",
                "history",
            ]),
            rows: report
                .recommendations
                .iter()
                .map(|r| {
                    let history = steps(&r.history, words);
                    vec![
                        r.event_title.clone(),
                        r.number.to_string(),
                        r.text.clone(),
                        r.addressed_to.clone(),
                        status_label(r.status, words),
                        r.tracking
                            .map(|t| tracking_label(t, words))
                            .unwrap_or_default(),
                        history.join("; "),
                    ]
                })
                .collect(),
        },
    ]
}

/// The tables in one CSV file: each table's rows carry its name in the first column, under
/// a header line whose first cell is `table: <name>` (so an empty table still shows).
pub fn csv(tables: &[Table]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for t in tables {
        let title = format!("table: {}", t.name);
        w.write_record(std::iter::once(title.as_str()).chain(t.header.iter().map(String::as_str)))?;
        for row in &t.rows {
            w.write_record(std::iter::once(t.name).chain(row.iter().map(String::as_str)))?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The tables as a workbook, one sheet per table (named by [`Table::name`]), bold frozen
/// header, text cells except counts, which are numbers where they are exact.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(t.name)?;
        for (c, label) in t.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c)?, label, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, value) in row.iter().enumerate() {
                match value.parse::<u32>() {
                    // Titles and texts that happen to be digits stay text only in column 0.
                    Ok(number) if c > 0 => sheet.write_number(r, col(c)?, f64::from(number))?,
                    _ => sheet.write_string(r, col(c)?, value)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_column_width(0, 36)?;
    }
    book.save_to_buffer()
}

fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}
