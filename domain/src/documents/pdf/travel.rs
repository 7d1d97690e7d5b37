//! Travel documents on A4 landscape: the arrivals and departures by day (for airport
//! pick-ups), and the payment sheet the donor audits: one row per person and currency with the
//! per diem, the travel refund and its receipts, the total and a column to sign, grouped and
//! totalled per currency, then every correction with the row it corrects.
use chrono::{DateTime, Utc};

use super::layout::{Block, Colour, Doc, Style, A4_LANDSCAPE};
use super::{Fonts, PdfError, Words};
use crate::money::format as amount;
use crate::travel_types::{Direction, Movements, PaymentBook, PaymentKind};

const MARGIN: f32 = 30.0;
const PAD: f32 = 3.0;
/// Tall enough for a signature.
const SIGN_HEIGHT: f32 = 26.0;

const TITLE: Style = Style::new(13.0).bold();
const META: Style = Style::new(8.5).colour(Colour::GREY);
const HEAD: Style = Style::new(8.5).bold();
const CELL: Style = Style::new(9.0);
const GROUP: Style = Style::new(10.0).bold();

/// Column edges from relative widths over `width`.
fn columns(width: f32, parts: &[f32]) -> Vec<(f32, f32)> {
    let sum: f32 = parts.iter().sum();
    let mut x = 0.0;
    parts
        .iter()
        .map(|p| {
            let w = width * p / sum;
            let col = (x, w);
            x += w;
            col
        })
        .collect()
}

fn row(doc: &Doc<'_>, cols: &[(f32, f32)], texts: &[&str], style: Style, min: f32) -> Block {
    let cells: Vec<(&str, Style, f32, f32)> = texts
        .iter()
        .zip(cols)
        .map(|(t, (x, w))| (*t, style, *x, *w))
        .collect();
    let mut b = doc.block();
    let shade = (style == HEAD).then_some(Colour::SHADE);
    b.grid_row(&cells, min, PAD, shade);
    b.build()
}

fn heading(doc: &Doc<'_>, title: &str, line: &str) -> Block {
    let mut b = doc.block();
    b.text(title, TITLE, 0.0).text(line, META, 0.0).gap(6.0);
    b.build()
}

/// Means of travel in the reader's language, with the flight or bus number.
fn means(words: Words, means: &str, number: &str) -> String {
    let m = if means.is_empty() {
        String::new()
    } else {
        words.t(&format!("travel-means-{means}"))
    };
    [m.as_str(), number]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Arrivals and departures, one table per local day.
pub fn arrivals_pdf(
    list: &Movements,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, MARGIN).in_language(words);
    let e = &list.event;
    let title = words.f("doc-arrivals-title", &[("title", &e.title)]);
    let line = format!(
        "{} · {} · {}",
        words.range(&e.local_start, &e.local_end),
        e.city,
        words.f("travel-local-time", &[("zone", &e.timezone)])
    );
    let h = heading(&doc, &title, &line);
    doc.place(h, true);
    if list.rows.is_empty() {
        let mut b = doc.block();
        b.text(&words.t("travel-none"), CELL, 0.0);
        let b = b.build();
        doc.place(b, true);
    }
    let cols = columns(doc.content_width(), &[1.0, 1.6, 3.6, 2.4, 3.4, 2.0]);
    let labels = [
        "travel-time",
        "travel-direction",
        "doc-col-name",
        "travel-means",
        "travel-from",
        "travel-picked-up",
    ]
    .map(|k| words.t(k));
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let header = row(&doc, &cols, &labels, HEAD, 0.0);
    let mut day = "";
    for m in &list.rows {
        if m.day != day {
            day = &m.day;
            let mut b = doc.block();
            b.gap(6.0).text(&words.day(day), GROUP, 0.0).gap(3.0);
            let b = b.build();
            doc.place(b, true);
            doc.table_start(&header, SIGN_HEIGHT);
        }
        let direction = match m.direction {
            Direction::Arrival => words.t("travel-arrival"),
            Direction::Departure => words.t("travel-departure"),
        };
        let how = means(words, &m.means, &m.number);
        let texts = [
            m.time.as_str(),
            direction.as_str(),
            m.name.as_str(),
            how.as_str(),
            m.from.as_str(),
            "",
        ];
        let r = row(&doc, &cols, &texts, CELL, 18.0);
        doc.table_row(&header, r);
    }
    let footer = words.f(
        "doc-travel-footer",
        &[("title", &e.title), ("when", &words.printed(generated_at))],
    );
    doc.finish(&title, &footer, generated_at)
}

/// The payment sheet (see the module doc).
pub fn payments_pdf(
    book: &PaymentBook,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, MARGIN).in_language(words);
    let e = &book.event;
    let title = words.f("doc-payments-title", &[("title", &e.title)]);
    let line = format!("{} · {}", words.range(&e.local_start, &e.local_end), e.city);
    let h = heading(&doc, &title, &line);
    doc.place(h, true);
    if book.groups.is_empty() {
        let mut b = doc.block();
        b.text(&words.t("payments-none"), CELL, 0.0);
        let b = b.build();
        doc.place(b, true);
    }
    let cols = columns(
        doc.content_width(),
        &[0.6, 3.2, 2.4, 0.8, 1.6, 1.6, 1.6, 1.8, 3.0],
    );
    let labels = [
        "doc-col-number",
        "doc-col-name",
        "doc-col-native",
        "payments-days",
        "payments-per-diem",
        "payments-refund",
        "payments-total",
        "payments-receipts",
        "doc-col-signature",
    ]
    .map(|k| words.t(k));
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let header = row(&doc, &cols, &labels, HEAD, 0.0);
    for g in &book.groups {
        let mut b = doc.block();
        b.gap(8.0)
            .text(
                &words.f("payments-in-currency", &[("currency", &g.currency)]),
                GROUP,
                0.0,
            )
            .gap(3.0);
        let b = b.build();
        doc.place(b, true);
        doc.table_start(&header, SIGN_HEIGHT);
        for (i, l) in g.lines.iter().enumerate() {
            let n = (i + 1).to_string();
            let days = l.days.map(|d| d.to_string()).unwrap_or_default();
            let per_diem = amount(l.per_diem, &g.currency);
            let refund = amount(l.refund, &g.currency);
            let total = amount(l.total, &g.currency);
            let native = if l.name_native == l.name {
                ""
            } else {
                l.name_native.as_str()
            };
            let texts = [
                n.as_str(),
                l.name.as_str(),
                native,
                days.as_str(),
                per_diem.as_str(),
                refund.as_str(),
                total.as_str(),
                l.receipts.as_str(),
                "",
            ];
            let r = row(&doc, &cols, &texts, CELL, SIGN_HEIGHT);
            doc.table_row(&header, r);
        }
        let total = words.f(
            "payments-group-total",
            &[
                ("currency", &g.currency),
                ("total", &amount(g.total, &g.currency)),
                ("paid", &amount(g.paid, &g.currency)),
            ],
        );
        let mut b = doc.block();
        b.gap(4.0).text(&total, HEAD, 0.0);
        let b = b.build();
        doc.place(b, true);
    }
    let corrections: Vec<_> = book
        .payments
        .iter()
        .filter(|p| p.corrects.is_some())
        .collect();
    if !corrections.is_empty() {
        let mut b = doc.block();
        b.gap(10.0)
            .text(&words.t("payments-corrections"), GROUP, 0.0)
            .gap(3.0);
        let b = b.build();
        doc.place(b, true);
        for c in corrections {
            let kind = match c.kind {
                PaymentKind::PerDiem => words.t("payments-per-diem"),
                PaymentKind::Refund => words.t("payments-refund"),
            };
            let text = words.f(
                "payments-correction-line",
                &[
                    ("id", &c.id.to_string()),
                    ("corrects", &c.corrects.unwrap_or_default().to_string()),
                    ("name", &c.name),
                    ("kind", &kind),
                    (
                        "amount",
                        &format!("{} {}", amount(c.amount, &c.currency), c.currency),
                    ),
                    ("when", &words.printed(c.created_at)),
                ],
            );
            let mut b = doc.block();
            b.text(&text, CELL, 0.0);
            let b = b.build();
            doc.place(b, true);
        }
    }
    let footer = words.f(
        "doc-travel-footer",
        &[("title", &e.title), ("when", &words.printed(generated_at))],
    );
    doc.finish(&title, &footer, generated_at)
}
