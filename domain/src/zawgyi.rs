//! Burmese typed in the legacy Zawgyi encoding: detecting it and converting it to Unicode.
//!
//! Zawgyi is a font, not an encoding, but many phones in Myanmar still use it: it draws the
//! code points of Unicode's Myanmar block as other glyphs (U+1039 as the asat, U+103B as the
//! medial ra, …), stores letters in visual order (the vowel sign ေ and the medial ြ are typed
//! *before* their consonant) and uses U+1060–U+1097, which Unicode gives to other languages of
//! the script, for stacked consonants and glyph variants. The same bytes read as Unicode are
//! broken text for everyone else: staff, search, badges and PDFs.
//!
//! No maintained Rust library does this, so this module does, from the published Zawgyi-One
//! glyph chart (the rule table below is our own):
//!
//! - [`looks_like_zawgyi`] scores sequences that are impossible or very unusual in Unicode
//!   Burmese but typical of Zawgyi (ေ or ျ before a consonant, U+1039 not followed by a
//!   consonant, a Unicode asat followed by a vowel sign, U+1033/U+1034, Zawgyi-only glyphs in
//!   U+1060–U+1097) against sequences only Unicode has (kinzi `င်္`, U+103E/U+103F, an asat
//!   ending a syllable). Text is Zawgyi when its Zawgyi score is at least 2 and higher.
//! - [`zawgyi_to_unicode`] maps each code point, then puts every syllable in Unicode's
//!   storage order: kinzi, consonant, stacked consonant, medials (ျ ြ ွ ှ), ေ, upper vowels,
//!   lower vowels, ာ/ါ, anusvara, dot below, asat, visarga.
//!
//! Limits: a very short text may carry no telling sequence either way (then it is left
//! alone); Shan, Mon and Karen text in Unicode uses U+1060–U+1097 and may be flagged, which is
//! why a person always confirms the conversion; rare Zawgyi ligatures outside the chart and
//! digits typed for letters (၀ for ဝ, ၇ for ရ) are kept as typed.

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{1000}'..='\u{1021}' | '\u{1023}'..='\u{102A}' | '\u{103F}')
}

/// Zawgyi's glyph variants that stand for a whole consonant (with any stacked one).
fn zawgyi_consonant(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{106A}' => "\u{1009}",
        '\u{106B}' => "\u{100A}",
        '\u{106E}' => "\u{100D}\u{1039}\u{100D}",
        '\u{106F}' => "\u{100D}\u{1039}\u{100E}",
        '\u{1086}' => "\u{103F}",
        '\u{108F}' => "\u{1014}",
        '\u{1090}' => "\u{101B}",
        '\u{1091}' => "\u{100F}\u{1039}\u{100D}",
        '\u{1092}' => "\u{100B}\u{1039}\u{100C}",
        '\u{1097}' => "\u{100B}\u{1039}\u{100B}",
        _ => return None,
    })
}

/// The Zawgyi medial ra (ြ) and its wider glyphs, typed before the consonant.
fn is_zawgyi_ra(c: char) -> bool {
    matches!(c, '\u{103B}' | '\u{107E}'..='\u{1084}')
}

/// A Zawgyi mark (typed after its consonant) as Unicode; `KINZI` stands for `င်္`, which
/// Unicode stores before the consonant.
const KINZI: char = '\u{E000}';

fn zawgyi_mark(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}'..='\u{1038}' => return None,
        '\u{1033}' => "\u{102F}",
        '\u{1034}' => "\u{1030}",
        '\u{1039}' => "\u{103A}",
        '\u{103A}' | '\u{107D}' => "\u{103B}",
        '\u{103C}' => "\u{103D}",
        '\u{103D}' | '\u{1087}' => "\u{103E}",
        '\u{1060}' => "\u{1039}\u{1000}",
        '\u{1061}' => "\u{1039}\u{1001}",
        '\u{1062}' => "\u{1039}\u{1002}",
        '\u{1063}' => "\u{1039}\u{1003}",
        '\u{1064}' => "\u{E000}",
        '\u{1065}' => "\u{1039}\u{1005}",
        '\u{1066}' | '\u{1067}' => "\u{1039}\u{1006}",
        '\u{1068}' => "\u{1039}\u{1007}",
        '\u{1069}' => "\u{1039}\u{1008}",
        '\u{106C}' => "\u{1039}\u{100B}",
        '\u{106D}' => "\u{1039}\u{100C}",
        '\u{1070}' => "\u{1039}\u{100F}",
        '\u{1071}' | '\u{1072}' => "\u{1039}\u{1010}",
        '\u{1073}' | '\u{1074}' => "\u{1039}\u{1011}",
        '\u{1075}' => "\u{1039}\u{1012}",
        '\u{1076}' => "\u{1039}\u{1013}",
        '\u{1077}' => "\u{1039}\u{1014}",
        '\u{1078}' => "\u{1039}\u{1015}",
        '\u{1079}' => "\u{1039}\u{1016}",
        '\u{107A}' => "\u{1039}\u{1017}",
        '\u{107B}' | '\u{1093}' => "\u{1039}\u{1018}",
        '\u{107C}' => "\u{1039}\u{1019}",
        '\u{1085}' => "\u{1039}\u{101C}",
        '\u{1088}' => "\u{103E}\u{102F}",
        '\u{1089}' => "\u{103E}\u{1030}",
        '\u{108A}' => "\u{103D}\u{103E}",
        '\u{108B}' => "\u{E000}\u{102D}",
        '\u{108C}' => "\u{E000}\u{102E}",
        '\u{108D}' => "\u{E000}\u{1036}",
        '\u{108E}' => "\u{102D}\u{1036}",
        '\u{1094}' | '\u{1095}' => "\u{1037}",
        '\u{1096}' => "\u{1039}\u{1010}\u{103D}",
        _ => "",
    })
    .filter(|s| !s.is_empty())
}

/// Whether `c` belongs to the syllable before it in Zawgyi (a mark, not a new letter).
fn is_zawgyi_mark(c: char) -> bool {
    matches!(c, '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}'..='\u{1038}')
        || zawgyi_mark(c).is_some()
}

/// Where a mark goes in Unicode's storage order after the consonant and its medials.
fn rank(c: char) -> u8 {
    match c {
        '\u{1031}' => 0,
        '\u{102D}' | '\u{102E}' | '\u{1032}' => 1,
        '\u{102F}' | '\u{1030}' => 2,
        '\u{102B}' | '\u{102C}' => 3,
        '\u{1036}' => 4,
        '\u{1037}' => 5,
        '\u{103A}' => 6,
        '\u{1038}' => 7,
        _ => 8,
    }
}

/// Scores how much `text` looks like Zawgyi rather than Unicode (see the module notes).
pub fn looks_like_zawgyi(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if !chars.iter().any(|c| ('\u{1000}'..='\u{109F}').contains(c)) {
        return false;
    }
    let (mut zawgyi, mut unicode) = (0u32, 0u32);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let after_letter = prev.is_some_and(|p| {
            is_consonant(p) || matches!(p, '\u{103B}'..='\u{103E}') || zawgyi_consonant(p).is_some()
        });
        match c {
            // ေ and ျ/ြ start a syllable in Zawgyi; in Unicode they follow a consonant.
            '\u{1031}' | '\u{103B}' if !after_letter => zawgyi += 2,
            '\u{107E}'..='\u{1084}' => zawgyi += 2,
            // Zawgyi's asat; Unicode's U+1039 always stacks the consonant after it.
            '\u{1039}' if !next.is_some_and(is_consonant) => zawgyi += 2,
            // Kinzi (င်္) exists only in Unicode's order.
            '\u{1039}' if i >= 2 && chars[i - 2] == '\u{1004}' && prev == Some('\u{103A}') => {
                unicode += 3
            }
            // Zawgyi's medial ya followed by a vowel; a Unicode asat ends its syllable.
            '\u{103A}' => match next {
                Some(
                    '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}' | '\u{103C}' | '\u{103D}',
                ) => zawgyi += 2,
                None | Some('\u{1038}' | '\u{1037}') => unicode += 1,
                Some(n) if is_consonant(n) || !('\u{1000}'..='\u{109F}').contains(&n) => {
                    unicode += 1
                }
                _ => {}
            },
            '\u{1033}' | '\u{1034}' => zawgyi += 1,
            '\u{103E}' | '\u{103F}' => unicode += 2,
            '\u{1060}'..='\u{1097}' => zawgyi += 2,
            _ => {}
        }
    }
    zawgyi >= 2 && zawgyi > unicode
}

/// Converts Zawgyi text to Unicode; text outside the Myanmar block is kept as it is.
pub fn zawgyi_to_unicode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // Marks typed before the consonant: ေ and the medial ra.
        let (mut e_vowel, mut ra) = (false, false);
        let mut j = i;
        while let Some(&c) = chars.get(j) {
            if c == '\u{1031}' {
                e_vowel = true;
            } else if is_zawgyi_ra(c) {
                ra = true;
            } else {
                break;
            }
            j += 1;
        }
        let consonant = chars.get(j).copied().and_then(|c| {
            zawgyi_consonant(c)
                .map(str::to_owned)
                .or_else(|| is_consonant(c).then(|| c.to_string()))
        });
        let Some(mut base) = consonant else {
            // No consonant to attach to: keep the marks, mapped, where they are.
            for &c in &chars[i..=j.min(chars.len() - 1)] {
                match c {
                    '\u{1031}' => out.push(c),
                    c if is_zawgyi_ra(c) => out.push('\u{103C}'),
                    // The kinzi placeholder is ours: written out, it is `င်္` as everywhere.
                    c => match zawgyi_mark(c) {
                        Some(mapped) => {
                            out.push_str(&mapped.replace(KINZI, "\u{1004}\u{103A}\u{1039}"))
                        }
                        None => out.push(c),
                    },
                }
            }
            i = j + 1;
            continue;
        };
        // ဥ + ီ is ဦ.
        if base == "\u{1025}" && chars.get(j + 1) == Some(&'\u{102E}') {
            base = "\u{1026}".to_owned();
            j += 1;
        }
        j += 1;
        let (mut kinzi, mut stacked, mut medials, mut rest) =
            (false, String::new(), Vec::new(), Vec::new());
        if ra {
            medials.push('\u{103C}');
        }
        if e_vowel {
            rest.push('\u{1031}');
        }
        while let Some(&c) = chars.get(j).filter(|c| is_zawgyi_mark(**c)) {
            let mapped = zawgyi_mark(c).map_or_else(|| c.to_string(), str::to_owned);
            let mut it = mapped.chars().peekable();
            while let Some(m) = it.next() {
                match m {
                    KINZI => kinzi = true,
                    '\u{1039}' => {
                        stacked.push(m);
                        if let Some(s) = it.next() {
                            stacked.push(s);
                        }
                    }
                    '\u{103B}'..='\u{103E}' => medials.push(m),
                    _ => rest.push(m),
                }
            }
            j += 1;
        }
        medials.sort_unstable();
        medials.dedup();
        rest.sort_by_key(|c| rank(*c));
        if kinzi {
            out.push_str("\u{1004}\u{103A}\u{1039}");
        }
        out.push_str(&base);
        out.push_str(&stacked);
        out.extend(medials);
        out.extend(rest);
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (Zawgyi as typed on a Zawgyi phone, the same words in Unicode)
    const PAIRS: &[(&str, &str)] = &[
        ("ျမန္မာ", "မြန်မာ"),
        ("မဂၤလာပါ", "မင်္ဂလာပါ"),
        ("ေက်းဇူးတင္ပါတယ္", "ကျေးဇူးတင်ပါတယ်"),
        ("ေအာင္ေအာင္", "အောင်အောင်"),
        ("ျပည္ေထာင္စု", "ပြည်ထောင်စု"),
        ("ရန္ကုန္", "ရန်ကုန်"),
        ("ေရႊ႕ေျပာင္းအလုပ္သမား", "ရွှေ့ပြောင်းအလုပ်သမား"),
        ("ေမာင္ေက်ာ္ေက်ာ္", "မောင်ကျော်ကျော်"),
    ];

    #[test]
    fn zawgyi_phrases_become_unicode() {
        for (zawgyi, unicode) in PAIRS {
            assert_eq!(
                zawgyi_to_unicode(zawgyi),
                *unicode,
                "{zawgyi}: {:04X?}",
                zawgyi_to_unicode(zawgyi)
                    .chars()
                    .map(u32::from)
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn zawgyi_is_detected_and_unicode_is_not() {
        for (zawgyi, unicode) in PAIRS {
            assert!(looks_like_zawgyi(zawgyi), "Zawgyi not seen: {zawgyi}");
            assert!(!looks_like_zawgyi(unicode), "Unicode flagged: {unicode}");
        }
        for unicode in [
            "ဒေါ်အောင်ဆန်းစုကြည်",
            "မြန်မာနိုင်ငံ ရွှေ့ပြောင်းလုပ်သားများ ကွန်ရက်",
            "ရန်ကုန်မြို့",
            "သင်တန်း",
            "Thet Naing Oo",
            "ประเสริฐ",
            "",
        ] {
            assert!(!looks_like_zawgyi(unicode), "flagged: {unicode}");
        }
    }

    /// Found by the property tests: a kinzi typed with no consonant after it left the
    /// converter's private placeholder (U+E000) in the text.
    #[test]
    fn a_kinzi_with_no_consonant_is_written_out() {
        assert_eq!(
            zawgyi_to_unicode("\u{108B}"),
            "\u{1004}\u{103A}\u{1039}\u{102D}"
        );
        assert_eq!(
            zawgyi_to_unicode("\u{1064} x"),
            "\u{1004}\u{103A}\u{1039} x"
        );
    }

    #[test]
    fn text_around_the_burmese_is_kept() {
        assert_eq!(zawgyi_to_unicode("Ko ေအာင္ (MMN)"), "Ko အောင် (MMN)");
        assert_eq!(zawgyi_to_unicode("plain"), "plain");
    }
}
