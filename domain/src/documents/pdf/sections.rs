//! Long documents in numbered sections with a contents page (the proceedings, the annual
//! report): a cover, the contents with the page each section starts on, then every section
//! on a page of its own; and the statistics bars both print, small counts protected.
//!
//! Content is shaped once and placed twice: first to learn the page each section starts on,
//! then with those numbers in the contents.
use std::collections::BTreeMap;

use super::layout::{Block, Colour, Doc, Style};
use super::proceedings::{protect, Shown, SMALL_COUNT};
use super::{Fonts, Words};
use crate::documentation_types::{notes_blocks, NotesBlock};

pub(crate) const H1: Style = Style::new(16.0).bold();
pub(crate) const H2: Style = Style::new(11.5).bold();
pub(crate) const BODY: Style = Style::new(10.0);
pub(crate) const SMALL: Style = Style::new(8.5);
pub(crate) const META: Style = Style::new(8.5).colour(Colour::GREY);
pub(crate) const HEAD: Style = Style::new(8.5).bold();

/// What a section holds: blocks kept whole, or a table whose header repeats on every page.
pub(crate) enum Item {
    Block(Block),
    Table(Block, Vec<Block>),
}

pub(crate) struct Section {
    pub title: String,
    pub items: Vec<Item>,
}

/// The whole document: `cover` on page 1, the contents (titled with `contents_key`) on
/// page 2, then the sections.
pub(crate) fn lay_out<'f>(
    fonts: &'f Fonts,
    words: Words,
    page: (f32, f32),
    margin: f32,
    sections: &[Section],
    contents_key: &str,
    cover: &dyn Fn(&mut Doc<'f>),
) -> Doc<'f> {
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let place = |pages: &[usize]| {
        let mut doc = Doc::new(fonts, page, margin).in_language(words);
        cover(&mut doc);
        doc.new_page();
        contents(&mut doc, &words.t(contents_key), &titles, pages);
        let mut starts = Vec::with_capacity(sections.len());
        for section in sections {
            doc.new_page();
            starts.push(doc.page_number());
            let mut b = doc.block();
            b.text(&section.title, H1, 0.0)
                .rule(12.0, 0.8, Colour::BLACK);
            let block = b.build();
            doc.place(block, true);
            for item in &section.items {
                match item {
                    Item::Block(block) => doc.place(block.clone(), true),
                    Item::Table(header, rows) => doc.place_table(header, rows.iter().cloned()),
                }
            }
        }
        (doc, starts)
    };
    // Pass 1 learns where each section starts; pass 2 prints those pages in the contents.
    let (_, starts) = place(&vec![0; titles.len()]);
    place(&starts).0
}

fn contents(doc: &mut Doc<'_>, heading: &str, titles: &[&str], pages: &[usize]) {
    let mut b = doc.block();
    b.text(heading, H1, 0.0).rule(12.0, 0.8, Colour::BLACK);
    let width = b.width();
    for (title, page) in titles.iter().zip(pages) {
        let page = if *page == 0 {
            String::new()
        } else {
            page.to_string()
        };
        b.cells(&[
            (title, BODY, 0.0, width - 50.0),
            (&page, BODY, width - 40.0, 40.0),
        ])
        .gap(4.0);
    }
    let block = b.build();
    doc.place(block, false);
}

/// Notes text as paragraphs, bullets and numbered items.
pub(crate) fn paragraphs(doc: &Doc<'_>, text: &str, items: &mut Vec<Item>) {
    for block in notes_blocks(text) {
        let mut b = doc.block();
        match block {
            NotesBlock::Paragraph(p) => b.text(&p, BODY, 0.0),
            NotesBlock::Bullet(p) => b.label("•", BODY, 6.0).text(&p, BODY, 18.0),
            NotesBlock::Numbered(n, p) => b.label(&format!("{n}."), BODY, 0.0).text(&p, BODY, 18.0),
        };
        b.gap(5.0);
        items.push(Item::Block(b.build()));
    }
}

pub(crate) fn heading(doc: &Doc<'_>, text: &str, items: &mut Vec<Item>) {
    let mut b = doc.block();
    b.gap(8.0).text(text, H2, 0.0).gap(3.0);
    items.push(Item::Block(b.build()));
}

/// A statistic's groups as printed: protected (see [`protect`]), printed counts largest
/// first, then the hidden ones by name (their place in the order would tell their size).
pub fn protected_rows(counts: BTreeMap<String, usize>, total_known: bool) -> Vec<(String, Shown)> {
    let mut counts: Vec<_> = counts.into_iter().filter(|c| c.1 > 0).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown = protect(&counts.iter().map(|c| c.1).collect::<Vec<_>>(), total_known);
    let mut rows: Vec<(String, Shown)> = counts
        .into_iter()
        .map(|(label, _)| label)
        .zip(shown)
        .collect();
    rows.sort_by(|a, b| match (a.1, b.1) {
        (Shown::Count(x), Shown::Count(y)) => y.cmp(&x).then(a.0.cmp(&b.0)),
        (Shown::Count(_), _) => std::cmp::Ordering::Less,
        (_, Shown::Count(_)) => std::cmp::Ordering::Greater,
        _ => a.0.cmp(&b.0),
    });
    rows
}

/// How a protected count reads: the count, "<3" or "–".
pub fn shown_text(shown: Shown, words: Words) -> String {
    match shown {
        Shown::Count(c) => words.count(c),
        Shown::Small => format!("<{SMALL_COUNT}"),
        Shown::Hidden => "–".to_string(),
    }
}

/// A bar chart, one labelled bar per row with its count after it; small and hidden counts
/// are drawn as light bars of the smallest printed size.
pub(crate) fn bars(doc: &Doc<'_>, rows: &[(String, Shown)], items: &mut Vec<Item>) {
    let words = doc.words();
    let max = rows
        .iter()
        .filter_map(|r| match r.1 {
            Shown::Count(c) => Some(c),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(SMALL_COUNT) as f32;
    let bar_x = 170.0;
    let bar_max = doc.content_width() - bar_x - 60.0;
    for (label, shown) in rows {
        let (drawn, colour) = match shown {
            Shown::Count(c) => (*c, Colour::ACCENT),
            Shown::Small | Shown::Hidden => (SMALL_COUNT, Colour::LIGHT),
        };
        let width = bar_max * drawn as f32 / max;
        let mut b = doc.block();
        b.fill(bar_x, 2.0, width, 10.0, colour);
        b.cells(&[
            (label, SMALL, 0.0, bar_x - 8.0),
            (&shown_text(*shown, words), SMALL, bar_x + width + 6.0, 50.0),
        ])
        .gap(3.0);
        items.push(Item::Block(b.build()));
    }
}
