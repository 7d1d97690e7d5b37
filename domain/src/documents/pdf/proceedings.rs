//! The proceedings: the network's published record of an event. Cover, contents with page
//! numbers, background and objectives, programme, session summaries with speakers,
//! recommendations, summaries in each language provided, the participants who agreed to be
//! named (the others counted), and statistics by country, gender and sector with bar charts
//! in which counts below 3 read "<3" so no small group can be singled out.
//!
//! Every section starts a page. Content is shaped once; it is placed twice, first to learn
//! the page each section starts on, then with those numbers in the contents.
use std::collections::BTreeMap;

use super::agenda::{date_range, long_date, session};
use super::layout::{Block, Colour, Doc, Style, A4_PORTRAIT};
use super::sheets::gender_label;
use super::{Fonts, PdfError};
use crate::documentation_types::{
    notes_blocks, ExecutiveSummary, NotesBlock, Recommendation, SUMMARY_LANGUAGES,
};
use crate::participant_types::RosterRow;
use crate::types::{EventDetail, RecommendationStatus, SessionKind};
use chrono::{DateTime, Utc};

const MARGIN: f32 = 50.0;
const COVER_LABEL: Style = Style::new(11.0).bold().colour(Colour::ACCENT);
const COVER_TITLE: Style = Style::new(24.0).bold();
const COVER_LINE: Style = Style::new(12.0);
const H1: Style = Style::new(16.0).bold();
const H2: Style = Style::new(11.5).bold();
const BODY: Style = Style::new(10.0);
const SMALL: Style = Style::new(8.5);
const META: Style = Style::new(8.5).colour(Colour::GREY);
const HEAD: Style = Style::new(8.5).bold();

/// Counts below this are printed as "<3" (and drawn as such).
pub const SMALL_COUNT: usize = 3;

/// Everything the proceedings print.
#[derive(Debug, Clone)]
pub struct ProceedingsData {
    pub event: EventDetail,
    pub summary: String,
    /// Rapporteurs' notes by session id.
    pub notes: BTreeMap<i64, String>,
    pub recommendations: Vec<Recommendation>,
    pub executive_summaries: Vec<ExecutiveSummary>,
    /// Everyone on the roster; only those with `public_name_consent` are named.
    pub participants: Vec<RosterRow>,
}

/// "<3" for counts 1 and 2 (0 stays 0: nobody to protect).
pub fn masked(count: usize) -> String {
    if count > 0 && count < SMALL_COUNT {
        format!("<{SMALL_COUNT}")
    } else {
        count.to_string()
    }
}

enum Item {
    Block(Block),
    Table(Block, Vec<Block>),
}

struct Section {
    title: String,
    items: Vec<Item>,
}

pub fn proceedings_pdf(
    data: &ProceedingsData,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    let scratch = Doc::new(fonts, A4_PORTRAIT, MARGIN);
    let sections = sections(&scratch, data);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    // Pass 1 learns where each section starts; pass 2 prints those pages in the contents.
    let (_, starts) = place(fonts, data, &sections, &titles, &vec![0; titles.len()]);
    let (doc, _) = place(fonts, data, &sections, &titles, &starts);
    let title = &data.event.summary.title;
    let footer = format!("{title} · proceedings");
    doc.finish(&format!("{title} – proceedings"), &footer, generated_at)
}

fn place<'f>(
    fonts: &'f Fonts,
    data: &ProceedingsData,
    sections: &[Section],
    titles: &[&str],
    pages: &[usize],
) -> (Doc<'f>, Vec<usize>) {
    let mut doc = Doc::new(fonts, A4_PORTRAIT, MARGIN);
    cover(&mut doc, data);
    doc.new_page();
    contents(&mut doc, titles, pages);
    let mut starts = Vec::with_capacity(sections.len());
    for section in sections {
        doc.new_page();
        starts.push(doc.page_number());
        let mut b = doc.block();
        b.text(&section.title, H1, 0.0)
            .rule(12.0, 0.8, Colour::BLACK);
        let block = b.build();
        doc.place(block, true);
        for item in &section.items {
            match item {
                Item::Block(block) => doc.place(block.clone(), true),
                Item::Table(header, rows) => doc.place_table(header, rows.iter().cloned()),
            }
        }
    }
    (doc, starts)
}

fn cover(doc: &mut Doc<'_>, data: &ProceedingsData) {
    let s = &data.event.summary;
    let mut b = doc.block();
    b.gap(120.0).text("PROCEEDINGS", COVER_LABEL, 0.0).gap(10.0);
    b.text(&s.title, COVER_TITLE, 0.0).gap(16.0);
    b.text(&date_range(&s.local_start, &s.local_end), COVER_LINE, 0.0);
    let place: Vec<&str> = [data.event.venue_name.as_str(), s.city.as_str()]
        .into_iter()
        .chain(data.event.country_name.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    b.text(&place.join(", "), COVER_LINE, 0.0).gap(40.0);
    for o in &data.event.organisations {
        let role = o.role.replace('_', "-");
        let name = match o.acronym.as_deref().filter(|a| !a.is_empty()) {
            Some(a) => format!("{} ({a})", o.name),
            None => o.name.clone(),
        };
        b.text(&format!("{}: {name}", capitalise(&role)), BODY, 0.0);
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

fn contents(doc: &mut Doc<'_>, titles: &[&str], pages: &[usize]) {
    let mut b = doc.block();
    b.text("Contents", H1, 0.0).rule(12.0, 0.8, Colour::BLACK);
    let width = b.width();
    for (title, page) in titles.iter().zip(pages) {
        let page = if *page == 0 {
            String::new()
        } else {
            page.to_string()
        };
        b.cells(&[
            (title, BODY, 0.0, width - 50.0),
            (&page, BODY, width - 40.0, 40.0),
        ])
        .gap(4.0);
    }
    let block = b.build();
    doc.place(block, false);
}

fn paragraphs(doc: &Doc<'_>, text: &str, items: &mut Vec<Item>) {
    for block in notes_blocks(text) {
        let mut b = doc.block();
        match block {
            NotesBlock::Paragraph(p) => b.text(&p, BODY, 0.0),
            NotesBlock::Bullet(p) => b.label("•", BODY, 6.0).text(&p, BODY, 18.0),
            NotesBlock::Numbered(n, p) => b.label(&format!("{n}."), BODY, 0.0).text(&p, BODY, 18.0),
        };
        b.gap(5.0);
        items.push(Item::Block(b.build()));
    }
}

fn heading(doc: &Doc<'_>, text: &str, items: &mut Vec<Item>) {
    let mut b = doc.block();
    b.gap(8.0).text(text, H2, 0.0).gap(3.0);
    items.push(Item::Block(b.build()));
}

fn sections(doc: &Doc<'_>, data: &ProceedingsData) -> Vec<Section> {
    let event = &data.event;
    let mut out = Vec::new();
    let mut number = 0;
    let mut next = |title: &str| {
        number += 1;
        format!("{number}. {title}")
    };

    let mut items = Vec::new();
    paragraphs(doc, &event.description, &mut items);
    if !event.objectives.is_empty() {
        heading(doc, "Objectives", &mut items);
        for (n, objective) in event.objectives.iter().enumerate() {
            let mut b = doc.block();
            b.label(&format!("{}.", n + 1), BODY, 0.0)
                .text(objective, BODY, 18.0)
                .gap(3.0);
            items.push(Item::Block(b.build()));
        }
    }
    out.push(Section {
        title: next("Background and objectives"),
        items,
    });

    let mut items = Vec::new();
    let mut day = "";
    for s in &event.sessions {
        if s.local_day != day {
            day = &s.local_day;
            heading(doc, &long_date(day), &mut items);
        }
        let mut b = doc.block();
        session(&mut b, s);
        items.push(Item::Block(b.build()));
    }
    out.push(Section {
        title: next("Programme"),
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
                long_date(&s.local_day),
                s.local_start,
                s.local_end
            ),
            META,
            0.0,
        );
        for person in &s.people {
            b.text(&super::agenda::person_line(person), SMALL, 0.0);
        }
        b.gap(4.0);
        items.push(Item::Block(b.build()));
        if let Some(notes) = data.notes.get(&s.id) {
            paragraphs(doc, notes, &mut items);
        }
    }
    out.push(Section {
        title: next("Sessions"),
        items,
    });

    if !data.recommendations.is_empty() {
        let mut items = Vec::new();
        for r in &data.recommendations {
            let mut b = doc.block();
            b.label(&format!("{}.", r.number), BODY.bold(), 0.0)
                .text(&r.text, BODY, 22.0);
            let mut meta = vec![format!("Status: {}", status_label(r.status))];
            if !r.addressed_to.is_empty() {
                meta.insert(0, format!("Addressed to: {}", r.addressed_to));
            }
            b.text(&meta.join(" · "), META, 22.0).gap(6.0);
            items.push(Item::Block(b.build()));
        }
        out.push(Section {
            title: next("Recommendations"),
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
            title: next("Summary and executive summaries"),
            items,
        });
    }

    out.push(Section {
        title: next("Participants"),
        items: participants(doc, data),
    });
    out.push(Section {
        title: next("Statistics"),
        items: statistics(doc, data),
    });
    out
}

fn status_label(status: RecommendationStatus) -> &'static str {
    match status {
        RecommendationStatus::Proposed => "proposed",
        RecommendationStatus::Adopted => "adopted",
        RecommendationStatus::InProgress => "in progress",
        RecommendationStatus::Implemented => "implemented",
    }
}

fn participants(doc: &Doc<'_>, data: &ProceedingsData) -> Vec<Item> {
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
    let head = cells(
        ["No.", "Name", "Own script", "Organisation", "Country"],
        HEAD,
    );
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
            let row = cells(
                [&n, &p.name_latin, native, &p.organisation, &p.country],
                SMALL,
            );
            let mut b = doc.block();
            b.cells(&refs(&row)).gap(2.0);
            b.build()
        })
        .collect();
    let mut items = vec![Item::Table(header.build(), rows)];
    let unnamed = data.participants.len() - named.len();
    let mut b = doc.block();
    b.gap(8.0).text(
        &format!(
            "{} participants in all; {} of them are not named here at their request.",
            data.participants.len(),
            masked(unnamed)
        ),
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
    let mut items = Vec::new();
    let total = data.participants.len();
    let mut b = doc.block();
    b.text(
        &format!(
            "{total} participants. Counts below {SMALL_COUNT} are shown as \"<{SMALL_COUNT}\"."
        ),
        META,
        0.0,
    );
    items.push(Item::Block(b.build()));
    let unstated = |s: &str| {
        if s.is_empty() {
            "Not stated".to_string()
        } else {
            s.to_string()
        }
    };
    let groups: [(&str, Grouping<'_>); 3] = [
        ("By country", Box::new(|p: &RosterRow| unstated(&p.country))),
        (
            "By gender",
            Box::new(|p: &RosterRow| unstated(gender_label(&p.gender))),
        ),
        (
            "By sector",
            Box::new(|p: &RosterRow| unstated(&sector_label(&p.sector))),
        ),
    ];
    for (title, key) in groups {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for p in &data.participants {
            *counts.entry(key(p)).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        heading(doc, title, &mut items);
        let max = counts.first().map_or(1, |c| c.1.max(SMALL_COUNT)) as f32;
        let bar_x = 170.0;
        let bar_max = doc.content_width() - bar_x - 60.0;
        for (label, count) in counts {
            let small = count < SMALL_COUNT;
            let shown = if small { SMALL_COUNT } else { count };
            let width = bar_max * shown as f32 / max;
            let colour = if small { Colour::LIGHT } else { Colour::ACCENT };
            let mut b = doc.block();
            b.fill(bar_x, 2.0, width, 10.0, colour);
            b.cells(&[
                (&label, SMALL, 0.0, bar_x - 8.0),
                (&masked(count), SMALL, bar_x + width + 6.0, 50.0),
            ])
            .gap(3.0);
            items.push(Item::Block(b.build()));
        }
    }
    items
}

fn sector_label(code: &str) -> String {
    match code {
        "government" => "Government",
        "cso_ngo" => "Civil society / NGO",
        "trade_union" => "Trade union",
        "migrant_workers_association" => "Migrant workers' association",
        "academic_research" => "Academic / research",
        "intergovernmental" => "Intergovernmental",
        "employer" => "Employer",
        "media" => "Media",
        "donor" => "Donor",
        "other" => "Other",
        _ => "",
    }
    .to_string()
}
