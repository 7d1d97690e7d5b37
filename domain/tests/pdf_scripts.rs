//! The PDF layer against real tools: `pdftotext` must read back every script exactly, the
//! agenda must paginate, and each script's line must have the same ink extent as Chromium's
//! rendering of the same text. Missing fonts fail; missing poppler/Chromium skip, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use domain::documents::pdf::layout::{Doc, Style, A4_PORTRAIT};
use domain::documents::pdf::shape::Shaper;
use domain::documents::pdf::text::wrap;
use domain::documents::pdf::{agenda_pdf, bilingual_agenda_pdf, Fonts};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "fixtures/agenda_event.rs"]
mod fixture;
use fixture::sample_event;

/// (CSS font family, text): one line per script of the region.
const LINES: [(&str, &str); 6] = [
    ("Noto Sans Thai", "มูลนิธิเพื่อการศึกษาและพัฒนา"),
    ("Noto Sans Khmer", "ជំនួយផ្នែកច្បាប់"),
    ("Noto Sans Lao", "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ"),
    ("Noto Sans Myanmar", "မြန်မာနိုင်ငံ အလုပ်သမား"),
    ("Noto Sans", "Trung tâm Nghiên cứu và Tư vấn Phát triển"),
    ("Noto Sans CJK SC", "湄公河移民网络"),
];
const SIZE: f32 = 16.0;
/// Baseline-to-baseline distance, generous so each line's ink forms its own band.
const PITCH: f32 = 48.0;

fn fonts() -> &'static Fonts {
    // Missing fonts must fail the suite, never skip it.
    Fonts::shared().unwrap_or_else(|e| panic!("{e}"))
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf_scripts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scripts_pdf() -> Vec<u8> {
    let mut doc = Doc::new(fonts(), A4_PORTRAIT, 50.0);
    for (_, text) in LINES {
        let mut b = doc.block();
        b.text(text, Style::new(SIZE), 0.0);
        let height = b.height();
        b.gap(PITCH - height);
        let block = b.build();
        doc.place(block, true);
    }
    let now = chrono::DateTime::from_timestamp(1_516_000_000, 0).unwrap();
    doc.finish("Scripts", "", now).unwrap()
}

#[test]
fn a_missing_font_names_the_file_and_the_package() {
    let empty = out_dir().join("no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let message = Fonts::load(Some(&empty)).unwrap_err().to_string();
    assert!(message.contains("NotoSans-Regular.ttf"), "{message}");
    assert!(message.contains("fonts-noto-core"), "{message}");
}

#[test]
fn every_script_reads_back_exactly() {
    let pdf = out_dir().join("scripts.pdf");
    std::fs::write(&pdf, scripts_pdf()).unwrap();
    let Some(text) = pdftotext(&pdf) else { return };
    let lines: Vec<String> = text
        .lines()
        .map(normalise)
        .filter(|l| !l.is_empty() && !l.contains("Page 1 of 1"))
        .collect();
    let expected: Vec<String> = LINES.iter().map(|(_, t)| normalise(t)).collect();
    assert_eq!(lines, expected, "pdftotext of {}", pdf.display());
}

#[test]
fn lines_have_chromiums_ink_extent() {
    let dir = out_dir();
    let ours = dir.join("scripts-visual.pdf");
    std::fs::write(&ours, scripts_pdf()).unwrap();
    let html = dir.join("scripts.html");
    std::fs::write(&html, scripts_html()).unwrap();
    let theirs = dir.join("chromium.pdf");
    let (Some(our_page), Some(()), Some(their_page)) = (
        rasterise(&ours, &dir.join("ours")),
        chromium_pdf(&html, &theirs),
        rasterise(&theirs, &dir.join("chromium")),
    ) else {
        return;
    };
    // Our footer's page number sits at the right margin; leave it out.
    let a: Vec<_> = ink_bands(&our_page)
        .into_iter()
        .filter(|band| band.0 < 600)
        .collect();
    let b = ink_bands(&their_page);
    eprintln!(
        "ink bands (x0, width, height) in px at 100 dpi\n  ours:     {a:?}\n  chromium: {b:?}"
    );
    assert_eq!(a.len(), LINES.len(), "our lines: {a:?}");
    assert_eq!(b.len(), LINES.len(), "Chromium's lines: {b:?}");
    for (((_, text), ours), theirs) in LINES.iter().zip(&a).zip(&b) {
        for (what, x, y) in [("width", ours.1, theirs.1), ("height", ours.2, theirs.2)] {
            let tolerance = (x.max(y) as f32 * 0.03).max(3.0);
            assert!(
                (x as f32 - y as f32).abs() <= tolerance,
                "{text}: ink {what} {x} px here vs {y} px in Chromium"
            );
        }
    }
}

fn scripts_html() -> String {
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><style>@page{size:A4;margin:0}body{margin:0}\
         p{position:absolute;left:50pt;margin:0;white-space:nowrap;font-size:16pt;line-height:1}</style>",
    );
    for (n, (family, text)) in LINES.iter().enumerate() {
        let top = 60.0 + n as f32 * PITCH;
        html.push_str(&format!(
            "<p style=\"top:{top}pt;font-family:'{family}','Noto Sans'\">{text}</p>"
        ));
    }
    html
}

#[test]
fn thai_and_khmer_wrap_between_words_not_inside_clusters() {
    let shaper = Shaper::new(fonts());
    let thai = "มูลนิธิเพื่อการศึกษาและพัฒนา";
    let lines = wrap(&shaper, thai, 12.0, false, 60.0);
    assert!(lines.len() > 1, "{lines:?}");
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, thai);
    // Every break falls at a dictionary word boundary.
    eprintln!(
        "Thai at 60 pt: {:?}",
        lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    let words = ["มูลนิธิ", "เพื่อ", "การ", "ศึกษา", "และ", "พัฒนา"];
    for line in &lines {
        assert!(
            words.iter().any(|w| line.text.starts_with(w)),
            "break inside a word: {line:?}"
        );
    }
    let khmer = "ជំនួយផ្នែកច្បាប់";
    for width in [10.0, 25.0, 40.0] {
        for line in wrap(&shaper, khmer, 12.0, false, width) {
            assert!(
                !line.text.ends_with('\u{17D2}'),
                "coeng split from its consonant: {line:?}"
            );
            assert!(
                !line
                    .text
                    .starts_with(|c| ('\u{17B6}'..='\u{17D3}').contains(&c)),
                "{line:?}"
            );
        }
    }
}

#[test]
fn agenda_paginates_and_reads_back() {
    let event = sample_event();
    let started = std::time::Instant::now();
    let bytes = agenda_pdf(&event, fonts(), chrono::Utc::now()).unwrap();
    eprintln!(
        "agenda: {} sessions, {} bytes in {:?}",
        event.sessions.len(),
        bytes.len(),
        started.elapsed()
    );
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.len() < 1_000_000,
        "{} bytes: fonts not subset?",
        bytes.len()
    );
    let pdf = out_dir().join("agenda.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let Some(text) = pdftotext(&pdf) else { return };
    let pages = text.matches('\u{c}').count();
    assert!(pages > 1, "{pages} page(s)");
    let squeezed = squeeze(&text);
    for needle in [
        event.summary.title.as_str(),
        "Saturday 13 January 2018",
        "Sunday 14 January 2018",
    ]
    .into_iter()
    .chain([
        "Monday 15 January 2018",
        "Asia/Yangon (+0630)",
        "13–15 January 2018",
    ])
    .chain(event.sessions.iter().map(|s| s.title.as_str()))
    .chain(event.objectives.iter().map(String::as_str))
    {
        assert!(
            squeezed.contains(&squeeze(needle)),
            "missing {needle:?} in {}",
            pdf.display()
        );
    }
    for person in event.sessions.iter().flat_map(|s| &s.people) {
        let native = person.name_native.as_deref().unwrap_or_default();
        assert!(squeezed.contains(&squeeze(native)), "missing {native:?}");
    }
    for n in 1..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "no page number {n} of {pages}"
        );
    }
}

#[test]
fn a_bilingual_agenda_prints_both_languages_side_by_side() {
    let event = sample_event();
    let mut khmer = event.clone();
    khmer.summary.title = "កិច្ចប្រជុំពិគ្រោះយោបល់លើកទីពីរ".into();
    for (n, s) in khmer.sessions.iter_mut().enumerate() {
        // Every other session untranslated: printed once, in English.
        if n % 2 == 0 {
            s.title = format!("វគ្គ {n}៖ ជំនួយផ្នែកច្បាប់");
        }
    }
    let bytes = bilingual_agenda_pdf(&event, &khmer, fonts(), chrono::Utc::now()).unwrap();
    let pdf = out_dir().join("agenda-en-km.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let Some(text) = pdftotext(&pdf) else { return };
    let _ = rasterise(&pdf, &out_dir().join("agenda-en-km"));
    let squeezed = squeeze(&text);
    for needle in [event.summary.title.as_str(), khmer.summary.title.as_str()]
        .into_iter()
        .chain(event.sessions.iter().map(|s| s.title.as_str()))
        .chain(khmer.sessions.iter().map(|s| s.title.as_str()))
    {
        assert!(
            squeezed.contains(&squeeze(needle)),
            "missing {needle:?} in {}",
            pdf.display()
        );
    }
    // An untranslated title is printed once, not twice.
    let once = &event.sessions[1].title;
    assert_eq!(squeezed.matches(&squeeze(once)).count(), 1, "{once}");
    // Each translated title sits on the line of its English title, to its right.
    let layout = String::from_utf8(run(Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")))
    .unwrap();
    let first = layout
        .lines()
        .find(|l| l.contains("វគ្គ 0៖"))
        .expect("the Khmer title of the first session");
    let (english, khmer_at) = (first.find("Session 0:"), first.find("វគ្គ 0៖"));
    assert!(
        english.is_some_and(|e| khmer_at.is_some_and(|k| e < k)),
        "side by side: {first:?}"
    );
}

/// Poppler, reading the file as a viewer does (`/W` widths and `TJ` kerning numbers), finds
/// a kerned Latin line starting and ending where the shaper said: the kerning numbers add up.
/// (The line is one `/ActualText` span, so poppler reports it as one word; the unit test in
/// `output.rs` checks every glyph.)
#[test]
fn a_kerned_line_ends_where_the_shaper_said() {
    // Kerning pairs (AV, Wa, To, Yo…) a few points' worth: without the TJ numbers the line
    // would end visibly further right.
    let text = "AVATAR Wave To Yorkshire: Tết, Việt, Yves";
    let (size, margin) = (16.0, 50.0);
    let mut doc = Doc::new(fonts(), A4_PORTRAIT, margin);
    let mut b = doc.block();
    b.text(text, Style::new(size), 0.0);
    let block = b.build();
    doc.place(block, true);
    let now = chrono::DateTime::from_timestamp(1_516_000_000, 0).unwrap();
    let pdf = out_dir().join("kerned.pdf");
    std::fs::write(&pdf, doc.finish("Kerned", "", now).unwrap()).unwrap();
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let xml = String::from_utf8(run(Command::new("pdftotext")
        .arg("-bbox")
        .arg(&pdf)
        .arg("-")))
    .unwrap();
    let attr = |name: &str| -> f32 {
        let at = xml.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        xml[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (x_min, x_max) = (attr("xMin"), attr("xMax"));
    let line = Shaper::new(fonts()).shape(text, false);
    let want = margin + line.width(size);
    assert!(
        (x_min - margin).abs() < 0.02,
        "starts at {x_min}, not {margin}"
    );
    assert!(
        (x_max - want).abs() < 0.02,
        "ends at {x_max}, shaped end {want}"
    );
}

// ---- tools: each returns None (after saying why) when the tool is not installed ----------

fn have(tool: &str, package: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(tool).is_file()));
    if !found {
        eprintln!(
            "SKIPPED: `{tool}` not found; install the Debian package {package} to run this check"
        );
        println!("SKIPPED: `{tool}` not found ({package})");
    }
    found
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn pdftotext(pdf: &Path) -> Option<String> {
    have("pdftotext", "poppler-utils")
        .then(|| String::from_utf8(run(Command::new("pdftotext").arg(pdf).arg("-"))).unwrap())
}

/// Page 1 at 100 dpi as a PNG (to look at) and greyscale pixels: (width, pixels).
fn rasterise(pdf: &Path, prefix: &Path) -> Option<(usize, Vec<u8>)> {
    if !have("pdftoppm", "poppler-utils") {
        return None;
    }
    run(Command::new("pdftoppm")
        .args(["-r", "100", "-png", "-singlefile"])
        .arg(pdf)
        .arg(prefix));
    run(Command::new("pdftoppm")
        .args(["-r", "100", "-gray", "-singlefile"])
        .arg(pdf)
        .arg(prefix));
    let pgm = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = pgm.splitn(5, |b| b.is_ascii_whitespace());
    let (_, w, _, _) = (fields.next(), fields.next(), fields.next(), fields.next());
    let width: usize = std::str::from_utf8(w.unwrap()).unwrap().parse().unwrap();
    Some((width, fields.next().unwrap().to_vec()))
}

fn chromium_pdf(html: &Path, pdf: &Path) -> Option<()> {
    have("chromium", "chromium").then(|| {
        run(Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .args([
                "--no-pdf-header-footer".to_string(),
                format!("--print-to-pdf={}", pdf.display()),
                format!("file://{}", html.display()),
            ]));
    })
}

/// Horizontal bands of ink (lines of text): (left x, ink width, ink height) in pixels.
fn ink_bands((width, pixels): &(usize, Vec<u8>)) -> Vec<(usize, usize, usize)> {
    let rows: Vec<Option<(usize, usize)>> = pixels
        .chunks(*width)
        .map(|row| {
            let first = row.iter().position(|&p| p < 128)?;
            Some((first, row.iter().rposition(|&p| p < 128)?))
        })
        .collect();
    let mut bands: Vec<(usize, usize, usize, usize)> = Vec::new(); // top, bottom, x0, x1
    for (y, ink) in rows.iter().enumerate() {
        let Some((x0, x1)) = *ink else { continue };
        match bands.last_mut() {
            // Marks above or below a line sit within a few pixels of it.
            Some(b) if y <= b.1 + 8 => *b = (b.0, y, b.2.min(x0), b.3.max(x1)),
            _ => bands.push((y, y, x0, x1)),
        }
    }
    bands
        .into_iter()
        .map(|(t, b, x0, x1)| (x0, x1 - x0 + 1, b - t + 1))
        .collect()
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Names as participants write them, in scripts beyond the region's seven.
const NAMES: [&str; 9] = [
    "ரவி சுப்பிரமணியம்",  // Tamil
    "আমিনুল ইসলাম",       // Bengali
    "सुनीता शर्मा",       // Devanagari (Nepali, Hindi)
    "නිමල් පෙරේරා",        // Sinhala
    "김민준",           // Hangul
    "さくら・カタカナ", // Japanese kana
    "محمد علي",         // Arabic (Urdu, Rohingya in Arabic script)
    "ၼၢင်းသႅင်",           // Shan, in the Myanmar block
    "Nguyễn Thị Hương", // Vietnamese
];

/// Up to `n` letters or digits of each script that has a face of its own in the installed Noto
/// set (the seven core faces and every fallback file), each one its face has: one sample line
/// per script.
fn script_samples(fonts: &Fonts, n: usize) -> Vec<(String, String)> {
    use std::collections::BTreeMap;
    use unicode_script::UnicodeScript;
    let mut samples: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut faces: BTreeMap<&'static str, Option<rustybuzz::ttf_parser::Face<'_>>> =
        BTreeMap::new();
    for c in (0x21u32..0x3_2000).filter_map(char::from_u32) {
        if !c.is_alphanumeric() {
            continue;
        }
        let script = c.script();
        let name = script.full_name();
        if matches!(name, "Common" | "Inherited" | "Unknown") {
            continue;
        }
        let face = faces.entry(name).or_insert_with(|| {
            let file = match name {
                "Latin" | "Greek" | "Cyrillic" | "Thai" | "Khmer" | "Lao" | "Myanmar" | "Han"
                | "Hiragana" | "Katakana" | "Hangul" | "Bopomofo" => {
                    return None; // the core faces: sampled by LINES and NAMES
                }
                _ => fonts
                    .fallback_for(name)
                    .and_then(|n| fonts.fallback_file(n, false))?,
            };
            rustybuzz::ttf_parser::Face::parse(&file.data, file.index).ok()
        });
        let Some(face) = face else { continue };
        let sample = samples.entry(name).or_default();
        if sample.chars().count() < n && face.glyph_index(c).is_some() {
            sample.push(c);
        }
    }
    samples
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|(name, s)| (name.to_string(), s))
        .collect()
}

fn build(fonts: &Fonts, lines: &[String]) -> (Vec<u8>, Vec<char>) {
    let mut doc = Doc::new(fonts, A4_PORTRAIT, 50.0);
    for line in lines {
        let mut b = doc.block();
        b.text(line, Style::new(12.0), 0.0);
        let block = b.build();
        doc.place(block, true);
    }
    let missing = doc.shaper().missing();
    let now = chrono::DateTime::from_timestamp(1_516_000_000, 0).unwrap();
    (doc.finish("Every script", "", now).unwrap(), missing)
}

#[test]
fn every_script_noto_covers_is_drawn_with_its_own_glyphs() {
    let fonts = fonts();
    let samples = script_samples(fonts, 12);
    // Debian's fonts-noto-core covers well over a hundred scripts besides the core seven.
    assert!(samples.len() > 100, "{} scripts sampled", samples.len());
    let mut lines: Vec<String> = samples.iter().map(|(_, s)| s.clone()).collect();
    lines.extend(NAMES.iter().map(|s| s.to_string()));
    lines.extend(LINES.iter().map(|(_, s)| s.to_string()));
    let (pdf, missing) = build(fonts, &lines);
    std::fs::write(out_dir().join("every-script.pdf"), &pdf).unwrap();
    assert!(missing.is_empty(), "characters with no face: {missing:?}");
    let faults = domain::documents::pdf::inspect::glyph_faults(&pdf).unwrap();
    assert!(
        faults.is_empty(),
        "{} faulty glyphs, first {:?}",
        faults.len(),
        faults.first()
    );
    // The scripts are drawn from faces of their own: one embedded font each at least.
    let parsed = lopdf::Document::load_mem(&pdf).unwrap();
    let mut embedded = std::collections::BTreeSet::new();
    for (_, page) in parsed.get_pages() {
        for (name, _) in parsed.get_page_fonts(page).unwrap() {
            embedded.insert(name);
        }
    }
    assert!(
        embedded.len() > samples.len(),
        "{} fonts for {} scripts",
        embedded.len(),
        samples.len()
    );
}

#[test]
fn a_character_no_font_has_is_drawn_visibly_and_named() {
    // A private-use character: no Noto face has it.
    let (pdf, missing) = build(fonts(), &["Name: \u{E000} Ravi".to_string()]);
    assert_eq!(missing, vec!['\u{E000}']);
    let faults = domain::documents::pdf::inspect::glyph_faults(&pdf).unwrap();
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(
        faults[0].kind, "replacement",
        "a visible U+FFFD, not an empty box"
    );
}

#[test]
fn an_english_document_reads_no_fallback_font() {
    let fonts = Fonts::load(
        std::env::var_os("SALA_FONT_DIR")
            .map(PathBuf::from)
            .as_deref(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        fonts.fallbacks().len() > 100,
        "{} fallbacks listed",
        fonts.fallbacks().len()
    );
    let (_, missing) = build(
        &fonts,
        &["Regional consultation on labour migration".to_string()],
    );
    assert!(missing.is_empty());
    assert_eq!(fonts.fallbacks_read(), 0);
    let (pdf, _) = build(&fonts, &["ரவி சுப்பிரமணியம்".to_string()]);
    assert_eq!(fonts.fallbacks_read(), 1, "only Tamil is read");
    assert!(domain::documents::pdf::inspect::glyph_faults(&pdf)
        .unwrap()
        .is_empty());
}
