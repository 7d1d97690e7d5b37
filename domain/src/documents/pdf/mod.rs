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
pub mod badges;
pub mod block;
pub mod certificates;
pub mod fonts;
pub mod inspect;
pub mod layout;
pub mod output;
pub mod proceedings;
pub mod shape;
pub mod sheets;
pub mod text;

pub use agenda::{agenda_pdf, agenda_pdf_dated, bilingual_agenda_pdf, programme};
pub use badges::badges_pdf;
pub use certificates::{certificates_pdf, Certificate};
pub use fonts::{FaceKey, Family, FontError, Fonts};
pub use layout::{Colour, Doc, Style, A4_LANDSCAPE, A4_PORTRAIT};
pub use proceedings::{proceedings_pdf, ProceedingsData};
pub use sheets::{attendance_pdf, SheetOptions, SheetsBy};

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
