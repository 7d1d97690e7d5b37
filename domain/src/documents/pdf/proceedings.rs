//! The proceedings: the network's published record of an event. Cover, contents with page
//! numbers, background and objectives, programme, session summaries with speakers,
//! recommendations, summaries in each language provided, the participants who agreed to be
//! named (the others counted), and statistics by country, gender and sector with bar charts
//! in which counts below 3 read "<3" so no small group can be singled out.
//!
//! A hidden count must not come back by subtraction (see [`protect`]): a table with one
//! "<3" also hides its next smallest count ("–"), and more until the hidden counts cannot
//! be told apart from what the page prints; when only one or two participants are unnamed,
//! the exact total is printed nowhere (the named list is numbered, so total minus named
//! would give them away) and every table hides at least one count.
//!
//! Every section starts a page; the contents and the bars are laid out by [`super::sections`],
//! which the annual report shares.
use std::collections::BTreeMap;

use super::agenda::session;
use super::layout::{Colour, Doc, Style, A4_PORTRAIT};
use super::sections::{
    bars, heading, lay_out, paragraphs, protected_rows, Item, Section, BODY, H2, HEAD, META, SMALL,
};
use super::sheets::gender_label;
use super::{Fonts, PdfError, Words};
use crate::documentation_types::{ProceedingsData, SUMMARY_LANGUAGES};
use crate::participant_types::RosterRow;
use crate::types::SessionKind;
use chrono::{DateTime, Utc};

const MARGIN: f32 = 50.0;
const COVER_LABEL: Style = Style::new(11.0).bold().colour(Colour::ACCENT);
const COVER_TITLE: Style = Style::new(24.0).bold();
const COVER_LINE: Style = Style::new(12.0);

/// Counts below this are printed as "<3" (and drawn as such).
pub const SMALL_COUNT: usize = 3;

/// "<3" for counts 1 and 2 (0 stays 0: nobody to protect).
pub fn masked(count: usize) -> String {
    if count > 0 && count < SMALL_COUNT {
        format!("<{SMALL_COUNT}")
    } else {
        count.to_string()
    }
}

pub fn proceedings_pdf(
    data: &ProceedingsData,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let scratch = Doc::new(fonts, A4_PORTRAIT, MARGIN).in_language(words);
    let sections = sections(&scratch, data);
    let doc = lay_out(
        fonts,
        words,
        A4_PORTRAIT,
        MARGIN,
        &sections,
        "doc-proc-contents",
        &|doc| cover(doc, data),
    );
    let title = &data.event.summary.title;
    let footer = words.f("doc-proc-footer", &[("title", title)]);
    doc.finish(
        &words.f("doc-proc-title", &[("title", title)]),
        &footer,
        generated_at,
    )
}

fn cover(doc: &mut Doc<'_>, data: &ProceedingsData) {
    let s = &data.event.summary;
    let words = doc.words();
    let mut b = doc.block();
    b.gap(120.0)
        .text(&words.t("doc-proc-cover"), COVER_LABEL, 0.0)
        .gap(10.0);
    b.text(&s.title, COVER_TITLE, 0.0).gap(16.0);
    b.text(&words.range(&s.local_start, &s.local_end), COVER_LINE, 0.0);
    let country = words.event_country(&data.event);
    let place: Vec<&str> = [data.event.venue_name.as_str(), s.city.as_str()]
        .into_iter()
        .chain(country.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    b.text(&place.join(", "), COVER_LINE, 0.0).gap(40.0);
    for o in &data.event.organisations {
        let key = format!("org-role-{}", o.role);
        let role = match words.t(&key) {
            text if text == key => capitalise(&o.role.replace('_', "-")),
            text => text,
        };
        let name = match o.acronym.as_deref().filter(|a| !a.is_empty()) {
            Some(a) => format!("{} ({a})", o.name),
            None => o.name.clone(),
        };
        b.text(&format!("{role}: {name}"), BODY, 0.0);
    }
    let block = b.build();
    doc.place(block, false);
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sections(doc: &Doc<'_>, data: &ProceedingsData) -> Vec<Section> {
    let event = &data.event;
    let words = doc.words();
    let mut out = Vec::new();
    let mut number = 0;
    let mut next = |key: &str| {
        number += 1;
        format!("{number}. {}", words.t(key))
    };

    let mut items = Vec::new();
    paragraphs(doc, &event.description, &mut items);
    if !event.objectives.is_empty() {
        heading(doc, &words.t("event-objectives"), &mut items);
        for (n, objective) in event.objectives.iter().enumerate() {
            let mut b = doc.block();
            b.label(&format!("{}.", n + 1), BODY, 0.0)
                .text(objective, BODY, 18.0)
                .gap(3.0);
            items.push(Item::Block(b.build()));
        }
    }
    out.push(Section {
        title: next("doc-proc-background"),
        items,
    });

    let mut items = Vec::new();
    let mut day = "";
    for s in &event.sessions {
        if s.local_day != day {
            day = &s.local_day;
            heading(doc, &words.day(day), &mut items);
        }
        let mut b = doc.block();
        session(&mut b, s, words);
        items.push(Item::Block(b.build()));
    }
    out.push(Section {
        title: next("doc-proc-programme"),
        items,
    });

    let mut items = Vec::new();
    for s in event
        .sessions
        .iter()
        .filter(|s| !matches!(s.kind, SessionKind::Break | SessionKind::Meal))
    {
        let mut b = doc.block();
        b.gap(8.0).text(&s.title, H2, 0.0);
        b.text(
            &format!(
                "{} · {}–{}",
                words.day(&s.local_day),
                s.local_start,
                s.local_end
            ),
            META,
            0.0,
        );
        for person in &s.people {
            b.text(&super::agenda::person_line(person, words), SMALL, 0.0);
        }
        b.gap(4.0);
        items.push(Item::Block(b.build()));
        if let Some(notes) = data.notes.get(&s.id) {
            paragraphs(doc, notes, &mut items);
        }
    }
    out.push(Section {
        title: next("doc-proc-sessions"),
        items,
    });

    if !data.recommendations.is_empty() {
        let mut items = Vec::new();
        for r in &data.recommendations {
            let mut b = doc.block();
            b.label(&format!("{}.", r.number), BODY.bold(), 0.0)
                .text(&r.text, BODY, 22.0);
            let status = words.t(&format!("rec-status-{}", r.status.as_str()));
            let mut meta = vec![words.f("doc-proc-status", &[("status", &status)])];
            if !r.addressed_to.is_empty() {
                meta.insert(0, words.f("doc-proc-addressed", &[("to", &r.addressed_to)]));
            }
            b.text(&meta.join(" · "), META, 22.0).gap(6.0);
            items.push(Item::Block(b.build()));
        }
        out.push(Section {
            title: next("doc-proc-recommendations"),
            items,
        });
    }

    if !data.summary.trim().is_empty() || !data.executive_summaries.is_empty() {
        let mut items = Vec::new();
        paragraphs(doc, &data.summary, &mut items);
        for summary in &data.executive_summaries {
            let name = SUMMARY_LANGUAGES
                .iter()
                .find(|(c, _)| *c == summary.language)
                .map_or(summary.language.as_str(), |(_, n)| n);
            heading(doc, name, &mut items);
            paragraphs(doc, &summary.text, &mut items);
        }
        out.push(Section {
            title: next("doc-proc-summary"),
            items,
        });
    }

    out.push(Section {
        title: next("doc-proc-participants"),
        items: participants(doc, data),
    });
    out.push(Section {
        title: next("doc-proc-statistics"),
        items: statistics(doc, data),
    });
    out
}

/// How a statistics table prints one group's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Count(usize),
    /// 1 or 2: printed "<3".
    Small,
    /// Hidden so that a small count cannot be worked out from the rest: printed "–".
    Hidden,
}

/// Which counts of one table can be printed. `counts` are the groups' sizes (each at least
/// 1); `total_known` says whether the page prints the exact total they add up to.
///
/// Counts 1 and 2 are "<3". A single "<3" in a table whose total is known is the total minus
/// the rest, so the smallest printed counts are hidden too ("–", each at least 3 and at most
/// the smallest count still printed) until every "<3" could be 1 as well as 2: the hidden sum
/// lies strictly between its least and its greatest possible value. Where the total is not
/// printed (see [`participants_line`]), every table hides at least two counts, so none of
/// them gives the total back.
pub fn protect(counts: &[usize], total_known: bool) -> Vec<Shown> {
    let mut shown: Vec<Shown> = counts
        .iter()
        .map(|&c| {
            if c > 0 && c < SMALL_COUNT {
                Shown::Small
            } else {
                Shown::Count(c)
            }
        })
        .collect();
    if total_known && !shown.contains(&Shown::Small) {
        return shown;
    }
    // Complementary candidates, smallest first.
    let mut candidates: Vec<usize> = (0..counts.len())
        .filter(|&i| matches!(shown[i], Shown::Count(c) if c > 0))
        .collect();
    candidates.sort_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
    let mut candidates = candidates.into_iter();
    loop {
        let hidden: Vec<usize> = (0..counts.len())
            .filter(|&i| !matches!(shown[i], Shown::Count(_)))
            .collect();
        let smallest_printed = (0..counts.len())
            .filter_map(|i| match shown[i] {
                Shown::Count(c) if c > 0 => Some(c),
                _ => None,
            })
            .min();
        let safe = hidden.len() >= 2 && {
            let sum: usize = hidden.iter().map(|&i| counts[i]).sum();
            let least: usize = hidden
                .iter()
                .map(|&i| {
                    if shown[i] == Shown::Small {
                        1
                    } else {
                        SMALL_COUNT
                    }
                })
                .sum();
            let greatest = smallest_printed.map(|m| {
                hidden
                    .iter()
                    .map(|&i| if shown[i] == Shown::Small { 2 } else { m })
                    .sum::<usize>()
            });
            !total_known || (sum > least && greatest.is_none_or(|g| sum < g))
        };
        if safe {
            return shown;
        }
        match candidates.next() {
            Some(i) => shown[i] = Shown::Hidden,
            None => return shown, // everything is hidden
        }
    }
}

/// Whether the exact number of participants may be printed: not when only one or two are
/// unnamed, since the named list is numbered and the difference would count them.
pub fn total_printable(total: usize, named: usize) -> bool {
    let unnamed = total.saturating_sub(named);
    unnamed == 0 || unnamed >= SMALL_COUNT
}

/// The line under the named participants.
pub fn participants_line(total: usize, named: usize, words: Words) -> String {
    let unnamed = total.saturating_sub(named);
    if unnamed == 0 {
        words.f("doc-proc-all-named", &[("total", &words.count(total))])
    } else if total_printable(total, named) {
        words.f(
            "doc-proc-some-unnamed",
            &[
                ("total", &words.count(total)),
                ("unnamed", &words.count(unnamed)),
            ],
        )
    } else {
        words.f("doc-proc-few-unnamed", &[("named", &words.count(named))])
    }
}

fn participants(doc: &Doc<'_>, data: &ProceedingsData) -> Vec<Item> {
    let words = doc.words();
    let width = doc.content_width();
    let cols = [
        (0.0, 28.0),
        (30.0, 130.0),
        (164.0, 100.0),
        (268.0, width - 268.0 - 84.0),
        (width - 80.0, 80.0),
    ];
    let cells = |texts: [&str; 5], style: Style| -> Vec<(String, Style, f32, f32)> {
        texts
            .iter()
            .zip(cols)
            .map(|(t, (x, w))| (t.to_string(), style, x, w))
            .collect()
    };
    let mut header = doc.block();
    let labels = [
        "doc-col-number",
        "doc-col-name",
        "doc-col-own-script",
        "doc-col-organisation",
        "doc-col-country",
    ]
    .map(|key| words.t(key));
    let head = cells([0, 1, 2, 3, 4].map(|i| labels[i].as_str()), HEAD);
    header.cells(&refs(&head)).rule(4.0, 0.6, Colour::BLACK);
    let named: Vec<&RosterRow> = data
        .participants
        .iter()
        .filter(|p| p.public_name_consent)
        .collect();
    let rows = named
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let native = if p.name_native == p.name_latin {
                ""
            } else {
                p.name_native.as_str()
            };
            let n = (i + 1).to_string();
            let country = words.country(&p.country_code, &p.country);
            let row = cells(
                [&n, &p.name_latin, native, &p.organisation, &country],
                SMALL,
            );
            let mut b = doc.block();
            b.cells(&refs(&row)).gap(2.0);
            b.build()
        })
        .collect();
    let mut items = vec![Item::Table(header.build(), rows)];
    let mut b = doc.block();
    b.gap(8.0).text(
        &participants_line(data.participants.len(), named.len(), words),
        META,
        0.0,
    );
    items.push(Item::Block(b.build()));
    items
}

fn refs(v: &[(String, Style, f32, f32)]) -> Vec<(&str, Style, f32, f32)> {
    v.iter()
        .map(|(t, s, x, w)| (t.as_str(), *s, *x, *w))
        .collect()
}

/// How a statistic groups participants: the label of a participant's group.
type Grouping<'a> = Box<dyn Fn(&RosterRow) -> String + 'a>;

fn statistics(doc: &Doc<'_>, data: &ProceedingsData) -> Vec<Item> {
    let words = doc.words();
    let mut items = Vec::new();
    let total = data.participants.len();
    let named = data
        .participants
        .iter()
        .filter(|p| p.public_name_consent)
        .count();
    let total_known = total_printable(total, named);
    let mut lines = Vec::new();
    if total_known {
        lines.push(words.f("doc-proc-stats-total", &[("total", &words.count(total))]));
    }
    lines.push(words.t("doc-proc-stats-rule"));
    if !total_known {
        lines.push(words.t("doc-proc-stats-no-total"));
    }
    let mut b = doc.block();
    b.text(&lines.join(" "), META, 0.0);
    items.push(Item::Block(b.build()));
    let not_stated = words.t("doc-proc-not-stated");
    let unstated = |s: String| if s.is_empty() { not_stated.clone() } else { s };
    let groups: [(&str, Grouping<'_>); 3] = [
        (
            "doc-proc-by-country",
            Box::new(|p: &RosterRow| unstated(words.country(&p.country_code, &p.country))),
        ),
        (
            "doc-proc-by-gender",
            Box::new(|p: &RosterRow| unstated(gender_label(&p.gender, words))),
        ),
        (
            "doc-proc-by-sector",
            Box::new(|p: &RosterRow| unstated(sector_label(&p.sector, words))),
        ),
    ];
    for (title, key) in groups {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for p in &data.participants {
            *counts.entry(key(p)).or_default() += 1;
        }
        heading(doc, &words.t(title), &mut items);
        bars(doc, &protected_rows(counts, total_known), &mut items);
    }
    items
}

pub(crate) fn sector_label(code: &str, words: Words) -> String {
    if code.is_empty() {
        return String::new();
    }
    let key = format!("sector-{code}");
    match words.t(&key) {
        text if text == key => code.replace('_', " "),
        text => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The values a hidden cell may take, as a reader of the page knows them.
    fn range(shown: Shown, smallest_printed: Option<usize>, total: usize) -> (usize, usize) {
        match shown {
            Shown::Small => (1, SMALL_COUNT - 1),
            Shown::Hidden => (SMALL_COUNT, smallest_printed.unwrap_or(total)),
            Shown::Count(c) => (c, c),
        }
    }

    /// Whether the reader can tell what hidden cell `i` holds: only one of its values leaves
    /// the table adding up to the printed total.
    fn pinned(counts: &[usize], shown: &[Shown], i: usize) -> bool {
        let total: usize = counts.iter().sum();
        let smallest = shown
            .iter()
            .filter_map(|s| match s {
                Shown::Count(c) => Some(*c),
                _ => None,
            })
            .min();
        // Sums the other cells can reach.
        let mut reach = vec![false; total + 1];
        reach[0] = true;
        for (j, s) in shown.iter().enumerate() {
            if j == i {
                continue;
            }
            let (lo, hi) = range(*s, smallest, total);
            let mut next = vec![false; total + 1];
            for (sum, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                for v in lo..=hi.min(total) {
                    if sum + v <= total {
                        next[sum + v] = true;
                    }
                }
            }
            reach = next;
        }
        let (lo, hi) = range(shown[i], smallest, total);
        let possible = (lo..=hi.min(total))
            .filter(|v| reach[total - v.min(&total)])
            .count();
        possible <= 1
    }

    #[test]
    fn a_lone_small_count_takes_its_neighbour_along() {
        // 10 + 6 + 2 = 18 printed as a total: "<3" alone would be 18 − 16.
        let naive = [Shown::Count(10), Shown::Count(6), Shown::Small];
        assert!(
            pinned(&[10, 6, 2], &naive, 2),
            "the checker sees the subtraction"
        );
        let shown = protect(&[10, 6, 2], true);
        assert_eq!(shown, vec![Shown::Count(10), Shown::Hidden, Shown::Small]);
        assert!(!pinned(&[10, 6, 2], &shown, 2));
        // Nothing small, nothing hidden.
        assert_eq!(protect(&[7, 5, 3], true), [7, 5, 3].map(Shown::Count));
        // Two ones alone would add up to 2, so both are 1: a third count goes too.
        let shown = protect(&[9, 4, 1, 1], true);
        assert_eq!(shown.iter().filter(|s| **s != Shown::Count(9)).count(), 3);
    }

    #[test]
    fn without_a_printed_total_every_table_hides_two_counts() {
        assert_eq!(
            protect(&[7, 5, 3], false),
            [Shown::Count(7), Shown::Hidden, Shown::Hidden]
        );
        assert_eq!(
            protect(&[7, 5, 2], false)[1..],
            [Shown::Hidden, Shown::Small]
        );
    }

    #[test]
    fn the_total_is_withheld_only_for_one_or_two_unnamed() {
        assert!(total_printable(40, 40));
        assert!(!total_printable(40, 39));
        assert!(!total_printable(40, 38));
        assert!(total_printable(40, 37));
        let words = Words::english();
        let line = participants_line(40, 38, words);
        assert!(!line.contains("40") && line.contains("38"), "{line}");
    }

    proptest! {
        /// For any table with a printed total, every "<3" could still be 1 or 2, printed
        /// counts are the true ones, and exactly the counts below 3 read "<3".
        #[test]
        fn no_small_count_can_be_worked_out(mut counts in proptest::collection::vec(1usize..25, 1..8)) {
            counts.sort_by(|a, b| b.cmp(a));
            let shown = protect(&counts, true);
            for (c, s) in counts.iter().zip(&shown) {
                match s {
                    Shown::Count(v) => prop_assert_eq!(v, c),
                    Shown::Small => prop_assert!(*c < SMALL_COUNT),
                    Shown::Hidden => prop_assert!(*c >= SMALL_COUNT),
                }
                prop_assert_eq!(*c < SMALL_COUNT, *s == Shown::Small);
            }
            let all_hidden = shown.iter().all(|s| !matches!(s, Shown::Count(_)));
            if !all_hidden {
                for (i, s) in shown.iter().enumerate() {
                    if *s == Shown::Small {
                        prop_assert!(!pinned(&counts, &shown, i), "{:?} → {:?}: cell {} pinned", counts, shown, i);
                    }
                }
            }
        }

        /// Without a printed total, a table hides at least two counts (or all it has).
        #[test]
        fn without_a_total_two_counts_are_hidden(mut counts in proptest::collection::vec(1usize..25, 1..8)) {
            counts.sort_by(|a, b| b.cmp(a));
            let shown = protect(&counts, false);
            let hidden = shown.iter().filter(|s| !matches!(s, Shown::Count(_))).count();
            prop_assert!(hidden >= 2.min(counts.len()));
        }
    }
}
