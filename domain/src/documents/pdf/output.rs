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
//! sheet of 5,000 badges held a few hundred megabytes that way. printpdf still builds the
//! document (catalogue, pages, fonts with their widths and ToUnicode maps); each page's
//! content stream is then encoded with lopdf's content encoder from that page's marks,
//! compressed, and the marks let go, so a document's memory no longer grows with its pages'
//! drawing operations.
use super::fonts::FaceKey;
use super::layout::{Colour, Doc, Mark, Style, FOOTER_BAND};
use super::shape::ShapedRun;
use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use chrono::{DateTime, Utc};
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{
    cff_charset_gid_to_cid_map, Codepoint, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Pt, TextItem,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// A face embedded in the document: its id, original→subset glyph ids, the character of
/// glyphs that plainly stand for one (for the ToUnicode map), and each subset glyph's advance
/// as written in the font's `/W` array (thousandths of an em, indexed by subset glyph id).
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    chars: BTreeMap<u16, String>,
    widths: Vec<f64>,
    /// For a CID-keyed CFF font, the code each subset glyph is shown with: its CID in the
    /// font's charset, which viewers follow (and printpdf keys `/W` and ToUnicode by).
    codes: Option<BTreeMap<u16, u16>>,
}

impl Embedded {
    /// The advance a viewer applies after showing subset glyph `gid`, in thousandths of an em.
    fn width(&self, gid: u16) -> f64 {
        self.widths.get(usize::from(gid)).copied().unwrap_or(0.0)
    }

    /// The two bytes a content stream shows subset glyph `gid` with.
    fn code(&self, gid: u16) -> [u8; 2] {
        let code = self.codes.as_ref().and_then(|c| c.get(&gid).copied());
        code.unwrap_or(gid).to_be_bytes()
    }
}

/// The `/W` width printpdf writes for a glyph: its hmtx advance scaled to 1/1000 em and
/// truncated to an integer, computed exactly as printpdf does (`get_scaled_glyph_width`), so
/// that kerning numbers computed against it put every glyph where the shaper placed it.
fn pdf_width(font: &ParsedFont, gid: u16) -> f64 {
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
    font.get_glyph_width(gid).map_or(0.0, |w| {
        (f32::from(w) * 1000.0 / units_per_em).trunc() as f64
    })
}

impl Doc<'_> {
    /// Adds footers (`footer_left` and "Page n of m") and serialises the document.
    pub fn finish(
        mut self,
        title: &str,
        footer_left: &str,
        created: DateTime<Utc>,
    ) -> Result<Vec<u8>, PdfError> {
        self.add_footers(footer_left);
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
        let fonts = self.embed_fonts(&mut pdf)?;
        let (width, height) = self.size;
        // Empty pages for printpdf, except that the first shows every glyph of every font
        // once: printpdf embeds a font's glyphs (with their widths and text) as it finds them
        // in the pages. That placeholder content is replaced like every page's below.
        let mut pages: Vec<PdfPage> = (0..self.pages.len())
            .map(|_| PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), Vec::new()))
            .collect();
        if let Some(first) = pages.first_mut() {
            first.ops = glyph_census(&fonts);
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
        let page_ids: Vec<ObjectId> = out.get_pages().into_values().collect();
        for (marks, page) in std::mem::take(&mut self.pages).into_iter().zip(page_ids) {
            let mut content = PageContent::default();
            for mark in &marks {
                content.draw(mark, height, &fonts);
            }
            drop(marks);
            let stream = content.into_stream()?;
            let contents = out
                .get_dictionary(page)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| PdfError::Write(e.to_string()))?;
            out.objects.insert(contents, Object::Stream(stream));
        }
        let mut bytes = Vec::new();
        out.save_to(&mut bytes)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        Ok(bytes)
    }

    fn add_footers(&mut self, footer_left: &str) {
        let total = self.pages.len();
        let style = Style::new(8.0).colour(Colour::GREY);
        let y = self.margin + self.content_height() + FOOTER_BAND - 4.0;
        let right = self.size.0 - self.margin;
        let left_line = self.shaper.shape(footer_left, false);
        for (n, page) in self.pages.iter_mut().enumerate() {
            let number = self
                .shaper
                .shape(&format!("Page {} of {}", n + 1, total), false);
            let x = right - number.width(style.size);
            let rule_y = y - 12.0;
            page.push(Mark::Rule {
                x1: self.margin,
                x2: right,
                y: rule_y,
                thickness: 0.4,
                colour: Colour::LIGHT,
            });
            page.push(Mark::Text {
                x: self.margin,
                y,
                style,
                line: left_line.clone(),
            });
            page.push(Mark::Text {
                x,
                y,
                style,
                line: number,
            });
        }
    }

    fn embed_fonts(&self, pdf: &mut PdfDocument) -> Result<BTreeMap<FaceKey, Embedded>, PdfError> {
        let mut used: BTreeMap<FaceKey, (BTreeSet<u16>, BTreeMap<u16, String>)> = BTreeMap::new();
        for mark in self.pages.iter().flatten() {
            if let Mark::Text { line, .. } = mark {
                for run in &line.runs {
                    let (gids, chars) = used.entry(run.face).or_default();
                    for g in &run.glyphs {
                        gids.insert(g.gid);
                        if let Some(c) = g.char {
                            chars.insert(g.gid, c.to_string());
                        }
                    }
                }
            }
        }
        let mut embedded = BTreeMap::new();
        for (key, (gids, chars)) in used {
            let file = self.fonts.file(key);
            let fail = |detail: String| PdfError::Embed {
                path: file.path.clone(),
                detail,
            };
            // Glyph 0 (.notdef) first; subset glyph ids are positions in this list.
            let ids: Vec<u16> = std::iter::once(0)
                .chain(gids.into_iter().filter(|&g| g != 0))
                .collect();
            let data = ReadScope::new(&file.data)
                .read::<FontData<'_>>()
                .map_err(|e| fail(e.to_string()))?;
            let provider = data
                .table_provider(file.index as usize)
                .map_err(|e| fail(e.to_string()))?;
            let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
                .map_err(|e| fail(e.to_string()))?;
            let codes = cff_charset_gid_to_cid_map(&bytes, 0);
            let parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
                .ok_or_else(|| fail("subset font does not parse".to_string()))?;
            let remap: BTreeMap<u16, u16> = ids
                .iter()
                .enumerate()
                .map(|(new, &old)| (old, new as u16))
                .collect();
            let chars = chars
                .into_iter()
                .filter_map(|(g, c)| Some((*remap.get(&g)?, c)))
                .collect();
            let widths = (0..ids.len())
                .map(|gid| pdf_width(&parsed, gid as u16))
                .collect();
            embedded.insert(
                key,
                Embedded {
                    id: pdf.add_font(&parsed),
                    remap,
                    chars,
                    widths,
                    codes,
                },
            );
        }
        Ok(embedded)
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

/// Every glyph of every embedded font, shown once: the placeholder content that tells
/// printpdf which glyphs to describe in each font's `/W` widths and ToUnicode map.
fn glyph_census(fonts: &BTreeMap<FaceKey, Embedded>) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for font in fonts.values() {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.id.clone()),
            size: Pt(1.0),
        });
        let glyphs = (0..font.widths.len())
            .map(|gid| {
                let gid = gid as u16;
                Codepoint {
                    gid,
                    offset: 0.0,
                    cid: font.chars.get(&gid).cloned(),
                }
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
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

    fn font(&mut self, key: FaceKey, font: &Embedded, size: f32) {
        if self.font != Some((key, size)) {
            let name = PdfFontHandle::External(font.id.clone()).get_resource_name();
            self.op("Tf", vec![Object::Name(name.into_bytes()), real(size)]);
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

    fn draw(&mut self, mark: &Mark, page_height: f32, fonts: &BTreeMap<FaceKey, Embedded>) {
        match mark {
            Mark::Text { x, y, style, line } => {
                if line.runs.is_empty() {
                    return;
                }
                let mut properties = Dictionary::new();
                properties.set("ActualText", pdf_text_string(&line.text));
                self.op(
                    "BDC",
                    vec![Object::Name(b"Span".to_vec()), Object::Dictionary(properties)],
                );
                self.op("BT", vec![]);
                self.fill(style.colour);
                let mut pen = *x;
                for run in &line.runs {
                    if let Some(font) = fonts.get(&run.face) {
                        self.font(run.face, font, style.size);
                        self.show_run(run, font, style.size, pen, page_height - y);
                    }
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
    fn show_run(&mut self, run: &ShapedRun, font: &Embedded, size: f32, pen: f32, baseline: f32) {
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
            let gid = font.remap.get(&g.gid).copied().unwrap_or(0);
            ids.extend_from_slice(&font.code(gid));
            at += font.width(gid);
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

    /// The page's content stream, encoded and compressed (at zlib's default level: most of
    /// the gain for a fraction of the time of the best).
    fn into_stream(self) -> Result<Stream, PdfError> {
        let fail = |e: &dyn std::fmt::Display| PdfError::Write(e.to_string());
        let raw = Content {
            operations: self.ops,
        }
        .encode()
        .map_err(|e| fail(&e))?;
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&raw).map_err(|e| fail(&e))?;
        let compressed = encoder.finish().map_err(|e| fail(&e))?;
        let mut dict = Dictionary::new();
        dict.set("Filter", "FlateDecode");
        Ok(Stream::new(dict, compressed).with_compression(false))
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

    /// Where a viewer puts each glyph of the operations of one text mark: (x, y) per glyph,
    /// in points, following `Tm`, `Ts` and `TJ` as the PDF specification does, with the `/W`
    /// widths of the embedded fonts.
    fn viewer_positions(ops: &[Operation], fonts: &BTreeMap<FaceKey, Embedded>) -> Vec<(f32, f32)> {
        let mut placed = Vec::new();
        let (mut x, mut y, mut rise, mut size) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
        let mut font: Option<&Embedded> = None;
        for op in ops {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("a font name");
                    font = fonts.values().find(|f| {
                        PdfFontHandle::External(f.id.clone()).get_resource_name().as_bytes() == name
                    });
                    size = number(&op.operands[1]);
                }
                "Tm" => (x, y) = (number(&op.operands[4]), number(&op.operands[5])),
                "Ts" => rise = number(&op.operands[0]),
                "TJ" => {
                    let font = font.expect("a font before text");
                    for item in op.operands[0].as_array().expect("an array") {
                        match item {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = [pair[0], pair[1]];
                                    let gid = (0..font.widths.len() as u16)
                                        .find(|&g| font.code(g) == code)
                                        .expect("a code of the font");
                                    placed.push((x as f32, (y + rise) as f32));
                                    x += font.width(gid) / 1000.0 * size;
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
        doc.draw(marks.clone());
        let embedded = doc.embed_fonts(&mut PdfDocument::new("test")).unwrap();
        let page_height = doc.size.1;
        for mark in &marks {
            let Mark::Text { line, .. } = mark else {
                unreachable!()
            };
            let mut content = PageContent::default();
            content.draw(mark, page_height, &embedded);
            let ops = content.ops;
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
            let placed = viewer_positions(&ops, &embedded);
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
}
