//! Blocks: text, labels, table rows and rules stacked from a top edge, measured before they
//! are placed so a block can be kept together on one page.
use super::layout::{Colour, Mark, Style};
use super::shape::{ShapedLine, Shaper};
use super::text::wrap;

/// Height of a line of text: the tallest face's ascender and descender in it (Burmese and
/// Khmer need more room than Latin), at least 1.35 × size. Returns (height, ascent).
fn line_metrics(shaper: &Shaper<'_>, line: &ShapedLine, size: f32) -> (f32, f32) {
    let (mut ascent, mut descent) = (size * 1.0, size * 0.35);
    for run in &line.runs {
        let (a, d) = shaper.metrics(run.face);
        (ascent, descent) = (ascent.max(a * size), descent.max(d * size));
    }
    (ascent + descent, ascent)
}

/// Marks stacked from the top of a block; `rows` are (top, bottom) spans that must not be split.
#[derive(Debug, Default, Clone)]
pub struct Block {
    /// Each mark with the row it belongs to.
    pub(crate) marks: Vec<(usize, Mark)>,
    pub(crate) rows: Vec<(f32, f32)>,
    pub(crate) height: f32,
}

impl Block {
    pub fn height(&self) -> f32 {
        self.height
    }
}

/// Builds a [`Block`] `width` points wide, measuring with the document's shaper.
pub struct BlockBuilder<'a, 'f> {
    shaper: &'a Shaper<'f>,
    width: f32,
    block: Block,
    /// Labels waiting for the baseline of the next line of text.
    pending: Vec<usize>,
}

impl<'a, 'f> BlockBuilder<'a, 'f> {
    pub fn new(shaper: &'a Shaper<'f>, width: f32) -> BlockBuilder<'a, 'f> {
        BlockBuilder {
            shaper,
            width,
            block: Block::default(),
            pending: Vec::new(),
        }
    }

    /// Wrapped text from `x` to the right edge; the cursor moves below it.
    pub fn text(&mut self, text: &str, style: Style, x: f32) -> &mut Self {
        self.column(text, style, x, self.width - x)
    }

    /// Wrapped text in the column [`x`, `x + width`]; the cursor moves below it.
    pub fn column(&mut self, text: &str, style: Style, x: f32, width: f32) -> &mut Self {
        for line in wrap(self.shaper, text, style.size, style.bold, width) {
            let (height, ascent) = line_metrics(self.shaper, &line, style.size);
            let y = self.block.height + ascent;
            for i in self.pending.drain(..) {
                if let Some((_, Mark::Text { y: label_y, .. })) = self.block.marks.get_mut(i) {
                    *label_y = y;
                }
            }
            self.push_row(height, Mark::Text { x, y, style, line });
        }
        self
    }

    /// A table row: each cell `(text, style, x, width)` wrapped in its own column, side by
    /// side; the cursor moves below the tallest. A row is never split across pages.
    pub fn cells(&mut self, cells: &[(&str, Style, f32, f32)]) -> &mut Self {
        let top = self.block.height;
        let row = self.block.rows.len();
        let wrapped: Vec<_> = cells
            .iter()
            .map(|&(text, style, x, width)| {
                let lines = wrap(self.shaper, text, style.size, style.bold, width);
                let metrics: Vec<_> = lines
                    .iter()
                    .map(|l| line_metrics(self.shaper, l, style.size))
                    .collect();
                (style, x, lines, metrics)
            })
            .collect();
        // The first lines of all cells share one baseline, below the tallest ascent.
        let ascent = wrapped
            .iter()
            .filter_map(|(_, _, _, m)| m.first().map(|&(_, a)| a))
            .fold(0.0_f32, f32::max);
        // A label put before the row (e.g. a time) shares the cells' first baseline.
        for i in self.pending.drain(..) {
            if let Some((_, Mark::Text { y: label_y, .. })) = self.block.marks.get_mut(i) {
                *label_y = top + ascent;
            }
        }
        let mut bottom = top;
        for (style, x, lines, metrics) in wrapped {
            // Lines stack top to bottom; the first starts lower if its ascent is smaller.
            let mut line_top = top + ascent - metrics.first().map_or(ascent, |&(_, a)| a);
            for (line, (height, line_ascent)) in lines.into_iter().zip(metrics) {
                let y = line_top + line_ascent;
                self.block
                    .marks
                    .push((row, Mark::Text { x, y, style, line }));
                line_top += height;
            }
            bottom = bottom.max(line_top);
        }
        self.block.rows.push((top, bottom));
        self.block.height = bottom;
        self
    }

    /// Wrapped text, each line centred in the block; the cursor moves below it.
    pub fn centred(&mut self, text: &str, style: Style) -> &mut Self {
        for line in wrap(self.shaper, text, style.size, style.bold, self.width) {
            let (height, ascent) = line_metrics(self.shaper, &line, style.size);
            let x = ((self.width - line.width(style.size)) / 2.0).max(0.0);
            let y = self.block.height + ascent;
            self.push_row(height, Mark::Text { x, y, style, line });
        }
        self
    }

    /// A bordered table row: each cell `(text, style, x, width)` boxed from `x` to
    /// `x + width`, its text inset by `pad`; the row is at least `min_height` tall (room to
    /// sign). `shade` fills the boxes first (header rows).
    pub fn grid_row(
        &mut self,
        cells: &[(&str, Style, f32, f32)],
        min_height: f32,
        pad: f32,
        shade: Option<Colour>,
    ) -> &mut Self {
        let top = self.block.height;
        let inner: Vec<_> = cells
            .iter()
            .map(|&(text, style, x, width)| (text, style, x + pad, (width - 2.0 * pad).max(1.0)))
            .collect();
        self.block.height += pad;
        let marks_before = self.block.marks.len();
        self.cells(&inner);
        // `cells` pushed one row; fold it into the padded row.
        self.block.rows.pop();
        let bottom = (self.block.height + pad).max(top + min_height);
        let row = self.block.rows.len();
        let height = bottom - top;
        let mut boxes = Vec::new();
        for &(_, _, x, width) in cells {
            if let Some(colour) = shade {
                boxes.push((
                    row,
                    Mark::Fill {
                        x,
                        y: top,
                        width,
                        height,
                        colour,
                    },
                ));
            }
            boxes.push((
                row,
                Mark::Frame {
                    x,
                    y: top,
                    width,
                    height,
                    colour: Colour::GREY,
                },
            ));
        }
        for mark in &mut self.block.marks[marks_before..] {
            mark.0 = row;
        }
        // Fills go under the text.
        self.block.marks.splice(marks_before..marks_before, boxes);
        self.block.rows.push((top, bottom));
        self.block.height = bottom;
        self
    }

    /// A filled rectangle at `x`, `dy` below the cursor, without moving the cursor.
    pub fn fill(&mut self, x: f32, dy: f32, width: f32, height: f32, colour: Colour) -> &mut Self {
        let y = self.block.height + dy;
        let row = self.block.rows.len();
        self.block.marks.push((
            row,
            Mark::Fill {
                x,
                y,
                width,
                height,
                colour,
            },
        ));
        self
    }

    /// One unwrapped line at `x` on the current row, without moving the cursor (e.g. a time
    /// beside a title). Put it before the text it sits beside: it takes that text's baseline.
    pub fn label(&mut self, text: &str, style: Style, x: f32) -> &mut Self {
        let line = self.shaper.shape(text, style.bold);
        let (_, ascent) = line_metrics(self.shaper, &line, style.size);
        let y = self.block.height + ascent;
        let row = self.block.rows.len();
        self.pending.push(self.block.marks.len());
        self.block
            .marks
            .push((row, Mark::Text { x, y, style, line }));
        self
    }

    /// A horizontal rule across the block, in the middle of `space` points.
    pub fn rule(&mut self, space: f32, thickness: f32, colour: Colour) -> &mut Self {
        let y = self.block.height + space / 2.0;
        let width = self.width;
        self.push_row(
            space,
            Mark::Rule {
                x1: 0.0,
                x2: width,
                y,
                thickness,
                colour,
            },
        )
    }

    /// An empty frame (e.g. a logo slot) at `x` from the cursor down, without moving the
    /// cursor, so text can run beside it. Put it before that text.
    pub fn frame(&mut self, x: f32, width: f32, height: f32, colour: Colour) -> &mut Self {
        let y = self.block.height;
        let row = self.block.rows.len();
        self.block.marks.push((
            row,
            Mark::Frame {
                x,
                y,
                width,
                height,
                colour,
            },
        ));
        self
    }

    /// Height so far.
    pub fn height(&self) -> f32 {
        self.block.height
    }

    /// Width of the block.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Vertical space.
    pub fn gap(&mut self, space: f32) -> &mut Self {
        self.block.height += space;
        self
    }

    fn push_row(&mut self, height: f32, mark: Mark) -> &mut Self {
        let top = self.block.height;
        let row = self.block.rows.len();
        self.block.rows.push((top, top + height));
        self.block.marks.push((row, mark));
        self.block.height = top + height;
        self
    }

    pub fn build(self) -> Block {
        self.block
    }
}
