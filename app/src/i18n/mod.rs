//! Every string a person reads comes from a catalogue in `i18n/locales/<tag>.ftl`,
//! written in a small subset of Fluent (`key = text`, `{ $name }` placeholders, plural
//! forms chosen by a count) so translators edit plain files, never Rust. The catalogues, their parser and the
//! per-language dates live in the shared `i18n` crate (the e-mails built in `domain` read
//! them too); this module adds what depends on the request: its language and era.
pub use ::i18n::dates::DateFormat;
pub use ::i18n::{lookup, parse_catalogue, Locale, CATALOGUES};
use leptos::prelude::use_context;

/// The language of the current request (server) or page (browser): `Locale::current()`.
pub trait CurrentLocale {
    fn current() -> Locale;
}

impl CurrentLocale for Locale {
    fn current() -> Locale {
        if let Some(locale) = use_context::<Locale>() {
            return locale;
        }
        detect().unwrap_or_default()
    }
}

/// The language a request's headers ask for: the `lang` cookie (set by the language switch),
/// else the browser's `Accept-Language`. Pages and the server's file routes both read it here.
#[cfg(feature = "ssr")]
pub fn locale_in(headers: &http::HeaderMap) -> Option<Locale> {
    crate::server::cookie_in(headers, "lang")
        .as_deref()
        .and_then(Locale::from_tag)
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
}

/// Whether a request's headers carry the `era=be` cookie (Buddhist-era years).
#[cfg(feature = "ssr")]
pub fn buddhist_era_in(headers: &http::HeaderMap) -> bool {
    crate::server::cookie_in(headers, "era").as_deref() == Some("be")
}

#[cfg(feature = "ssr")]
fn detect() -> Option<Locale> {
    locale_in(&use_context::<http::request::Parts>()?.headers)
}

#[cfg(not(feature = "ssr"))]
fn detect() -> Option<Locale> {
    None
}

/// Whether this reader chose Buddhist-era years (the `era=be` cookie, set from the footer
/// of Thai pages through `/era/be`).
pub fn buddhist_era() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|p| buddhist_era_in(&p.headers))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// How dates read for the current reader: their language and era.
pub fn dates() -> DateFormat {
    DateFormat::new(Locale::current()).with_buddhist_era(buddhist_era())
}

/// A moment as staff screens show it: the date in the reader's language (and era), the
/// 24-hour time, "UTC".
pub fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} {} UTC",
        dates().date(at.date_naive()),
        at.format("%H:%M")
    )
}

/// A message in the current language.
pub fn t(key: &str) -> String {
    ::i18n::message(Locale::current(), key, &[])
}

/// A message with `{ $name }` placeholders filled in (and plural forms chosen by them).
pub fn t_args(key: &str, args: &[(&str, &str)]) -> String {
    ::i18n::message(Locale::current(), key, args)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ::i18n::testing::{english, files_below};

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
        let english = english();
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
        let english = english();
        let mut missing = Vec::new();
        let sources = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for (path, text) in files_below(Path::new(sources)) {
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
        assert!(missing.is_empty(), "keys missing from en.ftl: {missing:#?}");
    }

    /// Keys built from enum values (`kind-…`, `session-kind-…`, …) exist for every value.
    #[test]
    fn every_enum_value_has_a_label() {
        use domain::types::{EventKind, OrganisationRole, Role, SessionKind, SessionRole};
        let english = english();
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
            OrganisationRole::ALL
                .iter()
                .map(|r| format!("org-role-{}", r.as_str())),
        );
        keys.extend(
            domain::languages::LANGUAGES
                .iter()
                .map(|(code, _)| domain::languages::name_key(code)),
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
        let english = english();
        let mut missing = Vec::new();
        let domain = concat!(env!("CARGO_MANIFEST_DIR"), "/../domain/src");
        for (path, text) in files_below(Path::new(domain)) {
            // `validation("field", "code")` and codes passed around as `"code"` constants
            // in message position: every quoted kebab-case word after a comma in a call.
            for call in text.split("validation(").skip(1) {
                let args: Vec<&str> = call.split(')').next().unwrap_or("").split('"').collect();
                if let Some(code) = args.get(3) {
                    if !code.is_empty() && !english.contains_key(format!("error-{code}").as_str()) {
                        missing.push(format!("{}: {code}", path.display()));
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
