//! A finished PDF read back at the glyph level. `pdftotext` returns a document's text from
//! `/ActualText` even where the glyph drawn is an empty box, so it cannot tell whether a name
//! was drawn; this can. Every string shown with `Tj`/`TJ` is split into the 2-byte codes of
//! its (Identity-H) font and each code is checked against the embedded font: code 0 is
//! `.notdef` (the empty box) and, for TrueType fonts, the glyph of U+FFFD is what the shaper
//! draws for a character no installed font has.
use lopdf::{Document, Object};
use std::collections::BTreeMap;

/// A glyph that is not the text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphFault {
    /// 1-based page number.
    pub page: u32,
    /// The font's resource name on the page ("F3").
    pub font: String,
    /// The font's base name ("ABCDEF+NotoSansTamil-Regular").
    pub base_font: String,
    pub code: u16,
    /// "notdef" or "replacement".
    pub kind: &'static str,
}

/// Every drawn glyph that is `.notdef` or U+FFFD, page by page; an error when the file is
/// not a PDF this can read.
pub fn glyph_faults(pdf: &[u8]) -> Result<Vec<GlyphFault>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let mut faults = Vec::new();
    // Replacement codes per font object, worked out once.
    let mut replacement: BTreeMap<Vec<u8>, (String, Option<u16>)> = BTreeMap::new();
    for (page, page_id) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page_id).map_err(|e| e.to_string())?;
        for (name, font) in &fonts {
            if !replacement.contains_key(name) {
                let base = font
                    .get(b"BaseFont")
                    .and_then(|o| o.as_name())
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                replacement.insert(name.clone(), (base, replacement_code(&doc, font)));
            }
        }
        let content = doc
            .get_and_decode_page_content(page_id)
            .map_err(|e| e.to_string())?;
        let mut current: Option<Vec<u8>> = None;
        for op in &content.operations {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "Tf" => {
                    current = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    continue;
                }
                "Tj" | "'" | "\"" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                "TJ" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .flatten()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            let Some(font) = current.as_ref() else {
                continue;
            };
            let (base, sub) = replacement.get(font).cloned().unwrap_or_default();
            for string in strings {
                for pair in string.chunks(2) {
                    let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                    let kind = if code == 0 {
                        "notdef"
                    } else if Some(code) == sub {
                        "replacement"
                    } else {
                        continue;
                    };
                    faults.push(GlyphFault {
                        page,
                        font: String::from_utf8_lossy(font).into_owned(),
                        base_font: base.clone(),
                        code,
                        kind,
                    });
                }
            }
        }
    }
    Ok(faults)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The code of U+FFFD in a Type0 font with an embedded TrueType program (codes are glyph
/// ids there), read from the program's own cmap.
fn replacement_code(doc: &Document, font: &lopdf::Dictionary) -> Option<u16> {
    let descendants = deref(doc, font.get(b"DescendantFonts").ok()?)?
        .as_array()
        .ok()?;
    let cid_font = deref(doc, descendants.first()?)?.as_dict().ok()?;
    let descriptor = deref(doc, cid_font.get(b"FontDescriptor").ok()?)?
        .as_dict()
        .ok()?;
    let program = deref(doc, descriptor.get(b"FontFile2").ok()?)?
        .as_stream()
        .ok()?;
    let data = program
        .decompressed_content()
        .unwrap_or_else(|_| program.content.clone());
    let face = rustybuzz::ttf_parser::Face::parse(&data, 0).ok()?;
    face.glyph_index('\u{FFFD}').map(|g| g.0)
}
