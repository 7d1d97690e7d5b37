//! Every string a person reads, on a page or in an e-mail, comes from a catalogue in
//! `i18n/locales/<tag>.ftl`, written in the simple message subset of Fluent (`key = text`,
//! `{ $name }` placeholders) so translators edit plain files, never Rust.
//!
//! This crate holds the catalogues, the lookup and the per-language dates and numbers
//! ([`dates`]); the pages (`app::i18n`) and the e-mails (`domain`) both read it, so one
//! catalogue serves both. No dependency beyond serde and chrono: it also builds for the browser.
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub mod dates;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

/// One of the network's seven languages: the interface's, an e-mail's, a document's and the
/// language event content is translated into are all this one type. English is the default
/// and the original of translated content. Serialised as its tag (`"th"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
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
    (Locale::En, include_str!("../locales/en.ftl")),
    (Locale::Th, include_str!("../locales/th.ftl")),
    (Locale::My, include_str!("../locales/my.ftl")),
    (Locale::Km, include_str!("../locales/km.ftl")),
    (Locale::Lo, include_str!("../locales/lo.ftl")),
    (Locale::Vi, include_str!("../locales/vi.ftl")),
    (Locale::Zh, include_str!("../locales/zh.ftl")),
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
    /// The languages event content is translated into (all but English, the original).
    pub const TRANSLATED: &'static [Locale] = &[
        Locale::Th,
        Locale::My,
        Locale::Km,
        Locale::Lo,
        Locale::Vi,
        Locale::Zh,
    ];

    /// BCP 47 tag, used for `<html lang>`, the `lang` cookie and `registrations.locale`.
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

    /// A tag like `th`, `th-TH` or `ZH_Hans` (case-insensitive); None for other languages.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::ALL.iter().copied().find(|l| l.tag() == primary)
    }

    /// The language stored with a tag (e.g. `registrations.locale`); English when unknown.
    pub fn from_tag_or_english(tag: &str) -> Locale {
        Locale::from_tag(tag).unwrap_or_default()
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

    /// A message in this language (see [`lookup`]).
    pub fn text(self, key: &str) -> String {
        lookup(self, key)
    }

    /// A message in this language with its `{ $name }` placeholders filled in.
    pub fn text_args(self, key: &str, args: &[(&str, &str)]) -> String {
        fill(lookup(self, key), args)
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

/// Fills `{ $name }` placeholders.
pub fn fill(mut text: String, args: &[(&str, &str)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{ ${name} }}"), value);
    }
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Every `"email-…"` key the e-mails (built in `domain`) ask for exists in every catalogue.
    #[test]
    fn every_email_key_used_by_the_domain_exists_in_every_catalogue() {
        let mut used = Vec::new();
        let domain = concat!(env!("CARGO_MANIFEST_DIR"), "/../domain/src");
        for (_, text) in testing::files_below(std::path::Path::new(domain)) {
            for (at, _) in text.match_indices("\"email-") {
                // A message key: an argument of `text(`/`text_args(` or a match arm's
                // value, not e.g. the `email-taken` validation code.
                let before = text[..at].trim_end();
                if !(before.ends_with('(') || before.ends_with("=>")) {
                    continue;
                }
                let rest = &text[at + 1..];
                if let Some(key) = rest.split('"').next() {
                    // Keys built with format!("email-…-{x}") are checked by the e-mail tests.
                    if !key.contains('{') && !key.ends_with('-') {
                        used.push(key.to_owned());
                    }
                }
            }
        }
        assert!(used.len() > 10, "the e-mails read the catalogue: {used:?}");
        for (locale, source) in CATALOGUES {
            let parsed = parse_catalogue(source).expect("catalogue parses");
            for key in &used {
                assert!(
                    parsed.contains_key(key.as_str()),
                    "{} lacks {key}",
                    locale.tag()
                );
            }
        }
    }

    #[test]
    fn unknown_tags_fall_back_to_english_and_text_fills_placeholders() {
        assert_eq!(Locale::from_tag_or_english("fr"), Locale::En);
        assert_eq!(Locale::from_tag_or_english("km-KH"), Locale::Km);
        assert_eq!(
            Locale::En.text_args("email-dear", &[("name", "Dara")]),
            "Dear Dara,"
        );
        assert_eq!(Locale::Th.text("no-such-key"), "no-such-key");
        assert_eq!(Locale::from_tag("th-TH"), Some(Locale::Th));
        assert_eq!(Locale::from_tag("ZH_Hans"), Some(Locale::Zh));
        assert_eq!(Locale::from_tag("fr"), None);
    }
}
