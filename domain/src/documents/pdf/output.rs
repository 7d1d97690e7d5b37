//! Laid-out pages to PDF bytes: footers with "Page n of m", fonts subset to the glyphs used, and
//! every line's glyphs wrapped in `/Span << /ActualText … >>` marked content.
//!
//! Why subset here: printpdf only subsets with its `text_layout` feature (which pulls a whole
//! HTML layout engine); without it, it embeds whole font files (16 MB for CJK). So we subset
//! with allsorts (already a printpdf dependency), renumber the glyphs, and hand printpdf the
//! small font. Why /ActualText: shaped glyphs (ligatures, reordered Thai/Khmer vowels,
//! stacked consonants) have no reliable glyph→text mapping; viewers and `pdftotext` use the
//! marked content's text instead, so copy and search give back exactly what was written.
use super::fonts::FaceKey;
use super::layout::{Colour, Doc, Mark, Style, FOOTER_BAND};
use super::shape::ShapedRun;
use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use chrono::{DateTime, Utc};
use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};
use std::collections::{BTreeMap, BTreeSet};

/// A face embedded in the document: its id, original→subset glyph ids, the character of
/// glyphs that plainly stand for one (for the ToUnicode map), and each subset glyph's advance
/// as written in the font's `/W` array (thousandths of an em, indexed by subset glyph id).
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    chars: BTreeMap<u16, String>,
    widths: Vec<f64>,
}

impl Embedded {
    /// The advance a viewer applies after showing subset glyph `gid`, in thousandths of an em.
    fn width(&self, gid: u16) -> f64 {
        self.widths.get(usize::from(gid)).copied().unwrap_or(0.0)
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
        let pages = self
            .pages
            .iter()
            .map(|marks| {
                let (mut ops, mut state) = (Vec::new(), PageState::default());
                for mark in marks {
                    draw(&mut ops, &mut state, mark, height, &fonts);
                }
                PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), ops)
            })
            .collect();
        pdf.with_pages(pages);
        let mut warnings = Vec::new();
        let options = PdfSaveOptions {
            image_optimization: None,
            ..PdfSaveOptions::default()
        };
        Ok(pdf.save(&options, &mut warnings))
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
                },
            );
        }
        Ok(embedded)
    }
}

fn rgb(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// Text as a PDF text string: UTF-16BE with a byte-order mark, written in hex.
fn pdf_text_string(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::String {
        data,
        literal: false,
    }
}

/// A coordinate in points, to a hundredth of a point: far below what a printer or a screen
/// resolves, and two decimals instead of six keep the content streams short.
fn round_pt(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// What a page's content stream has set so far. Colours, line width and font are graphics
/// state, kept across marks and text objects, so each is written only when it changes. (Only
/// [`Mark::Modules`] uses `q`…`Q`, and changes none of these inside.)
#[derive(Default)]
struct PageState {
    fill: Option<Colour>,
    stroke: Option<(Colour, f32)>,
    font: Option<(FaceKey, f32)>,
}

impl PageState {
    fn fill(&mut self, ops: &mut Vec<Op>, colour: Colour) {
        if self.fill != Some(colour) {
            ops.push(Op::SetFillColor { col: rgb(colour) });
            self.fill = Some(colour);
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, colour: Colour, thickness: f32) {
        let (old_colour, old_thickness) = self.stroke.unzip();
        if old_colour != Some(colour) {
            ops.push(Op::SetOutlineColor { col: rgb(colour) });
        }
        if old_thickness != Some(thickness) {
            ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        }
        self.stroke = Some((colour, thickness));
    }

    fn font(&mut self, ops: &mut Vec<Op>, key: FaceKey, font: &Embedded, size: f32) {
        if self.font != Some((key, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.id.clone()),
                size: Pt(size),
            });
            self.font = Some((key, size));
        }
    }
}

fn draw(
    ops: &mut Vec<Op>,
    state: &mut PageState,
    mark: &Mark,
    page_height: f32,
    fonts: &BTreeMap<FaceKey, Embedded>,
) {
    match mark {
        Mark::Text { x, y, style, line } => {
            if line.runs.is_empty() {
                return;
            }
            let map = BTreeMap::from([("ActualText".to_string(), pdf_text_string(&line.text))]);
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".to_string(),
                properties: DictItem::Dict { map },
            });
            ops.push(Op::StartTextSection);
            state.fill(ops, style.colour);
            let mut pen = *x;
            for run in &line.runs {
                if let Some(font) = fonts.get(&run.face) {
                    state.font(ops, run.face, font, style.size);
                    show_run(ops, run, font, style.size, pen, page_height - y);
                }
                pen += run.width(style.size);
            }
            ops.push(Op::EndTextSection);
            ops.push(Op::EndMarkedContentWithProperties);
        }
        Mark::Rule {
            x1,
            x2,
            y,
            thickness,
            colour,
        } => {
            state.stroke(ops, *colour, *thickness);
            ops.push(line_op(*x1, page_height - y, *x2, page_height - y));
        }
        Mark::Frame {
            x,
            y,
            width,
            height,
            colour,
        } => {
            state.stroke(ops, *colour, 0.6);
            ops.push(rect_op(
                *x,
                page_height - y - height,
                *width,
                *height,
                PaintMode::Stroke,
            ));
        }
        Mark::Fill {
            x,
            y,
            width,
            height,
            colour,
        } => {
            state.fill(ops, *colour);
            ops.push(rect_op(
                *x,
                page_height - y - height,
                *width,
                *height,
                PaintMode::Fill,
            ));
        }
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            thickness,
            colour,
        } => {
            state.stroke(ops, *colour, *thickness);
            ops.push(line_op(*x1, page_height - y1, *x2, page_height - y2));
        }
        Mark::Modules {
            x,
            y,
            module,
            cells,
            colour,
        } => {
            // The colour is set outside `q`…`Q`, so the page state stays true after it.
            state.fill(ops, *colour);
            ops.push(Op::SaveGraphicsState);
            // Grid units, rows counting down from the top-left corner.
            ops.push(Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([
                    *module,
                    0.0,
                    0.0,
                    -*module,
                    round_pt(*x),
                    round_pt(page_height - y),
                ]),
            });
            for &[column, row, columns, rows] in cells {
                // A fiftieth of a module larger, so neighbouring cells leave no white seams
                // when rasterised.
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(f32::from(column)),
                        y: Pt(f32::from(row)),
                        width: Pt(f32::from(columns) + 0.02),
                        height: Pt(f32::from(rows) + 0.02),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            ops.push(Op::RestoreGraphicsState);
        }
    }
}

/// A straight line between two points in PDF coordinates (origin bottom left).
fn line_op(x1: f32, y1: f32, x2: f32, y2: f32) -> Op {
    let at = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(round_pt(x)),
            y: Pt(round_pt(y)),
        },
        bezier: false,
    };
    Op::DrawLine {
        line: Line {
            points: vec![at(x1, y1), at(x2, y2)],
            is_closed: false,
        },
    }
}

/// A rectangle from its bottom-left corner in PDF coordinates.
fn rect_op(x: f32, y: f32, width: f32, height: f32, mode: PaintMode) -> Op {
    Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(round_pt(x)),
            y: Pt(round_pt(y)),
            width: Pt(round_pt(width)),
            height: Pt(round_pt(height)),
            mode: Some(mode),
            winding_order: None,
        },
    }
}

/// Kerning numbers are written to a hundredth of a thousandth of an em (0.0002 pt at 16 pt):
/// exact for the usual 1000-unit em, and short in the file. The pen is tracked with the
/// rounded numbers, so rounding never accumulates along a line.
fn round_kern(kern: f64) -> f64 {
    (kern * 100.0).round() / 100.0
}

/// Writes one shaped run (its font already set) as one text matrix at its first glyph and one `TJ` of glyph ids: after
/// each glyph the viewer advances by the font's `/W` width, and a kerning number moves the pen
/// on to where the shaper put the next glyph (TJ numbers are thousandths of an em; positive
/// moves left). Glyphs the shaper raised or lowered (Thai tone marks, Burmese and Khmer
/// stacked signs) are shown with a text rise (`Ts`), which does not touch the horizontal pen.
fn show_run(
    ops: &mut Vec<Op>,
    run: &ShapedRun,
    font: &Embedded,
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
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, x, y]),
    });
    // Where the viewer's pen is, relative to the first glyph, in thousandths of an em.
    let mut at = 0.0_f64;
    let mut rise = 0;
    let mut shown: Vec<Codepoint> = Vec::with_capacity(run.glyphs.len());
    for (n, g) in run.glyphs.iter().enumerate() {
        if g.y != rise {
            if !shown.is_empty() {
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(std::mem::take(&mut shown))],
                });
            }
            rise = g.y;
            ops.push(Op::SetLineOffset {
                multiplier: round_pt(rise as f32 * scale),
            });
        }
        let gid = font.remap.get(&g.gid).copied().unwrap_or(0);
        at += font.width(gid);
        let mut offset = 0.0;
        if let Some(next) = run.glyphs.get(n + 1) {
            let target = f64::from(next.x - first.x) * to_em;
            let kern = round_kern(at - target);
            if kern != 0.0 {
                offset = kern as f32;
                at -= kern;
            }
        }
        shown.push(Codepoint {
            gid,
            offset,
            cid: font.chars.get(&gid).cloned(),
        });
    }
    if !shown.is_empty() {
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(shown)],
        });
    }
    if rise != 0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
    }
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

    /// Where a viewer puts each glyph of the ops of one text mark: (x, y) per glyph, in
    /// points, following `Tm`, `Ts` and `TJ` as the PDF specification does, with the `/W`
    /// widths of the embedded fonts.
    fn viewer_positions(ops: &[Op], fonts: &BTreeMap<FaceKey, Embedded>) -> Vec<(f32, f32)> {
        let mut placed = Vec::new();
        let (mut x, mut y, mut rise, mut size) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
        let mut font: Option<&Embedded> = None;
        for op in ops {
            match op {
                Op::SetFont {
                    font: handle,
                    size: s,
                } => {
                    let PdfFontHandle::External(id) = handle else {
                        panic!("builtin font")
                    };
                    font = fonts.values().find(|f| &f.id == id);
                    size = f64::from(s.0);
                }
                Op::SetTextMatrix { matrix } => {
                    let m = matrix.as_array();
                    (x, y) = (f64::from(m[4]), f64::from(m[5]));
                }
                Op::SetLineOffset { multiplier } => rise = f64::from(*multiplier),
                Op::ShowText { items } => {
                    let font = font.expect("a font before text");
                    for item in items {
                        let TextItem::GlyphIds(glyphs) = item else {
                            panic!("{item:?}")
                        };
                        for g in glyphs {
                            placed.push((x as f32, (y + rise) as f32));
                            x += (font.width(g.gid) - f64::from(g.offset)) / 1000.0 * size;
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
            let mut ops = Vec::new();
            draw(
                &mut ops,
                &mut PageState::default(),
                mark,
                page_height,
                &embedded,
            );
            let matrices = ops
                .iter()
                .filter(|op| matches!(op, Op::SetTextMatrix { .. }))
                .count();
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
