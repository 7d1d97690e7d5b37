//! Participant lists as an Excel workbook (rust_xlsxwriter): the same columns as the CSV
//! (one per custom question after the fixed ones), a bold frozen header row, and text cells
//! only, so phone numbers keep their leading zeros and names in any script stay as typed.
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::csv::{cells, HEADER};
use crate::participant_types::ParticipantRow;

/// The rows as an .xlsx file, on one sheet named "Participants".
pub fn participants(rows: &[ParticipantRow], questions: &[String]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Participants")?;
    let bold = Format::new().set_bold();
    let header = HEADER
        .iter()
        .copied()
        .chain(questions.iter().map(String::as_str));
    for (col, label) in header.enumerate() {
        sheet.write_string_with_format(0, column(col)?, label, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, value) in cells(i + 1, r, questions).iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(row, column(col)?, value)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(1, 28)?;
    sheet.set_column_width(5, 28)?;
    book.save_to_buffer()
}

fn column(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)
}
