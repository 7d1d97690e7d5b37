//! The network's annual (or any period's) activity report, in the shape of its printed annual
//! reports: cover, contents with page numbers, an overview with bar charts, the events it
//! organised by kind (objectives, places, participants), the forums it attended with its
//! delegations and side events, trainings with completion and follow-up (and, from trainees
//! who agreed, their own words, unnamed), recommendations
//! and where they stand, and statistics by country, gender and sector with the proceedings'
//! small-number protection (figures from [`crate::documents::annual`]).
use chrono::{DateTime, Utc};

use super::layout::{Colour, Doc, Style, A4_PORTRAIT};
use super::proceedings::Shown;
use super::sections::{bars, heading, lay_out, Item, Section, BODY, META, SMALL};
use super::{Fonts, PdfError, Words};
use crate::documents::annual::{
    delegate_line, figures, kind_label, place, quoted, status_label, tracking_label, Figures,
};
use crate::report_types::{AnnualReport, ReportEvent};
use crate::types::EventKind;

const MARGIN: f32 = 50.0;
const COVER_LABEL: Style = Style::new(11.0).bold().colour(Colour::ACCENT);
const COVER_TITLE: Style = Style::new(28.0).bold();
const COVER_LINE: Style = Style::new(13.0);

/// "Annual report 2024", or "Activity report 1 Mar – 30 Jun 2024" for another period.
pub fn report_title(report: &AnnualReport, words: Words) -> String {
    match report.period.whole_year() {
        Some(year) => words.f("doc-annual-title-year", &[("year", &year.to_string())]),
        None => {
            let (from, to) = (report.period.from.to_string(), report.period.to.to_string());
            words.f(
                "doc-annual-title-range",
                &[("range", &words.range(&from, &to))],
            )
        }
    }
}

pub fn annual_report_pdf(
    report: &AnnualReport,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let scratch = Doc::new(fonts, A4_PORTRAIT, MARGIN).in_language(words);
    let figures = figures(report, words);
    let sections = sections(&scratch, report, &figures);
    let title = report_title(report, words);
    let doc = lay_out(
        fonts,
        words,
        A4_PORTRAIT,
        MARGIN,
        &sections,
        "doc-proc-contents",
        &|doc| cover(doc, report, &title, generated_at),
    );
    doc.finish(&title, &title, generated_at)
}

fn cover(doc: &mut Doc<'_>, report: &AnnualReport, title: &str, at: DateTime<Utc>) {
    let words = doc.words();
    let (from, to) = (report.period.from.to_string(), report.period.to.to_string());
    let mut b = doc.block();
    b.gap(140.0)
        .text(&words.t("email-sign-off"), COVER_LABEL, 0.0)
        .gap(12.0)
        .text(title, COVER_TITLE, 0.0)
        .gap(16.0)
        .text(&words.range(&from, &to), COVER_LINE, 0.0)
        .gap(40.0)
        .text(
            &words.f("doc-annual-printed", &[("at", &words.printed(at))]),
            META,
            0.0,
        );
    let block = b.build();
    doc.place(block, false);
}

/// A bar chart, or "None in this period." when it has no rows (a heading over nothing
/// reads as a printing fault).
fn chart(doc: &Doc<'_>, rows: &[(String, Shown)], items: &mut Vec<Item>) {
    if rows.is_empty() {
        none(doc, items);
    } else {
        bars(doc, rows, items);
    }
}

fn block(doc: &Doc<'_>, items: &mut Vec<Item>, lines: &[(&str, Style, f32)], gap: f32) {
    let mut b = doc.block();
    for (text, style, x) in lines.iter().filter(|l| !l.0.trim().is_empty()) {
        b.text(text, *style, *x);
    }
    b.gap(gap);
    items.push(Item::Block(b.build()));
}

fn none(doc: &Doc<'_>, items: &mut Vec<Item>) {
    let text = doc.words().t("doc-annual-none");
    block(doc, items, &[(&text, META, 0.0)], 4.0);
}

fn counts(rows: impl Iterator<Item = (String, usize)>) -> Vec<(String, Shown)> {
    rows.map(|(label, n)| (label, Shown::Count(n))).collect()
}

fn sections(doc: &Doc<'_>, report: &AnnualReport, f: &Figures) -> Vec<Section> {
    let words = doc.words();
    let mut number = 0;
    let mut next = |key: &str| {
        number += 1;
        format!("{number}. {}", words.t(key))
    };
    let mut out = Vec::new();

    let mut items = Vec::new();
    let count = |n: usize| words.count(n);
    let summary = words.f(
        "doc-annual-summary",
        &[
            ("events", &count(report.events.len())),
            ("forums", &count(report.forums.len())),
            ("trainings", &count(report.trainings.len())),
            ("people", &count(f.people)),
            ("recommendations", &count(report.recommendations.len())),
        ],
    );
    block(doc, &mut items, &[(&summary, BODY, 0.0)], 6.0);
    heading(doc, &words.t("doc-annual-by-kind"), &mut items);
    let kinds = f.by_kind.iter();
    let events_by_kind = counts(kinds.clone().map(|k| (kind_label(k.kind, words), k.events)));
    chart(doc, &events_by_kind, &mut items);
    heading(doc, &words.t("doc-annual-participants-by-kind"), &mut items);
    let people_by_kind = counts(kinds.map(|k| (kind_label(k.kind, words), k.participants)));
    chart(doc, &people_by_kind, &mut items);
    out.push(Section {
        title: next("doc-annual-overview"),
        items,
    });

    let mut items = Vec::new();
    for kind in EventKind::ALL {
        let of_kind: Vec<&ReportEvent> = report.events.iter().filter(|e| e.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        heading(doc, &kind_label(*kind, words), &mut items);
        for e in of_kind {
            event(doc, e, &mut items);
        }
    }
    if report.events.is_empty() {
        none(doc, &mut items);
    }
    out.push(Section {
        title: next("doc-annual-events"),
        items,
    });

    out.push(Section {
        title: next("doc-annual-forums"),
        items: forums(doc, report),
    });
    out.push(Section {
        title: next("doc-annual-trainings"),
        items: trainings(doc, report),
    });
    out.push(Section {
        title: next("doc-annual-recommendations"),
        items: recommendations(doc, report, f),
    });
    out.push(Section {
        title: next("doc-proc-statistics"),
        items: statistics(doc, f),
    });
    out
}

fn when_where(e: &ReportEvent, words: Words) -> String {
    let place = place(e, words);
    let dates = words.range(&e.local_start, &e.local_end);
    if place.is_empty() {
        dates
    } else {
        format!("{dates} · {place}")
    }
}

fn event(doc: &Doc<'_>, e: &ReportEvent, items: &mut Vec<Item>) {
    let words = doc.words();
    let mut b = doc.block();
    b.gap(6.0).text(&e.title, BODY.bold(), 0.0);
    b.text(&when_where(e, words), META, 0.0);
    if !e.organisers.is_empty() {
        let names = e.organisers.join(", ");
        b.text(
            &words.f("doc-annual-organisers", &[("names", &names)]),
            SMALL,
            0.0,
        );
    }
    let people = words.f(
        "doc-annual-participants",
        &[
            ("count", &words.count(e.participants)),
            ("present", &words.count(e.attended)),
        ],
    );
    b.text(&people, SMALL, 0.0);
    if !e.summary.trim().is_empty() {
        b.gap(2.0).text(e.summary.trim(), SMALL, 0.0);
    }
    for (n, objective) in e.objectives.iter().enumerate() {
        b.label(&format!("{}.", n + 1), SMALL, 8.0)
            .text(objective, SMALL, 24.0);
    }
    b.gap(4.0);
    items.push(Item::Block(b.build()));
}

fn forums(doc: &Doc<'_>, report: &AnnualReport) -> Vec<Item> {
    let words = doc.words();
    let mut items = Vec::new();
    if report.forums.is_empty() {
        none(doc, &mut items);
    }
    for fo in &report.forums {
        let mut b = doc.block();
        b.gap(6.0).text(&fo.event.title, BODY.bold(), 0.0);
        let kind = kind_label(fo.event.kind, words);
        b.text(
            &format!("{kind} · {}", when_where(&fo.event, words)),
            META,
            0.0,
        );
        if fo.delegation.is_empty() {
            b.text(&words.t("doc-annual-no-delegations"), SMALL, 0.0);
        } else {
            let size = words.count(fo.delegation.len());
            b.text(
                &words.f("doc-annual-delegation", &[("count", &size)]),
                SMALL,
                0.0,
            );
        }
        let named = fo.delegation.iter().filter(|d| !d.name.is_empty());
        for d in named.clone() {
            let country = words.country(&d.country_code, &d.country);
            let who = delegate_line(d, words);
            let line: Vec<&str> = [who.as_str(), d.organisation.as_str(), &country]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            b.label("•", SMALL, 8.0).text(&line.join(", "), SMALL, 20.0);
            if !d.outcome.trim().is_empty() {
                b.text(d.outcome.trim(), META, 20.0);
            }
        }
        let unnamed = fo.delegation.len() - named.count();
        if unnamed > 0 {
            let count = words.count(unnamed);
            b.text(
                &words.f("doc-annual-unnamed", &[("count", &count)]),
                META,
                20.0,
            );
        }
        if !fo.side_events.is_empty() {
            let titles = fo.side_events.join("; ");
            b.text(
                &words.f("doc-annual-side-events", &[("titles", &titles)]),
                SMALL,
                0.0,
            );
        }
        b.gap(4.0);
        items.push(Item::Block(b.build()));
    }
    items
}

fn trainings(doc: &Doc<'_>, report: &AnnualReport) -> Vec<Item> {
    let words = doc.words();
    let mut items = Vec::new();
    if report.trainings.is_empty() {
        none(doc, &mut items);
    }
    for t in &report.trainings {
        let completion = words.f(
            "doc-annual-completion",
            &[
                ("completed", &words.count(t.completed)),
                ("cohort", &words.count(t.cohort)),
            ],
        );
        let checkins = words.f(
            "doc-annual-checkins",
            &[
                ("answered", &words.count(t.checkins_answered)),
                ("due", &words.count(t.checkins_due)),
            ],
        );
        let engaged = if t.engaged_with.is_empty() {
            String::new()
        } else {
            let names = t.engaged_with.join("; ");
            words.f("doc-annual-engaged", &[("names", &names)])
        };
        let dates = words.range(&t.local_start, &t.local_end);
        let mut lines = vec![
            (t.title.as_str(), BODY.bold(), 0.0),
            (&dates, META, 0.0),
            (&completion, SMALL, 0.0),
            (&checkins, SMALL, 0.0),
            (&engaged, SMALL, 0.0),
        ];
        let said = words.t("doc-annual-quotes");
        let quotes: Vec<String> = t.quotes.iter().map(|q| quoted(q, words)).collect();
        if !quotes.is_empty() {
            lines.push((&said, SMALL, 0.0));
            lines.extend(quotes.iter().map(|q| (q.as_str(), META, 12.0)));
        }
        block(doc, &mut items, &lines, 8.0);
    }
    items
}

fn recommendations(doc: &Doc<'_>, report: &AnnualReport, f: &Figures) -> Vec<Item> {
    let words = doc.words();
    let mut items = Vec::new();
    if report.recommendations.is_empty() {
        none(doc, &mut items);
        return items;
    }
    heading(doc, &words.t("doc-annual-by-status"), &mut items);
    let by_status = f.by_status.iter();
    bars(
        doc,
        &counts(by_status.map(|(s, n)| (status_label(*s, words), *n))),
        &mut items,
    );
    let mut event = None;
    for r in &report.recommendations {
        if event != Some(r.event_id) {
            event = Some(r.event_id);
            heading(doc, &r.event_title, &mut items);
        }
        let mut b = doc.block();
        b.label(&format!("{}.", r.number), BODY.bold(), 0.0)
            .text(&r.text, BODY, 22.0);
        let status = match r.tracking {
            Some(t) => format!(
                "{} · {}",
                status_label(r.status, words),
                tracking_label(t, words)
            ),
            None => status_label(r.status, words),
        };
        let mut meta = vec![words.f("doc-proc-status", &[("status", &status)])];
        if !r.addressed_to.is_empty() {
            meta.insert(0, words.f("doc-proc-addressed", &[("to", &r.addressed_to)]));
        }
        b.text(&meta.join(" · "), META, 22.0);
        if !r.history.is_empty() {
            b.text(&words.t("doc-annual-progress"), META, 22.0);
        }
        for step in &r.history {
            let day = step.noted_on.to_string();
            let mut line = format!(
                "{}: {}",
                words.range(&day, &day),
                tracking_label(step.status, words)
            );
            if !step.note.trim().is_empty() {
                line.push_str(&format!(" – {}", step.note.trim()));
            }
            b.label("•", META, 26.0).text(&line, META, 36.0);
        }
        b.gap(6.0);
        items.push(Item::Block(b.build()));
    }
    items
}

fn statistics(doc: &Doc<'_>, f: &Figures) -> Vec<Item> {
    let words = doc.words();
    let mut items = Vec::new();
    let lines = [
        words.f("doc-annual-people", &[("total", &words.count(f.people))]),
        words.t("doc-proc-stats-rule"),
    ];
    block(doc, &mut items, &[(&lines.join(" "), META, 0.0)], 4.0);
    for (title, rows) in [
        ("doc-proc-by-country", &f.by_country),
        ("doc-proc-by-gender", &f.by_gender),
        ("doc-proc-by-sector", &f.by_sector),
    ] {
        heading(doc, &words.t(title), &mut items);
        chart(doc, rows, &mut items);
    }
    items
}
