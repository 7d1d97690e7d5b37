//! Script runs and shaping: a string becomes runs of positioned glyphs, each in the face of
//! its script, shaped by rustybuzz (HarfBuzz's algorithm) so Khmer subscripts, Burmese medials
//! and Thai/Lao stacked marks come out as Chromium draws them.
//!
//! All the region's scripts are left-to-right, so runs are laid out in logical order.
use super::fonts::{FaceKey, Family, Fonts};
use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer};
use std::cell::RefCell;
use unicode_script::{Script, UnicodeScript};

/// A glyph placed relative to the start of its run, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    pub x: i32,
    pub y: i32,
    /// The single character this glyph stands for, when it is a plain 1:1 cmap glyph
    /// (a hint for the font's ToUnicode map; /ActualText carries the real text).
    pub char: Option<char>,
}

/// Text in one face, shaped.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub face: FaceKey,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Total advance, in font units.
    pub advance: i32,
    pub units_per_em: u16,
}

impl ShapedRun {
    /// Width in points at `size`.
    pub fn width(&self, size: f32) -> f32 {
        self.advance as f32 * size / f32::from(self.units_per_em)
    }
}

/// A line of text as runs, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShapedLine {
    pub text: String,
    pub runs: Vec<ShapedRun>,
}

impl ShapedLine {
    pub fn width(&self, size: f32) -> f32 {
        self.runs.iter().map(|r| r.width(size)).sum()
    }
}

/// The faces of a [`Fonts`] set, parsed for shaping (cheap: parsing is lazy).
pub struct Shaper<'f> {
    faces: Vec<(FaceKey, Face<'f>)>,
    /// Shape plans by face and script: building one (collecting the font's lookups) costs
    /// more than shaping a short run, and a document shapes thousands.
    plans: RefCell<Vec<(FaceKey, rustybuzz::Script, ShapePlan)>>,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f Fonts) -> Shaper<'f> {
        let faces = fonts
            .files()
            .iter()
            .filter_map(|f| Some((f.key, Face::from_slice(&f.data, f.index)?)))
            .collect();
        Shaper {
            faces,
            plans: RefCell::new(Vec::new()),
        }
    }

    fn face(&self, key: FaceKey) -> Option<&Face<'f>> {
        let regular = FaceKey { bold: false, ..key };
        self.faces
            .iter()
            .find(|(k, _)| *k == key)
            .or_else(|| self.faces.iter().find(|(k, _)| *k == regular))
            .map(|(_, f)| f)
    }

    /// The horizontal advance of glyph `gid` of face `key` (None when the face has no
    /// metrics for it), with the face's units per em; None without the face.
    pub(crate) fn advance(&self, key: FaceKey, gid: u16) -> Option<(Option<u16>, u16)> {
        let face = self.face(key)?;
        Some((
            face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid)),
            u16::try_from(face.units_per_em()).unwrap_or(1000),
        ))
    }

    /// (ascender, descender) of a face as fractions of the em, descender positive.
    pub fn metrics(&self, key: FaceKey) -> (f32, f32) {
        match self.face(key) {
            Some(f) => {
                let upem = f.units_per_em().max(1) as f32;
                (
                    f32::from(f.ascender()) / upem,
                    -f32::from(f.descender()) / upem,
                )
            }
            None => (1.0, 0.3),
        }
    }

    fn covers(&self, family: Family, c: char) -> bool {
        self.face(FaceKey {
            family,
            bold: false,
        })
        .is_some_and(|f| f.glyph_index(c).is_some())
    }

    /// Shapes `text` as one line (no wrapping).
    pub fn shape(&self, text: &str, bold: bool) -> ShapedLine {
        let runs = self
            .itemize(text)
            .into_iter()
            .filter_map(|(family, range)| self.shape_run(FaceKey { family, bold }, &text[range]))
            .collect();
        ShapedLine {
            text: text.to_string(),
            runs,
        }
    }

    /// Width in points of `text` on one line.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.shape(text, bold).width(size)
    }

    /// Splits `text` into (family, byte range) runs by Unicode script. Common and inherited
    /// characters (spaces, digits, punctuation, combining marks) stay with their neighbours,
    /// unless that face lacks them: then the first family that has the glyph takes them.
    pub fn itemize(&self, text: &str) -> Vec<(Family, std::ops::Range<usize>)> {
        let mut runs: Vec<(Family, std::ops::Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let family = match (script_family(c), runs.last()) {
                (Some(f), _) => f,
                // Joiners and other invisible format characters stay in the run they act on
                // (ZWJ/ZWNJ steer Khmer and Burmese shaping); the shaper hides them.
                (None, Some((f, _))) if self.covers(*f, c) || is_format(c) => *f,
                (None, _) => self.fallback(c),
            };
            match runs.last_mut() {
                Some((f, range)) if *f == family => range.end = end,
                _ => runs.push((family, i..end)),
            }
        }
        // Leading neutral characters join the first script run when its face has them.
        if runs.len() > 1 && script_family_of(text, runs[0].1.clone()).is_none() {
            let (family, rest) = runs[1].clone();
            if text[runs[0].1.clone()]
                .chars()
                .all(|c| self.covers(family, c))
            {
                runs[0] = (family, runs[0].1.start..rest.end);
                runs.remove(1);
            }
        }
        runs
    }

    fn fallback(&self, c: char) -> Family {
        Family::ALL
            .into_iter()
            .find(|f| self.covers(*f, c))
            .unwrap_or(Family::Latin)
    }

    fn shape_run(&self, key: FaceKey, text: &str) -> Option<ShapedRun> {
        let face = self.face(key)?;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.guess_segment_properties();
        let script = buffer.script();
        let cached =
            |(k, s, _): &(FaceKey, rustybuzz::Script, ShapePlan)| *k == key && *s == script;
        if !self.plans.borrow().iter().any(cached) {
            let known = (script != rustybuzz::script::UNKNOWN).then_some(script);
            let language = buffer.language();
            let plan = ShapePlan::new(face, Direction::LeftToRight, known, language.as_ref(), &[]);
            self.plans.borrow_mut().push((key, script, plan));
        }
        let plans = self.plans.borrow();
        let plan = plans.iter().find(|p| cached(p)).map(|(_, _, plan)| plan)?;
        let output = rustybuzz::shape_with_plan(face, plan, buffer);
        let infos = output.glyph_infos();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut pen = 0;
        for (n, (info, pos)) in infos.iter().zip(output.glyph_positions()).enumerate() {
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            glyphs.push(Glyph {
                gid,
                x: pen + pos.x_offset,
                y: pos.y_offset,
                char: plain_char(face, text, infos, n, gid),
            });
            pen += pos.x_advance;
        }
        Some(ShapedRun {
            face: key,
            text: text.to_string(),
            glyphs,
            advance: pen,
            units_per_em: u16::try_from(face.units_per_em()).unwrap_or(1000),
        })
    }
}

/// The character of a glyph that is alone in its one-character cluster and is that
/// character's default glyph.
fn plain_char(
    face: &Face<'_>,
    text: &str,
    infos: &[rustybuzz::GlyphInfo],
    n: usize,
    gid: u16,
) -> Option<char> {
    let cluster = infos[n].cluster;
    let shared = |m: Option<usize>| {
        m.and_then(|m| infos.get(m))
            .is_some_and(|i| i.cluster == cluster)
    };
    if shared(n.checked_sub(1)) || shared(Some(n + 1)) {
        return None;
    }
    let mut chars = text.get(cluster as usize..)?.chars();
    let c = chars.next()?;
    // Left-to-right clusters ascend, so the next glyph starts the next cluster.
    let alone = match infos.get(n + 1) {
        Some(next) => cluster as usize + c.len_utf8() == next.cluster as usize,
        None => chars.next().is_none(),
    };
    (alone && face.glyph_index(c).map(|g| g.0) == Some(gid)).then_some(c)
}

/// Zero-width format characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, variation
/// selectors.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{FE00}'..='\u{FE0F}')
}

/// The family of the first character of `text[range]` that has a script of its own.
fn script_family_of(text: &str, range: std::ops::Range<usize>) -> Option<Family> {
    text.get(range)?.chars().find_map(script_family)
}

/// The family a character's script demands, or `None` for neutral characters.
fn script_family(c: char) -> Option<Family> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        Script::Thai => Some(Family::Thai),
        Script::Khmer => Some(Family::Khmer),
        Script::Lao => Some(Family::Lao),
        Script::Myanmar => Some(Family::Myanmar),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo | Script::Hangul => {
            Some(Family::Cjk)
        }
        _ => Some(Family::Latin),
    }
}
