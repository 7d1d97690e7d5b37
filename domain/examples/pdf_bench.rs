//! Time and size of the PDF layer: a 39-session mixed-script agenda and a 1,000-row
//! mixed-script table. `cargo run -p domain --features ssr --example pdf_bench [--release]`
//! (fonts from Debian's fonts-noto-core/-cjk, or SALA_FONT_DIR). Writes the files to the
//! system temp directory.
use chrono::{NaiveDate, Utc};
use domain::documents::pdf::layout::{Colour, Doc, Style, A4_LANDSCAPE};
use domain::documents::pdf::{agenda_pdf, Fonts};
use domain::types::*;
use std::time::Instant;

const PEOPLE: [(&str, &str, &str, &str); 6] = [
    (
        "Somchai Jaidee",
        "สมชาย ใจดี",
        "มูลนิธิเพื่อการศึกษาและพัฒนา",
        "Thailand",
    ),
    ("Sokha Chan", "ចាន់ សុខា", "ជំនួយផ្នែកច្បាប់", "Cambodia"),
    (
        "Khamla Vongsa",
        "ຄຳຫລ້າ ວົງສາ",
        "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ",
        "Lao PDR",
    ),
    ("Aye Aye Myint", "အေးအေးမြင့်", "မြန်မာနိုင်ငံ အလုပ်သမား", "Myanmar"),
    (
        "Nguyễn Thị Lan",
        "Nguyễn Thị Lan",
        "Trung tâm Nghiên cứu và Tư vấn Phát triển",
        "Vietnam",
    ),
    ("Li Wei", "李伟", "湄公河移民网络", "Yunnan, China"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let fonts = Fonts::shared()?;
    println!("fonts loaded in {:?}", started.elapsed());
    let out = std::env::temp_dir();

    let event = event();
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
        let (name, native, org, country) = PEOPLE[n % PEOPLE.len()];
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

fn event() -> EventDetail {
    let day = |d: u32| NaiveDate::from_ymd_opt(2018, 1, d).unwrap_or_default();
    let at = |d: u32, minutes: u32| {
        day(d)
            .and_hms_opt(minutes / 60, minutes % 60, 0)
            .unwrap_or_default()
            .and_utc()
    };
    let hm = |minutes: u32| format!("{:02}:{:02}", minutes / 60, minutes % 60);
    let mut sessions = Vec::new();
    for d in 13..=15 {
        for slot in 0..13u32 {
            let n = sessions.len();
            let (start, end) = (480 + slot * 45, 520 + slot * 45);
            let people = (0..n % 4)
                .map(|k| {
                    let (name, native, org, country) = PEOPLE[(n + k) % PEOPLE.len()];
                    SessionPerson {
                        role: SessionRole::ALL[(n + k) % SessionRole::ALL.len()],
                        name: name.into(),
                        name_native: Some(native.into()),
                        organisation: Some(org.into()),
                        country: Some(country.into()),
                    }
                })
                .collect();
            sessions.push(AgendaSession {
                id: n as i64,
                kind: SessionKind::ALL[n % SessionKind::ALL.len()],
                title: format!("Session {n}: {}", PEOPLE[n % PEOPLE.len()].2),
                description: String::new(),
                room: "Main hall".into(),
                language: "en".into(),
                starts_at: at(d, start),
                ends_at: at(d, end),
                local_day: day(d).to_string(),
                local_start: hm(start),
                local_end: hm(end),
                people,
            });
        }
    }
    EventDetail {
        summary: EventSummary {
            id: EventId(1),
            slug: "bench".into(),
            title: "Second Project Consultation Meeting".into(),
            kind: EventKind::ConsultationMeeting,
            status: EventStatus::Published,
            starts_at: at(13, 150),
            ends_at: at(15, 660),
            timezone: "Asia/Yangon".into(),
            local_start: "2018-01-13".into(),
            local_end: "2018-01-15".into(),
            city: "Yangon".into(),
            country: Some("Myanmar".into()),
            summary: String::new(),
        },
        description: String::new(),
        objectives: vec!["To share progress".into(), "To plan data collection".into()],
        venue_name: "Sagawa Meeting Spaces".into(),
        venue_address: String::new(),
        country_name: Some("Myanmar".into()),
        visibility: Visibility::Public,
        organisations: Vec::new(),
        parent: None,
        working_languages: vec!["en".into()],
        interpretation_languages: Vec::new(),
        sessions,
        zone_label: "+0630".into(),
    }
}
