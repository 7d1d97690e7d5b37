//! PDF documents with real text in every script of the region.
//!
//! Text is split into script runs ([`shape`]), shaped with rustybuzz in the matching Noto face
//! ([`fonts`]), wrapped at word boundaries that also hold for Thai, Lao, Khmer and Burmese
//! ([`text`]), stacked in blocks ([`block`]) on A4 pages ([`layout`]) and written with printpdf as positioned glyphs
//! whose text is kept in `/ActualText`, so copy, search and `pdftotext` return the input
//! exactly ([`output`]). [`agenda`] prints an event's programme, [`sheets`] the sign-in
//! sheets, [`badges`] name badges with check-in QR codes, [`proceedings`] the published record;
//! [`inspect`] reads a finished file back glyph by glyph.
pub mod agenda;
pub mod annual;
pub mod badges;
pub mod block;
pub mod certificates;
pub mod fonts;
pub mod inspect;
pub mod interpretation;
pub mod layout;
pub mod output;
pub mod proceedings;
pub mod rooms;
pub mod sections;
pub mod shape;
pub mod sheets;
pub mod text;
pub mod travel;

pub use crate::documentation_types::ProceedingsData;
pub use agenda::{agenda_pdf, agenda_pdf_dated, bilingual_agenda_pdf, programme};
pub use annual::annual_report_pdf;
pub use badges::badges_pdf;
pub use certificates::{
    certificates_of, certificates_pdf, signatories, Certificate, CertificateChoice,
};
pub use fonts::{FaceKey, Family, FontError, Fonts};
pub use interpretation::interpretation_pdf;
pub use layout::{Colour, Doc, Style, A4_LANDSCAPE, A4_PORTRAIT};
pub use proceedings::proceedings_pdf;
pub use rooms::{rooming_pdf, visa_letters_pdf};
pub use sheets::{attendance_pdf, SheetOptions, SheetsBy};
pub use travel::{arrivals_pdf, payments_pdf};

/// The fixed texts of a document in its reader's language (from the catalogues), with that
/// language's dates and numbers (and for Thai, the era the reader chose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Words {
    pub dates: i18n::dates::DateFormat,
}

impl Words {
    pub fn new(dates: i18n::dates::DateFormat) -> Words {
        Words { dates }
    }

    pub fn english() -> Words {
        Words::default()
    }

    pub fn locale(&self) -> i18n::Locale {
        self.dates.locale
    }

    /// The catalogue text for `key`.
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.dates.locale, key, &[])
    }

    /// The catalogue text for `key` with its `{ $name }` placeholders filled.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::message(self.dates.locale, key, args)
    }

    /// A `YYYY-MM-DD` day with its weekday.
    pub fn day(&self, iso: &str) -> String {
        self.dates.iso_weekday_day(iso)
    }

    /// Two `YYYY-MM-DD` days as a range.
    pub fn range(&self, start: &str, end: &str) -> String {
        self.dates.iso_range(start, end)
    }

    /// A count with the language's grouping of thousands.
    pub fn count(&self, n: usize) -> String {
        self.dates.number(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// "Speaker", "Panelist", … for a session role.
    pub fn session_role(&self, role: crate::types::SessionRole) -> String {
        self.t(&format!("session-role-{}", role.as_str()))
    }

    /// "Opening", "Panel", … for a session kind.
    pub fn session_kind(&self, kind: crate::types::SessionKind) -> String {
        self.t(&format!("session-kind-{}", kind.as_str()))
    }

    /// A person's role at the event ("participant", "interpreter") as printed on a badge;
    /// a role the catalogues do not know is printed as stored.
    pub fn event_role(&self, role: &str) -> String {
        let key = format!("doc-role-{role}");
        let text = self.t(&key);
        if text == key {
            role.replace('_', " ")
        } else {
            text
        }
    }

    /// A country's name in the document's language, from its ISO code; `name` (as stored)
    /// when there is no code or the catalogues do not know it.
    pub fn country(&self, code: &str, name: &str) -> String {
        if code.is_empty() {
            return name.to_owned();
        }
        let key = format!("country-{code}");
        match self.t(&key) {
            text if text == key => name.to_owned(),
            text => text,
        }
    }

    /// Where an event takes place, its country named in the document's language.
    pub fn event_country(&self, event: &crate::types::EventDetail) -> Option<String> {
        let code = event.summary.country.as_deref().unwrap_or("");
        let name = event.country_name.as_deref().unwrap_or(code);
        (!name.is_empty()).then(|| self.country(code, name))
    }

    /// The time a document was printed, as the footers show it (UTC, ISO digits).
    pub fn printed(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("cannot embed font {path}: {detail}")]
    Embed {
        path: std::path::PathBuf,
        detail: String,
    },
    #[error("cannot write the PDF: {0}")]
    Write(String),
}
