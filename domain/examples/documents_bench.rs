//! Time and size of the staff documents on realistic volumes: sign-in sheets for 1,000
//! participants × 5 days, badges for 1,000, and proceedings with 1,000 participants in mixed
//! scripts. `bash scripts/bench-documents.sh` runs it on a release build. Each document is
//! built 3 times; the median is reported (fonts are loaded once, before timing).
use chrono::Utc;
use domain::documents::pdf::{
    attendance_pdf, badges_pdf, proceedings_pdf, Fonts, SheetOptions, SheetsBy,
};
use domain::participant_types::RosterOrder;
use std::time::{Duration, Instant};

#[path = "../tests/fixtures/agenda_event.rs"]
mod fixture;

fn pages(pdf: &[u8]) -> usize {
    // Each page object carries "/Type/Page" (the tree root is "/Type/Pages").
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

fn time(name: &str, target: &str, mut build: impl FnMut() -> Vec<u8>) -> Vec<u8> {
    let mut runs: Vec<(Duration, Vec<u8>)> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let bytes = build();
            (started.elapsed(), bytes)
        })
        .collect();
    runs.sort_by_key(|r| r.0);
    let (took, bytes) = runs.swap_remove(1);
    println!(
        "{name}: {:.0} ms (median of 3), {} pages, {:.0} KB  [target {target}]",
        took.as_secs_f64() * 1000.0,
        pages(&bytes),
        bytes.len() as f64 / 1024.0
    );
    bytes
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fonts = Fonts::shared()?;
    let out = std::env::temp_dir();
    let now = Utc::now();

    let mut event = fixture::sample_event();
    event.summary.local_end = "2018-01-17".into(); // five days
    let roster = fixture::sample_roster(1000);
    let options = SheetOptions {
        by: SheetsBy::Day,
        order: RosterOrder::Name,
        blank_rows: 10,
    };
    let sheets = time("sign-in sheets, 1,000 people × 5 days", "< 1 s", || {
        attendance_pdf(&event, &roster, options, fonts, now).expect("sheets")
    });
    std::fs::write(out.join("sala-sheets.pdf"), sheets)?;

    let base = "https://sala.example.org/manage/events/bench/checkin?r=";
    let badges = time("badges, 1,000 people", "small enough to email", || {
        badges_pdf(&event, &roster, base, fonts, now).expect("badges")
    });
    std::fs::write(out.join("sala-badges.pdf"), badges)?;

    let data = fixture::sample_proceedings(1000);
    let proceedings = time("proceedings, 1,000 participants", "< 2 s", || {
        proceedings_pdf(&data, fonts, now).expect("proceedings")
    });
    std::fs::write(out.join("sala-proceedings.pdf"), proceedings)?;
    println!("files written to {}", out.display());
    Ok(())
}
