//! The rooming list for the hotel (by hotel and room, with check-in and check-out days and
//! the room's warnings), and visa invitation letters: one A4 page per person, in English by
//! design (consulates read English), on the organiser's letterhead, with the same shaping and
//! fonts as every other document so a name in Khmer or Burmese prints as typed.
use chrono::{DateTime, NaiveDate, Utc};

use super::layout::{Colour, Doc, Style, A4_LANDSCAPE, A4_PORTRAIT};
use super::{Fonts, PdfError, Words};
use crate::room_types::Rooming;
use crate::travel_types::VisaLetters;

const MARGIN: f32 = 48.0;
const PAD: f32 = 3.0;
const TITLE: Style = Style::new(14.0).bold();
const HEAD: Style = Style::new(9.0).bold();
const CELL: Style = Style::new(9.5);
const META: Style = Style::new(8.5).colour(Colour::GREY);
const GROUP: Style = Style::new(11.0).bold();
const BODY: Style = Style::new(11.0);
const WARN: Style = Style::new(8.5).colour(Colour::ACCENT);

/// The rooming list.
pub fn rooming_pdf(
    list: &Rooming,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, MARGIN).in_language(words);
    let e = &list.event;
    let title = words.f("doc-rooming-title", &[("title", &e.title)]);
    let mut b = doc.block();
    b.text(&title, TITLE, 0.0)
        .text(
            &format!("{} · {}", words.range(&e.local_start, &e.local_end), e.city),
            META,
            0.0,
        )
        .gap(6.0);
    let b = b.build();
    doc.place(b, true);
    let w = doc.content_width();
    let cols = [
        (0.0, w * 0.09),
        (w * 0.09, w * 0.15),
        (w * 0.24, w * 0.36),
        (w * 0.60, w * 0.20),
        (w * 0.80, w * 0.20),
    ];
    let labels = [
        "rooms-room",
        "rooms-type",
        "rooms-guests",
        "rooms-check-in",
        "rooms-check-out",
    ]
    .map(|k| words.t(k));
    let cells: Vec<(&str, Style, f32, f32)> = labels
        .iter()
        .zip(cols)
        .map(|(l, (x, cw))| (l.as_str(), HEAD, x, cw))
        .collect();
    let mut hb = doc.block();
    hb.grid_row(&cells, 0.0, PAD, Some(Colour::SHADE));
    let header = hb.build();
    for h in &list.hotels {
        let mut b = doc.block();
        b.gap(8.0).text(&h.name, GROUP, 0.0);
        if !h.address.is_empty() {
            b.text(&h.address, META, 0.0);
        }
        b.gap(3.0);
        let b = b.build();
        doc.place(b, true);
        doc.table_start(&header, 20.0);
        for r in &h.rooms {
            // One row per guest (the room named on its first), so a guest's dates stay on
            // the guest's line; an empty room still gets its row.
            let mut rb = doc.block();
            let count = r.guests.len().max(1);
            for i in 0..count {
                let g = r.guests.get(i);
                let (name, check_in, check_out) = match g {
                    Some(g) => (
                        g.name.clone(),
                        words.day(&g.check_in),
                        words.day(&g.check_out),
                    ),
                    None => (String::new(), String::new(), String::new()),
                };
                let (label, kind) = if i == 0 {
                    (r.label.as_str(), r.room_type.as_str())
                } else {
                    ("", "")
                };
                let texts = [
                    label,
                    kind,
                    name.as_str(),
                    check_in.as_str(),
                    check_out.as_str(),
                ];
                let cells: Vec<(&str, Style, f32, f32)> = texts
                    .iter()
                    .zip(cols)
                    .map(|(t, (x, cw))| (*t, CELL, x, cw))
                    .collect();
                rb.grid_row(&cells, 16.0, PAD, None);
            }
            for warning in &r.warnings {
                rb.text(&words.t(warning.key()), WARN, cols[2].0 + PAD);
            }
            let rb = rb.build();
            doc.table_row(&header, rb);
        }
    }
    if list.hotels.is_empty() {
        let mut b = doc.block();
        b.text(&words.t("rooms-none"), CELL, 0.0);
        let b = b.build();
        doc.place(b, true);
    }
    let footer = words.f(
        "doc-travel-footer",
        &[("title", &e.title), ("when", &words.printed(generated_at))],
    );
    doc.finish(&title, &footer, generated_at)
}

/// "4 December 2026".
fn english_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%-d %B %Y").to_string())
        .unwrap_or_else(|_| iso.to_owned())
}

/// Who pays, as the letter says it.
fn who_pays(arrangement: &str, organisation: &str) -> String {
    match arrangement {
        "network_books" | "refund" => format!(
            "{organisation} will cover the cost of the participant's international travel, \
             accommodation and meals for the duration of the event."
        ),
        "self" => format!(
            "The participant or their organisation will cover the cost of travel; \
             {organisation} will cover accommodation and meals for the duration of the event."
        ),
        _ => format!(
            "{organisation} will cover accommodation and meals for the duration of the event."
        ),
    }
}

/// The letters, one page each (always in English).
pub fn visa_letters_pdf(
    letters: &VisaLetters,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    let words = Words::english();
    let mut doc = Doc::new(fonts, A4_PORTRAIT, MARGIN).in_language(words);
    let head = &letters.letterhead;
    let org = if head.organisation.is_empty() {
        "The organisers"
    } else {
        head.organisation.as_str()
    };
    let e = &letters.event;
    let today = generated_at.format("%-d %B %Y").to_string();
    if letters.letters.is_empty() {
        let mut b = doc.block();
        b.text("No participant needs a visa invitation letter.", BODY, 0.0);
        let b = b.build();
        doc.place(b, true);
    }
    for (i, l) in letters.letters.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let name = if l.name_native.is_empty() {
            l.passport_name.clone()
        } else {
            format!("{} ({})", l.passport_name, l.name_native)
        };
        let venue = if letters.venue.is_empty() {
            letters.place.clone()
        } else {
            format!("{}, {}", letters.venue, letters.place)
        };
        let mut b = doc.block();
        b.text(org, TITLE, 0.0);
        if !head.address.is_empty() {
            b.text(&head.address, META, 0.0);
        }
        b.rule(8.0, 0.8, Colour::BLACK)
            .gap(10.0)
            .text(&today, BODY, 0.0)
            .gap(12.0)
            .text("To the consular section concerned", BODY, 0.0)
            .gap(10.0)
            .text(
                &format!("Subject: Letter of invitation for {}", l.passport_name),
                Style::new(11.0).bold(),
                0.0,
            )
            .gap(10.0)
            .text("Dear Sir or Madam,", BODY, 0.0)
            .gap(8.0);
        let nationality = if l.nationality.is_empty() {
            String::new()
        } else {
            format!(", a national of {},", l.nationality)
        };
        let passport = if l.passport_number.is_empty() {
            String::new()
        } else {
            format!(" holder of passport number {},", l.passport_number)
        };
        let para1 = format!(
            "{org} is pleased to invite {name}{nationality}{passport} to take part in \"{}\", \
             to be held at {venue} from {} to {}.",
            e.title,
            english_date(&e.local_start),
            english_date(&e.local_end),
        );
        b.text(&para1, BODY, 0.0).gap(8.0)
            .text(&who_pays(&l.arrangement, org), BODY, 0.0).gap(8.0)
            .text("We would be grateful if you could grant the participant a visa for the duration of the event. \
                   Please do not hesitate to contact us should you need any further information.", BODY, 0.0)
            .gap(10.0)
            .text("Yours faithfully,", BODY, 0.0)
            .gap(48.0);
        if !head.signatory.is_empty() {
            b.text(&head.signatory, Style::new(11.0).bold(), 0.0);
        }
        if !head.signatory_title.is_empty() {
            b.text(&head.signatory_title, BODY, 0.0);
        }
        b.text(org, BODY, 0.0);
        let b = b.build();
        doc.place(b, false);
    }
    let footer = format!("{} · {}", org, e.title);
    doc.finish(
        &format!("Visa invitation letters: {}", e.title),
        &footer,
        generated_at,
    )
}
