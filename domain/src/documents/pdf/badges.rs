//! Name badges: eight per A4 sheet (95 × 60 mm, edge to edge, with cut marks outside the
//! grid), name in both scripts, organisation, country, role, and a QR code holding the
//! check-in address of the registration. Everyone on the roster gets one, including people
//! who did not agree to be named publicly: a badge is handed over, not published.
use super::layout::{Colour, Doc, Mark, Style, A4_PORTRAIT};
use super::{Fonts, PdfError, Words};
use crate::participant_types::RosterRow;
use crate::types::EventDetail;
use chrono::{DateTime, Utc};
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{bits, ec, Color as Module, EcLevel};

const MM: f32 = 72.0 / 25.4;
const BADGE: (f32, f32) = (95.0 * MM, 60.0 * MM);
const GRID: (usize, usize) = (2, 4);
const PAD: f32 = 10.0;
const BAND: f32 = 20.0;
const QR_SIZE: f32 = 72.0;
const CUT: f32 = 10.0;

const ROLE: Style = Style::new(9.0).bold().colour(Colour::WHITE);
const NAME: Style = Style::new(15.0).bold();
const NATIVE: Style = Style::new(13.0);
const ORG: Style = Style::new(9.0);
const COUNTRY: Style = Style::new(9.0).colour(Colour::GREY);
const EVENT: Style = Style::new(7.0).colour(Colour::GREY);

/// "resource_person" → "RESOURCE PERSON".
pub fn role_label(role: &str, words: Words) -> String {
    words.event_role(role).to_uppercase()
}

/// The text a badge's QR code holds: the check-in address of the registration.
pub fn checkin_url(checkin_base: &str, registration_id: i64) -> String {
    format!("{checkin_base}{registration_id}")
}

/// Renders badges for `rows`. `checkin_base` is the check-in address up to the registration
/// id, e.g. `https://sala.example.org/manage/events/bkk-2016/checkin?r=`.
pub fn badges_pdf(
    event: &EventDetail,
    rows: &[RosterRow],
    checkin_base: &str,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_PORTRAIT, 28.0).in_language(words);
    let (left, top, _, _) = slot_rect(0);
    let (grid_w, grid_h) = (BADGE.0 * GRID.0 as f32, BADGE.1 * GRID.1 as f32);
    for (i, row) in rows.iter().enumerate() {
        let slot = i % PER_PAGE;
        if slot == 0 {
            if i > 0 {
                doc.new_page();
            }
            let marks = cut_marks(left, top, grid_w, grid_h);
            doc.draw(marks);
        }
        let (x, y, _, _) = slot_rect(slot);
        let marks = badge(
            &doc,
            event,
            row,
            &checkin_url(checkin_base, row.registration_id),
        );
        doc.draw(marks.into_iter().map(|m| m.shifted(x, y)));
    }
    let title = &event.summary.title;
    let footer = words.f(
        "doc-badges-footer",
        &[("title", title), ("when", &words.printed(generated_at))],
    );
    doc.finish(
        &words.f("doc-badges-title", &[("title", title)]),
        &footer,
        generated_at,
    )
}

/// Badges on one sheet.
pub const PER_PAGE: usize = GRID.0 * GRID.1;

/// The page rectangle (x, y from the top-left, width, height, in points) of badge `slot`
/// (0 to 7, row by row) on its sheet.
pub fn slot_rect(slot: usize) -> (f32, f32, f32, f32) {
    let (page_w, page_h) = A4_PORTRAIT;
    let left = (page_w - BADGE.0 * GRID.0 as f32) / 2.0;
    let top = (page_h - BADGE.1 * GRID.1 as f32) / 2.0 - 8.0;
    let slot = slot % PER_PAGE;
    (
        left + BADGE.0 * (slot % GRID.0) as f32,
        top + BADGE.1 * (slot / GRID.0) as f32,
        BADGE.0,
        BADGE.1,
    )
}

/// One badge's marks, from its own top-left corner.
fn badge(doc: &Doc<'_>, event: &EventDetail, row: &RosterRow, url: &str) -> Vec<Mark> {
    let (w, h) = BADGE;
    let mut marks = vec![
        Mark::Frame {
            x: 0.0,
            y: 0.0,
            width: w,
            height: h,
            colour: Colour::LIGHT,
        },
        Mark::Fill {
            x: 0.0,
            y: 0.0,
            width: w,
            height: BAND,
            colour: Colour::ACCENT,
        },
    ];
    let text_width = w - 2.0 * PAD - QR_SIZE - 8.0;
    let mut band = super::block::BlockBuilder::new(doc.shaper(), w - 2.0 * PAD);
    band.gap(5.0)
        .text(&role_label(&row.role, doc.words()), ROLE, 0.0);
    marks.extend(
        band.build()
            .marks
            .into_iter()
            .map(|(_, m)| m.shifted(PAD, 0.0)),
    );

    let mut b = super::block::BlockBuilder::new(doc.shaper(), text_width);
    b.column(&row.name_latin, NAME, 0.0, text_width);
    let native = row.name_native.trim();
    if !native.is_empty() && native != row.name_latin {
        b.gap(1.0).column(native, NATIVE, 0.0, text_width);
    }
    if !row.organisation.is_empty() {
        b.gap(4.0).column(&row.organisation, ORG, 0.0, text_width);
    }
    if !row.country.is_empty() {
        let country = doc.words().country(&row.country_code, &row.country);
        b.gap(1.0).column(&country, COUNTRY, 0.0, text_width);
    }
    marks.extend(
        b.build()
            .marks
            .into_iter()
            .map(|(_, m)| m.shifted(PAD, BAND + 8.0)),
    );
    let qr_x = w - PAD - QR_SIZE;
    // Four modules of white all round (the quiet zone readers need), clear of the band.
    marks.extend(qr_marks(url, qr_x, BAND + 12.0, QR_SIZE));
    let mut foot = super::block::BlockBuilder::new(doc.shaper(), w - 2.0 * PAD);
    foot.text(&event.summary.title, EVENT, 0.0);
    let foot = foot.build();
    let foot_y = h - PAD / 2.0 - foot.height();
    marks.extend(foot.marks.into_iter().map(|(_, m)| m.shifted(PAD, foot_y)));
    marks
}

/// The modules of the QR code of `data` (row by row) and its width, with medium error
/// correction (it survives a creased badge). Built with the qrcode crate's own steps, as
/// `QrCode::with_error_correction_level` does, except that one mask is applied instead of
/// all eight being tried and scored: scoring was a third of the time of 5,000 badges, and
/// any mask reads (it only evens out the pattern).
fn qr_modules(data: &str) -> Option<(Vec<Module>, usize)> {
    let bits = bits::encode_auto(data.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let (encoded, ec) = ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(MaskPattern::LargeCheckerboard);
    let width = usize::try_from(version.width()).ok()?;
    Some((canvas.into_colors(), width))
}

/// The QR code of `data` as filled modules in a `size`-point square at (x, y): runs of dark
/// modules in a row are one cell, and a run repeated in the rows below grows that cell
/// downwards.
pub fn qr_marks(data: &str, x: f32, y: f32, size: f32) -> Vec<Mark> {
    let Some((colours, n)) = qr_modules(data) else {
        return Vec::new();
    };
    let mut cells: Vec<[u16; 4]> = Vec::new();
    // Cells that reach down to the previous row, by their index in `cells`.
    let (mut open, mut next_open) = (Vec::new(), Vec::new());
    for r in 0..n {
        let mut c = 0;
        while c < n {
            if colours[r * n + c] != Module::Dark {
                c += 1;
                continue;
            }
            let start = c;
            while c < n && colours[r * n + c] == Module::Dark {
                c += 1;
            }
            let (start, width, row) = (start as u16, (c - start) as u16, r as u16);
            let above = open.iter().copied().find(|&i: &usize| {
                let [x0, _, w, _] = cells[i];
                (x0, w) == (start, width)
            });
            match above {
                Some(i) => {
                    cells[i][3] += 1;
                    next_open.push(i);
                }
                None => {
                    next_open.push(cells.len());
                    cells.push([start, row, width, 1]);
                }
            }
        }
        std::mem::swap(&mut open, &mut next_open);
        next_open.clear();
    }
    vec![Mark::Modules {
        x,
        y,
        module: size / n as f32,
        cells,
        colour: Colour::BLACK,
    }]
}

/// Cut marks on every grid line, outside the grid, so the sheet can be cut edge to edge.
fn cut_marks(left: f32, top: f32, width: f32, height: f32) -> Vec<Mark> {
    let line = |x1, y1, x2, y2| Mark::Line {
        x1,
        y1,
        x2,
        y2,
        thickness: 0.4,
        colour: Colour::BLACK,
    };
    let mut marks = Vec::new();
    for c in 0..=GRID.0 {
        let x = left + BADGE.0 * c as f32;
        marks.push(line(x, top - 3.0 - CUT, x, top - 3.0));
        marks.push(line(x, top + height + 3.0, x, top + height + 3.0 + CUT));
    }
    for r in 0..=GRID.1 {
        let y = top + BADGE.1 * r as f32;
        marks.push(line(left - 3.0 - CUT, y, left - 3.0, y));
        marks.push(line(left + width + 3.0, y, left + width + 3.0 + CUT, y));
    }
    marks
}
