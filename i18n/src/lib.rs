//! Every string a person reads, on a page or in an e-mail, comes from a catalogue in
//! `i18n/locales/<tag>.ftl`, written in a small subset of Fluent (`key = text`, `{ $name }`
//! placeholders, and selections on a count for plural forms, see [`select`]) so translators
//! edit plain files, never Rust.
//!
//! This crate holds the catalogues, the lookup and the per-language dates and numbers
//! ([`dates`]); the pages (`app::i18n`) and the e-mails (`domain`) both read it, so one
//! catalogue serves both. No dependency beyond serde and chrono: it also builds for the browser.
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub mod dates;
pub mod select;
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

    /// A message in this language (see [`message`]).
    pub fn text(self, key: &str) -> String {
        message(self, key, &[])
    }

    /// A message in this language with its `{ $name }` placeholders filled in.
    pub fn text_args(self, key: &str, args: &[(&str, &str)]) -> String {
        message(self, key, args)
    }
}

type Catalogue = HashMap<&'static str, &'static str>;

/// Parses the Fluent subset: `key = value` lines, a value continued on indented lines (as a
/// selection's variants are), `#` comments, blank lines. Each message is checked (see
/// [`select`]); the value is kept as written, continuation lines included.
pub fn parse_catalogue(source: &'static str) -> Result<Catalogue, String> {
    let mut map = Catalogue::new();
    // The message being read: key, where its value starts and ends, and its line.
    let mut current: Option<(&'static str, usize, usize, usize)> = None;
    let mut finish = |current: Option<(&'static str, usize, usize, usize)>| {
        let Some((key, start, end, line)) = current else {
            return Ok(());
        };
        let value = source[start..end].trim();
        select::check(value).map_err(|e| format!("line {line}: {key}: {e}"))?;
        if map.insert(key, value).is_some() {
            return Err(format!("line {line}: duplicate key {key}"));
        }
        Ok(())
    };
    let mut offset = 0;
    for (number, raw) in source.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match current.as_mut() {
                Some(message) => message.2 = start + line.len(),
                None => {
                    return Err(format!(
                        "line {}: indented text outside a message",
                        number + 1
                    ))
                }
            }
            continue;
        }
        finish(current.take())?;
        if line.starts_with('#') {
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
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
        let value_start = start + line.find('=').map_or(0, |i| i + 1);
        current = Some((key, value_start, start + line.len(), number + 1));
    }
    finish(current)?;
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

/// A message in `locale` ready to read: looked up (see [`lookup`]), its selections
/// resolved for `args` by that language's plural rules, its placeholders filled.
pub fn message(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(select::resolve(locale, &lookup(locale, key), args), args)
}

/// Looks a message up in the given language, falling back to English, then to the key: the
/// message as written in the catalogue (selections unresolved).
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

    /// The catalogues are Fluent: the reference parser reads every one without an error, finds
    /// the same keys, and a selection wherever ours finds one.
    #[test]
    fn the_catalogues_are_fluent() {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
        for (locale, source) in CATALOGUES {
            let resource = fluent_syntax::parser::parse(*source)
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", locale.tag()));
            let ours = parse_catalogue(source).expect("catalogue parses");
            let mut keys = 0;
            for entry in &resource.body {
                let Entry::Message(m) = entry else { continue };
                keys += 1;
                let ours = ours
                    .get(m.id.name)
                    .unwrap_or_else(|| panic!("{}: {} unread", locale.tag(), m.id.name));
                let selects = m.value.iter().flat_map(|p| &p.elements).any(|e| {
                    matches!(
                        e,
                        PatternElement::Placeable {
                            expression: Expression::Select { .. }
                        }
                    )
                });
                assert_eq!(
                    selects,
                    ours.contains("->"),
                    "{}: {}",
                    locale.tag(),
                    m.id.name
                );
                for e in m.value.iter().flat_map(|p| &p.elements) {
                    if let PatternElement::Placeable {
                        expression: Expression::Inline(inline),
                    } = e
                    {
                        assert!(
                            matches!(inline, InlineExpression::VariableReference { .. }),
                            "{}: {}: only `{{ $name }}` placeholders",
                            locale.tag(),
                            m.id.name
                        );
                    }
                }
            }
            assert_eq!(keys, ours.len(), "{}", locale.tag());
        }
    }

    #[test]
    fn a_message_continues_on_indented_lines() {
        let source = "a = One { $n ->\n    [one] { $n } thing\n   *[other] { $n } things\n  }.\n# note\nb = Two\n";
        let parsed = parse_catalogue(source).expect("parses");
        assert_eq!(parsed.get("b"), Some(&"Two"));
        let a = parsed.get("a").expect("a");
        assert_eq!(
            select::resolve(Locale::En, a, &[("n", "1")]),
            "One { $n } thing."
        );
        assert!(parse_catalogue("  indented = orphan").is_err());
        assert!(
            parse_catalogue("a = { $n ->\n  [one] x\n}").is_err(),
            "no default"
        );
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
