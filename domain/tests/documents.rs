//! Sign-in sheets and badges read back with real tools: `pdftotext` for the text and page
//! furniture, `pdftoppm` + an independent QR reader (rqrr) for the badges' codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use domain::documents::pdf::badges::{checkin_url, slot_rect, PER_PAGE};
use domain::documents::pdf::{attendance_pdf, badges_pdf, Fonts, SheetOptions, SheetsBy};
use domain::participant_types::RosterOrder;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "fixtures/agenda_event.rs"]
mod fixture;
use domain::documents::pdf::Words;
use fixture::{sample_event, sample_roster};

fn fonts() -> &'static Fonts {
    Fonts::shared().unwrap_or_else(|e| panic!("{e}"))
}

fn out(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_516_000_000, 0).unwrap()
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e} (install poppler-utils: scripts/setup.sh)"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The text of each page (pdftotext separates pages with form feeds).
fn pages(pdf: &Path) -> Vec<String> {
    let text = String::from_utf8(run(Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")))
    .unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn one_sheet_per_day_with_the_header_on_every_page() {
    let event = sample_event();
    let rows = sample_roster(45);
    let options = SheetOptions {
        by: SheetsBy::Day,
        order: RosterOrder::Name,
        blank_rows: 5,
    };
    let pdf = out(
        "sheets-by-day.pdf",
        &attendance_pdf(&event, &rows, options, fonts(), now(), Words::english()).unwrap(),
    );
    let pages = pages(&pdf);
    // 45 + 5 rows of 24 pt do not fit one landscape page: each of the 3 days takes 3 pages.
    assert_eq!(pages.len(), 9, "pages: {}", pages.len());
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        for needle in [
            event.summary.title.as_str(),
            "No.",
            "Signature",
            "Organisation",
            "Gender",
        ] {
            assert!(page.contains(needle), "page {} lacks {needle:?}", i + 1);
        }
        assert!(
            page.contains(&format!("Page {} of {total}", i + 1)),
            "page {} number",
            i + 1
        );
    }
    for (day, first_page) in [
        ("Day 1 · Saturday 13 January 2018", 0),
        ("Day 2", 3),
        ("Day 3", 6),
    ] {
        assert!(
            pages[first_page].contains(day),
            "page {} should open {day}",
            first_page + 1
        );
    }
    // Every person once per day, both scripts read back exactly, then the numbered blanks.
    let day_one: String = pages[..3].iter().map(|p| squeeze(p)).collect();
    for row in &rows {
        assert!(
            day_one.contains(&squeeze(&row.name_latin)),
            "{}",
            row.name_latin
        );
        if row.name_native != fixture::PEOPLE[4].1 {
            assert!(
                day_one.contains(&squeeze(&row.name_native)),
                "{}",
                row.name_native
            );
        }
    }
    assert!(day_one.contains("50"), "blank rows run on to No. 50");
    assert!(!day_one.contains("51"), "only 5 blank rows");
}

#[test]
fn numbering_follows_the_roster_and_groups_get_headings() {
    let event = sample_event();
    let mut rows = sample_roster(12);
    domain::service::roster::sort(&mut rows, RosterOrder::Country);
    let options = SheetOptions {
        by: SheetsBy::Session,
        order: RosterOrder::Country,
        blank_rows: 0,
    };
    let pdf = out(
        "sheets-by-country.pdf",
        &attendance_pdf(&event, &rows, options, fonts(), now(), Words::english()).unwrap(),
    );
    let pages = pages(&pdf);
    // One sheet per session that is neither a break nor a meal.
    let sheets =
        domain::documents::pdf::sheets::sheet_titles(&event, SheetsBy::Session, Words::english());
    assert!(
        sheets.len() > 3 && sheets.len() < event.sessions.len(),
        "{}",
        sheets.len()
    );
    assert_eq!(pages.len(), sheets.len());
    let first = &pages[0];
    // Countries in order, each heading before its people, numbers 1..12 top to bottom.
    let cambodia = first
        .find("Cambodia\n")
        .or_else(|| first.find("Cambodia "))
        .unwrap();
    let vietnam = first.rfind("Vietnam").unwrap();
    assert!(cambodia < vietnam);
    let positions: Vec<usize> = rows
        .iter()
        .map(|r| {
            first
                .find(&r.name_latin)
                .unwrap_or_else(|| panic!("{}", r.name_latin))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "rows out of roster order"
    );
    assert_eq!(rows[0].country, "Cambodia");
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        (1..=12).collect::<Vec<_>>()
    );
}

/// Greyscale page 1 at 150 dpi.
fn raster(pdf: &Path, page: u32) -> (usize, usize, Vec<u8>) {
    let prefix = pdf.with_extension(format!("p{page}"));
    let p = page.to_string();
    run(Command::new("pdftoppm")
        .args(["-r", "200", "-gray", "-singlefile", "-f", &p, "-l", &p])
        .arg(pdf)
        .arg(&prefix));
    let pgm = std::fs::read(prefix.with_extension(format!("p{page}.pgm")))
        .unwrap_or_else(|_| std::fs::read(format!("{}.pgm", prefix.display())).unwrap());
    let mut fields = pgm.splitn(5, |b| b.is_ascii_whitespace());
    let (_, w, h, _) = (fields.next(), fields.next(), fields.next(), fields.next());
    let parse =
        |f: Option<&[u8]>| -> usize { std::str::from_utf8(f.unwrap()).unwrap().parse().unwrap() };
    let (w, h) = (parse(w), parse(h));
    (w, h, fields.next().unwrap().to_vec())
}

#[test]
fn badges_carry_both_names_and_a_readable_check_in_code() {
    let event = sample_event();
    let rows = sample_roster(10);
    let base = "https://sala.example.org/manage/events/yangon-2018/checkin?r=";
    let pdf = out(
        "badges.pdf",
        &badges_pdf(&event, &rows, base, fonts(), now(), Words::english()).unwrap(),
    );
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 2, "8 badges a sheet");
    let text: String = pages.iter().map(|p| squeeze(p)).collect();
    for row in &rows {
        assert!(
            text.contains(&squeeze(&row.name_latin)),
            "{}",
            row.name_latin
        );
        assert!(
            text.contains(&squeeze(&row.name_native)),
            "{}",
            row.name_native
        );
    }
    assert!(text.contains("RESOURCEPERSON") && text.contains("TRAINEE"));
    // People who keep their names off public lists still get a badge.
    assert!(rows.iter().any(|r| !r.public_name_consent));

    // Each badge's own code, read from its own cell of the rasterised sheet.
    let (w, _, pixels) = raster(&pdf, 1);
    let px = |pt: f32| (pt * 200.0 / 72.0) as usize;
    for (slot, row) in rows[..PER_PAGE].iter().enumerate() {
        let (x, y, bw, bh) = slot_rect(slot);
        let (x0, y0, cw, ch) = (px(x), px(y), px(bw), px(bh));
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(cw, ch, |cx, cy| {
            pixels[(y0 + cy) * w + x0 + cx]
        });
        let found: Vec<String> = img
            .detect_grids()
            .into_iter()
            .map(|g| {
                g.decode()
                    .map_or_else(|e| format!("undecodable: {e}"), |(_, t)| t)
            })
            .collect();
        assert_eq!(
            found,
            vec![checkin_url(base, row.registration_id)],
            "badge {slot}"
        );
    }
}

#[test]
fn proceedings_have_true_contents_named_participants_and_masked_counts() {
    let data = fixture::sample_proceedings(60);
    let pdf = out(
        "proceedings.pdf",
        &domain::documents::pdf::proceedings_pdf(&data, fonts(), now(), Words::english()).unwrap(),
    );
    let pages = pages(&pdf);
    let contents = &pages[1];
    assert!(contents.contains("Contents"));
    // Every entry's page number is the page that section starts on.
    let mut entries = 0;
    for line in contents.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        if !first.ends_with('.') || first.len() > 3 {
            continue;
        }
        let page: usize = last
            .parse()
            .unwrap_or_else(|_| panic!("no page number in {line:?}"));
        let title = words[..words.len() - 1].join(" ");
        assert!(
            pages[page - 1].trim_start().starts_with(&title),
            "{title:?} should start page {page}"
        );
        entries += 1;
    }
    assert_eq!(entries, 7, "{contents}");
    let all: String = pages.iter().map(|p| squeeze(p)).collect();
    for p in &data.participants {
        let named = all.contains(&squeeze(&p.name_latin));
        assert_eq!(
            named, p.public_name_consent,
            "{} named: {named}",
            p.name_latin
        );
    }
    for text in [
        "ผู้เข้าร่วมเห็นพ้องกับข้อเสนอแนะแปดข้อ",
        "អ្នកចូលរួមបានឯកភាពលើអនុសាសន៍ប្រាំបី",
        "ภาษาไทย",
        "Recommendation8:",
        "Addressedto:ASEANmemberstates",
    ] {
        assert!(all.contains(&squeeze(text)), "{text}");
    }
    // Two people in the media sector: a bar labelled "<3", never "2".
    let stats = pages.last().unwrap();
    let media = stats
        .lines()
        .find(|l| l.contains("Media"))
        .expect("media row");
    assert!(media.contains("<3") && !media.contains(" 2"), "{media}");
    assert!(stats.contains("60 participants"));
}

#[test]
fn certificates_name_the_trainee_in_both_scripts_one_page_each() {
    use domain::documents::pdf::{certificates_pdf, Certificate};
    let event = sample_event();
    let certs: Vec<Certificate> = sample_roster(3)
        .into_iter()
        .enumerate()
        .map(|(i, r)| Certificate {
            registration_id: r.registration_id,
            name_latin: r.name_latin,
            name_native: r.name_native,
            days_attended: 3 - i as u32,
            total_days: 3,
            completed: i < 2,
        })
        .collect();
    let signatories = [
        (
            "Reiko Harima".to_string(),
            "Mekong Migration Network".to_string(),
        ),
        (String::new(), String::new()),
    ];
    let pdf = out(
        "certificates.pdf",
        &certificates_pdf(
            &event,
            &certs,
            &signatories,
            fonts(),
            now(),
            Words::english(),
        )
        .unwrap(),
    );
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 3);
    for (page, c) in pages.iter().zip(&certs) {
        let text = squeeze(page);
        assert!(text.contains(&squeeze(&c.name_latin)), "{}", c.name_latin);
        assert!(text.contains(&squeeze(&c.name_native)), "{}", c.name_native);
        assert!(text.contains(&squeeze(&event.summary.title)));
        assert!(text.contains(&squeeze(&format!("attending {} ", c.days_attended))));
        let completion = text.contains("CERTIFICATEOFCOMPLETION");
        assert_eq!(completion, c.completed);
        assert!(text.contains("ReikoHarima"));
    }
}

/// With only two participants unnamed, the proceedings print no exact total anywhere: the
/// named list is numbered, so the total would count the two who asked not to be named.
#[test]
fn proceedings_with_two_unnamed_print_no_total() {
    let mut data = fixture::sample_proceedings(47);
    for (i, p) in data.participants.iter_mut().enumerate() {
        p.public_name_consent = i >= 2;
    }
    let pdf = out(
        "proceedings-two-unnamed.pdf",
        &domain::documents::pdf::proceedings_pdf(&data, fonts(), now(), Words::english()).unwrap(),
    );
    let text = pages(&pdf).join("\n");
    assert!(
        text.contains("45 participants are named here; fewer than 3 others"),
        "{text}"
    );
    assert!(
        !text.contains("47"),
        "the total is printed somewhere:\n{text}"
    );
    // Every table hides at least two counts, so none adds up to the total either.
    let stats = pages(&pdf).last().unwrap().clone();
    let hidden = stats
        .lines()
        .filter(|l| l.trim_end().ends_with('–') || l.trim_end().ends_with("<3"))
        .count();
    assert!(
        hidden >= 6,
        "{hidden} hidden counts in three tables:\n{stats}"
    );
}
