//! The languages people speak and need interpreted, as a fixed list of codes: the seven
//! interface languages first, then the region's other languages. Stored as comma-separated
//! codes ("ms,ta,en"); pages name them through the catalogues (`language-{code}`), and the
//! checkbox labels add each language's own name so people find theirs in any interface.
use serde::{Deserialize, Deserializer};

/// Every language that can be chosen: (code, its name in its own script).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("th", "ไทย"),
    ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
    ("ms", "Bahasa Melayu"),
    ("id", "Bahasa Indonesia"),
    ("tl", "Filipino"),
    ("ta", "தமிழ்"),
    ("bn", "বাংলা"),
    ("hi", "हिन्दी"),
    ("ne", "नेपाली"),
    ("si", "සිංහල"),
    ("ko", "한국어"),
    ("ja", "日本語"),
    ("shn", "တႆး"),
    ("mnw", "ဘာသာမန်"),
    ("ksw", "ကညီ"),
    ("kac", "Jinghpaw"),
];

/// The code as listed, if it is one (case and spaces ignored).
pub fn known(code: &str) -> Option<&'static str> {
    let code = code.trim();
    LANGUAGES
        .iter()
        .map(|(c, _)| *c)
        .find(|c| c.eq_ignore_ascii_case(code))
}

/// The catalogue key of a language's name.
pub fn name_key(code: &str) -> String {
    format!("language-{code}")
}

/// "Thai (th)": a listed language's name (`name` looks up a catalogue key) with its code; any
/// other value (a session's language typed before the list existed) as it is.
pub fn labelled(code: &str, name: impl Fn(&str) -> String) -> String {
    match known(code) {
        Some(c) => format!("{} ({c})", name(&name_key(c))),
        None => code.trim().to_owned(),
    }
}

/// Position in [`LANGUAGES`] (unknown codes last), to list languages in one order everywhere.
pub fn rank(code: &str) -> usize {
    LANGUAGES
        .iter()
        .position(|(c, _)| *c == code)
        .unwrap_or(LANGUAGES.len())
}

/// The codes in a stored list ("ms,ta,en"), as stored; empty items dropped.
pub fn split(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list of codes as a form sends it, cleaned: known codes only, each once, in list order.
/// `Err` carries the first item that is no listed code.
pub fn parse_codes(raw: &str) -> Result<Vec<&'static str>, String> {
    let mut out: Vec<&'static str> = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let code = known(item).ok_or_else(|| item.to_owned())?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out.sort_by_key(|c| rank(c));
    Ok(out)
}

/// A form field holding a list of codes, sent either as text ("ms,ta") or as one checkbox per
/// language (`form[languages][ms]=on`): both become the comma-separated codes, the ticked
/// boxes' names in order. Checking the codes is left to the service, which names the field.
pub fn codes_or_ticks<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Sent {
        Text(String),
        Ticks(std::collections::BTreeMap<String, String>),
    }
    Ok(match Sent::deserialize(d)? {
        Sent::Text(text) => text,
        Sent::Ticks(ticks) => ticks
            .into_iter()
            .filter(|(_, v)| !matches!(v.trim(), "" | "off" | "0" | "false"))
            .map(|(k, _)| k)
            .collect::<Vec<_>>()
            .join(","),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_cleaned_or_the_bad_one_named() {
        assert_eq!(parse_codes(" TA, ms,en,ms,"), Ok(vec!["en", "ms", "ta"]));
        assert_eq!(parse_codes(""), Ok(vec![]));
        assert_eq!(parse_codes("ms,Burmese"), Err("Burmese".to_owned()));
        assert_eq!(LANGUAGES.len(), 21);
        assert_eq!(labelled("TH", |k| k.to_owned()), "language-th (th)");
        assert_eq!(labelled(" Karenni ", |k| k.to_owned()), "Karenni");
    }

    #[test]
    fn a_form_sends_text_or_ticks() {
        #[derive(Deserialize)]
        struct F {
            #[serde(deserialize_with = "codes_or_ticks")]
            l: String,
        }
        let text: F = serde_json::from_str(r#"{"l":"ms,ta"}"#).unwrap_or(F { l: "?".into() });
        assert_eq!(text.l, "ms,ta");
        let ticks: F = serde_json::from_str(r#"{"l":{"ta":"on","en":"on","th":""}}"#)
            .unwrap_or(F { l: "?".into() });
        assert_eq!(ticks.l, "en,ta");
    }
}
