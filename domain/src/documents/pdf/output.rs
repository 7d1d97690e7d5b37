//! Laid-out pages to PDF bytes: footers with "Page n of m", fonts subset to the glyphs used, and
//! every line's glyphs wrapped in `/Span << /ActualText … >>` marked content.
//!
//! Why subset here: printpdf only subsets with its `text_layout` feature (which pulls a whole
//! HTML layout engine); without it, it embeds whole font files (16 MB for CJK). So we subset
//! with allsorts (already a printpdf dependency), renumber the glyphs, and hand printpdf the
//! small font. Why /ActualText: shaped glyphs (ligatures, reordered Thai/Khmer vowels,
//! stacked consonants) have no reliable glyph→text mapping; viewers and `pdftotext` use the
//! marked content's text instead, so copy and search give back exactly what was written.
//!
//! Why the page contents are written here, page by page: printpdf keeps every page's drawing
//! operations (an enum value per glyph run, rectangle and colour) until it saves, and a
//! sheet of 5,000 badges held a few hundred megabytes that way. So each page is written as
//! soon as it is full: its marks become a content stream (lopdf's content encoder), which is
//! compressed, and the marks are let go. A document holds its finished pages only as
//! compressed bytes. Glyphs are numbered in the order a document first shows them, and the
//! font subset made at the end keeps that order, so pages written early already carry the
//! subset's glyph ids. The footers ("Page n of m") are a second content stream per page,
//! written at the end when the count is known. printpdf then builds the document
//! (catalogue, pages, fonts with their widths and ToUnicode maps), and the page contents go
//! into its pages.
use super::fonts::{FaceKey, Fonts};
use super::layout::{Colour, Doc, Mark, Style, FOOTER_BAND};
use super::shape::{ShapedRun, Shaper};
use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use chrono::{DateTime, Utc};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{
    cff_charset_gid_to_cid_map, Codepoint, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The glyphs of one face a document has shown so far, numbered in order of first use
/// (subset glyph ids: glyph 0, .notdef, is always 0).
struct FaceUse {
    /// The font's resource name in the document ("F0", "F1", …).
    name: String,
    subset_of: HashMap<u16, u16>,
    /// The original glyph id of each subset glyph.
    order: Vec<u16>,
    /// The character of glyphs that plainly stand for one (for the ToUnicode map).
    chars: BTreeMap<u16, String>,
    /// Each subset glyph's advance as written in the font's `/W` array (thousandths of an
    /// em).
    widths: Vec<f64>,
    /// The code each subset glyph is shown with: its glyph id, or for a CID-keyed CFF font
    /// its CID in the font's charset, which viewers follow (the subset keeps the CIDs).
    codes: Vec<u16>,
    /// A CID-keyed CFF font's CID per original glyph id.
    cids: Option<BTreeMap<u16, u16>>,
}

/// The glyphs a document has used, by face.
#[derive(Default)]
pub(crate) struct Glyphs {
    faces: BTreeMap<FaceKey, FaceUse>,
}

/// The `/W` width printpdf writes for a glyph: its hmtx advance scaled to 1/1000 em and
/// truncated to an integer, computed exactly as printpdf does (`get_scaled_glyph_width`), so
/// that kerning numbers computed against it put every glyph where the shaper placed it.
fn pdf_width(advance: Option<u16>, units_per_em: u16) -> f64 {
    advance.map_or(0.0, |w| {
        (f32::from(w) * 1000.0 / f32::from(units_per_em)).trunc() as f64
    })
}

impl Glyphs {
    fn face(&mut self, key: FaceKey, fonts: &Fonts, shaper: &Shaper<'_>) -> &mut FaceUse {
        let n = self.faces.len();
        self.faces.entry(key).or_insert_with(|| {
            let file = fonts.file(key);
            let cids = cff_charset_gid_to_cid_map(&file.data, file.index as usize);
            let mut face = FaceUse {
                name: format!("F{n}"),
                subset_of: HashMap::new(),
                order: Vec::new(),
                chars: BTreeMap::new(),
                widths: Vec::new(),
                codes: Vec::new(),
                cids,
            };
            face.add(0, shaper.advance(key, 0));
            face
        })
    }

    /// The subset glyph shown for original glyph `gid` of face `key` (numbering it on first
    /// use), with its code and width.
    fn glyph(
        &mut self,
        key: FaceKey,
        gid: u16,
        char: Option<char>,
        fonts: &Fonts,
        shaper: &Shaper<'_>,
    ) -> (u16, u16, f64) {
        let face = self.face(key, fonts, shaper);
        let new = match face.subset_of.get(&gid) {
            Some(&new) => new,
            None => face.add(gid, shaper.advance(key, gid)),
        };
        if let Some(c) = char {
            face.chars.entry(new).or_insert_with(|| c.to_string());
        }
        let at = usize::from(new);
        (new, face.codes[at], face.widths[at])
    }

    /// Subsets each used face to its glyphs (in their order of first use) and adds it to
    /// `pdf` under its resource name. Checks that the subset shows each glyph with the code
    /// and width the pages were written with.
    fn embed(&self, fonts: &Fonts, pdf: &mut PdfDocument) -> Result<Vec<Op>, PdfError> {
        let mut census = vec![Op::StartTextSection];
        for (&key, face) in &self.faces {
            let file = fonts.file(key);
            let fail = |detail: String| PdfError::Embed {
                path: file.path.clone(),
                detail,
            };
            let data = ReadScope::new(&file.data)
                .read::<FontData<'_>>()
                .map_err(|e| fail(e.to_string()))?;
            let provider = data
                .table_provider(file.index as usize)
                .map_err(|e| fail(e.to_string()))?;
            let bytes = subset(
                &provider,
                &face.order,
                &SubsetProfile::Pdf,
                CmapTarget::Unicode,
            )
            .map_err(|e| fail(e.to_string()))?;
            let codes = cff_charset_gid_to_cid_map(&bytes, 0);
            let parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
                .ok_or_else(|| fail("subset font does not parse".to_string()))?;
            let units_per_em = parsed.pdf_font_metrics.units_per_em;
            for (gid, (&code, &width)) in face.codes.iter().zip(&face.widths).enumerate() {
                let gid = gid as u16;
                let subset_code = codes.as_ref().and_then(|c| c.get(&gid).copied());
                if subset_code.unwrap_or(gid) != code {
                    return Err(fail(format!(
                        "glyph {gid} shown as code {code}, the subset has {subset_code:?}"
                    )));
                }
                let subset_width = pdf_width(parsed.get_glyph_width(gid), units_per_em);
                if subset_width != width {
                    tracing::warn!(
                        font = %file.path.display(), gid, width, subset_width,
                        "a glyph's width differs in the subset: its line is slightly off"
                    );
                }
            }
            let id = FontId(face.name.clone());
            pdf.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(parsed));
            // Every subset glyph shown once on the placeholder page: printpdf describes a
            // font's glyphs (widths, text) as it finds them in the pages.
            census.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(1.0),
            });
            let glyphs = (0..face.order.len() as u16)
                .map(|gid| Codepoint {
                    gid,
                    offset: 0.0,
                    cid: face.chars.get(&gid).cloned(),
                })
                .collect();
            census.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        census.push(Op::EndTextSection);
        Ok(census)
    }
}

impl FaceUse {
    fn add(&mut self, gid: u16, advance: Option<(Option<u16>, u16)>) -> u16 {
        let new = self.order.len() as u16;
        self.order.push(gid);
        self.subset_of.insert(gid, new);
        let width = advance.map_or(0.0, |(advance, upem)| pdf_width(advance, upem));
        self.widths.push(width);
        let cid = self.cids.as_ref().and_then(|c| c.get(&gid).copied());
        self.codes.push(cid.unwrap_or(new));
        new
    }
}

/// Compresses a content stream at zlib's default level (most of the gain for a fraction of
/// the time of the best).
fn compress(raw: &[u8]) -> Result<Vec<u8>, PdfError> {
    let fail = |e: std::io::Error| PdfError::Write(e.to_string());
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(raw.len() / 3), Compression::default());
    encoder.write_all(raw).map_err(fail)?;
    encoder.finish().map_err(fail)
}

fn flate_stream(compressed: Vec<u8>) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Filter", "FlateDecode");
    Stream::new(dict, compressed).with_compression(false)
}

impl Doc<'_> {
    /// Writes the current page's marks as its compressed content stream and lets them go.
    pub(crate) fn write_page(&mut self) -> Result<(), PdfError> {
        let marks = std::mem::take(&mut self.page);
        let mut content = PageContent::default();
        for mark in &marks {
            content.draw(
                mark,
                self.size.1,
                &mut self.glyphs,
                self.fonts,
                &self.shaper,
            );
        }
        drop(marks);
        let compressed = compress(&content.encode()?)?;
        self.written.push(compressed);
        Ok(())
    }

    /// Writes the last page, the footers (`footer_left` and "Page n of m") and serialises the
    /// document.
    pub fn finish(
        mut self,
        title: &str,
        footer_left: &str,
        created: DateTime<Utc>,
    ) -> Result<Vec<u8>, PdfError> {
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        self.write_page()?;
        let footers = self.footers(footer_left)?;
        let missing = self.shaper.missing();
        if !missing.is_empty() {
            let codes: Vec<String> = missing
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            tracing::warn!(
                document = title,
                characters = %codes.join(" "),
                "characters no installed font has were drawn as U+FFFD"
            );
        }
        let mut pdf = PdfDocument::new(title);
        let info = &mut pdf.metadata.info;
        if let Ok(when) = printpdf::DateTime::from_unix_timestamp(created.timestamp()) {
            (
                info.creation_date,
                info.modification_date,
                info.metadata_date,
            ) = (when, when, when);
        }
        info.producer = "Sala".to_string();
        let census = self.glyphs.embed(self.fonts, &mut pdf)?;
        let (width, height) = self.size;
        let mut pages: Vec<PdfPage> = (0..self.written.len())
            .map(|_| PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), Vec::new()))
            .collect();
        if let Some(first) = pages.first_mut() {
            first.ops = census;
        }
        pdf.with_pages(pages);
        let options = PdfSaveOptions {
            image_optimization: None,
            ..PdfSaveOptions::default()
        };
        let mut warnings = Vec::new();
        let mut out = pdf.to_lopdf_document(&options, &mut warnings);
        drop(pdf);
        out.compress();
        let fail = |e: lopdf::Error| PdfError::Write(e.to_string());
        let page_ids: Vec<_> = out.get_pages().into_values().collect();
        let written = std::mem::take(&mut self.written);
        for ((page, body), footer) in page_ids.into_iter().zip(written).zip(footers) {
            // printpdf's placeholder content gives way to the page's own.
            let placeholder = out
                .get_dictionary(page)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(fail)?;
            out.objects
                .insert(placeholder, Object::Stream(flate_stream(body)));
            let footer = out.add_object(flate_stream(footer));
            out.get_dictionary_mut(page).map_err(fail)?.set(
                "Contents",
                Object::Array(vec![
                    Object::Reference(placeholder),
                    Object::Reference(footer),
                ]),
            );
        }
        // Page dictionaries, resources and font descriptors go into compressed object
        // streams (PDF 1.5): a few hundred bytes less per page.
        out.version = "1.5".to_string();
        let mut bytes = Vec::new();
        out.save_modern(&mut bytes)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        Ok(bytes)
    }

    /// Each page's footer as a compressed content stream of its own.
    fn footers(&mut self, footer_left: &str) -> Result<Vec<Vec<u8>>, PdfError> {
        let total = self.written.len();
        let style = Style::new(8.0).colour(Colour::GREY);
        let y = self.margin + self.content_height() + FOOTER_BAND - 4.0;
        let right = self.size.0 - self.margin;
        let left_line = self.shaper.shape(footer_left, false);
        (1..=total)
            .map(|n| {
                let number = self.shaper.shape(
                    &self.words.f(
                        "doc-page-of",
                        &[("n", &n.to_string()), ("total", &total.to_string())],
                    ),
                    false,
                );
                let x = right - number.width(style.size);
                let marks = [
                    Mark::Rule {
                        x1: self.margin,
                        x2: right,
                        y: y - 12.0,
                        thickness: 0.4,
                        colour: Colour::LIGHT,
                    },
                    Mark::Text {
                        x: self.margin,
                        y,
                        style,
                        line: left_line.clone(),
                    },
                    Mark::Text {
                        x,
                        y,
                        style,
                        line: number,
                    },
                ];
                let mut content = PageContent::default();
                for mark in &marks {
                    content.draw(
                        mark,
                        self.size.1,
                        &mut self.glyphs,
                        self.fonts,
                        &self.shaper,
                    );
                }
                compress(&content.encode()?)
            })
            .collect()
    }
}

/// Text as a PDF text string: UTF-16BE with a byte-order mark, written in hex.
fn pdf_text_string(text: &str) -> Object {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(data, StringFormat::Hexadecimal)
}

/// A coordinate in points, to a hundredth of a point: far below what a printer or a screen
/// resolves, and two decimals instead of six keep the content streams short.
fn round_pt(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn real(v: f32) -> Object {
    Object::Real(v)
}

/// One page's content stream as it is written: its operations, and what it has set so far.
/// Colours, line width and font are graphics state, kept across marks and text objects, so
/// each is written only when it changes. (Only [`Mark::Modules`] uses `q`…`Q`, and changes
/// none of these inside.)
#[derive(Default)]
struct PageContent {
    ops: Vec<Operation>,
    fill: Option<Colour>,
    stroke: Option<(Colour, f32)>,
    font: Option<(FaceKey, f32)>,
}

impl PageContent {
    fn op(&mut self, operator: &str, operands: Vec<Object>) {
        self.ops.push(Operation::new(operator, operands));
    }

    fn fill(&mut self, colour: Colour) {
        if self.fill != Some(colour) {
            self.op("rg", vec![real(colour.0), real(colour.1), real(colour.2)]);
            self.fill = Some(colour);
        }
    }

    fn stroke(&mut self, colour: Colour, thickness: f32) {
        let (old_colour, old_thickness) = self.stroke.unzip();
        if old_colour != Some(colour) {
            self.op("RG", vec![real(colour.0), real(colour.1), real(colour.2)]);
        }
        if old_thickness != Some(thickness) {
            self.op("w", vec![real(thickness)]);
        }
        self.stroke = Some((colour, thickness));
    }

    fn font(&mut self, key: FaceKey, name: &str, size: f32) {
        if self.font != Some((key, size)) {
            self.op(
                "Tf",
                vec![Object::Name(name.as_bytes().to_vec()), real(size)],
            );
            self.font = Some((key, size));
        }
    }

    /// A straight line between two points in PDF coordinates (origin bottom left).
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.op("m", vec![real(round_pt(x1)), real(round_pt(y1))]);
        self.op("l", vec![real(round_pt(x2)), real(round_pt(y2))]);
        self.op("S", vec![]);
    }

    /// A rectangle from its bottom-left corner in PDF coordinates, stroked (`S`) or filled
    /// (`f`).
    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, paint: &str) {
        let numbers = [x, y, width, height].map(|v| real(round_pt(v)));
        self.op("re", numbers.to_vec());
        self.op(paint, vec![]);
    }

    fn draw(
        &mut self,
        mark: &Mark,
        page_height: f32,
        glyphs: &mut Glyphs,
        fonts: &Fonts,
        shaper: &Shaper<'_>,
    ) {
        match mark {
            Mark::Text { x, y, style, line } => {
                if line.runs.is_empty() {
                    return;
                }
                let mut properties = Dictionary::new();
                properties.set("ActualText", pdf_text_string(&line.text));
                self.op(
                    "BDC",
                    vec![
                        Object::Name(b"Span".to_vec()),
                        Object::Dictionary(properties),
                    ],
                );
                self.op("BT", vec![]);
                self.fill(style.colour);
                let mut pen = *x;
                for run in &line.runs {
                    let name = glyphs.face(run.face, fonts, shaper).name.clone();
                    self.font(run.face, &name, style.size);
                    let mut glyph = |gid, char| glyphs.glyph(run.face, gid, char, fonts, shaper);
                    self.show_run(run, &mut glyph, style.size, pen, page_height - y);
                    pen += run.width(style.size);
                }
                self.op("ET", vec![]);
                self.op("EMC", vec![]);
            }
            Mark::Rule {
                x1,
                x2,
                y,
                thickness,
                colour,
            } => {
                self.stroke(*colour, *thickness);
                self.line(*x1, page_height - y, *x2, page_height - y);
            }
            Mark::Frame {
                x,
                y,
                width,
                height,
                colour,
            } => {
                self.stroke(*colour, 0.6);
                self.rect(*x, page_height - y - height, *width, *height, "S");
            }
            Mark::Fill {
                x,
                y,
                width,
                height,
                colour,
            } => {
                self.fill(*colour);
                self.rect(*x, page_height - y - height, *width, *height, "f");
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                thickness,
                colour,
            } => {
                self.stroke(*colour, *thickness);
                self.line(*x1, page_height - y1, *x2, page_height - y2);
            }
            Mark::Modules {
                x,
                y,
                module,
                cells,
                colour,
            } => {
                // The colour is set outside `q`…`Q`, so the page state stays true after it.
                self.fill(*colour);
                self.op("q", vec![]);
                // Grid units, rows counting down from the top-left corner.
                let matrix = [
                    *module,
                    0.0,
                    0.0,
                    -*module,
                    round_pt(*x),
                    round_pt(page_height - y),
                ];
                self.op("cm", matrix.map(real).to_vec());
                for &[column, row, columns, rows] in cells {
                    // A fiftieth of a module larger, so neighbouring cells leave no white
                    // seams when rasterised.
                    self.op(
                        "re",
                        vec![
                            Object::Integer(i64::from(column)),
                            Object::Integer(i64::from(row)),
                            real(f32::from(columns) + 0.02),
                            real(f32::from(rows) + 0.02),
                        ],
                    );
                }
                self.op("f", vec![]);
                self.op("Q", vec![]);
            }
        }
    }

    /// Writes one shaped run (its font already set) as one text matrix at its first glyph
    /// and `TJ` arrays of glyph ids: after each glyph the viewer advances by the font's `/W`
    /// width, and a kerning number moves the pen on to where the shaper put the next glyph
    /// (TJ numbers are thousandths of an em; positive moves left). Glyphs the shaper raised
    /// or lowered (Thai tone marks, Burmese and Khmer stacked signs) are shown with a text
    /// rise (`Ts`), which does not touch the horizontal pen.
    /// `glyph` gives the subset glyph, code and `/W` width of an original glyph.
    fn show_run(
        &mut self,
        run: &ShapedRun,
        glyph: &mut dyn FnMut(u16, Option<char>) -> (u16, u16, f64),
        size: f32,
        pen: f32,
        baseline: f32,
    ) {
        let Some(first) = run.glyphs.first() else {
            return;
        };
        let scale = size / f32::from(run.units_per_em);
        let to_em = 1000.0 / f64::from(run.units_per_em);
        let (x, y) = (round_pt(pen + first.x as f32 * scale), round_pt(baseline));
        self.op("Tm", [1.0, 0.0, 0.0, 1.0, x, y].map(real).to_vec());
        // Where the viewer's pen is, relative to the first glyph, in thousandths of an em.
        let mut at = 0.0_f64;
        let mut rise = 0;
        // The TJ array being written, and the glyph ids (two bytes each) since its last number.
        let mut shown: Vec<Object> = Vec::new();
        let mut ids: Vec<u8> = Vec::new();
        let flush_ids = |shown: &mut Vec<Object>, ids: &mut Vec<u8>| {
            if !ids.is_empty() {
                shown.push(Object::String(
                    std::mem::take(ids),
                    StringFormat::Hexadecimal,
                ));
            }
        };
        for (n, g) in run.glyphs.iter().enumerate() {
            if g.y != rise {
                flush_ids(&mut shown, &mut ids);
                if !shown.is_empty() {
                    self.op("TJ", vec![Object::Array(std::mem::take(&mut shown))]);
                }
                rise = g.y;
                self.op("Ts", vec![real(round_pt(rise as f32 * scale))]);
            }
            let (_, code, width) = glyph(g.gid, g.char);
            ids.extend_from_slice(&code.to_be_bytes());
            at += width;
            if let Some(next) = run.glyphs.get(n + 1) {
                let target = f64::from(next.x - first.x) * to_em;
                let kern = round_kern(at - target);
                if kern != 0.0 {
                    flush_ids(&mut shown, &mut ids);
                    shown.push(real(kern as f32));
                    at -= kern;
                }
            }
        }
        flush_ids(&mut shown, &mut ids);
        if !shown.is_empty() {
            self.op("TJ", vec![Object::Array(shown)]);
        }
        if rise != 0 {
            self.op("Ts", vec![real(0.0)]);
        }
    }

    /// The page's content stream, encoded.
    fn encode(self) -> Result<Vec<u8>, PdfError> {
        Content {
            operations: self.ops,
        }
        .encode()
        .map_err(|e| PdfError::Write(e.to_string()))
    }
}

/// Kerning numbers are written to a hundredth of a thousandth of an em (0.0002 pt at 16 pt):
/// exact for the usual 1000-unit em, and short in the file. The pen is tracked with the
/// rounded numbers, so rounding never accumulates along a line.
fn round_kern(kern: f64) -> f64 {
    (kern * 100.0).round() / 100.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::documents::pdf::layout::A4_PORTRAIT;
    use crate::documents::pdf::Fonts;

    const SIZE: f32 = 16.0;
    /// Latin with kerning pairs, Thai and Khmer with marks the shaper moves up or down,
    /// Burmese with stacked medials, and a line mixing scripts (several runs).
    const LINES: [&str; 5] = [
        "AVATAR Wave To Yorkshire",
        "มูลนิธิเพื่อการศึกษาและพัฒนา",
        "ជំនួយផ្នែកច្បាប់",
        "မြန်မာနိုင်ငံ အလုပ်သမား",
        "Somchai (สมชาย ใจดี) 湄公河",
    ];

    fn number(o: &Object) -> f64 {
        o.as_float().map(f64::from).expect("a number")
    }

    /// A font as a viewer reads it from the document: its `/W` width and glyph per code.
    struct Embedded {
        size_by_code: BTreeMap<u16, f64>,
    }

    /// The fonts `pdf` embeds, by resource name, as a viewer sees them.
    fn embedded(pdf: &PdfDocument) -> BTreeMap<Vec<u8>, Embedded> {
        pdf.resources
            .fonts
            .map
            .iter()
            .map(|(id, font)| {
                let parsed = &font.parsed_font;
                let upem = parsed.pdf_font_metrics.units_per_em;
                let codes = cff_charset_gid_to_cid_map(&parsed.original_bytes, 0);
                // A subset's glyphs: as many as have a width (glyph 0 always has one).
                let glyphs = (0..u16::MAX).take_while(|&g| parsed.get_glyph_width(g).is_some());
                let size_by_code = glyphs
                    .map(|gid| {
                        let code = codes.as_ref().and_then(|c| c.get(&gid).copied());
                        (
                            code.unwrap_or(gid),
                            pdf_width(parsed.get_glyph_width(gid), upem),
                        )
                    })
                    .collect();
                (id.0.as_bytes().to_vec(), Embedded { size_by_code })
            })
            .collect()
    }

    /// Where a viewer puts each glyph of the operations of one text mark: (x, y) per glyph,
    /// in points, following `Tm`, `Ts` and `TJ` as the PDF specification does, with the `/W`
    /// widths of the embedded fonts.
    fn viewer_positions(ops: &[Operation], fonts: &BTreeMap<Vec<u8>, Embedded>) -> Vec<(f32, f32)> {
        let mut placed = Vec::new();
        let (mut x, mut y, mut rise, mut size) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
        let mut font: Option<&Embedded> = None;
        for op in ops {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("a font name");
                    font = fonts.get(name);
                    size = number(&op.operands[1]);
                }
                "Tm" => (x, y) = (number(&op.operands[4]), number(&op.operands[5])),
                "Ts" => rise = number(&op.operands[0]),
                "TJ" => {
                    let font = font.expect("an embedded font before text");
                    for item in op.operands[0].as_array().expect("an array") {
                        match item {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = u16::from_be_bytes([pair[0], pair[1]]);
                                    let width =
                                        font.size_by_code.get(&code).expect("a code of the font");
                                    placed.push((x as f32, (y + rise) as f32));
                                    x += width / 1000.0 * size;
                                }
                            }
                            kern => x -= number(kern) / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        placed
    }

    #[test]
    fn one_text_matrix_per_run_and_every_glyph_where_the_shaper_put_it() {
        let fonts = Fonts::shared().unwrap();
        let mut doc = Doc::new(fonts, A4_PORTRAIT, 50.0);
        let (x, y) = (50.0, 100.0);
        let marks: Vec<Mark> = LINES
            .iter()
            .map(|text| Mark::Text {
                x,
                y,
                style: Style::new(SIZE),
                line: doc.shaper().shape(text, false),
            })
            .collect();
        let page_height = doc.size.1;
        let written: Vec<Vec<Operation>> = marks
            .iter()
            .map(|mark| {
                let mut content = PageContent::default();
                content.draw(mark, page_height, &mut doc.glyphs, fonts, &doc.shaper);
                content.ops
            })
            .collect();
        // Written before the fonts are subset: the viewer reads them with the subsets.
        let mut pdf = PdfDocument::new("test");
        doc.glyphs.embed(fonts, &mut pdf).unwrap();
        let embedded = embedded(&pdf);
        for (mark, ops) in marks.iter().zip(&written) {
            let Mark::Text { line, .. } = mark else {
                unreachable!()
            };
            let matrices = ops.iter().filter(|op| op.operator == "Tm").count();
            assert_eq!(matrices, line.runs.len(), "{}: one Tm per run", line.text);

            let mut expected = Vec::new();
            let mut pen = x;
            for run in &line.runs {
                let scale = SIZE / f32::from(run.units_per_em);
                for g in &run.glyphs {
                    let gy = page_height - y + g.y as f32 * scale;
                    expected.push((pen + g.x as f32 * scale, gy));
                }
                pen += run.width(SIZE);
            }
            let placed = viewer_positions(ops, &embedded);
            assert_eq!(placed.len(), expected.len(), "{}", line.text);
            for (n, (p, e)) in placed.iter().zip(&expected).enumerate() {
                assert!(
                    (p.0 - e.0).abs() < 0.02 && (p.1 - e.1).abs() < 0.02,
                    "{}: glyph {n} at {p:?}, shaped at {e:?}",
                    line.text
                );
            }
        }
    }

    #[test]
    fn a_finished_page_is_written_and_let_go() {
        let fonts = Fonts::shared().unwrap();
        let mut doc = Doc::new(fonts, A4_PORTRAIT, 50.0);
        for text in LINES {
            let line = doc.shaper().shape(text, false);
            doc.draw([Mark::Text {
                x: 50.0,
                y: 100.0,
                style: Style::new(SIZE),
                line,
            }]);
            doc.new_page();
            assert!(
                doc.page.is_empty(),
                "the page's marks are gone once it is written"
            );
        }
        assert_eq!(doc.written.len(), LINES.len());
        assert_eq!(doc.page_count(), LINES.len() + 1);
        let pdf = doc.finish("test", "footer", Utc::now()).unwrap();
        let parsed = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(parsed.get_pages().len(), LINES.len() + 1);
    }
}
