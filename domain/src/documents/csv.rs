//! Participant lists as CSV (RFC 4180 via the `csv` crate), with a UTF-8 byte-order mark so
//! spreadsheet programs read Thai, Khmer, Lao and Burmese names correctly.
use crate::participant_types::ParticipantRow;

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
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(
            HEADER
                .iter()
                .copied()
                .chain(questions.iter().map(String::as_str)),
        )?;
        for (i, r) in rows.iter().enumerate() {
            writer.write_record(cells(i + 1, r, questions))?;
        }
        writer.flush()?;
    }
    Ok(out)
}
