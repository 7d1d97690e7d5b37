//! Time and size of the PDF layer: a 39-session mixed-script agenda and a 1,000-row
//! mixed-script table. `cargo run -p domain --features ssr --example pdf_bench [--release]`
//! (fonts from Debian's fonts-noto-core/-cjk, or SALA_FONT_DIR). Writes the files to the
//! system temp directory.
use chrono::Utc;
use domain::documents::pdf::layout::{Colour, Doc, Style, A4_LANDSCAPE};
use domain::documents::pdf::{agenda_pdf, Fonts};
use std::time::Instant;

#[path = "../tests/fixtures/agenda_event.rs"]
mod fixture;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let fonts = Fonts::shared()?;
    println!("fonts loaded in {:?}", started.elapsed());
    let out = std::env::temp_dir();

    let event = fixture::sample_event();
    let started = Instant::now();
    let agenda = agenda_pdf(&event, fonts, Utc::now())?;
    let took = started.elapsed();
    println!(
        "agenda: {} sessions, {} bytes in {took:?}",
        event.sessions.len(),
        agenda.len()
    );
    std::fs::write(out.join("sala-agenda.pdf"), &agenda)?;

    let started = Instant::now();
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, 36.0);
    let (small, head) = (Style::new(8.5), Style::new(8.5).bold());
    let mut b = doc.block();
    b.cells(&[
        ("#", head, 0.0, 30.0),
        ("Name", head, 34.0, 230.0),
        ("Organisation", head, 270.0, 300.0),
        ("Country", head, 576.0, 90.0),
        ("Signature", head, 670.0, 100.0),
    ])
    .rule(4.0, 0.6, Colour::BLACK);
    for n in 0..1000 {
        let (name, native, org, country) = fixture::PEOPLE[n % fixture::PEOPLE.len()];
        let (number, person) = (
            (n + 1).to_string(),
            if name == native {
                name.to_string()
            } else {
                format!("{name} ({native})")
            },
        );
        b.cells(&[
            (&number, small, 0.0, 30.0),
            (&person, small, 34.0, 230.0),
            (org, small, 270.0, 300.0),
            (country, small, 576.0, 90.0),
        ])
        .rule(6.0, 0.3, Colour::LIGHT);
    }
    let block = b.build();
    doc.place(block, false);
    let pages = doc.page_count();
    println!("table laid out in {:?}", started.elapsed());
    let table = doc.finish("Sign-in sheet", "Sign-in sheet", Utc::now())?;
    let took = started.elapsed();
    println!(
        "table: 1000 rows, {pages} pages, {} bytes in {took:?}",
        table.len()
    );
    std::fs::write(out.join("sala-table.pdf"), &table)?;
    println!("written to {}", out.display());
    Ok(())
}
