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
use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use chrono::{DateTime, Utc};
use printpdf::{
    Codepoint, Color, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix,
};
use std::collections::{BTreeMap, BTreeSet};

/// A face embedded in the document: its id, original→subset glyph ids, and the character of
/// glyphs that plainly stand for one (for the ToUnicode map).
struct Embedded {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    chars: BTreeMap<u16, String>,
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
                let mut ops = Vec::new();
                for mark in marks {
                    draw(&mut ops, mark, height, &fonts);
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
            embedded.insert(
                key,
                Embedded {
                    id: pdf.add_font(&parsed),
                    remap,
                    chars,
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

fn draw(ops: &mut Vec<Op>, mark: &Mark, page_height: f32, fonts: &BTreeMap<FaceKey, Embedded>) {
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
            ops.push(Op::SetFillColor {
                col: rgb(style.colour),
            });
            let mut pen = *x;
            for run in &line.runs {
                let Some(font) = fonts.get(&run.face) else {
                    continue;
                };
                let scale = style.size / f32::from(run.units_per_em);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.id.clone()),
                    size: Pt(style.size),
                });
                for g in &run.glyphs {
                    let gx = pen + g.x as f32 * scale;
                    let gy = page_height - y + g.y as f32 * scale;
                    let gid = font.remap.get(&g.gid).copied().unwrap_or(0);
                    let cid = font.chars.get(&gid).cloned();
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, gx, gy]),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint {
                            gid,
                            offset: 0.0,
                            cid,
                        }])],
                    });
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
            let at = |x: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(page_height - y),
                },
                bezier: false,
            };
            ops.push(Op::SetOutlineColor { col: rgb(*colour) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![at(*x1), at(*x2)],
                    is_closed: false,
                },
            });
        }
        Mark::Frame {
            x,
            y,
            width,
            height,
            colour,
        } => {
            ops.push(Op::SetOutlineColor { col: rgb(*colour) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(page_height - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            });
        }
        Mark::Fill {
            x,
            y,
            width,
            height,
            colour,
        } => {
            ops.push(Op::SetFillColor { col: rgb(*colour) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(page_height - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            thickness,
            colour,
        } => {
            let at = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(page_height - y),
                },
                bezier: false,
            };
            ops.push(Op::SetOutlineColor { col: rgb(*colour) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![at(*x1, *y1), at(*x2, *y2)],
                    is_closed: false,
                },
            });
        }
    }
}
