//! Line breaking: where a long title or name may wrap.
//!
//! Thai, Lao, Khmer and Burmese write words without spaces, so "break at spaces" would leave a
//! Thai title as one unbreakable line, and "break anywhere" would split syllables. We use
//! ICU4X's line segmenter (UAX #14) with its dictionaries for those four scripts: it finds
//! word boundaries as Chromium's ICU does. It costs one crate plus ~1 MB of baked data, and
//! shares the `icu_*` 2.x crates the tree already builds for `url`/`idna`; the LSTM models
//! (feature `lstm`) are left out. A word wider than the line (rare) is split between
//! grapheme clusters, never after a Khmer coeng or Burmese virama (which stack the next
//! consonant) nor after a Thai/Lao leading vowel.
use super::shape::{ShapedLine, Shaper};
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{GraphemeClusterSegmenter, LineSegmenter};

/// Wraps `text` to lines no wider than `width` points at `size`; `\n` forces a break.
/// Every line is shaped, trailing spaces trimmed. Empty text gives no lines.
pub fn wrap(shaper: &Shaper<'_>, text: &str, size: f32, bold: bool, width: f32) -> Vec<ShapedLine> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    // Tabs and other control characters have no glyph: they become spaces (or nothing).
    let text: String = text
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if c != '\n' && c.is_control() { ' ' } else { c })
        .collect();
    for paragraph in text.split('\n') {
        // Most titles and names fit: one shaping, no segmentation.
        let whole = shaper.shape(paragraph.trim_end(), bold);
        if whole.width(size) <= width {
            lines.push(whole);
            continue;
        }
        for line in wrap_paragraph(shaper, paragraph, size, bold, width) {
            lines.push(shaper.shape(line.trim_end(), bold));
        }
    }
    lines
}

/// Greedy fill of one paragraph; returns the lines as slices of `text`.
fn wrap_paragraph<'t>(
    shaper: &Shaper<'_>,
    text: &'t str,
    size: f32,
    bold: bool,
    width: f32,
) -> Vec<&'t str> {
    let segmenter = LineSegmenter::new_dictionary(LineBreakOptions::default());
    let mut breaks: Vec<usize> = segmenter.segment_str(text).filter(|&b| b > 0).collect();
    if breaks.last() != Some(&text.len()) {
        breaks.push(text.len());
    }
    let space = shaper.width(" ", size, bold);
    let mut lines = Vec::new();
    let (mut start, mut end, mut used) = (0, 0, 0.0_f32);
    for b in breaks {
        let segment = &text[end..b];
        let word = segment.trim_end();
        let ink = shaper.width(word, size, bold);
        let trailing = &segment[word.len()..];
        let full = if trailing.bytes().all(|c| c == b' ') {
            ink + space * trailing.len() as f32
        } else {
            ink + shaper.width(trailing, size, bold)
        };
        if end > start && used + ink > width {
            lines.push(&text[start..end]);
            (start, used) = (end, 0.0);
        }
        if end == start && ink > width {
            // A single word wider than the line: split it by clusters.
            let mut pieces = split_clusters(shaper, segment, size, bold, width);
            let last = pieces.pop().unwrap_or(segment);
            lines.extend(pieces);
            start = b - last.len();
            used = shaper.width(last, size, bold);
        } else {
            used += full;
        }
        end = b;
    }
    if end > start || lines.is_empty() {
        lines.push(&text[start..end]);
    }
    lines
}

/// Splits an over-long word at grapheme boundaries that keep stacks and syllable starts whole.
fn split_clusters<'t>(
    shaper: &Shaper<'_>,
    word: &'t str,
    size: f32,
    bold: bool,
    width: f32,
) -> Vec<&'t str> {
    let boundaries: Vec<usize> = GraphemeClusterSegmenter::new()
        .segment_str(word)
        .filter(|&b| b > 0 && b < word.len() && may_break_after(&word[..b]))
        .chain(std::iter::once(word.len()))
        .collect();
    let mut pieces = Vec::new();
    let (mut start, mut end) = (0, 0);
    for b in boundaries {
        if end > start && shaper.width(word[start..b].trim_end(), size, bold) > width {
            pieces.push(&word[start..end]);
            start = end;
        }
        end = b;
    }
    pieces.push(&word[start..end]);
    pieces
}

/// False after a character that binds to the next cluster.
fn may_break_after(before: &str) -> bool {
    !matches!(
        before.chars().next_back(),
        Some(
            '\u{17D2}' // Khmer coeng: the next consonant is written below
            | '\u{1039}' // Myanmar virama: stacks the next consonant
            | '\u{0E40}'..='\u{0E44}' // Thai leading vowels
            | '\u{0EC0}'..='\u{0EC4}' // Lao leading vowels
            | '\u{00A0}' | '\u{2060}' // no-break space, word joiner
        )
    )
}
