//! Time of the annual report for a year of 40 events and 2,000 participants (target: under
//! 3 s on a release build, loading and PDF together). `bash scripts/bench-annual-report.sh`
//! runs it on a release build. A migrated SQLite file gets the year: 40 events (8 trainings
//! with three days of attendance, 4 forums the network attended with delegations, the rest
//! workshops, meetings and side events), each with objectives and organisers; 2,000 people
//! from 12 countries on rosters of 60 (a fifth of them at two events); 3 recommendations per workshop with dated
//! follow-up; every trainee's check-ins answered (a third agreeing to be quoted), every
//! event's objectives translated into Thai. Then the report, as printed after the year when
//! its check-ins have fallen due, is loaded, printed as PDF and written as CSV and Excel 3
//! times each; medians are reported. Give a language tag (`th`, `my`, …) as argument to
//! print in it.
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use domain::documents::annual;
use domain::documents::pdf::{annual_report_pdf, Fonts, Words};
use domain::report_types::ReportPeriod;
use entities::{
    attendance, content_translations, delegation_members, event_objectives, event_organisations,
    events, followups, organisations, people, recommendation_status_changes, recommendations,
    registrations,
};
use i18n::Locale;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

type Error = Box<dyn std::error::Error>;

const EVENTS: usize = 40;
const PEOPLE: usize = 2_000;
const COUNTRIES: [&str; 12] = [
    "TH", "MM", "KH", "LA", "VN", "CN", "PH", "ID", "MY", "HK", "IN", "NO",
];
const SECTORS: [&str; 5] = [
    "cso_ngo",
    "trade_union",
    "migrant_workers_association",
    "academic_research",
    "government",
];

fn kind_of(i: usize) -> (&'static str, &'static str) {
    match i % 10 {
        0 | 5 => ("training", "organiser"),
        1 => ("forum", "attendee"),
        2 | 6 | 8 => ("workshop", "organiser"),
        3 => ("consultation_meeting", "organiser"),
        4 => ("side_event", "organiser"),
        7 => ("symposium", "organiser"),
        _ => ("general_conference", "organiser"),
    }
}

async fn seed(db: &DatabaseConnection) -> Result<(), Error> {
    let now = Utc::now();
    let org = organisations::ActiveModel {
        name: Set("Mekong Migration Network".into()),
        acronym: Set(Some("MMN".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut people_ids = Vec::with_capacity(PEOPLE);
    for chunk in (0..PEOPLE).collect::<Vec<_>>().chunks(200) {
        let rows = chunk.iter().map(|&n| people::ActiveModel {
            name_latin: Set(format!("Participant {n}")),
            name_native: Set((n % 3 == 0).then(|| format!("ผู้เข้าร่วม {n}"))),
            country_code: Set(Some(COUNTRIES[n % COUNTRIES.len()].into())),
            gender: Set(Some(if n % 2 == 0 { "female" } else { "male" }.into())),
            sector: Set(Some(SECTORS[n % SECTORS.len()].into())),
            languages: Set("en".into()),
            public_name_consent: Set(n % 4 != 0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        people::Entity::insert_many(rows).exec(db).await?;
    }
    for p in people::Entity::find().all(db).await? {
        people_ids.push(p.id);
    }
    let mut forum = None;
    for i in 0..EVENTS {
        let (kind, role) = kind_of(i);
        let month = u32::try_from(i % 12).unwrap_or(0) + 1;
        let day = u32::try_from(1 + (i / 12) * 7).unwrap_or(1);
        let starts = Utc
            .with_ymd_and_hms(2030, month, day, 2, 0, 0)
            .single()
            .ok_or("date")?;
        let title = if i % 3 == 0 {
            format!("การประชุมเชิงปฏิบัติการระดับภูมิภาค {i}")
        } else {
            format!(
                "Regional {} on labour migration {i}",
                kind.replace('_', " ")
            )
        };
        let event = events::ActiveModel {
            slug: Set(format!("bench-{i}")),
            title: Set(title),
            kind: Set(kind.into()),
            summary: Set("Civil society organisations review the year's advocacy with ASEAN bodies and plan the next steps together.".into()),
            description: Set(String::new()),
            parent_id: Set(if kind == "side_event" { forum } else { None }),
            timezone: Set("Asia/Bangkok".into()),
            starts_at: Set(starts),
            ends_at: Set(starts + chrono::Duration::hours(56)),
            venue_name: Set("Sagawa Meeting Spaces".into()),
            venue_address: Set(String::new()),
            city: Set("Chiang Mai".into()),
            country_code: Set(Some("TH".into())),
            status: Set("published".into()),
            visibility: Set("public".into()),
            registration_mode: Set("open".into()),
            working_languages: Set("en".into()),
            interpretation_languages: Set(String::new()),
            completion_percent: Set(80),
            followup_months: Set("1,3".into()),
            network_role: Set(role.into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if kind == "forum" {
            forum = Some(event.id);
        }
        for position in 1..=3 {
            event_objectives::ActiveModel {
                event_id: Set(event.id),
                position: Set(position),
                text: Set(format!("Objective {position}: share findings and agree on joint recommendations to ASEAN bodies")),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        content_translations::ActiveModel {
            event_id: Set(event.id),
            owner_kind: Set("event".into()),
            owner_id: Set(event.id),
            field: Set("objectives".into()),
            locale: Set("th".into()),
            text: Set((1..=3)
                .map(|n| format!("วัตถุประสงค์ {n}: แบ่งปันผลการศึกษาและตกลงข้อเสนอแนะร่วมต่อองค์กรอาเซียน"))
                .collect::<Vec<_>>()
                .join("\n")),
            ..Default::default()
        }
        .insert(db)
        .await?;
        event_organisations::ActiveModel {
            event_id: Set(event.id),
            organisation_id: Set(org.id),
            role: Set("organiser".into()),
        }
        .insert(db)
        .await?;
        // 60 people per event, overlapping the next event's by 10: all 2,000 people come,
        // a fifth of them to two events.
        let roster: Vec<i64> = (0..60).map(|k| people_ids[(i * 50 + k) % PEOPLE]).collect();
        let regs = roster.iter().map(|&p| registrations::ActiveModel {
            event_id: Set(event.id),
            person_id: Set(p),
            status: Set("confirmed".into()),
            role: Set(if kind == "training" {
                "trainee"
            } else {
                "participant"
            }
            .into()),
            created_at: Set(now),
            updated_at: Set(now),
            interpretation_needed: Set(String::new()),
            dietary: Set(String::new()),
            accessibility: Set(String::new()),
            travel_support: Set(false),
            walk_in: Set(false),
            locale: Set("en".into()),
            ..Default::default()
        });
        registrations::Entity::insert_many(regs).exec(db).await?;
        let first = NaiveDate::from_ymd_opt(2030, month, day).ok_or("date")?;
        let reg_ids: Vec<i64> = registrations::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .filter(|r| r.event_id == event.id)
            .map(|r| r.id)
            .collect();
        let marks = reg_ids.iter().enumerate().flat_map(|(k, &r)| {
            (0..if k % 5 == 0 { 1 } else { 3 }).map(move |d| attendance::ActiveModel {
                registration_id: Set(r),
                day: Set(first + chrono::Duration::days(d)),
                session_id: Set(None),
                recorded_at: Set(now),
                ..Default::default()
            })
        });
        attendance::Entity::insert_many(marks).exec(db).await?;
        if kind == "training" {
            let answered = first + chrono::Duration::days(40);
            let answers = reg_ids.iter().enumerate().flat_map(|(k, &r)| {
                [1_i16, 3].map(move |months| followups::ActiveModel {
                    registration_id: Set(r),
                    months: Set(months),
                    advocacy: Set(format!(
                        "Met the provincial labour office with {k} workers about passports kept by employers, then wrote to the ministry."
                    )),
                    engaged_with: Set(["Ministry of Labour", "ACMW focal point", "Labour court"][k % 3].into()),
                    support_needed: Set("Legal advice".into()),
                    answered_at: Set(Some(answered.and_hms_opt(3, 0, 0).unwrap_or_default().and_utc())),
                    reminded_at: Set(None),
                    staff_note: Set(String::new()),
                    updated_at: Set(now),
                    quote_consent: Set(k % 3 == 0),
                    ..Default::default()
                })
            });
            followups::Entity::insert_many(answers).exec(db).await?;
        }
        if kind == "forum" {
            for (k, p) in roster.iter().take(5).enumerate() {
                delegation_members::ActiveModel {
                    event_id: Set(event.id),
                    person_id: Set(*p),
                    role: Set(if k == 0 { "speaker" } else { "delegate" }.into()),
                    presented: Set(String::new()),
                    outcome: Set(if k == 0 {
                        "Presented the network's statement".into()
                    } else {
                        String::new()
                    }),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
        if kind == "workshop" {
            for position in 1..=3 {
                let rec = recommendations::ActiveModel {
                    event_id: Set(event.id),
                    position: Set(position),
                    text: Set("ASEAN Member States should ratify the ILO conventions on migrant workers and domestic workers.".into()),
                    addressed_to: Set("ACMW".into()),
                    status: Set(["proposed", "adopted", "in_progress"][usize::try_from(position).unwrap_or(0) % 3].into()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                recommendation_status_changes::ActiveModel {
                    recommendation_id: Set(rec.id),
                    status: Set("raised".into()),
                    noted_on: Set(first + chrono::Duration::days(30)),
                    note: Set("Raised at the AFML.".into()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

fn median<T>(mut f: impl FnMut() -> Result<T, Error>) -> Result<(Duration, T), Error> {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let out = f()?;
        runs.push((started.elapsed(), out));
    }
    runs.sort_by_key(|r| r.0);
    Ok(runs.swap_remove(1))
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let tag = std::env::args().nth(1).unwrap_or_else(|| "en".into());
    let locale =
        i18n::Locale::from_tag(&tag).ok_or("a language tag: en, th, my, km, lo, vi, zh")?;
    let words = Words::new(i18n::dates::DateFormat::new(locale));
    let lang = Locale::from_tag(&tag).unwrap_or(Locale::En);
    let dir = std::env::temp_dir().join(format!("sala-annual-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let db = domain::service::db::connect_migrated(&url).await?;
    let started = Instant::now();
    seed(&db).await?;
    println!(
        "seeded {EVENTS} events, {PEOPLE} people in {}",
        ms(started.elapsed())
    );

    let period = ReportPeriod::year(2030);
    // Printed after the year, when its trainings' check-ins have fallen due.
    let now = Utc
        .with_ymd_and_hms(2031, 6, 1, 3, 0, 0)
        .single()
        .ok_or("date")?;
    let mut loads = Vec::new();
    let mut report = None;
    for _ in 0..3 {
        let started = Instant::now();
        let loaded = domain::service::annual_report::load(&db, period, lang, now).await?;
        loads.push(started.elapsed());
        report = Some(loaded);
    }
    loads.sort();
    let report = report.ok_or("no report")?;
    let fonts = Fonts::shared()?;
    let (pdf_took, pdf) = median(|| Ok(annual_report_pdf(&report, fonts, now, words)?))?;
    let (tables_took, (csv, xlsx)) = median(|| {
        let tables = annual::tables(&report, words);
        Ok((annual::csv(&tables)?, annual::xlsx(&tables)?))
    })?;
    let pages = lopdf::Document::load_mem(&pdf).map_or(0, |d| d.get_pages().len());
    println!(
        "annual report {tag}: {} events, {} forums, {} trainings ({} quotations), {} recommendations, {} people",
        report.events.len(),
        report.forums.len(),
        report.trainings.len(),
        report.trainings.iter().map(|t| t.quotes.len()).sum::<usize>(),
        report.recommendations.len(),
        report.people.len()
    );
    println!("  load     {} (median of 3)", ms(loads[1]));
    println!(
        "  pdf      {} (median of 3), {pages} pages, {:.0} KB",
        ms(pdf_took),
        pdf.len() as f64 / 1024.0
    );
    println!(
        "  csv+xlsx {} (median of 3), {:.0} KB + {:.0} KB",
        ms(tables_took),
        csv.len() as f64 / 1024.0,
        xlsx.len() as f64 / 1024.0
    );
    println!(
        "  load + pdf {}  [target < 3 s on a release build]",
        ms(loads[1] + pdf_took)
    );
    let out = std::env::temp_dir().join(format!("sala-annual-report-{tag}.pdf"));
    std::fs::write(&out, pdf)?;
    println!("PDF written to {}", out.display());
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
