//! Travel as Excel workbooks (rust_xlsxwriter): the arrivals and departures by day, and the
//! payments (one sheet per currency with a line per person and a total, then every row with
//! its history: corrections, who marked it paid and when). Headings in the reader's language;
//! amounts are numbers in the currency's major unit, computed from integer minor units.
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::documents::pdf::Words;
use crate::money::{format as amount, CURRENCIES};
use crate::travel_types::{Direction, Movements, PaymentBook, PaymentKind};

fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

fn row_n(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}

fn header(sheet: &mut Worksheet, words: Words, keys: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, key) in keys.iter().enumerate() {
        sheet.write_string_with_format(0, col(i)?, words.t(key), &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Arrivals and departures, one row each, by day and time.
pub fn arrivals(list: &Movements, words: Words) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Arrivals")?;
    header(
        sheet,
        words,
        &[
            "travel-day",
            "travel-time",
            "travel-direction",
            "doc-col-name",
            "travel-means",
            "travel-number",
            "travel-from",
        ],
    )?;
    for (i, m) in list.rows.iter().enumerate() {
        let r = row_n(i + 1)?;
        let direction = match m.direction {
            Direction::Arrival => words.t("travel-arrival"),
            Direction::Departure => words.t("travel-departure"),
        };
        let means = if m.means.is_empty() {
            String::new()
        } else {
            words.t(&format!("travel-means-{}", m.means))
        };
        for (c, v) in [
            m.day.as_str(),
            m.time.as_str(),
            &direction,
            &m.name,
            &means,
            &m.number,
            &m.from,
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(r, col(c)?, *v)?;
        }
    }
    sheet.set_column_width(3, 30)?;
    sheet.set_column_width(6, 30)?;
    book.save_to_buffer()
}

/// Minor units as a number of the major unit (for sums in the spreadsheet).
fn major(minor: i64, currency: &str) -> f64 {
    let places = CURRENCIES
        .iter()
        .find(|(c, _)| *c == currency)
        .map_or(2, |(_, e)| *e);
    // Display only: the stored amount stays an integer.
    minor as f64 / 10_f64.powi(places as i32)
}

/// The payments: a sheet per currency (person lines and total) and the full history.
pub fn payments(book_data: &PaymentBook, words: Words) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for g in &book_data.groups {
        let sheet = book.add_worksheet();
        sheet.set_name(&g.currency)?;
        header(
            sheet,
            words,
            &[
                "doc-col-name",
                "doc-col-native",
                "payments-days",
                "payments-per-diem",
                "payments-refund",
                "payments-total",
                "payments-receipts",
                "payments-paid",
            ],
        )?;
        for (i, l) in g.lines.iter().enumerate() {
            let r = row_n(i + 1)?;
            sheet.write_string(r, 0, &l.name)?;
            sheet.write_string(r, 1, &l.name_native)?;
            if let Some(d) = l.days {
                sheet.write_number(r, 2, f64::from(d))?;
            }
            sheet.write_number(r, 3, major(l.per_diem, &g.currency))?;
            sheet.write_number(r, 4, major(l.refund, &g.currency))?;
            sheet.write_number(r, 5, major(l.total, &g.currency))?;
            sheet.write_string(r, 6, &l.receipts)?;
            let paid = if l.paid {
                words.t("payments-paid-yes")
            } else {
                words.t("payments-paid-no")
            };
            sheet.write_string(r, 7, paid)?;
        }
        let r = row_n(g.lines.len() + 1)?;
        sheet.write_string_with_format(r, 0, words.t("payments-total"), &bold)?;
        sheet.write_number_with_format(r, 5, major(g.total, &g.currency), &bold)?;
        sheet.set_column_width(0, 30)?;
        sheet.set_column_width(1, 24)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name("History")?;
    header(
        sheet,
        words,
        &[
            "payments-row",
            "doc-col-name",
            "payments-kind",
            "payments-currency",
            "payments-amount",
            "payments-receipts",
            "payments-corrects",
            "payments-paid-at",
            "payments-paid-by",
        ],
    )?;
    for (i, p) in book_data.payments.iter().enumerate() {
        let r = row_n(i + 1)?;
        let kind = match p.kind {
            PaymentKind::PerDiem => words.t("payments-per-diem"),
            PaymentKind::Refund => words.t("payments-refund"),
        };
        sheet.write_number(r, 0, p.id as f64)?;
        sheet.write_string(r, 1, &p.name)?;
        sheet.write_string(r, 2, kind)?;
        sheet.write_string(r, 3, &p.currency)?;
        sheet.write_string(r, 4, amount(p.amount, &p.currency))?;
        sheet.write_string(r, 5, &p.receipt)?;
        if let Some(c) = p.corrects {
            sheet.write_number(r, 6, c as f64)?;
        }
        if let Some(at) = p.paid_at {
            sheet.write_string(r, 7, at.format("%Y-%m-%d %H:%M UTC").to_string())?;
        }
        sheet.write_string(r, 8, p.paid_by.clone().unwrap_or_default())?;
    }
    sheet.set_column_width(1, 30)?;
    book.save_to_buffer()
}
