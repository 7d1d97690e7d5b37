//! Every string a person reads comes from a catalogue in `app/locales/<tag>.ftl`,
//! written in the simple message subset of Fluent (`key = text`, `{ $name }` placeholders)
//! so translators edit plain files, never Rust.
use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Th,
    My,
    Km,
    Lo,
    Vi,
    Zh,
}

/// Each supported language with its catalogue source.
pub const CATALOGUES: &[(Locale, &str)] = &[
    (Locale::En, include_str!("../../locales/en.ftl")),
    (Locale::Th, include_str!("../../locales/th.ftl")),
    (Locale::My, include_str!("../../locales/my.ftl")),
    (Locale::Km, include_str!("../../locales/km.ftl")),
    (Locale::Lo, include_str!("../../locales/lo.ftl")),
    (Locale::Vi, include_str!("../../locales/vi.ftl")),
    (Locale::Zh, include_str!("../../locales/zh.ftl")),
];

impl Locale {
    pub const ALL: &'static [Locale] = &[
        Locale::En,
        Locale::Th,
        Locale::My,
        Locale::Km,
        Locale::Lo,
        Locale::Vi,
        Locale::Zh,
    ];

    /// BCP 47 tag, used for `<html lang>` and the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Th => "th",
            Locale::My => "my",
            Locale::Km => "km",
            Locale::Lo => "lo",
            Locale::Vi => "vi",
            Locale::Zh => "zh",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Th => "ไทย",
            Locale::My => "မြန်မာ",
            Locale::Km => "ខ្មែរ",
            Locale::Lo => "ລາວ",
            Locale::Vi => "Tiếng Việt",
            Locale::Zh => "中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::ALL.iter().copied().find(|l| l.tag() == primary)
    }

    /// The first supported language of an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked
            .into_iter()
            .find_map(|(_, tag)| Locale::from_tag(tag))
    }

    /// The language of the current request (server) or page (browser).
    pub fn current() -> Locale {
        if let Some(locale) = use_context::<Locale>() {
            return locale;
        }
        Self::detect().unwrap_or_default()
    }

    #[cfg(feature = "ssr")]
    fn detect() -> Option<Locale> {
        let parts = use_context::<http::request::Parts>()?;
        let from_cookie = parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang="))
            .and_then(Locale::from_tag);
        from_cookie.or_else(|| {
            parts
                .headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
    }

    #[cfg(not(feature = "ssr"))]
    fn detect() -> Option<Locale> {
        None
    }
}

type Catalogue = HashMap<&'static str, &'static str>;

/// Parses the Fluent message subset: `key = value` lines, `#` comments, blank lines.
pub fn parse_catalogue(source: &'static str) -> Result<Catalogue, String> {
    let mut map = Catalogue::new();
    for (number, line) in source.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `key = text`", number + 1));
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!("line {}: bad key {key:?}", number + 1));
        }
        if map.insert(key, value.trim()).is_some() {
            return Err(format!("line {}: duplicate key {key}", number + 1));
        }
    }
    Ok(map)
}

fn catalogue(locale: Locale) -> &'static Catalogue {
    static CACHE: OnceLock<Vec<(Locale, Catalogue)>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        CATALOGUES
            .iter()
            .map(|(l, src)| (*l, parse_catalogue(src).unwrap_or_default()))
            .collect()
    });
    static EMPTY: OnceLock<Catalogue> = OnceLock::new();
    all.iter()
        .find(|(l, _)| *l == locale)
        .map(|(_, c)| c)
        .unwrap_or_else(|| EMPTY.get_or_init(Catalogue::new))
}

/// Looks a message up in the given language, falling back to English, then to the key.
pub fn lookup(locale: Locale, key: &str) -> String {
    catalogue(locale)
        .get(key)
        .or_else(|| catalogue(Locale::En).get(key))
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| key.to_owned())
}

/// A message in the current language.
pub fn t(key: &str) -> String {
    lookup(Locale::current(), key)
}

/// A message with `{ $name }` placeholders filled in.
pub fn t_args(key: &str, args: &[(&str, &str)]) -> String {
    let mut text = t(key);
    for (name, value) in args {
        text = text.replace(&format!("{{ ${name} }}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_a_supported_language() {
        assert_eq!(
            Locale::from_accept_language("th-TH,th;q=0.9,en;q=0.8"),
            Some(Locale::Th)
        );
        assert_eq!(
            Locale::from_accept_language("fr;q=1,km;q=0.5,en;q=0.4"),
            Some(Locale::Km)
        );
        assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::Zh));
        assert_eq!(Locale::from_accept_language("fr"), None);
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
    }

    #[test]
    fn catalogues_parse_and_share_keys() {
        let english = parse_catalogue(CATALOGUES[0].1).expect("English catalogue parses");
        for (locale, source) in CATALOGUES {
            let parsed = parse_catalogue(source).expect("catalogue parses");
            for key in english.keys() {
                assert!(parsed.contains_key(key), "{} lacks {key}", locale.tag());
            }
        }
        assert!(parse_catalogue("no equals sign").is_err());
        assert!(parse_catalogue("a = 1\na = 2").is_err());
    }

    /// Every key the code asks for exists in the English catalogue.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let english = parse_catalogue(CATALOGUES[0].1).expect("English catalogue parses");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source dir readable") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source readable");
                for marker in ["t(\"", "tr(\"", "t_args(\""] {
                    for (at, _) in text.match_indices(marker) {
                        // Only calls of these functions, not e.g. `.get("…")`.
                        let before = text[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                            continue;
                        }
                        let rest = &text[at + marker.len()..];
                        if let Some(key) = rest.split('"').next() {
                            if !english.contains_key(key) {
                                missing.push(format!("{}: {key}", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys missing from en.ftl: {missing:#?}");
    }

    /// Keys built from enum values (`kind-…`, `session-kind-…`, …) exist for every value.
    #[test]
    fn every_enum_value_has_a_label() {
        use domain::types::{EventKind, Role, SessionKind, SessionRole};
        let english = parse_catalogue(CATALOGUES[0].1).expect("English catalogue parses");
        let mut keys: Vec<String> = Vec::new();
        keys.extend(
            EventKind::ALL
                .iter()
                .map(|k| format!("kind-{}", k.as_str())),
        );
        keys.extend(
            SessionKind::ALL
                .iter()
                .map(|k| format!("session-kind-{}", k.as_str())),
        );
        keys.extend(
            SessionRole::ALL
                .iter()
                .map(|k| format!("session-role-{}", k.as_str())),
        );
        keys.extend(Role::ALL.iter().map(|k| format!("role-{}", k.as_str())));
        keys.extend(
            ["organiser", "co_organiser", "supporter", "funder"].map(|r| format!("org-role-{r}")),
        );
        keys.extend((1..=7).map(|d| format!("weekday-{d}")));
        keys.extend((1..=12).map(|m| format!("month-{m}")));
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| !english.contains_key(k.as_str()))
            .collect();
        assert!(missing.is_empty(), "missing labels: {missing:?}");
    }

    /// Every validation message the domain can send has a translation (`error-<code>`).
    #[test]
    fn every_validation_message_has_a_translation() {
        let english = parse_catalogue(CATALOGUES[0].1).expect("English catalogue parses");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../domain/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("domain sources readable") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source readable");
                // `validation("field", "code")` and codes passed around as `"code"` constants
                // in message position: every quoted kebab-case word after a comma in a call.
                for call in text.split("validation(").skip(1) {
                    let args: Vec<&str> = call.split(')').next().unwrap_or("").split('"').collect();
                    if let Some(code) = args.get(3) {
                        if !code.is_empty()
                            && !english.contains_key(format!("error-{code}").as_str())
                        {
                            missing.push(format!("{}: {code}", path.display()));
                        }
                    }
                }
            }
        }
        for code in [
            "required",
            "too-long",
            "invalid-characters",
            "invalid-email",
            "password-too-short",
            "invalid-date",
            "invalid-time",
            "closes-before-opens",
            "invalid-datetime",
        ] {
            if !english.contains_key(format!("error-{code}").as_str()) {
                missing.push(code.to_owned());
            }
        }
        assert!(
            missing.is_empty(),
            "untranslated validation messages: {missing:#?}"
        );
    }
}
