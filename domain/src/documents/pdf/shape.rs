//! Script runs and shaping: a string becomes runs of positioned glyphs, each in the face of
//! its script, shaped by rustybuzz (HarfBuzz's algorithm) so Khmer subscripts, Burmese medials
//! and Thai/Lao stacked marks come out as Chromium draws them.
//!
//! Runs are laid out in logical order on a left-to-right line; a run in a right-to-left
//! script (Arabic, Hebrew, Hanifi Rohingya, …) is shaped right to left, so a name in one of
//! them reads correctly (a line mixing directions is not reordered as a whole).
//!
//! A character no face has is drawn as U+FFFD (a visible "�", never an empty box) and
//! remembered, so the document can name it in the log.
use super::fonts::{FaceKey, Family, Fonts};
use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer};
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeSet;
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

/// At most this many distinct missing characters are remembered per document.
const MISSING_KEPT: usize = 64;

/// The faces of a [`Fonts`] set, parsed for shaping (cheap: parsing is lazy).
pub struct Shaper<'f> {
    fonts: &'f Fonts,
    faces: Vec<(FaceKey, Face<'f>)>,
    /// Fallback faces, regular and bold, parsed (and their files read) on first use.
    extras: Vec<[OnceCell<Option<Face<'f>>>; 2]>,
    /// The family chosen for each script met so far.
    scripts: RefCell<Vec<(Script, Option<Family>)>>,
    /// Characters drawn as U+FFFD because no face has them.
    missing: RefCell<BTreeSet<char>>,
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
            fonts,
            faces,
            extras: fonts
                .fallbacks()
                .iter()
                .map(|_| [OnceCell::new(), OnceCell::new()])
                .collect(),
            scripts: RefCell::new(Vec::new()),
            missing: RefCell::new(BTreeSet::new()),
            plans: RefCell::new(Vec::new()),
        }
    }

    /// Characters no installed font has, met so far (at most 64), drawn as U+FFFD.
    pub fn missing(&self) -> Vec<char> {
        self.missing.borrow().iter().copied().collect()
    }

    fn face(&self, key: FaceKey) -> Option<&Face<'f>> {
        if let Family::Extra(n) = key.family {
            let extra = |bold: bool| {
                self.extras.get(usize::from(n))?[usize::from(bold)]
                    .get_or_init(|| {
                        let file = self.fonts.fallback_file(n, bold)?;
                        Face::from_slice(&file.data, file.index)
                    })
                    .as_ref()
            };
            return extra(key.bold).or_else(|| extra(false));
        }
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
            let family = match (self.script_family(c), runs.last()) {
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
        if runs.len() > 1 && self.script_family_of(text, runs[0].1.clone()).is_none() {
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

    /// The face for a character its script's face lacks, or of no script: the core faces,
    /// then the symbol faces; Latin (which draws it as U+FFFD) when none has it.
    fn fallback(&self, c: char) -> Family {
        let symbols = ["Symbols", "Symbols2", "Math"]
            .into_iter()
            .filter_map(|name| self.fonts.fallback_for(name).map(Family::Extra));
        Family::CORE
            .into_iter()
            .chain(symbols)
            .find(|f| self.covers(*f, c))
            .unwrap_or(Family::Latin)
    }

    /// The family of the first character of `text[range]` that has a script of its own.
    fn script_family_of(&self, text: &str, range: std::ops::Range<usize>) -> Option<Family> {
        text.get(range)?.chars().find_map(|c| self.script_family(c))
    }

    /// The family a character's script demands, or `None` for neutral characters: the
    /// region's faces for its scripts, else the fallback face made for the script when it
    /// has the character, else the first face that has it.
    fn script_family(&self, c: char) -> Option<Family> {
        let script = c.script();
        let family = match script {
            Script::Common | Script::Inherited | Script::Unknown => return None,
            Script::Latin | Script::Greek | Script::Cyrillic => Family::Latin,
            Script::Thai => Family::Thai,
            Script::Khmer => Family::Khmer,
            Script::Lao => Family::Lao,
            Script::Myanmar => Family::Myanmar,
            Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Bopomofo
            | Script::Hangul => Family::Cjk,
            _ => {
                let known = self
                    .scripts
                    .borrow()
                    .iter()
                    .find(|(s, _)| *s == script)
                    .map(|(_, f)| *f);
                let own = match known {
                    Some(own) => own,
                    None => {
                        let own = self
                            .fonts
                            .fallback_for(script.full_name())
                            .map(Family::Extra);
                        self.scripts.borrow_mut().push((script, own));
                        own
                    }
                };
                match own {
                    Some(family) if self.covers(family, c) => family,
                    _ => self.fallback(c),
                }
            }
        };
        Some(family)
    }

    fn shape_run(&self, key: FaceKey, text: &str) -> Option<ShapedRun> {
        let face = self.face(key)?;
        let direction = if text.chars().any(|c| right_to_left(c.script())) {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(direction);
        buffer.guess_segment_properties();
        let script = buffer.script();
        let cached =
            |(k, s, _): &(FaceKey, rustybuzz::Script, ShapePlan)| *k == key && *s == script;
        if !self.plans.borrow().iter().any(cached) {
            let known = (script != rustybuzz::script::UNKNOWN).then_some(script);
            let language = buffer.language();
            let plan = ShapePlan::new(face, direction, known, language.as_ref(), &[]);
            self.plans.borrow_mut().push((key, script, plan));
        }
        let plans = self.plans.borrow();
        let plan = plans.iter().find(|p| cached(p)).map(|(_, _, plan)| plan)?;
        let output = rustybuzz::shape_with_plan(face, plan, buffer);
        let infos = output.glyph_infos();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut pen = 0;
        let replacement = face
            .glyph_index('\u{FFFD}')
            .or_else(|| face.glyph_index('?'));
        for (n, (info, pos)) in infos.iter().zip(output.glyph_positions()).enumerate() {
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            if gid == 0 {
                // No face has this character: a visible U+FFFD where the font would draw an
                // empty box, and the character remembered for the log.
                if let Some(c) = text
                    .get(info.cluster as usize..)
                    .and_then(|t| t.chars().next())
                {
                    let mut missing = self.missing.borrow_mut();
                    if missing.len() < MISSING_KEPT {
                        missing.insert(c);
                    }
                }
                if let Some(sub) = replacement {
                    glyphs.push(Glyph {
                        gid: sub.0,
                        x: pen,
                        y: 0,
                        char: None,
                    });
                    pen += i32::from(face.glyph_hor_advance(sub).unwrap_or(0));
                    continue;
                }
            }
            let char = match direction {
                Direction::LeftToRight => plain_char(face, text, infos, n, gid),
                _ => None,
            };
            glyphs.push(Glyph {
                gid,
                x: pen + pos.x_offset,
                y: pos.y_offset,
                char,
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

/// Scripts written right to left.
fn right_to_left(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic
            | Script::Hebrew
            | Script::Syriac
            | Script::Thaana
            | Script::Nko
            | Script::Samaritan
            | Script::Mandaic
            | Script::Adlam
            | Script::Hanifi_Rohingya
            | Script::Mende_Kikakui
            | Script::Imperial_Aramaic
            | Script::Old_South_Arabian
            | Script::Old_North_Arabian
            | Script::Nabataean
            | Script::Palmyrene
            | Script::Hatran
            | Script::Phoenician
            | Script::Kharoshthi
            | Script::Avestan
            | Script::Inscriptional_Parthian
            | Script::Inscriptional_Pahlavi
            | Script::Psalter_Pahlavi
            | Script::Manichaean
            | Script::Lydian
            | Script::Cypriot
            | Script::Old_Hungarian
            | Script::Sogdian
            | Script::Old_Sogdian
            | Script::Elymaic
            | Script::Yezidi
    )
}
