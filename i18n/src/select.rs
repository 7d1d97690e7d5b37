//! Fluent's select expressions on a count, so a message can say "1 training" and
//! "2 trainings":
//!
//! ```ftl
//! trainings = { $count ->
//!         [one] { $count } training
//!        *[other] { $count } trainings
//!     }
//! ```
//!
//! A variant is chosen as Fluent chooses it: a key equal to the number (`[0]`), else the
//! number's CLDR plural category in the message's language (`[one]`, `[other]`), else the
//! default (`*[…]`). Arguments arrive formatted (`1`, `1,200`, Thai or Burmese digits); the
//! category is read from that text as CLDR reads its operands from a decimal string.
//!
//! Of the network's seven languages only English has grammatical number: its cardinal
//! categories are `one` (the integer 1, no fraction digits shown) and `other`. Thai, Burmese,
//! Khmer, Lao, Vietnamese and Chinese have `other` alone, so their messages need no selector
//! (one form). The tests hold these rules against the CLDR data of `intl_pluralrules`, which
//! is not built into the pages: seven rules do not need the whole world's.
//!
//! Only what the catalogues use is read: `{ $name -> … }` with one variant per line and the
//! closing brace on a line of its own; text around it may continue on indented lines (joined
//! with a line break, as in Fluent).
use crate::Locale;

/// One piece of a message: text (with its `{ $name }` placeholders still in it), or a
/// selection among variants on the argument `var`.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Select {
        var: &'a str,
        variants: Vec<Variant<'a>>,
    },
}

#[derive(Debug, PartialEq, Eq)]
struct Variant<'a> {
    key: &'a str,
    default: bool,
    value: &'a str,
}

fn is_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Splits a message into its pieces, or says what is wrong with it.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let open = at + found;
        let rest = &text[open + 1..];
        let inner = rest.trim_start_matches([' ', '\t']);
        let Some(name_and_more) = inner.strip_prefix('$') else {
            return Err(format!("`{{` not followed by `$name` at {open}"));
        };
        let name_len = name_and_more
            .find(|c: char| !is_name(c))
            .unwrap_or(name_and_more.len());
        let var = &name_and_more[..name_len];
        if var.is_empty() {
            return Err(format!("empty argument name at {open}"));
        }
        let after = name_and_more[name_len..].trim_start_matches([' ', '\t']);
        let consumed_to = text.len() - after.len();
        if let Some(end) = after.strip_prefix('}') {
            // A plain placeholder: part of the text.
            at = text.len() - end.len();
            continue;
        }
        let Some(body) = after.strip_prefix("->") else {
            return Err(format!(
                "`{{ ${var}` is neither `}}` nor `->` at {consumed_to}"
            ));
        };
        let body = body.trim_start_matches([' ', '\t']);
        let Some(body) = body.strip_prefix('\n') else {
            return Err(format!("the variants of `${var}` start on the next line"));
        };
        let body_start = text.len() - body.len();
        let mut variants = Vec::new();
        let mut closed_at = None;
        let mut line_start = body_start;
        for line in text[body_start..].split_inclusive('\n') {
            let here = line_start;
            line_start += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.starts_with('}') {
                closed_at = Some(here + line.find('}').unwrap_or(0));
                break;
            }
            let (default, keyed) = match trimmed.strip_prefix('*') {
                Some(k) => (true, k),
                None => (false, trimmed),
            };
            let Some(keyed) = keyed.strip_prefix('[') else {
                return Err(format!(
                    "`${var}`: expected a variant `[key] text`: {trimmed}"
                ));
            };
            let Some((key, value)) = keyed.split_once(']') else {
                return Err(format!("`${var}`: unclosed variant key: {trimmed}"));
            };
            let key = key.trim();
            if key.is_empty() || !key.chars().all(|c| is_name(c) || c == '.') {
                return Err(format!("`${var}`: bad variant key `{key}`"));
            }
            let value = value.trim();
            if value.contains(['{', '}']) && pieces(value)?.len() != 1 {
                return Err(format!("`${var}`: a variant may hold placeholders only"));
            }
            variants.push(Variant {
                key,
                default,
                value,
            });
        }
        let Some(close) = closed_at else {
            return Err(format!("`${var}`: no closing `}}` on its own line"));
        };
        let defaults = variants.iter().filter(|v| v.default).count();
        if defaults != 1 {
            return Err(format!(
                "`${var}` needs exactly one default variant `*[…]`, has {defaults}"
            ));
        }
        if open > text_start {
            out.push(Piece::Text(&text[text_start..open]));
        }
        out.push(Piece::Select { var, variants });
        text_start = close + 1;
        at = text_start;
    }
    if text_start < text.len() {
        out.push(Piece::Text(&text[text_start..]));
    }
    Ok(out)
}

/// Checks a catalogue message: every `{` opens `{ $name }` or a well-formed selection.
pub(crate) fn check(text: &str) -> Result<(), String> {
    pieces(text).map(|_| ())
}

/// Text continued on indented lines: each further line without its indentation.
fn joined(text: &str, out: &mut String) {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
}

/// The message with each selection replaced by its chosen variant (placeholders left for
/// [`crate::fill`]). A message that does not read is returned as it is.
pub fn resolve(locale: Locale, text: &str, args: &[(&str, &str)]) -> String {
    let Ok(pieces) = pieces(text) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => joined(t, &mut out),
            Piece::Select { var, variants } => {
                let value = args.iter().find(|(n, _)| *n == var).map(|(_, v)| *v);
                out.push_str(choose(locale, &variants, value));
            }
        }
    }
    out
}

fn choose<'a>(locale: Locale, variants: &[Variant<'a>], value: Option<&str>) -> &'a str {
    let default = variants.iter().find(|v| v.default).map_or("", |v| v.value);
    let Some(value) = value else {
        return default;
    };
    let number = Number::read(value);
    let exact = variants.iter().find(|v| {
        v.key == value.trim()
            || number
                .as_ref()
                .is_some_and(|n| Number::read(v.key).is_some_and(|k| k.same_value(n)))
    });
    if let Some(v) = exact {
        return v.value;
    }
    let category = number.map_or("other", |n| plural_category(locale, &n));
    variants
        .iter()
        .find(|v| v.key == category)
        .map_or(default, |v| v.value)
}

/// A number as CLDR reads its operands: the integer digits (`i`) and the fraction digits
/// shown (`v` of them). Grouping separators are skipped; digits of any of the region's
/// scripts count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number {
    integer: String,
    fraction: String,
}

/// The zero of each decimal digit block the region writes in (Latin, Thai, Lao, Khmer,
/// Myanmar).
const ZEROS: [u32; 5] = [0x30, 0x0E50, 0x0ED0, 0x17E0, 0x1040];

fn digit(c: char) -> Option<char> {
    let code = u32::from(c);
    ZEROS
        .iter()
        .find(|z| (**z..**z + 10).contains(&code))
        .and_then(|z| char::from_digit(code - z, 10))
}

impl Number {
    pub(crate) fn read(text: &str) -> Option<Number> {
        let text = text.trim();
        let text = text.strip_prefix('-').unwrap_or(text);
        let (int_part, fraction_part) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text, None),
        };
        let mut integer = String::new();
        for c in int_part.chars() {
            match digit(c) {
                Some(d) => integer.push(d),
                None if matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}') && !integer.is_empty() => {}
                None => return None,
            }
        }
        let mut fraction = String::new();
        for c in fraction_part.unwrap_or("").chars() {
            fraction.push(digit(c)?);
        }
        if integer.is_empty() || (fraction_part.is_some() && fraction.is_empty()) {
            return None;
        }
        let integer = integer.trim_start_matches('0').to_owned();
        Some(Number { integer, fraction })
    }

    /// The integer part is exactly `n` (as CLDR's `i`).
    fn integer_is(&self, n: u32) -> bool {
        self.integer == if n == 0 { String::new() } else { n.to_string() }
    }

    fn same_value(&self, other: &Number) -> bool {
        self.integer == other.integer
            && self.fraction.trim_end_matches('0') == other.fraction.trim_end_matches('0')
    }
}

/// The CLDR cardinal plural category of `n` in `locale` (see the module's notes).
pub(crate) fn plural_category(locale: Locale, n: &Number) -> &'static str {
    match locale {
        // one: i = 1 and v = 0
        Locale::En if n.integer_is(1) && n.fraction.is_empty() => "one",
        Locale::En
        | Locale::Th
        | Locale::My
        | Locale::Km
        | Locale::Lo
        | Locale::Vi
        | Locale::Zh => "other",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const TRAININGS: &str = "We held { $count ->\n        [0] no training\n        [one] { $count } training\n       *[other] { $count } trainings\n    }, with { $people ->\n        [one] one person\n       *[other] { $people } people\n    }.";

    fn say(locale: Locale, count: &str, people: &str) -> String {
        let args = [("count", count), ("people", people)];
        crate::fill(resolve(locale, TRAININGS, &args), &args)
    }

    #[test]
    fn english_says_one_and_other_and_an_exact_zero() {
        assert_eq!(
            say(Locale::En, "1", "1"),
            "We held 1 training, with one person."
        );
        assert_eq!(
            say(Locale::En, "2", "1,001"),
            "We held 2 trainings, with 1,001 people."
        );
        assert_eq!(
            say(Locale::En, "0", "21"),
            "We held no training, with 21 people."
        );
        assert_eq!(
            say(Locale::En, "1.0", "11"),
            "We held 1.0 trainings, with 11 people."
        );
    }

    #[test]
    fn languages_without_grammatical_number_take_the_one_form() {
        for locale in [
            Locale::Th,
            Locale::My,
            Locale::Km,
            Locale::Lo,
            Locale::Vi,
            Locale::Zh,
        ] {
            assert_eq!(say(locale, "1", "๑"), "We held 1 trainings, with ๑ people.");
        }
        // Burmese digits are read as numbers: ၀ is an exact zero.
        assert_eq!(
            say(Locale::My, "၀", "၂"),
            "We held no training, with ၂ people."
        );
    }

    #[test]
    fn no_argument_takes_the_default_and_plain_text_is_untouched() {
        assert_eq!(
            resolve(Locale::En, TRAININGS, &[]),
            "We held { $count } trainings, with { $people } people."
        );
        assert_eq!(
            resolve(Locale::En, "Hello { $name }!", &[("name", "Dara")]),
            "Hello { $name }!"
        );
        assert_eq!(resolve(Locale::En, "a\n    b", &[]), "a\nb");
    }

    #[test]
    fn malformed_selections_are_refused() {
        for bad in [
            "{ $n ->\n   [one] a\n   [other] b\n}",
            "{ $n ->\n  *[one] a\n  *[other] b\n}",
            "{ $n ->\n  *[other] b",
            "{ $n -> *[other] b\n}",
            "{ $n ->\n  other b\n}",
            "{ n }",
            "{ $n ->\n  *[other] { $n } { b\n}",
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
        assert!(check(TRAININGS).is_ok());
        assert!(check("plain { $a } and { $b }").is_ok());
    }

    #[test]
    fn numbers_read_as_cldr_operands() {
        let n = Number::read("1,234.50").unwrap();
        assert_eq!((n.integer.as_str(), n.fraction.as_str()), ("1234", "50"));
        assert!(Number::read("๑").unwrap().integer_is(1));
        assert!(Number::read("abc").is_none());
        assert!(Number::read(",1").is_none());
        assert!(Number::read("1.").is_none());
        assert!(Number::read("0").unwrap().integer_is(0));
    }

    /// The seven rules agree with CLDR's (through `intl_pluralrules`) on whole numbers up to
    /// 2,000 and on decimals.
    #[test]
    fn categories_agree_with_cldr() {
        use intl_pluralrules::{
            operands::PluralOperands, PluralCategory, PluralRuleType, PluralRules,
        };
        let mut samples: Vec<String> = (0..=2000).map(|n| n.to_string()).collect();
        samples.extend(["0.0", "1.0", "1.5", "0.1", "2.00", "21.1", "101.0"].map(str::to_owned));
        for locale in Locale::ALL {
            let lang: unic_langid::LanguageIdentifier = locale.tag().parse().unwrap();
            let rules = PluralRules::create(lang, PluralRuleType::CARDINAL).unwrap();
            for s in &samples {
                let cldr = match rules
                    .select(PluralOperands::try_from(s.as_str()).unwrap())
                    .unwrap()
                {
                    PluralCategory::ZERO => "zero",
                    PluralCategory::ONE => "one",
                    PluralCategory::TWO => "two",
                    PluralCategory::FEW => "few",
                    PluralCategory::MANY => "many",
                    PluralCategory::OTHER => "other",
                };
                let ours = plural_category(*locale, &Number::read(s).unwrap());
                assert_eq!(ours, cldr, "{} {s}", locale.tag());
            }
        }
    }
}
