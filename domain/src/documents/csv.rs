//! Participant lists as CSV (RFC 4180 via the `csv` crate), with a UTF-8 byte-order mark so
//! spreadsheet programs read Thai, Khmer, Lao and Burmese names correctly.
//!
//! Every CSV file Sala writes goes through [`write`], which neutralises spreadsheet formulas:
//! names and answers come from a public form, and a cell such as `=HYPERLINK(…)` or
//! `@SUM(1+1)*cmd|' /C calc'!A0` would otherwise run in the spreadsheet of the staff member
//! who opens the export (CSV injection). The .xlsx export needs no such care: it writes every
//! cell as a text string (`documents::xlsx`), which Excel never evaluates.
use std::borrow::Cow;

use crate::participant_types::ParticipantRow;

/// The first characters that make a spreadsheet read a cell as a formula (or, for tab and
/// carriage return, that some programs strip before looking for one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `value` as a CSV cell that no spreadsheet evaluates: one starting with `=`, `+`, `-`, `@`,
/// tab or carriage return gets a single quote in front (OWASP's advice: the spreadsheet then
/// shows the text as typed, quote hidden or shown). Everything else is unchanged.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The inverse of [`neutralise`] for a cell read back from a CSV file: the quote is dropped
/// when what follows would have been neutralised, so an exported list imports as it was.
pub fn restore(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

/// A CSV file (byte-order mark, then `records`) with every cell neutralised.
pub fn write<R, I, S>(records: R) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for record in records {
            let cells: Vec<String> = record
                .into_iter()
                .map(|cell| neutralise(cell.as_ref()).into_owned())
                .collect();
            writer.write_record(&cells)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

pub(crate) const HEADER: [&str; 17] = [
    "No.",
    "Name",
    "Name (own script)",
    "Email",
    "Phone",
    "Organisation",
    "Position",
    "Country",
    "Sector",
    "Gender",
    "Role",
    "Status",
    "Named publicly",
    "Interpretation",
    "Dietary",
    "Accessibility",
    "Travel/visa support",
];

/// One row's cells in `HEADER` order, then one per custom question (`questions`, matched by
/// label in the row's `answers`). `number` is the row's place in the list, from 1.
pub(crate) fn cells(number: usize, r: &ParticipantRow, questions: &[String]) -> Vec<String> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let mut out = vec![
        number.to_string(),
        r.name_latin.clone(),
        r.name_native.clone(),
        r.email.clone(),
        r.phone.clone(),
        r.organisation.clone(),
        r.position.clone(),
        r.country.clone(),
        r.sector.clone(),
        r.gender.clone(),
        r.role.clone(),
        r.status.clone(),
        yes_no(r.public_name_consent),
        r.interpretation_needed.clone(),
        r.dietary.clone(),
        r.accessibility.clone(),
        yes_no(r.travel_support),
    ];
    out.extend(questions.iter().map(|label| {
        r.answers
            .iter()
            .find(|(l, _)| l == label)
            .map_or_else(String::new, |(_, v)| v.clone())
    }));
    out
}

/// The rows, with one more column per custom question (`questions`, in the order of each
/// row's `answers`).
pub fn participants(rows: &[ParticipantRow], questions: &[String]) -> Result<Vec<u8>, csv::Error> {
    let header: Vec<String> = HEADER
        .iter()
        .map(|h| (*h).to_owned())
        .chain(questions.iter().cloned())
        .collect();
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, r)| cells(i + 1, r, questions));
    write(std::iter::once(header).chain(body))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        for formula in [
            "=HYPERLINK(\"http://x.example\",\"x\")",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+66 81 000 0000",
            "-Lwin",
            "\tTab",
            "\rReturn",
        ] {
            let safe = neutralise(formula);
            assert_eq!(safe, format!("'{formula}"));
            assert_eq!(restore(&safe), formula);
        }
        for plain in ["Aye Aye", "", "'quoted", "O'Reilly", "ခင်ခင်", "1+1"] {
            assert_eq!(neutralise(plain), plain);
            assert_eq!(restore(plain), plain);
        }
    }

    #[test]
    fn every_cell_goes_through_the_writer_neutralised() {
        let out = write([["=1+1", "ok"], ["a", "@b"]]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "\u{feff}'=1+1,ok\na,'@b\n");
    }
}
