//! Where the time of a public registration goes, without HTTP: 1,000 registrations for an
//! event of capacity 100 through `service::registration::register`, one after another and
//! then from 16 tasks at once, on a migrated SQLite file (WAL, `synchronous=FULL`) or on the
//! PostgreSQL database named by `DATABASE_URL`. Every SQL statement is counted and timed
//! (sea-orm's metric callback), so the report shows statements per registration, the time
//! spent inside them, and the rest (validation, e-mail rendering, waiting for the write
//! lock). `bash scripts/bench-registration.sh` runs it after the HTTP burst, under
//! `strace -c` to count the fsyncs.
use chrono::{TimeZone, Utc};
use domain::registration_types::RegistrationForm;
use domain::service::db;
use domain::service::registration::register;
use entities::events;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COUNT: usize = 1000;
const CLIENTS: usize = 16;
const CAPACITY: i32 = 100;

/// Statements seen so far by kind ("INSERT INTO outbox", "SELECT … FROM events"): count and
/// total time inside the database driver.
type Tally = Arc<Mutex<BTreeMap<String, (u64, Duration)>>>;

/// "INSERT INTO \"outbox\" …" → "INSERT outbox"; "SELECT … FROM \"events\" …" → "SELECT events".
fn kind(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let verb = words.first().copied().unwrap_or("?").to_uppercase();
    let after = |keyword: &str| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(keyword))
            .and_then(|i| words.get(i + 1))
            .map(|t| {
                t.trim_matches(|c| c == '"' || c == '`' || c == '(')
                    .to_string()
            })
    };
    let table = match verb.as_str() {
        "INSERT" => after("INTO"),
        "UPDATE" => words.get(1).map(|t| t.trim_matches('"').to_string()),
        "SELECT" | "DELETE" => after("FROM"),
        _ => None,
    };
    match table {
        Some(t) => format!("{verb} {t}"),
        None => verb,
    }
}

async fn add_event(db: &DatabaseConnection, slug: &str) -> Result<(), sea_orm::DbErr> {
    let at = |d, h| {
        Utc.with_ymd_and_hms(2027, 6, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    };
    events::ActiveModel {
        slug: Set(slug.into()),
        title: Set("Regional Consultation on Recruitment".into()),
        kind: Set("workshop".into()),
        summary: Set(String::new()),
        description: Set(String::new()),
        timezone: Set("Asia/Bangkok".into()),
        starts_at: Set(at(1, 2)),
        ends_at: Set(at(3, 11)),
        venue_name: Set("Chao Phraya Hall".into()),
        venue_address: Set(String::new()),
        city: Set("Bangkok".into()),
        country_code: Set(Some("TH".into())),
        status: Set("published".into()),
        visibility: Set("public".into()),
        capacity: Set(Some(CAPACITY)),
        registration_mode: Set("open".into()),
        working_languages: Set(String::new()),
        interpretation_languages: Set(String::new()),
        created_at: Set(at(1, 0) - chrono::Duration::days(60)),
        updated_at: Set(at(1, 0) - chrono::Duration::days(60)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn form(slug: &str, i: usize) -> RegistrationForm {
    const PEOPLE: [(&str, &str, &str); 4] = [
        ("Somchai Rattanakosin", "สมชาย รัตนโกสินทร์", "TH"),
        ("Sokha Chhim", "សុខា ឈឹម", "KH"),
        ("Aung Kyaw Moe", "အောင်ကျော်မိုး", "MM"),
        ("Khamphone Sisavath", "ຄຳພອນ ສີສະຫວັດ", "LA"),
    ];
    let (latin, native, country) = PEOPLE[i % PEOPLE.len()];
    RegistrationForm {
        name_latin: format!("{latin} {i}"),
        name_native: native.into(),
        email: format!("{slug}-{i:05}@example.org"),
        country_code: country.into(),
        consent: Some("on".into()),
        submission_key: format!("{slug}-submission-{i:05}"),
        ..Default::default()
    }
}

fn report(label: &str, wall: Duration, tally: &Tally) {
    let tally = std::mem::take(&mut *tally.lock().unwrap_or_else(|e| e.into_inner()));
    let statements: u64 = tally.values().map(|(n, _)| n).sum();
    let inside: Duration = tally.values().map(|(_, d)| *d).sum();
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / COUNT as f64;
    println!(
        "{label}: {COUNT} registrations in {:.2} s ({:.0}/s); per registration {:.2} ms wall, \
         {:.1} statements, {:.2} ms inside them",
        wall.as_secs_f64(),
        COUNT as f64 / wall.as_secs_f64(),
        per(wall),
        statements as f64 / COUNT as f64,
        per(inside),
    );
    let mut kinds: Vec<_> = tally.into_iter().collect();
    kinds.sort_by_key(|(_, (_, d))| std::cmp::Reverse(*d));
    for (kind, (n, d)) in kinds {
        println!(
            "    {kind:<40} {:>5.2} per registration, {:>6.3} ms each, {:>5.2} ms per registration",
            n as f64 / COUNT as f64,
            d.as_secs_f64() * 1000.0 / n.max(1) as f64,
            per(d),
        );
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!(
        "sala-registration-breakdown-{}",
        std::process::id()
    ));
    let url = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(url) => url,
        None => {
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}/sala.db?mode=rwc", dir.display())
        }
    };
    let mut db = db::connect_migrated(&url).await?;
    let tally: Tally = Arc::default();
    let seen = Arc::clone(&tally);
    db.set_metric_callback(move |info| {
        let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
        let entry = seen.entry(kind(&info.statement.sql)).or_default();
        entry.0 += 1;
        entry.1 += info.elapsed;
    });
    println!(
        "database: {}",
        if url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite file, WAL, synchronous=FULL"
        }
    );
    let now = Utc
        .with_ymd_and_hms(2027, 5, 1, 3, 0, 0)
        .single()
        .unwrap_or_default();
    let base = "https://sala.example.org";

    add_event(&db, "one-by-one").await?;
    tally.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let started = Instant::now();
    for i in 0..COUNT {
        register(&db, "one-by-one", &form("one-by-one", i), base, now).await?;
    }
    report("one at a time", started.elapsed(), &tally);

    add_event(&db, "sixteen-at-once").await?;
    tally.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (db, next) = (db.clone(), Arc::clone(&next));
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= COUNT {
                        return Ok::<(), domain::error::DomainError>(());
                    }
                    register(
                        &db,
                        "sixteen-at-once",
                        &form("sixteen-at-once", i),
                        base,
                        now,
                    )
                    .await?;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    report(&format!("{CLIENTS} at once"), started.elapsed(), &tally);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
