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
//!   but typical of Zawgyi (ေ or ျ before a consonant, U+1039 not followed by a consonant, a
//!   Unicode asat followed by a vowel sign, ိဳ, Zawgyi's glyphs in U+1060–U+1097 where Zawgyi
//!   puts them) against sequences only Unicode has (kinzi `င်္`, U+103E/U+103F, an asat
//!   ending a syllable, Mon letters, Shan letters starting a syllable and Shan tones after a
//!   vowel). Text is Zawgyi when its Zawgyi score is at least 2 and higher. The code points
//!   U+1060–U+1097 are Shan, Mon and Karen letters, vowels and tones in Unicode, so they only
//!   count for Zawgyi in the shapes Zawgyi makes: a stacked consonant under one it can stack
//!   under (ဂၢ, ဒၶ, မၻ), mid-word; a ra glyph before a consonant; a kinzi on က ခ ဂ ဃ ဘ; a
//!   medial glyph right after a consonant.
//! - [`zawgyi_to_unicode`] maps each code point, then puts every syllable in Unicode's
//!   storage order: kinzi, consonant, stacked consonant, medials (ျ ြ ွ ှ), ေ, upper vowels,
//!   lower vowels, ာ/ါ, anusvara, dot below, asat, visarga.
//!
//! Limits: a very short text may carry no telling sequence either way (then it is left
//! alone); Shan, Mon or Karen text with little else in it may still be flagged (a Karen tone
//! ၤ on ဂ reads as Zawgyi's kinzi), which is why a person always confirms the conversion;
//! rare Zawgyi ligatures outside the chart and digits typed for letters (၀ for ဝ, ၇ for ရ)
//! are kept as typed.

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

/// Letters of the script's other languages in Unicode (Shan ဢ ၵ ၶ ၸ ၼ ၽ ႁ …, Mon ၚ ၛ ၜ ၝ,
/// Karen ၡ, Sanskrit and Pali ၐ–ၕ, Palaung ႎ). Zawgyi draws most of these code points as marks
/// that hang on the consonant before them, or as the medial ra typed before its consonant.
fn is_other_letter(c: char) -> bool {
    matches!(
        c,
        '\u{1022}'
            | '\u{1050}'..='\u{1055}'
            | '\u{105A}'..='\u{105D}'
            | '\u{1061}'
            | '\u{1065}'
            | '\u{1066}'
            | '\u{106E}'..='\u{1070}'
            | '\u{1075}'..='\u{1081}'
            | '\u{108E}'
    )
}

/// Code points no Zawgyi font uses: Shan ဢ, the Mon, Sanskrit and Pali letters and signs
/// (U+1050–U+105F) and the Shan, Khamti and Aiton signs after Zawgyi's range (U+1098–U+109F).
fn is_unicode_only(c: char) -> bool {
    matches!(c, '\u{1022}' | '\u{1050}'..='\u{105F}' | '\u{1098}'..='\u{109F}')
}

/// Vowel signs, asat and final marks a Shan tone mark (U+1087–U+108D) follows in Unicode.
fn ends_shan_vowel(c: char) -> bool {
    matches!(
        c,
        '\u{102B}'..='\u{1032}' | '\u{1036}' | '\u{103A}' | '\u{1062}' | '\u{1083}'..='\u{1086}'
    )
}

/// The consonant a Zawgyi stacked-consonant glyph (U+1060–U+107C, U+1085, U+1093, U+1096)
/// stands for.
fn zawgyi_stacked(c: char) -> Option<char> {
    let mapped = zawgyi_mark(c)?;
    let mut it = mapped.chars();
    (it.next() == Some('\u{1039}')).then(|| it.next()).flatten()
}

/// Whether `lower` can be stacked under `upper` in Burmese: Pali clusters are a consonant
/// doubled, a plain stop over its aspirate (က္ခ, ဂ္ဃ, ဒ္ဓ), or a row's nasal over any
/// consonant of its row (န္တ, မ္ဘ); besides these, ဟ္မ and ဒ္မ (ဗြဟ္မာ, ပဒ္မ).
fn stacks(upper: char, lower: char) -> bool {
    // Place in the five rows of five (ည counts as the palatal nasal).
    let place = |c: char| match c {
        '\u{1000}'..='\u{1009}' => Some(u32::from(c) - 0x1000),
        '\u{100A}' => Some(9),
        '\u{100B}'..='\u{1019}' => Some(u32::from(c) - 0x1001),
        _ => None,
    };
    if upper == lower {
        return true;
    }
    if let (Some(u), Some(l)) = (place(upper), place(lower)) {
        let (row, col) = (u / 5, u % 5);
        if row == l / 5 && (col == 4 || ((col == 0 || col == 2) && l == u + 1)) {
            return true;
        }
    }
    lower == '\u{1019}' && matches!(upper, '\u{101F}' | '\u{1012}')
}

/// Consonants Zawgyi writes a kinzi (U+1064, U+108B–U+108D) on: င်္ comes before က ခ ဂ ဃ ဘ.
fn takes_kinzi(c: char) -> bool {
    matches!(c, '\u{1000}'..='\u{1003}' | '\u{1018}')
}

/// Scores how much `text` looks like Zawgyi rather than Unicode (see the module notes).
///
/// Zawgyi gives U+1060–U+1097 to glyphs of Burmese: stacked consonants and medials that hang
/// on the consonant before them, the medial ra typed before its consonant, kinzi. Unicode gives
/// the same code points to Shan, Mon and Karen letters, vowels and tones. Such a code point
/// counts for Zawgyi only where Zawgyi puts it (a stacked consonant under a consonant it can
/// stack under, in the middle of a word; a ra glyph before a consonant; a kinzi on က ခ ဂ ဃ ဘ;
/// a medial glyph right after a consonant), and for Unicode where only Unicode's use fits
/// (a Shan letter starting a syllable, a Shan tone after a vowel or asat, ႆ before a tone).
pub fn looks_like_zawgyi(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if !chars.iter().any(|c| ('\u{1000}'..='\u{109F}').contains(c)) {
        return false;
    }
    let (mut zawgyi, mut unicode) = (0u32, 0u32);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let before_prev = i.checked_sub(2).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let after_consonant = prev.is_some_and(is_consonant);
        let after_letter = prev.is_some_and(|p| {
            is_consonant(p)
                || is_other_letter(p)
                || matches!(p, '\u{103B}'..='\u{103E}' | '\u{105E}' | '\u{105F}')
                || zawgyi_consonant(p).is_some()
        });
        // A stacked consonant's upper one ends a syllable begun by a consonant or vowel sign.
        let mid_word = before_prev.is_some_and(|b| {
            is_consonant(b)
                || zawgyi_consonant(b).is_some()
                || matches!(b, '\u{102B}'..='\u{1030}' | '\u{1032}'..='\u{1034}' | '\u{1036}')
        });
        let before_consonant =
            next.is_some_and(|n| is_consonant(n) || zawgyi_consonant(n).is_some());
        match c {
            // ေ and ျ/ြ start a syllable in Zawgyi; in Unicode they follow a consonant.
            '\u{1031}' | '\u{103B}' if !after_letter => zawgyi += 2,
            // Zawgyi's asat; Unicode's U+1039 always stacks the consonant after it.
            '\u{1039}'
                if !next
                    .is_some_and(|n| is_consonant(n) || ('\u{1050}'..='\u{105D}').contains(&n)) =>
            {
                zawgyi += 2
            }
            // Kinzi (င်္) exists only in Unicode's order.
            '\u{1039}'
                if i >= 2
                    && matches!(chars[i - 2], '\u{1004}' | '\u{105A}')
                    && prev == Some('\u{103A}') =>
            {
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
            // Zawgyi's long ု/ူ: ို is ိဳ; after a consonant with a ra glyph before it. Mon's
            // vowels ဳ and ဴ follow the consonant itself.
            '\u{1033}' if matches!(prev, Some('\u{102D}' | '\u{102E}')) => zawgyi += 2,
            '\u{1033}' | '\u{1034}'
                if !after_consonant || before_prev.is_some_and(is_zawgyi_ra) =>
            {
                zawgyi += 1
            }
            '\u{103E}' | '\u{103F}' => unicode += 2,
            c if is_unicode_only(c) => unicode += 2,
            // Zawgyi's ra glyphs come before a consonant; Shan's letters (U+107E–U+1081) and
            // its medial wa, aa and e (U+1082–U+1084) come after one, or start a syllable.
            '\u{107E}'..='\u{1084}' => {
                if before_consonant && !prev.is_some_and(is_other_letter) {
                    zawgyi += 2
                } else if next != Some('\u{1031}') {
                    unicode += 1
                }
            }
            // Zawgyi's medial ya glyph; Shan's letter ၽ.
            '\u{107D}' if after_consonant => zawgyi += 2,
            '\u{107D}' => unicode += 1,
            // Zawgyi's kinzi; Karen's tone mark ၤ, which follows any consonant or medial.
            // A Karen tone never follows ် (Karen's own tone mark): there it is Zawgyi's medial
            // ya, as in သခ်ၤာ.
            '\u{1064}' if prev.is_some_and(|p| takes_kinzi(p) || p == '\u{103A}') => zawgyi += 2,
            '\u{1064}' => {}
            // Zawgyi's medial ha glyphs and kinzi with a vowel; Shan's tone marks.
            '\u{1087}'..='\u{108D}' => {
                let zawgyi_base = if c >= '\u{108B}' {
                    prev.is_some_and(takes_kinzi)
                } else {
                    prev.is_some_and(|p| {
                        is_consonant(p)
                            || zawgyi_consonant(p).is_some()
                            || matches!(p, '\u{103B}' | '\u{103C}' | '\u{107D}')
                    })
                };
                if zawgyi_base {
                    zawgyi += 2
                } else if prev.is_some_and(|p| ends_shan_vowel(p) || is_other_letter(p)) {
                    unicode += 2
                }
            }
            // Zawgyi's ဿ; Shan's final ႆ (after a consonant or ၢ/ႃ, before its tone).
            '\u{1086}' => {
                let shan = prev.is_some_and(|p| {
                    is_other_letter(p) || matches!(p, '\u{1062}' | '\u{1082}' | '\u{1083}')
                }) || next
                    .is_some_and(|n| matches!(n, '\u{1038}' | '\u{1087}'..='\u{108C}'));
                if shan {
                    unicode += 2
                } else if after_consonant {
                    zawgyi += 1
                }
            }
            // Zawgyi's ိံ after a consonant; Palaung's letter ႎ.
            '\u{108E}' if after_consonant => zawgyi += 2,
            '\u{108E}' => {}
            // Zawgyi's stacked consonants: under a consonant they can stack under, in the
            // middle of a word. Elsewhere the code point is Shan's, Mon's or Karen's: a letter
            // starting a syllable, or a vowel, medial or tone after its consonant.
            '\u{1060}'..='\u{1097}' => match zawgyi_stacked(c) {
                Some(lower) => {
                    if prev.is_some_and(|p| is_consonant(p) && stacks(p, lower)) && mid_word {
                        zawgyi += 2
                    } else if is_other_letter(c) && !after_consonant {
                        unicode += 1
                    }
                }
                // Zawgyi's other glyphs (consonant variants, dot below, …).
                None => zawgyi += 2,
            },
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

    /// Zawgyi as people type it, with the stacked consonants, ra glyphs, kinzi and medial
    /// glyphs in U+1060–U+1097 that Shan, Mon and Karen use for letters in Unicode.
    #[test]
    fn zawgyi_with_its_glyphs_in_the_extended_range_is_detected() {
        for zawgyi in [
            "ျမန္မာ",
            "ေက်းဇူးတင္ပါတယ္",
            "မဂၤလာပါ",
            "ပုဂၢိဳလ္",
            "ဗုဒၶဘာသာ",
            "ကမၻာေျမ",
            "ပလႅင္",
            "တကၠသိုလ္",
            "ၿမိဳ႕နယ္",
            "ႀကိဳဆိုပါတယ္",
            "ျပႆနာ",
            "သခ်ၤာ",
        ] {
            assert!(looks_like_zawgyi(zawgyi), "Zawgyi not seen: {zawgyi}");
        }
    }

    fn assert_unicode(phrases: &[&str]) {
        for phrase in phrases {
            assert!(
                !looks_like_zawgyi(phrase),
                "taken for Zawgyi: {phrase} {:04X?}",
                phrase.chars().map(u32::from).collect::<Vec<_>>()
            );
        }
    }

    /// Shan in Unicode: its letters (U+1075–U+1081), medial wa, vowels ၢ ႃ ႄ ႅ ႆ and tones
    /// (U+1087–U+108C) are Zawgyi's stacked consonants, ra and medial glyphs.
    #[test]
    fn shan_in_unicode_is_not_zawgyi() {
        assert_unicode(&[
            // The Shan name in scripts/bench_registration.py (Nang Hseng).
            "ၼၢင်းသႅင်",
            "Nang Hseng ၼၢင်းသႅင်",
            // Shan State, the Shan language, Sai Long, thank you, lord, red, not.
            "မိူင်းတႆး",
            "ၵႂၢမ်းတႆး",
            "ၸၢႆးလူင်",
            "ၶွပ်ႈၸႂ်",
            "ၸဝ်ႈ",
            "လႅင်",
            "ဢမ်ႇ",
            "ၸၢႆးလူင် ၵႂၢမ်းတႆး မိူင်းတႆး",
        ]);
    }

    /// Mon in Unicode: ဳ and ဴ (U+1033/U+1034) on the consonant, the medial la ၠ (Zawgyi's
    /// stacked ka), and the Mon letters ၚ ၛ ၜ ၝ and medial ၟ, which Zawgyi never uses.
    #[test]
    fn mon_in_unicode_is_not_zawgyi() {
        assert_unicode(&[
            // Mon language, the Mon association, in, thank you, Burmese, many, two, six.
            "ဘာသာမန်",
            "ဂကောံမန်",
            "ပ္ဍဲ",
            "တၚ်ဂုဏ်",
            "ဗၟာ",
            "ဂၠိုၚ်",
            "ၜါ",
            "တြဴ",
            "ဣဳ",
            "ၛ ၜ ၝ",
        ]);
    }

    /// S'gaw Karen in Unicode: the vowel ၢ and tones ၣ ၤ (U+1062–U+1064, Zawgyi's stacked ga,
    /// gha and kinzi) and the letter ၡ.
    #[test]
    fn karen_in_unicode_is_not_zawgyi() {
        assert_unicode(&[
            // Karen language, Karen people, thank you, work, and a bare letter ၡ.
            "ကညီကျိာ်",
            "ပှၤကညီ",
            "တၢ်ဘျုးဒိၣ်မး",
            "မၤတၢ်",
            "ၡ",
            "ပှၤကညီ တၢ်ဘျုးဒိၣ်မး",
        ]);
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
