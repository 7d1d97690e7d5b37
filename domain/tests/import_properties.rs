//! Properties of the import reader (`service::import::read` and `check`): whatever bytes a
//! coordinator uploads, as CSV or as Excel, the reader never panics and gives either rows to
//! preview (each problem naming one of the template's columns) or a refusal on the `file`
//! field; and a CSV written by the `csv` crate from valid rows reads back as those rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::sync::OnceLock;

use domain::import_types::{ImportRow, IMPORT_COLUMNS};
use domain::service::import::{check, read, Sheet};
use domain::types::{Gender, RegistrationStatus, Sector};
use domain::DomainError;
use proptest::prelude::*;

/// What `read` may refuse a file with (its doc comment).
const REFUSALS: [&str; 7] = [
    "file-too-large",
    "too-many-rows",
    "unreadable-file",
    "empty-file",
    "missing-name-column",
    "file-unpacks-too-large",
    "sheet-too-large",
];

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn countries() -> Vec<(String, String)> {
    [
        ("TH", "Thailand"),
        ("KH", "Cambodia"),
        ("MM", "Myanmar"),
        ("LA", "Lao PDR"),
    ]
    .map(|(c, n)| (c.to_owned(), n.to_owned()))
    .to_vec()
}

/// Reads `bytes` as an upload named `file_name` and checks the outcome: a preview whose rows
/// match the sheet and whose problems name template columns, or a refusal of the file.
fn preview_or_refusal(file_name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match read(file_name, bytes) {
        Ok(sheet) => {
            prop_assert!(!sheet.rows.is_empty());
            let rows = check(&sheet, &countries());
            prop_assert_eq!(rows.len(), sheet.rows.len());
            for (row, (line, _)) in rows.iter().zip(&sheet.rows) {
                prop_assert_eq!(row.line, *line);
                prop_assert!(row.line >= 2, "the header is line 1");
                for p in &row.problems {
                    prop_assert!(
                        IMPORT_COLUMNS.contains(&p.column.as_str()),
                        "problem on {:?}",
                        p.column
                    );
                    prop_assert!(!p.code.is_empty());
                }
            }
        }
        Err(DomainError::Validation { field, message }) => {
            prop_assert_eq!(field, "file");
            prop_assert!(REFUSALS.contains(&message.as_str()), "{}", message);
        }
        Err(other) => prop_assert!(false, "not a refusal of the file: {other:?}"),
    }
    Ok(())
}

/// Text a spreadsheet cell may hold, weighted towards what breaks CSV: quotes, delimiters,
/// line breaks, byte-order marks, control characters and Burmese.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ,;\"'\r\n\t\u{feff}\u{0}\u{1000}-\u{109f}@._-]{0,30}",
        Just(String::new()),
    ]
}

/// One CSV cell as raw bytes, not always quoted correctly, sometimes with invalid UTF-8.
fn raw_cell() -> impl Strategy<Value = Vec<u8>> {
    (
        nasty_text(),
        0..4u8,
        prop::collection::vec(any::<u8>(), 0..3),
    )
        .prop_map(|(text, style, junk)| {
            let mut cell = match style {
                0 => text.into_bytes(),
                1 => format!("\"{}\"", text.replace('"', "\"\"")).into_bytes(),
                2 => format!("\"{text}").into_bytes(),
                _ => {
                    let mut bytes = text.into_bytes();
                    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3]);
                    bytes
                }
            };
            if junk.len() == 2 {
                cell.extend(junk);
            }
            cell
        })
}

proptest! {
    #![proptest_config(config(256))]

    /// Any bytes at all, uploaded as a CSV file.
    #[test]
    fn any_bytes_as_csv_give_a_preview_or_a_refusal(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        preview_or_refusal("list.csv", &bytes)?;
    }

    /// A CSV laid out like the template (header of its columns, comma or semicolon) whose
    /// cells are arbitrary text, badly quoted, with byte-order marks and invalid UTF-8.
    #[test]
    fn template_shaped_csv_with_arbitrary_cells_gives_a_preview_or_a_refusal(
        header in Just(IMPORT_COLUMNS.to_vec()).prop_shuffle(),
        bom in any::<bool>(),
        semicolon in any::<bool>(),
        crlf in any::<bool>(),
        rows in prop::collection::vec(prop::collection::vec(raw_cell(), 0..13), 0..8),
    ) {
        let (sep, end): (&[u8], &[u8]) = (
            if semicolon { b";" } else { b"," },
            if crlf { b"\r\n" } else { b"\n" },
        );
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend(header.join(if semicolon { ";" } else { "," }).into_bytes());
        for row in rows {
            bytes.extend_from_slice(end);
            bytes.extend(row.join(sep));
        }
        preview_or_refusal("list.csv", &bytes)?;
    }

    /// Any bytes uploaded as an Excel file, or starting like one (a zip archive).
    #[test]
    fn any_bytes_as_xlsx_give_a_preview_or_a_refusal(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        zip_magic in any::<bool>(),
    ) {
        let mut upload = Vec::new();
        if zip_magic {
            upload.extend_from_slice(b"PK\x03\x04");
        }
        upload.extend(bytes);
        preview_or_refusal("list.xlsx", &upload)?;
    }

    /// A real Excel file with a few bytes changed and perhaps cut short: the reader gets far
    /// into the zip and XML before anything is wrong.
    #[test]
    fn damaged_xlsx_gives_a_preview_or_a_refusal(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        keep in any::<prop::sample::Index>(),
        cut in any::<bool>(),
    ) {
        let mut bytes = sample_xlsx().to_vec();
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if cut {
            bytes.truncate(keep.index(bytes.len()));
        }
        preview_or_refusal("list.xlsx", &bytes)?;
    }

    /// Cells of any text written by the `csv` crate read back as the same cells, rows with
    /// only blank cells left out, each row numbered as a spreadsheet numbers it.
    #[test]
    fn csv_written_by_the_csv_crate_reads_back_cell_for_cell(
        rows in prop::collection::vec(
            prop::collection::vec(nasty_text(), IMPORT_COLUMNS.len()),
            0..12,
        ),
        semicolon in any::<bool>(),
    ) {
        let bytes = write_csv(&IMPORT_COLUMNS.map(str::to_owned), &rows, semicolon);
        // Reading takes back the quote Sala's own CSV files put before a formula's first
        // character (documents::csv::restore); every other cell comes back as written.
        let expected: Vec<(usize, Vec<String>)> = rows
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .map(|c| domain::documents::csv::restore(c).to_owned())
                    .collect::<Vec<_>>()
            })
            .enumerate()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .map(|(i, cells)| (i + 2, cells))
            .collect();
        match read("list.csv", &bytes) {
            Ok(sheet) => prop_assert_eq!(
                sheet,
                Sheet { header: IMPORT_COLUMNS.map(str::to_owned).to_vec(), rows: expected }
            ),
            Err(err) => {
                prop_assert!(expected.is_empty(), "refused: {err:?}");
                prop_assert_eq!(err, DomainError::validation("file", "empty-file"));
            }
        }
    }

    /// Valid rows written by the `csv` crate, in any column order and under any of the
    /// accepted header spellings, import as exactly those rows with no problem.
    #[test]
    fn valid_rows_round_trip_through_csv(
        columns in Just((0..IMPORT_COLUMNS.len()).collect::<Vec<_>>()).prop_shuffle(),
        spellings in prop::collection::vec(any::<prop::sample::Index>(), IMPORT_COLUMNS.len()),
        rows in prop::collection::vec(valid_row(), 1..12),
        semicolon in any::<bool>(),
    ) {
        // Two rows for one person are a problem of their own (`duplicate-row`): keep the first.
        let mut seen = std::collections::HashSet::new();
        let rows: Vec<(Vec<String>, ImportRow)> = rows
            .into_iter()
            .filter(|(_, row)| seen.insert(if row.email.is_empty() {
                format!("name:{}", row.name_latin.to_lowercase())
            } else {
                format!("email:{}", row.email)
            }))
            .collect();
        let header: Vec<String> = columns
            .iter()
            .zip(&spellings)
            .map(|(&c, pick)| {
                let names = HEADER_SPELLINGS[c];
                names[pick.index(names.len())].to_owned()
            })
            .collect();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(typed, _)| columns.iter().map(|&c| typed[c].clone()).collect())
            .collect();
        let bytes = write_csv(&header, &cells, semicolon);
        let sheet = read("list.csv", &bytes).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let got = check(&sheet, &countries());
        let want: Vec<ImportRow> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (_, row))| restored(ImportRow { line: i + 2, ..row }))
            .collect();
        prop_assert_eq!(got, want);
    }
}

/// A row as reading gives it back: the quote Sala's own CSV files put before a formula's
/// first character is taken back (documents::csv::restore) from the typed text fields.
fn restored(row: ImportRow) -> ImportRow {
    let back = |text: String| domain::documents::csv::restore(&text).trim().to_owned();
    ImportRow {
        name_latin: back(row.name_latin),
        name_native: back(row.name_native),
        email: back(row.email),
        phone: back(row.phone),
        organisation: back(row.organisation),
        position: back(row.position),
        ..row
    }
}

/// Each template column's accepted header spellings (the template's own first).
const HEADER_SPELLINGS: [&[&str]; 11] = [
    &["name", "Name", "Name (Latin)", "full name"],
    &["name_native", "Name (own script)", "own script"],
    &["email", "E-mail", "EMAIL"],
    &["phone", "Telephone"],
    &["organisation", "Organization"],
    &["position", "Position"],
    &["country", "Country code"],
    &["sector", "Sector"],
    &["gender", "Gender"],
    &["role", "Role"],
    &["status", "Status"],
];

fn write_csv(header: &[String], rows: &[Vec<String>], semicolon: bool) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .from_writer(Vec::new());
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

/// Single-line text as a person types it, already trimmed: `max` characters at most, no
/// control characters, any script.
fn clean_text(max: usize) -> impl Strategy<Value = String> {
    let edge = "[\\PC&&[^\\s]]";
    prop::string::string_regex(&format!("{edge}([\\PC]{{0,{}}}{edge})?", max.min(40) - 2))
        .expect("a valid pattern")
}

fn optional(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![1 => Just(String::new()), 3 => text]
}

/// A code from a closed list as a person might type it ("Trade Union" for `trade_union`),
/// or nothing: (typed, stored).
fn typed_code(codes: Vec<&'static str>, default: &'static str) -> BoxedStrategy<(String, String)> {
    prop_oneof![
        1 => Just((String::new(), default.to_owned())),
        3 => (prop::sample::select(codes), any::<bool>(), any::<bool>()).prop_map(
            |(code, spaces, upper)| {
                let mut typed = if spaces { code.replace('_', " ") } else { code.to_owned() };
                if upper {
                    typed = typed.to_uppercase();
                }
                (typed, code.to_owned())
            }
        ),
    ]
    .boxed()
}

/// A row that passes every check: the cells as typed (in template order) and the row as it
/// will be imported.
fn valid_row() -> impl Strategy<Value = (Vec<String>, ImportRow)> {
    let email = optional(
        "[A-Za-z0-9][A-Za-z0-9._+-]{0,12}@[a-z0-9-]{1,10}\\.[A-Za-z]{2,6}".prop_map(String::from),
    );
    let country = prop_oneof![
        1 => Just((String::new(), String::new())),
        3 => (prop::sample::select(countries()), any::<bool>(), any::<bool>()).prop_map(
            |((code, name), by_code, lower)| {
                let typed = if by_code { code.clone() } else { name };
                (if lower { typed.to_lowercase() } else { typed }, code)
            }
        ),
    ];
    let people = (
        clean_text(200),
        optional(clean_text(200)),
        email,
        optional(clean_text(40)),
        optional(clean_text(300)),
        optional(clean_text(200)),
    );
    let codes = (
        country,
        typed_code(Sector::ALL.iter().map(|s| s.as_str()).collect(), ""),
        typed_code(Gender::ALL.iter().map(|g| g.as_str()).collect(), ""),
        typed_code(migration::vocab::REGISTRATION_ROLES.to_vec(), "participant"),
        typed_code(
            RegistrationStatus::ALL.iter().map(|s| s.as_str()).collect(),
            "confirmed",
        ),
    );
    (people, codes).prop_map(
        |(
            (name, native, email, phone, organisation, position),
            (country, sector, gender, role, status),
        )| {
            let typed = vec![
                name.clone(),
                native.clone(),
                email.clone(),
                phone.clone(),
                organisation.clone(),
                position.clone(),
                country.0,
                sector.0,
                gender.0,
                role.0,
                status.0,
            ];
            let row = ImportRow {
                line: 0,
                name_latin: name,
                name_native: native,
                email: email.to_lowercase(),
                phone,
                organisation,
                position,
                country: country.1,
                sector: sector.1,
                gender: gender.1,
                role: role.1,
                status: status.1,
                problems: Vec::new(),
            };
            (typed, row)
        },
    )
}

/// A small valid Excel list (template header, a few rows in several scripts), made once.
fn sample_xlsx() -> &'static [u8] {
    static XLSX: OnceLock<Vec<u8>> = OnceLock::new();
    XLSX.get_or_init(|| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let rows = [
            IMPORT_COLUMNS.to_vec(),
            vec!["Nang Hseng", "နန်းဆိုင်", "nang@example.org", "+66 81 000 0000"],
            vec!["สมชาย ใจดี", "", "", "", "MWRN", "Organiser", "TH"],
            vec!["Sokha Chan", "សុខា ចាន់", "sokha@example.org"],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        // The undamaged file is a preview, so damage is what the property explores.
        assert!(read("list.xlsx", &bytes).is_ok());
        bytes
    })
}

/// An Excel file written by hand, so that it can hold what no spreadsheet program writes:
/// the first sheet's `<sheetData>` as given, in an uncompressed zip.
fn handmade_xlsx(sheet_data: &str) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let workbook = format!(
        r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="List" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"></Relationship></Relationships>"#
    );
    let sheet =
        format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>"#);
    let package = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"></Relationship></Relationships>"#
    );
    stored_zip(&[
        ("_rels/.rels", package.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// A cell with inline text at `reference` (`B7`).
fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A zip archive of `files`, stored without compression.
fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let (mut out, mut directory) = (Vec::new(), Vec::new());
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        // Local header: version 2.0, no flags, stored, no time, then sizes and the name.
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for v in [crc, size, size] {
            out.extend(v.to_le_bytes());
        }
        out.extend(name_len.to_le_bytes());
        out.extend([0, 0]);
        out.extend(name.as_bytes());
        out.extend(*data);
        // Central directory entry for it.
        directory.extend(0x0201_4b50u32.to_le_bytes());
        directory.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for v in [crc, size, size] {
            directory.extend(v.to_le_bytes());
        }
        directory.extend(name_len.to_le_bytes());
        directory.extend([0; 12]);
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let (at, length, count) = (out.len() as u32, directory.len() as u32, files.len() as u16);
    out.extend(directory);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0, 0, 0, 0]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(length.to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend([0, 0]);
    out
}

#[test]
fn a_handmade_excel_file_reads() {
    let data = format!(
        r#"<row r="3">{}{}</row><row r="5">{}{}</row>"#,
        cell("B3", "name"),
        cell("C3", "email"),
        cell("B5", "Aye Aye"),
        cell("C5", "aye@example.org"),
    );
    let sheet = read("list.xlsx", &handmade_xlsx(&data)).unwrap();
    assert_eq!(sheet.header, ["name", "email"]);
    assert_eq!(
        sheet.rows,
        [(5, vec!["Aye Aye".to_owned(), "aye@example.org".to_owned()])]
    );
}

/// Found by `damaged_xlsx_gives_a_preview_or_a_refusal`: calamine overflowed on a row number
/// past `u32` (a panic in debug builds).
#[test]
fn a_cell_reference_past_any_row_is_refused() {
    let data = format!(
        r#"<row r="1">{}</row><row r="2">{}</row>"#,
        cell("A1", "name"),
        cell("A99999999999", "Aye Aye")
    );
    assert!(read("list.xlsx", &handmade_xlsx(&data)).is_err());
}

/// Two cells far apart: refused (the import hardening's bounds; its own tests name the reason)
/// without filling the space between them.
#[test]
fn cells_far_apart_are_refused_without_filling_the_space_between() {
    let corners = format!(
        r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
        cell("A1", "name"),
        cell("IV1048576", "Aye Aye")
    );
    match read("list.xlsx", &handmade_xlsx(&corners)) {
        Err(DomainError::Validation { message, .. }) => {
            assert!(REFUSALS.contains(&message.as_str()), "{message}")
        }
        other => panic!("not refused: {other:?}"),
    }
}
