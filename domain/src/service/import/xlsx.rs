//! Reading an uploaded Excel (.xlsx) list without trusting it.
//!
//! An .xlsx file is a zip of XML files. Asked for a sheet's range, calamine builds a cell for
//! every position between the first and the last one before anyone can count rows: a 1 MB
//! file with cells at A1 and XFD1048576 asks for 17 billion cells, and a zip entry of zeros
//! inflates a thousandfold. The 1,000-row limit comes too late for both, so before calamine
//! reads a sheet:
//!
//! - the zip's directory is read, nothing inflated: each entry's declared size, their sum and
//!   each large entry's compression ratio are bounded. The zip crate refuses to inflate an
//!   entry past its declared size, so the bounds hold for everything read afterwards;
//! - the shared-strings table must begin with its `<sst>` element, whose `uniqueCount` is
//!   bounded (calamine reserves room for that many strings at once: a huge count would abort
//!   the process, not merely fail);
//! - the first sheet's `<dimension ref=…>` is bounded to the rows and columns a list may have.
//!
//! Then the sheet is read one cell at a time (calamine's cell reader, never a range), refusing
//! a cell outside those bounds (the dimension may lie) and stopping at a cell cap, so memory
//! stays proportional to what a real list holds.
use std::io::{Cursor, Read};

use calamine::{Data, DataType, Reader, Xlsx};

use super::{file_error, Sheet};
use crate::import_types::MAX_IMPORT_ROWS;
use crate::DomainError;

/// The most columns a list may span (it needs 11; exports add one per question).
pub const MAX_COLUMNS: u32 = 100;
/// The most rows a sheet may span: the header and the data rows.
const MAX_ROWS: u32 = MAX_IMPORT_ROWS as u32 + 1;
/// The most cells read, empty (formatted) ones included.
const MAX_CELLS: usize = 2 * (MAX_ROWS as usize) * (MAX_COLUMNS as usize);
/// The most bytes one zip entry, and all of them together, may unpack to. A 1,000-row list
/// is about 1 MB of XML.
const MAX_ENTRY_BYTES: u64 = 10_000_000;
const MAX_UNPACKED_BYTES: u64 = 20_000_000;
/// Sheet XML deflates 5 to 30 times; a deflated run of zeros, about 1,000 times. Entries
/// below `RATIO_FROM` bytes are small enough whatever their ratio.
const MAX_RATIO: u64 = 200;
const RATIO_FROM: u64 = 1_000_000;
/// The most shared strings a workbook may declare.
const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// How far into the shared-strings file its `<sst>` element must be found.
const SST_WINDOW: u64 = 4_096;

fn unreadable() -> DomainError {
    file_error("unreadable-file")
}

fn unpacks_too_large() -> DomainError {
    file_error("file-unpacks-too-large")
}

fn sheet_too_large() -> DomainError {
    file_error("sheet-too-large")
}

/// The first sheet of an .xlsx file, or the reason it is refused (`Validation { field:
/// "file" }`): `file-unpacks-too-large`, `sheet-too-large` or `unreadable-file`.
///
/// calamine overflows on some damaged cell references (`A99999999999`): a panic in a debug
/// build, a wrong row number in a release one. A panic while reading is caught and the file
/// refused as unreadable, so an upload can never take a server thread down.
pub(super) fn read(bytes: &[u8]) -> Result<Sheet, DomainError> {
    std::panic::catch_unwind(|| read_checked(bytes)).unwrap_or_else(|_| Err(unreadable()))
}

fn read_checked(bytes: &[u8]) -> Result<Sheet, DomainError> {
    check_zip(bytes)?;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let first = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| file_error("empty-file"))?;
    let mut reader = book
        .worksheet_cells_reader(&first)
        .map_err(|_| unreadable())?;
    let declared = reader.dimensions();
    if span(declared.start.0, declared.end.0) > MAX_ROWS
        || span(declared.start.1, declared.end.1) > MAX_COLUMNS
    {
        return Err(sheet_too_large());
    }
    let mut bounds = Bounds::default();
    let mut cells = Vec::new();
    let mut read = 0;
    while let Some(cell) = reader.next_cell().map_err(|_| unreadable())? {
        read += 1;
        if read > MAX_CELLS {
            return Err(sheet_too_large());
        }
        if cell.get_value().is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        bounds.include(row, col)?;
        let value: Data = cell.get_value().clone().into();
        cells.push((row, col, value.to_string()));
    }
    Ok(bounds.sheet(cells))
}

/// How many rows (or columns) `first..=last` covers.
fn span(first: u32, last: u32) -> u32 {
    last.saturating_sub(first).saturating_add(1)
}

/// The smallest rectangle holding the non-empty cells seen so far.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn include(&mut self, row: u32, col: u32) -> Result<(), DomainError> {
        let (top, bottom, left, right) = match self.0 {
            None => (row, row, col, col),
            Some((t, b, l, r)) => (t.min(row), b.max(row), l.min(col), r.max(col)),
        };
        if span(top, bottom) > MAX_ROWS || span(left, right) > MAX_COLUMNS {
            return Err(sheet_too_large());
        }
        self.0 = Some((top, bottom, left, right));
        Ok(())
    }

    /// The cells as rows of text: the first row is the header; each data row carries its
    /// line as a spreadsheet numbers it (from 1).
    fn sheet(&self, cells: Vec<(u32, u32, String)>) -> Sheet {
        let Some((top, bottom, left, right)) = self.0 else {
            return Sheet::default();
        };
        let width = span(left, right) as usize;
        let mut grid = vec![vec![String::new(); width]; span(top, bottom) as usize];
        for (row, col, value) in cells {
            grid[(row - top) as usize][(col - left) as usize] = value;
        }
        let mut rows = grid.into_iter();
        Sheet {
            header: rows.next().unwrap_or_default(),
            rows: rows
                .enumerate()
                .map(|(i, cells)| (top as usize + i + 2, cells))
                .collect(),
        }
    }
}

/// Refuses a zip whose entries would unpack to too much, reading only its directory (and
/// the start of the shared-strings file).
fn check_zip(bytes: &[u8]) -> Result<(), DomainError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut total: u64 = 0;
    let mut shared_strings = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| unreadable())?;
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        if size > MAX_ENTRY_BYTES
            || total > MAX_UNPACKED_BYTES
            || (size > RATIO_FROM && size / packed > MAX_RATIO)
        {
            return Err(unpacks_too_large());
        }
        let name = entry.name().map_err(|_| unreadable())?;
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings.push(i);
        }
    }
    for i in shared_strings {
        let mut start = Vec::new();
        zip.by_index(i)
            .map_err(|_| unreadable())?
            .take(SST_WINDOW)
            .read_to_end(&mut start)
            .map_err(|_| unreadable())?;
        if declared_strings(&start).ok_or_else(unreadable)? > MAX_SHARED_STRINGS {
            return Err(sheet_too_large());
        }
    }
    Ok(())
}

/// The `uniqueCount` of a shared-strings file whose first element is `<sst …>` (after the
/// XML declaration), 0 when it declares none. None when the file starts otherwise (a comment
/// could hide the element calamine reads behind the one looked at here) or when an attribute
/// cannot be read: a file refused here is one calamine might read differently.
fn declared_strings(start: &[u8]) -> Option<u64> {
    let text = match std::str::from_utf8(start) {
        Ok(text) => text,
        // The window may end inside a character.
        Err(e) => std::str::from_utf8(&start[..e.valid_up_to()]).ok()?,
    };
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(after) = rest.strip_prefix("<?xml") {
        rest = after.split_once("?>")?.1.trim_start();
    }
    let tag = rest.strip_prefix('<')?.split_once('>')?.0;
    let tag = tag.strip_suffix('/').unwrap_or(tag);
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    if tag[..name_end].rsplit(':').next() != Some("sst") {
        return None;
    }
    let mut count = 0;
    let mut attributes = tag[name_end..].trim_start();
    while !attributes.is_empty() {
        let (name, after) = attributes.split_once('=')?;
        let value = after.trim_start();
        let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let (value, after) = value[1..].split_once(quote)?;
        if name.trim_end().rsplit(':').next() == Some("uniqueCount") {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            count = count.max(value.parse().unwrap_or(u64::MAX));
        }
        attributes = after.trim_start();
    }
    Some(count)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_strings_count_is_read_only_from_the_first_element() {
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
        let sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                   count=\"12\" uniqueCount=\"7\"><si><t>a</t></si>";
        assert_eq!(declared_strings(format!("{decl}{sst}").as_bytes()), Some(7));
        assert_eq!(declared_strings(b"<x:sst uniqueCount = '9'>"), Some(9));
        assert_eq!(declared_strings(b"<sst/>"), Some(0));
        assert_eq!(declared_strings(b"<sst>"), Some(0));
        assert_eq!(
            declared_strings(b"<sst uniqueCount=\"99999999999999\">"),
            Some(99_999_999_999_999)
        );
        // Anything before the element, a count that is not a number, or one hidden in another
        // attribute's value: refused, or read as calamine reads it.
        assert_eq!(
            declared_strings(b"<sst a=\"uniqueCount='1'\" uniqueCount=\"5000000\">"),
            Some(5_000_000)
        );
        assert_eq!(
            declared_strings(b"<sst uniqueCount=\"99999999999999999999999\">"),
            Some(u64::MAX)
        );
        assert_eq!(
            declared_strings(b"<!-- <sst uniqueCount=\"1\"> --><sst uniqueCount=\"9e99\">"),
            None
        );
        assert_eq!(declared_strings(b"<sst uniqueCount=\"-1\">"), None);
        assert_eq!(declared_strings(b"<other/>"), None);
    }

    #[test]
    fn bounds_refuse_a_cell_too_far_from_the_others() {
        let mut b = Bounds::default();
        b.include(5, 2).unwrap();
        b.include(5 + MAX_ROWS - 1, 2 + MAX_COLUMNS - 1).unwrap();
        assert!(b.include(4, 2).is_err());
        assert!(b.include(5, 1).is_err());
        let sheet = b.sheet(vec![(5, 2, "name".into()), (6, 3, "x".into())]);
        assert_eq!(sheet.header.len(), MAX_COLUMNS as usize);
        assert_eq!(sheet.rows[0].0, 7, "row 6 (from 0) is line 7");
        assert_eq!(sheet.rows[0].1[1], "x");
    }
}
