//! Time, size and peak memory of the staff documents on realistic volumes: sign-in sheets for
//! 1,000 participants × 5 days, badges for 1,000 and for 5,000, and proceedings with 1,000
//! participants in mixed scripts. `bash scripts/bench-documents.sh` runs it on a release build.
//! Each document is built 3 times; the median time is reported (fonts are loaded once, before
//! timing), with the process's peak resident memory during the first build (Linux; it
//! includes the ~20 MB of loaded fonts and whatever earlier documents left allocated, so give
//! one document's name as argument — `sheets`, `badges`, `badges-5000`, `sheets-5000`,
//! `proceedings` — to
//! build only that one and see its own peak).
use chrono::Utc;
use domain::documents::pdf::Words;
use domain::documents::pdf::{
    attendance_pdf, badges_pdf, proceedings_pdf, Fonts, SheetOptions, SheetsBy,
};
use domain::participant_types::RosterOrder;
use std::time::{Duration, Instant};

/// Linux: resets the process's peak resident set size to its current size.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Linux: the peak resident set size since the last reset, in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[path = "../tests/fixtures/agenda_event.rs"]
mod fixture;

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).map_or(0, |d| d.get_pages().len())
}

/// Builds and reports the document `key` unless the command line names another one.
fn time(key: &str, name: &str, target: &str, build: impl FnMut() -> Vec<u8>) -> Option<Vec<u8>> {
    let wanted = std::env::args().nth(1);
    if wanted.is_some_and(|w| w != key) {
        return None;
    }
    Some(measure(name, target, build))
}

fn measure(name: &str, target: &str, mut build: impl FnMut() -> Vec<u8>) -> Vec<u8> {
    reset_peak_rss();
    let mut peak = None;
    let mut runs: Vec<(Duration, Vec<u8>)> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let bytes = build();
            let took = started.elapsed();
            peak = peak.or_else(peak_rss_mb);
            (took, bytes)
        })
        .collect();
    runs.sort_by_key(|r| r.0);
    let (took, bytes) = runs.swap_remove(1);
    println!(
        "{name}: {:.0} ms (median of 3), {} pages, {:.0} KB, peak RSS {}  [target {target}]",
        took.as_secs_f64() * 1000.0,
        pages(&bytes),
        bytes.len() as f64 / 1024.0,
        peak.map_or("?".to_string(), |mb| format!("{mb:.0} MB")),
    );
    bytes
}

/// (key, name, target, build).
type Document<'a> = (&'a str, &'a str, &'a str, Box<dyn FnMut() -> Vec<u8> + 'a>);

const BASE: &str = "https://sala.example.org/manage/events/bench/checkin?r=";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fonts = Fonts::shared()?;
    let out = std::env::temp_dir();
    let now = Utc::now();

    let mut event = fixture::sample_event();
    event.summary.local_end = "2018-01-17".into(); // five days
    let roster = fixture::sample_roster(1000);
    let many = fixture::sample_roster(5000);
    let data = fixture::sample_proceedings(1000);
    let options = SheetOptions {
        by: SheetsBy::Day,
        order: RosterOrder::Name,
        blank_rows: 10,
    };
    let mut two_days = event.clone();
    two_days.summary.local_end = "2018-01-14".into();
    let documents: [Document<'_>; 5] = [
        (
            "sheets",
            "sign-in sheets, 1,000 people × 5 days",
            "< 1 s, < 1 MB",
            Box::new(|| {
                attendance_pdf(&event, &roster, options, fonts, now, Words::english())
                    .expect("sheets")
            }),
        ),
        (
            "badges",
            "badges, 1,000 people",
            "small enough to email",
            Box::new(|| {
                badges_pdf(&event, &roster, BASE, fonts, now, Words::english()).expect("badges")
            }),
        ),
        (
            "badges-5000",
            "badges, 5,000 people",
            "< 3 s, < 5 MB",
            Box::new(|| {
                badges_pdf(&event, &many, BASE, fonts, now, Words::english()).expect("badges")
            }),
        ),
        (
            "sheets-5000",
            "sign-in sheets, 5,000 people × 2 days",
            "< 1 s; memory flat",
            Box::new(|| {
                attendance_pdf(&two_days, &many, options, fonts, now, Words::english())
                    .expect("sheets")
            }),
        ),
        (
            "proceedings",
            "proceedings, 1,000 participants",
            "< 2 s",
            Box::new(|| proceedings_pdf(&data, fonts, now, Words::english()).expect("proceedings")),
        ),
    ];
    for (key, name, target, build) in documents {
        if let Some(pdf) = time(key, name, target, build) {
            std::fs::write(out.join(format!("sala-{key}.pdf")), pdf)?;
        }
    }
    println!("files written to {}", out.display());
    Ok(())
}
