//! The font set: one Noto face per script family of the region, read from disk once.
//!
//! Debian ships them in `fonts-noto-core` (Latin/Vietnamese, Thai, Khmer, Lao, Myanmar) and
//! `fonts-noto-cjk` (a `.ttc` collection; we pick the Simplified Chinese face). A missing file
//! is an error naming the file and the package: printing tofu boxes would be worse.
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
}

impl Family {
    pub const ALL: [Family; 6] = [
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

/// Every face the PDF layer may use. Cheap to share (`&Fonts`); costly to load (~20 MB).
#[derive(Debug)]
pub struct Fonts {
    files: Vec<FontFile>,
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
        for family in Family::ALL {
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
        Ok(Fonts { files })
    }

    /// The file for a face; bold falls back to regular where no bold face is loaded.
    pub fn file(&self, key: FaceKey) -> &FontFile {
        let regular = FaceKey { bold: false, ..key };
        self.files
            .iter()
            .find(|f| f.key == key)
            .or_else(|| self.files.iter().find(|f| f.key == regular))
            .unwrap_or(&self.files[0])
    }

    /// All loaded faces.
    pub fn files(&self) -> &[FontFile] {
        &self.files
    }
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
