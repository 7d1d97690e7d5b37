//! Importing an event's participant list from a spreadsheet (CSV or Excel): what the preview
//! shows before a coordinator confirms. Browser-safe types only.
use serde::{Deserialize, Serialize};

/// The largest file accepted (bytes).
pub const MAX_IMPORT_BYTES: usize = 1_000_000;
/// The most data rows accepted in one file.
pub const MAX_IMPORT_ROWS: usize = 1_000;
/// How long an uploaded list waits for its confirmation (minutes).
pub const IMPORT_EXPIRY_MINUTES: i64 = 60;

/// The columns a list may have (headers, any case; other columns are ignored). `name` is
/// required; `country` takes a two-letter code or the English name; `sector`, `gender`, `role`
/// and `status` take the stored codes; `status` defaults to `confirmed`, `role` to `participant`.
pub const IMPORT_COLUMNS: [&str; 11] = [
    "name",
    "name_native",
    "email",
    "phone",
    "organisation",
    "position",
    "country",
    "sector",
    "gender",
    "role",
    "status",
];

/// One refused cell: the column and the error code (`error-{code}` in the catalogues).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub column: String,
    pub code: String,
}

/// One data row as it will be imported (values cleaned), with its problems.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub name_latin: String,
    pub name_native: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub position: String,
    /// Two-letter country code.
    pub country: String,
    pub sector: String,
    pub gender: String,
    pub role: String,
    pub status: String,
    pub problems: Vec<ImportProblem>,
}

/// An uploaded list waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The key of the list kept server-side; the confirm form sends it back.
    pub id: String,
    pub file_name: String,
    pub rows: Vec<ImportRow>,
}

impl ImportPreview {
    /// True when no row has a problem (only then can it be imported).
    pub fn valid(&self) -> bool {
        !self.rows.is_empty() && self.rows.iter().all(|r| r.problems.is_empty())
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// New registrations.
    pub registered: usize,
    /// Rows whose person was already registered for the event (left as they were).
    pub already: usize,
}
