//! Participant lists as CSV (RFC 4180 via the `csv` crate), with a UTF-8 byte-order mark so
//! spreadsheet programs read Thai, Khmer, Lao and Burmese names correctly.
use crate::participant_types::ParticipantRow;

const HEADER: [&str; 17] = [
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
            let yes_no = |b: bool| if b { "yes" } else { "no" };
            let number = (i + 1).to_string();
            let fixed = [
                number.as_str(),
                &r.name_latin,
                &r.name_native,
                &r.email,
                &r.phone,
                &r.organisation,
                &r.position,
                &r.country,
                &r.sector,
                &r.gender,
                &r.role,
                &r.status,
                yes_no(r.public_name_consent),
                &r.interpretation_needed,
                &r.dietary,
                &r.accessibility,
                yes_no(r.travel_support),
            ];
            let answers = questions.iter().map(|label| {
                r.answers
                    .iter()
                    .find(|(l, _)| l == label)
                    .map_or("", |(_, v)| v.as_str())
            });
            writer.write_record(fixed.into_iter().chain(answers))?;
        }
        writer.flush()?;
    }
    Ok(out)
}
