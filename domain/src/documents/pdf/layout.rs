//! A small page model: A4 pages with margins and a cursor, blocks of wrapped text and rules
//! that are placed whole (kept together) or row by row, with automatic page breaks.
//!
//! Coordinates here are points from the top-left corner; `output` turns them into PDF's
//! bottom-left space.
use super::fonts::Fonts;
use super::shape::{ShapedLine, Shaper};
use super::text::wrap;

/// A4 in points.
pub const A4_PORTRAIT: (f32, f32) = (595.28, 841.89);
pub const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);

/// An RGB colour, components 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const BLACK: Colour = Colour(0.0, 0.0, 0.0);
    pub const GREY: Colour = Colour(0.4, 0.4, 0.4);
    pub const LIGHT: Colour = Colour(0.8, 0.8, 0.8);
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            colour: Colour::BLACK,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }
}

/// Something drawn, at page (or block-relative) coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A shaped line with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        style: Style,
        line: ShapedLine,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        colour: Colour,
    },
    Frame {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
}

impl Mark {
    fn shifted(mut self, dx: f32, dy: f32) -> Mark {
        match &mut self {
            Mark::Text { x, y, .. } | Mark::Frame { x, y, .. } => (*x, *y) = (*x + dx, *y + dy),
            Mark::Rule { x1, x2, y, .. } => (*x1, *x2, *y) = (*x1 + dx, *x2 + dx, *y + dy),
        }
        self
    }
}

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
    marks: Vec<(usize, Mark)>,
    rows: Vec<(f32, f32)>,
    height: f32,
}

impl Block {
    pub fn height(&self) -> f32 {
        self.height
    }
}

/// Builds a [`Block`] `width` points wide, measuring with the document's shaper.
pub struct BlockBuilder<'a> {
    shaper: &'a Shaper<'a>,
    width: f32,
    block: Block,
    /// Labels waiting for the baseline of the next line of text.
    pending: Vec<usize>,
}

impl BlockBuilder<'_> {
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
        let mut bottom = top;
        let row = self.block.rows.len();
        for &(text, style, x, width) in cells {
            let mut y = top;
            for line in wrap(self.shaper, text, style.size, style.bold, width) {
                let (height, ascent) = line_metrics(self.shaper, &line, style.size);
                self.block.marks.push((
                    row,
                    Mark::Text {
                        x,
                        y: y + ascent,
                        style,
                        line,
                    },
                ));
                y += height;
            }
            bottom = bottom.max(y);
        }
        self.block.rows.push((top, bottom));
        self.block.height = bottom;
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

/// The pages being laid out.
pub struct Doc<'f> {
    pub(crate) fonts: &'f Fonts,
    pub(crate) shaper: Shaper<'f>,
    pub(crate) size: (f32, f32),
    pub(crate) margin: f32,
    pub(crate) pages: Vec<Vec<Mark>>,
    /// Distance from the top margin to the next free line on the current page.
    cursor: f32,
}

impl<'f> Doc<'f> {
    /// A document of `size` pages (see [`A4_PORTRAIT`]) with one page started.
    pub fn new(fonts: &'f Fonts, size: (f32, f32), margin: f32) -> Doc<'f> {
        let shaper = Shaper::new(fonts);
        Doc {
            fonts,
            shaper,
            size,
            margin,
            pages: vec![Vec::new()],
            cursor: 0.0,
        }
    }

    pub fn shaper(&self) -> &Shaper<'f> {
        &self.shaper
    }

    /// Width between the margins.
    pub fn content_width(&self) -> f32 {
        self.size.0 - 2.0 * self.margin
    }

    /// Height between the margins, less the footer band.
    pub fn content_height(&self) -> f32 {
        self.size.1 - 2.0 * self.margin - FOOTER_BAND
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        self.content_height() - self.cursor
    }

    /// True when nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.cursor <= 0.0
    }

    /// Pages so far (footers are added by `finish`).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.cursor = 0.0;
    }

    pub fn space(&mut self, space: f32) {
        self.cursor = (self.cursor + space).min(self.content_height());
    }

    /// Starts a block as wide as the content area.
    pub fn block(&self) -> BlockBuilder<'_> {
        BlockBuilder {
            shaper: &self.shaper,
            width: self.content_width(),
            block: Block::default(),
            pending: Vec::new(),
        }
    }

    /// Places `block` at the cursor. Kept together, it moves whole to a new page when it
    /// does not fit (unless it is taller than a page); otherwise it breaks between rows.
    pub fn place(&mut self, block: Block, keep_together: bool) {
        if keep_together
            && block.height > self.remaining()
            && block.height <= self.content_height()
            && !self.at_page_top()
        {
            self.new_page();
        }
        let margin = self.margin;
        let mut offset = margin + self.cursor; // page y of the block's top
        for (i, (top, bottom)) in block.rows.iter().enumerate() {
            if offset + bottom > self.margin + self.content_height()
                && !self.at_row_top(offset, *top)
            {
                self.new_page();
                offset = self.margin - top;
            }
            for (_, mark) in block.marks.iter().filter(|(r, _)| *r == i) {
                self.current().push(mark.clone().shifted(margin, offset));
            }
            self.cursor = offset + bottom - self.margin;
        }
        // Labels after the last row (none in practice) and the trailing gap.
        for (_, mark) in block.marks.iter().filter(|(r, _)| *r == block.rows.len()) {
            self.current().push(mark.clone().shifted(margin, offset));
        }
        self.cursor = (offset + block.height - self.margin).min(self.content_height());
    }

    fn at_row_top(&self, offset: f32, top: f32) -> bool {
        (offset + top - self.margin) <= 0.0
    }

    fn current(&mut self) -> &mut Vec<Mark> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }
}

/// Room kept at the bottom of each page for the footer.
pub const FOOTER_BAND: f32 = 24.0;
