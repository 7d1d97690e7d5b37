//! Reading an uploaded Excel (.xlsx) list: the first sheet's cells as text.
//!
//! The cells are streamed and kept sparse, within the bounds a list can have, rather than
//! read through calamine's `Range`: that allocates one cell for every position between the
//! first and the last used one, so a file of a few hundred bytes with one cell in `A1` and one
//! in `XFD1048576` asked for 17 billion cells and took the whole server down. And calamine
//! (0.38) overflows on a cell reference past 4,294,967,295 (`A99999999999`): a panic in debug
//! builds, a wrapped row number otherwise. Any panic while reading a damaged upload is a
//! refusal of that file, never a dropped connection.
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Reader, Xlsx, XlsxError};

use super::{file_error, Sheet};
use crate::import_types::MAX_IMPORT_ROWS;
use crate::DomainError;

/// Columns read from a sheet: far more than a list has (the template has 11, an export one
/// per question besides); cells further right are ignored.
pub(super) const MAX_COLUMNS: u32 = 256;

/// The first sheet: its first row with a value is the header, and every row below it down
/// to the last with a value (blank ones too) is a data row, numbered as Excel numbers it.
/// Refusals as [`super::read`]: `unreadable-file`, `empty-file`, `too-many-rows`.
pub(super) fn read_xlsx(bytes: &[u8]) -> Result<Sheet, DomainError> {
    catch_unwind(AssertUnwindSafe(|| read_cells(bytes)))
        .unwrap_or_else(|_| Err(file_error("unreadable-file")))
}

fn read_cells(bytes: &[u8]) -> Result<Sheet, DomainError> {
    let unreadable = |_: XlsxError| file_error("unreadable-file");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let first = book.sheet_names().into_iter().next();
    let name = first.ok_or_else(|| file_error("empty-file"))?;
    let mut reader = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        // A chart sheet first: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Err(file_error("empty-file")),
        Err(err) => return Err(unreadable(err)),
    };
    // Keyed by position, so a cell written twice is kept once.
    let mut cells: BTreeMap<(u32, u32), String> = BTreeMap::new();
    let (mut top, mut bottom) = (u32::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let text = Data::from(cell.get_value().clone()).to_string();
        if column >= MAX_COLUMNS || text.is_empty() {
            continue;
        }
        (top, bottom) = (top.min(row), bottom.max(row));
        if bottom - top > MAX_IMPORT_ROWS as u32 + 1 {
            return Err(file_error("too-many-rows"));
        }
        cells.insert((row, column), text);
    }
    let Some(left) = cells.keys().map(|&(_, c)| c).min() else {
        return Ok(Sheet::default());
    };
    let right = cells.keys().map(|&(_, c)| c).max().unwrap_or(left);
    let width = (right - left + 1) as usize;
    let mut rows = (top..=bottom).map(|row| {
        let mut line = vec![String::new(); width];
        for ((_, column), text) in cells.range((row, 0)..=(row, u32::MAX)) {
            line[(column - left) as usize] = text.clone();
        }
        (row as usize + 1, line)
    });
    let header = rows.next().map(|(_, cells)| cells).unwrap_or_default();
    Ok(Sheet {
        header,
        rows: rows.collect(),
    })
}
