//! A small page model: A4 pages with margins and a cursor, blocks of wrapped text and rules
//! that are placed whole (kept together) or row by row, with automatic page breaks.
//!
//! Coordinates here are points from the top-left corner; `output` turns them into PDF's
//! bottom-left space.
pub use super::block::{Block, BlockBuilder};
use super::fonts::Fonts;
use super::shape::{ShapedLine, Shaper};

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
    pub const SHADE: Colour = Colour(0.92, 0.92, 0.92);
    pub const WHITE: Colour = Colour(1.0, 1.0, 1.0);
    pub const ACCENT: Colour = Colour(0.16, 0.38, 0.55);
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
    /// A straight line in any direction (cut marks, table borders).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        colour: Colour,
    },
    /// A filled rectangle (bar charts, shaded headers).
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Colour,
    },
    /// Filled cells of a grid of `module`-point squares whose top-left corner is at (x, y):
    /// a QR code's dark modules. Each cell is `[column, row, columns, rows]`. Written in grid
    /// units under one transformation, so a cell costs a few bytes instead of four
    /// page coordinates.
    Modules {
        x: f32,
        y: f32,
        module: f32,
        cells: Vec<[u16; 4]>,
        colour: Colour,
    },
}

impl Mark {
    pub(crate) fn shifted(mut self, dx: f32, dy: f32) -> Mark {
        match &mut self {
            Mark::Text { x, y, .. }
            | Mark::Frame { x, y, .. }
            | Mark::Fill { x, y, .. }
            | Mark::Modules { x, y, .. } => (*x, *y) = (*x + dx, *y + dy),
            Mark::Rule { x1, x2, y, .. } => (*x1, *x2, *y) = (*x1 + dx, *x2 + dx, *y + dy),
            Mark::Line { x1, y1, x2, y2, .. } => {
                (*x1, *y1, *x2, *y2) = (*x1 + dx, *y1 + dy, *x2 + dx, *y2 + dy)
            }
        }
        self
    }
}

/// The pages being laid out.
pub struct Doc<'f> {
    pub(crate) fonts: &'f Fonts,
    pub(crate) shaper: Shaper<'f>,
    pub(crate) size: (f32, f32),
    pub(crate) margin: f32,
    /// The marks of the page being laid out. Earlier pages are already written (see
    /// `output`): only their compressed content streams are kept.
    pub(crate) page: Vec<Mark>,
    pub(crate) written: Vec<Vec<u8>>,
    pub(crate) glyphs: super::output::Glyphs,
    /// The first failure writing a page, reported by `finish`.
    pub(crate) failed: Option<super::PdfError>,
    /// The language of the fixed texts the document itself adds (the page numbers).
    pub(crate) words: super::Words,
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
            page: Vec::new(),
            written: Vec::new(),
            glyphs: super::output::Glyphs::default(),
            failed: None,
            words: super::Words::english(),
            cursor: 0.0,
        }
    }

    /// The document in `words`' language (its page numbers: "Page 2 of 9").
    pub fn in_language(mut self, words: super::Words) -> Doc<'f> {
        self.words = words;
        self
    }

    pub fn words(&self) -> super::Words {
        self.words
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
        self.written.len() + 1
    }

    /// Ends the current page (writing it out) and starts a new one.
    pub fn new_page(&mut self) {
        if let Err(error) = self.write_page() {
            self.failed.get_or_insert(error);
        }
        self.cursor = 0.0;
    }

    pub fn space(&mut self, space: f32) {
        self.cursor = (self.cursor + space).min(self.content_height());
    }

    /// Starts a block as wide as the content area.
    pub fn block(&self) -> BlockBuilder<'_, 'f> {
        BlockBuilder::new(&self.shaper, self.content_width())
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

    /// Places table rows under `header`, repeating the header at the top of every page the
    /// table runs onto. A row never splits; the header never stands alone at a page's foot.
    pub fn place_table(&mut self, header: &Block, rows: impl IntoIterator<Item = Block>) {
        let mut rows = rows.into_iter().peekable();
        let first = rows.peek().map_or(0.0, Block::height);
        self.table_start(header, first);
        for row in rows {
            self.table_row(header, row);
        }
    }

    /// Places a table's `header`, on a new page if it and the first row (`first` high)
    /// would not fit: [`Doc::place_table`] row by row, for rows made as they are placed.
    pub fn table_start(&mut self, header: &Block, first: f32) {
        if header.height + first > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
        self.place(header.clone(), true);
    }

    /// Places one row of the table under `header` (see [`Doc::table_start`]), repeating the
    /// header at the top of a new page.
    pub fn table_row(&mut self, header: &Block, row: Block) {
        if row.height > self.remaining() {
            self.new_page();
            self.place(header.clone(), true);
        }
        self.place(row, true);
    }

    /// Draws `marks` (page coordinates from the top-left corner, margins ignored) on the
    /// current page without moving the cursor: badges, cut marks, anything on a fixed grid.
    pub fn draw(&mut self, marks: impl IntoIterator<Item = Mark>) {
        self.current().extend(marks);
    }

    /// Page size in points.
    pub fn page_size(&self) -> (f32, f32) {
        self.size
    }

    /// The current page number, from 1.
    pub fn page_number(&self) -> usize {
        self.page_count()
    }

    fn at_row_top(&self, offset: f32, top: f32) -> bool {
        (offset + top - self.margin) <= 0.0
    }

    fn current(&mut self) -> &mut Vec<Mark> {
        &mut self.page
    }
}

/// Room kept at the bottom of each page for the footer.
pub const FOOTER_BAND: f32 = 24.0;
