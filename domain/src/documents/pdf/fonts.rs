//! The font set: one Noto face per script family of the region, read from disk once, and
//! every other Noto face in the same folder as a fallback read on first use.
//!
//! Debian ships them in `fonts-noto-core` (Latin/Vietnamese, Thai, Khmer, Lao, Myanmar and
//! about 170 other scripts: Tamil, Bengali, Devanagari, Sinhala, Arabic, …) and
//! `fonts-noto-cjk` (a `.ttc` collection; we pick the Simplified Chinese face, which also
//! has Japanese kana and Hangul). A missing core file is an error naming the file and the
//! package: printing tofu boxes would be worse. The fallbacks are only listed at start (a
//! directory listing); a document that needs one reads that file, once per process, so an
//! English-only PDF never loads them.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Directory overriding the Debian locations; every file is looked up directly inside it.
pub const FONT_DIR_ENV: &str = "SALA_FONT_DIR";

const CORE_DIR: &str = "/usr/share/fonts/truetype/noto";
const CJK_DIR: &str = "/usr/share/fonts/opentype/noto";
const CORE_PACKAGE: &str = "fonts-noto-core";
const CJK_PACKAGE: &str = "fonts-noto-cjk";

/// A script family with its own font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Latin, Vietnamese and everything not listed below.
    Latin,
    Thai,
    Khmer,
    Lao,
    Myanmar,
    /// Chinese (Noto Sans CJK SC), also used for Japanese and Korean.
    Cjk,
    /// A fallback face, by its place in [`Fonts::fallbacks`].
    Extra(u16),
}

impl Family {
    /// The families loaded at start.
    pub const CORE: [Family; 6] = [
        Family::Latin,
        Family::Thai,
        Family::Khmer,
        Family::Lao,
        Family::Myanmar,
        Family::Cjk,
    ];
}

/// One loaded face: a family in a weight. CJK has no bold here (its bold file is 20 MB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceKey {
    pub family: Family,
    pub bold: bool,
}

/// The file (and face in a collection) behind each key, and the package that installs it.
fn face_file(key: FaceKey) -> (&'static str, &'static str, &'static str) {
    let (file, bold_file) = match key.family {
        Family::Latin => ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        Family::Thai => ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
        Family::Khmer => ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
        Family::Lao => ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
        Family::Myanmar => ("NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"),
        Family::Cjk => return ("NotoSansCJK-Regular.ttc", CJK_DIR, CJK_PACKAGE),
        Family::Extra(_) => unreachable!("fallback faces are found by listing the folder"),
    };
    let file = if key.bold { bold_file } else { file };
    (file, CORE_DIR, CORE_PACKAGE)
}

/// Why the font set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error(
        "font file {path} is missing: install the Debian package {package} (or set {FONT_DIR_ENV})"
    )]
    Missing {
        path: PathBuf,
        package: &'static str,
    },
    #[error("cannot read font file {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("font file {path} is not a usable font ({detail})")]
    Invalid { path: PathBuf, detail: String },
}

/// A font file in memory, with the face index to use inside it.
#[derive(Debug)]
pub struct FontFile {
    pub key: FaceKey,
    pub path: PathBuf,
    pub index: u32,
    pub data: Vec<u8>,
}

/// A fallback face: found by listing the font folder, read when a document first needs it.
#[derive(Debug)]
pub struct Fallback {
    /// What the file is for, from its name: "Tamil", "Arabic", "Symbols2".
    pub name: String,
    paths: [Option<PathBuf>; 2],
    loaded: [OnceLock<Option<FontFile>>; 2],
}

/// Every face the PDF layer may use. Cheap to share (`&Fonts`); costly to load (~20 MB for the
/// core faces, plus whatever fallbacks documents have needed so far, at most the folder's size).
#[derive(Debug)]
pub struct Fonts {
    files: Vec<FontFile>,
    fallbacks: Vec<Fallback>,
    /// Fallback index by lower-case name without separators ("tamil", "newtailue").
    by_name: HashMap<String, u16>,
}

static SHARED: OnceLock<Fonts> = OnceLock::new();

impl Fonts {
    /// The process-wide font set, loaded on first use from [`FONT_DIR_ENV`] or Debian's paths.
    /// A failure is not cached, so installing the package fixes a running server.
    pub fn shared() -> Result<&'static Fonts, FontError> {
        if let Some(fonts) = SHARED.get() {
            return Ok(fonts);
        }
        let fonts = Fonts::load(std::env::var_os(FONT_DIR_ENV).map(PathBuf::from).as_deref())?;
        Ok(SHARED.get_or_init(|| fonts))
    }

    /// Loads all faces, from `dir` when given, otherwise from Debian's Noto directories.
    pub fn load(dir: Option<&Path>) -> Result<Fonts, FontError> {
        let mut files = Vec::new();
        for family in Family::CORE {
            for bold in [false, true] {
                let key = FaceKey { family, bold };
                if family == Family::Cjk && bold {
                    continue;
                }
                let (name, default_dir, package) = face_file(key);
                let path = dir.unwrap_or(Path::new(default_dir)).join(name);
                let data = match std::fs::read(&path) {
                    Ok(data) => data,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        return Err(FontError::Missing { path, package })
                    }
                    Err(source) => return Err(FontError::Unreadable { path, source }),
                };
                let index = face_index(key, &data, &path)?;
                files.push(FontFile {
                    key,
                    path,
                    index,
                    data,
                });
            }
        }
        let (fallbacks, by_name) = list_fallbacks(dir.unwrap_or(Path::new(CORE_DIR)));
        Ok(Fonts {
            files,
            fallbacks,
            by_name,
        })
    }

    /// The file for a face; bold falls back to regular where no bold face is loaded.
    pub fn file(&self, key: FaceKey) -> &FontFile {
        if let Family::Extra(n) = key.family {
            if let Some(file) = self
                .fallback_file(n, key.bold)
                .or_else(|| self.fallback_file(n, false))
            {
                return file;
            }
        }
        let regular = FaceKey { bold: false, ..key };
        self.files
            .iter()
            .find(|f| f.key == key)
            .or_else(|| self.files.iter().find(|f| f.key == regular))
            .unwrap_or(&self.files[0])
    }

    /// The core faces, loaded at start.
    pub fn files(&self) -> &[FontFile] {
        &self.files
    }

    /// The fallback faces found in the font folder (not necessarily read yet).
    pub fn fallbacks(&self) -> &[Fallback] {
        &self.fallbacks
    }

    /// How many fallback files have been read so far.
    pub fn fallbacks_read(&self) -> usize {
        self.fallbacks
            .iter()
            .flat_map(|f| &f.loaded)
            .filter(|l| l.get().is_some())
            .count()
    }

    /// The fallback made for a script, by the script's name ("Tamil", "New_Tai_Lue"): a Noto
    /// Sans face when the folder has one, else a Noto Serif one.
    pub fn fallback_for(&self, script: &str) -> Option<u16> {
        self.by_name.get(&squash(script)).copied()
    }

    /// Reads fallback `n` in a weight on first use; None when it has no such file or the file
    /// is not a usable font (logged once).
    pub fn fallback_file(&self, n: u16, bold: bool) -> Option<&FontFile> {
        let fallback = self.fallbacks.get(usize::from(n))?;
        let weight = usize::from(bold);
        fallback.loaded[weight]
            .get_or_init(|| {
                let path = fallback.paths[weight].clone()?;
                let read = std::fs::read(&path).map_err(|e| e.to_string());
                let checked = read.and_then(|data| {
                    rustybuzz::ttf_parser::Face::parse(&data, 0)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                        .map(|()| data)
                });
                match checked {
                    Ok(data) => Some(FontFile {
                        key: FaceKey {
                            family: Family::Extra(n),
                            bold,
                        },
                        path,
                        index: 0,
                        data,
                    }),
                    Err(e) => {
                        tracing::warn!(font = %path.display(), error = %e, "fallback font unusable");
                        None
                    }
                }
            })
            .as_ref()
    }
}

/// "New_Tai_Lue", "NewTaiLue", "new tai lue" → "newtailue".
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The Noto faces in `dir` other than the core ones: `NotoSans<Name>-Regular.ttf` (with its
/// `-Bold.ttf` when there is one), then `NotoSerif<Name>-Regular.ttf` for names no Sans face
/// has (Tibetan, Ahom, …). Symbols, Symbols2 and Math come first in the list: they are tried
/// for characters of no script.
fn list_fallbacks(dir: &Path) -> (Vec<Fallback>, HashMap<String, u16>) {
    const CORE: [&str; 5] = ["", "Thai", "Khmer", "Lao", "Myanmar"];
    let mut names: Vec<(u8, String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            for (rank, prefix) in [(1, "NotoSans"), (2, "NotoSerif")] {
                let Some(name) = file
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix("-Regular.ttf"))
                else {
                    continue;
                };
                if CORE.contains(&name) || name.starts_with("CJK") || name.starts_with("Mono") {
                    continue;
                }
                let rank = if matches!(name, "Symbols" | "Symbols2" | "Math") {
                    0
                } else {
                    rank
                };
                names.push((rank, name.to_string(), prefix.to_string()));
            }
        }
    }
    names.sort();
    let mut fallbacks = Vec::new();
    let mut by_name = HashMap::new();
    for (_, name, prefix) in names {
        let key = squash(&name);
        if by_name.contains_key(&key) || fallbacks.len() >= usize::from(u16::MAX) {
            continue;
        }
        let bold = dir.join(format!("{prefix}{name}-Bold.ttf"));
        by_name.insert(key, fallbacks.len() as u16);
        fallbacks.push(Fallback {
            paths: [
                Some(dir.join(format!("{prefix}{name}-Regular.ttf"))),
                bold.exists().then_some(bold),
            ],
            loaded: [OnceLock::new(), OnceLock::new()],
            name,
        });
    }
    (fallbacks, by_name)
}

/// Finds the face to use: 0 for a plain font, the "CJK SC" face in the CJK collection.
fn face_index(key: FaceKey, data: &[u8], path: &Path) -> Result<u32, FontError> {
    let invalid = |detail: &str| FontError::Invalid {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    let count = rustybuzz::ttf_parser::fonts_in_collection(data).unwrap_or(1);
    for index in 0..count {
        let face =
            rustybuzz::ttf_parser::Face::parse(data, index).map_err(|e| invalid(&e.to_string()))?;
        if key.family != Family::Cjk || family_name(&face).is_some_and(|n| n.ends_with("CJK SC")) {
            return Ok(index);
        }
    }
    Err(invalid("no Noto Sans CJK SC face in the collection"))
}

fn family_name(face: &rustybuzz::ttf_parser::Face<'_>) -> Option<String> {
    use rustybuzz::ttf_parser::name_id;
    face.names()
        .into_iter()
        .filter(|n| n.name_id == name_id::FAMILY && n.is_unicode())
        .find_map(|n| n.to_string())
}
