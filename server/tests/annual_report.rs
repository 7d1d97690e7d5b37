//! The annual report through the router: staff only; a period that cannot be read is a 400
//! naming its field; the figures (events by kind, people by country with the proceedings'
//! small-count protection, recommendations by status) read the same in the CSV and the Excel
//! file; the PDF reads back in English and in Thai, with event titles and objectives in their
//! translation; trainees who agreed to it are quoted, unnamed, in all three files; counts
//! read "1 training" and "2 trainings".
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::types::Role;
use entities::{
    attendance, content_translations, delegation_members, event_objectives, events, followups,
    people, recommendation_carries, recommendation_status_changes, recommendations, registrations,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

const STAFF: (&str, &str) = ("staff@example.org", "staff-password-1");

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

async fn event(
    app: &common::TestApp,
    slug: &str,
    kind: &str,
    status: &str,
    starts: DateTime<Utc>,
    days: i64,
    parent: Option<i64>,
) -> i64 {
    let role = if kind == "forum" {
        "attendee"
    } else {
        "organiser"
    };
    events::ActiveModel {
        network_role: Set(role.into()),
        slug: Set(slug.into()),
        title: Set(format!("Title of {slug}")),
        kind: Set(kind.into()),
        summary: Set(String::new()),
        description: Set(String::new()),
        parent_id: Set(parent),
        timezone: Set("Asia/Bangkok".into()),
        starts_at: Set(starts),
        ends_at: Set(starts + chrono::Duration::days(days - 1) + chrono::Duration::hours(8)),
        venue_name: Set("Hall A".into()),
        venue_address: Set(String::new()),
        city: Set("Bangkok".into()),
        country_code: Set(Some("TH".into())),
        status: Set(status.into()),
        visibility: Set("public".into()),
        registration_mode: Set("open".into()),
        working_languages: Set("en".into()),
        interpretation_languages: Set(String::new()),
        completion_percent: Set(80),
        followup_months: Set(String::new()),
        created_at: Set(starts),
        updated_at: Set(starts),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn person(app: &common::TestApp, n: usize, country: &str, gender: &str) -> i64 {
    let now = Utc::now();
    people::ActiveModel {
        name_latin: Set(format!("Person {n}")),
        public_name_consent: Set(n == 1),
        country_code: Set(Some(country.into())),
        gender: Set(Some(gender.into())),
        sector: Set(Some("trade_union".into())),
        languages: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn register(app: &common::TestApp, event: i64, person: i64) -> i64 {
    let now = Utc::now();
    registrations::ActiveModel {
        event_id: Set(event),
        person_id: Set(person),
        status: Set("confirmed".into()),
        role: Set("participant".into()),
        created_at: Set(now),
        updated_at: Set(now),
        interpretation_needed: Set(String::new()),
        dietary: Set(String::new()),
        accessibility: Set(String::new()),
        travel_support: Set(false),
        walk_in: Set(false),
        locale: Set("en".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn present(app: &common::TestApp, registration: i64, day: NaiveDate) {
    attendance::ActiveModel {
        registration_id: Set(registration),
        day: Set(day),
        session_id: Set(None),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// A year of activity, 2030: a training (8 people, 5 of them present every day), two
/// workshops (9 and 2 people), one more on 1 January local time (31 December in UTC), a
/// forum (2) with a side event (0); a draft and an event on 1 January 2031 local time (still
/// 2030 in UTC) stay out. 18 distinct people: 10 Thai, 6 Cambodian, 2 from Myanmar.
async fn year_2030(app: &common::TestApp) {
    let training = event(
        app,
        "training-2030",
        "training",
        "published",
        at(2030, 3, 10, 2, 0),
        3,
        None,
    )
    .await;
    for (i, text) in ["Understand ASEAN bodies", "Plan advocacy"]
        .iter()
        .enumerate()
    {
        event_objectives::ActiveModel {
            event_id: Set(training),
            position: Set(i32::try_from(i).unwrap() + 1),
            text: Set((*text).into()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let workshop = event(
        app,
        "workshop-2030",
        "workshop",
        "published",
        at(2030, 6, 1, 2, 0),
        2,
        None,
    )
    .await;
    let small = event(
        app,
        "small-2030",
        "workshop",
        "closed",
        at(2030, 9, 1, 2, 0),
        1,
        None,
    )
    .await;
    let new_year = event(
        app,
        "new-year-2030",
        "workshop",
        "published",
        at(2029, 12, 31, 23, 30),
        1,
        None,
    )
    .await;
    let forum = event(
        app,
        "forum-2030",
        "forum",
        "published",
        at(2030, 11, 10, 2, 0),
        2,
        None,
    )
    .await;
    event(
        app,
        "side-2030",
        "side_event",
        "published",
        at(2030, 11, 11, 6, 0),
        1,
        Some(forum),
    )
    .await;
    let draft = event(
        app,
        "draft-2030",
        "workshop",
        "draft",
        at(2030, 5, 1, 2, 0),
        1,
        None,
    )
    .await;
    let next_year = event(
        app,
        "next-year-2031",
        "workshop",
        "published",
        at(2030, 12, 31, 18, 0),
        1,
        None,
    )
    .await;

    let mut people = Vec::new();
    for n in 1..=18 {
        let country = match n {
            1..=10 => "TH",
            11..=16 => "KH",
            _ => "MM",
        };
        let gender = if n % 3 == 0 { "male" } else { "female" };
        people.push(person(app, n, country, gender).await);
    }
    for (i, p) in people[..8].iter().enumerate() {
        let reg = register(app, training, *p).await;
        let days = if i < 5 { 3 } else { usize::from(i == 5) };
        for d in 0..days {
            present(
                app,
                reg,
                NaiveDate::from_ymd_opt(2030, 3, 10 + d as u32).unwrap(),
            )
            .await;
        }
    }
    for p in people[8..16].iter().chain([&people[0]]) {
        register(app, workshop, *p).await;
    }
    for p in &people[16..18] {
        register(app, small, *p).await;
    }
    register(app, new_year, people[10]).await;
    register(app, forum, people[0]).await;
    register(app, forum, people[1]).await;
    let outsider = person(app, 19, "VN", "female").await;
    register(app, draft, outsider).await;
    register(app, next_year, outsider).await;

    for (p, role, outcome) in [
        (people[0], "speaker", "Presented the fair recruitment brief"),
        (people[1], "delegate", ""),
    ] {
        delegation_members::ActiveModel {
            event_id: Set(forum),
            person_id: Set(p),
            role: Set(role.into()),
            presented: Set(String::new()),
            outcome: Set(outcome.into()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    // A recommendation of 2029 carried into the 2030 workshop's second one.
    let earlier_event = event(
        app,
        "earlier-2029",
        "workshop",
        "published",
        at(2029, 4, 1, 2, 0),
        1,
        None,
    )
    .await;
    let earlier = rec(app, earlier_event, 1, "proposed").await;
    let mut later = 0;
    for (position, status) in [(1, "adopted"), (2, "proposed")] {
        later = rec(app, workshop, position, status).await;
    }
    recommendation_carries::ActiveModel {
        recommendation_id: Set(later),
        carried_from_id: Set(earlier),
    }
    .insert(&app.db)
    .await
    .unwrap();
    for (row, status, day) in [
        (earlier, "raised", (2029, 5, 1)),
        (earlier, "carried", (2030, 1, 10)),
        (later, "raised", (2030, 6, 2)),
        (later, "acknowledged", (2030, 7, 1)),
    ] {
        recommendation_status_changes::ActiveModel {
            recommendation_id: Set(row),
            status: Set(status.into()),
            noted_on: Set(NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap()),
            note: Set(format!("Step {status}")),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    content_translations::ActiveModel {
        event_id: Set(workshop),
        owner_kind: Set("event".into()),
        owner_id: Set(workshop),
        field: Set("title".into()),
        locale: Set("th".into()),
        text: Set("การประชุมเชิงปฏิบัติการ 2030".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn rec(app: &common::TestApp, event: i64, position: i32, status: &str) -> i64 {
    recommendations::ActiveModel {
        event_id: Set(event),
        position: Set(position),
        text: Set(format!("Recommendation number {position}")),
        addressed_to: Set("ACMW".into()),
        status: Set(status.into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn staff_app() -> (common::TestApp, String) {
    let app = common::app().await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    year_2030(&app).await;
    (app, cookie)
}

/// The rows of table `name` in the report's CSV (without the table column).
fn csv_table(body: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == name)
        .map(|r| r.iter().skip(1).map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn only_staff_get_the_report_and_bad_periods_are_named() {
    let (app, cookie) = staff_app().await;
    for path in [
        "/manage/reports/annual.pdf?year=2030",
        "/manage/reports/annual.csv?year=2030",
        "/manage/reports/annual.xlsx?year=2030",
    ] {
        assert_eq!(app.get(path, None).await.status, 403, "{path}");
    }
    for (query, field) in [
        ("year=abc", "year"),
        ("year=", "year"),
        ("", "year"),
        ("year=99999999999", "year"),
        ("from=2030-05-01&to=2030-04-01", "to"),
        ("from=2030-02-30&to=2030-04-01", "from"),
        ("from=2030-01-01", "to"),
        ("from=2025-01-01&to=2030-01-01", "to"),
    ] {
        for ext in ["pdf", "csv", "xlsx"] {
            let reply = app
                .get(
                    &format!("/manage/reports/annual.{ext}?{query}"),
                    Some(&cookie),
                )
                .await;
            assert_eq!(reply.status, 400, "{query}: {}", reply.body);
            assert!(
                reply.body.starts_with(&format!("{field}:")),
                "{query}: {}",
                reply.body
            );
        }
    }
    let reply = app
        .get(
            "/manage/reports/annual.csv?year=2030&lang=xx",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn the_figures_count_the_period_and_protect_small_counts() {
    let (app, cookie) = staff_app().await;
    let reply = app
        .get(
            "/manage/reports/annual.csv?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/csv"));
    let body = reply.bytes.to_vec();
    let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        csv_table(&body, "by_kind"),
        vec![
            row(&["Training", "1", "8"]),
            row(&["Workshop", "3", "12"]),
            row(&["Side event", "1", "0"]),
        ]
    );
    // 10 + 6 + 2 = 18 is printed: "<3" alone would be 18 − 16, so 6 is hidden too.
    assert_eq!(
        csv_table(&body, "by_country"),
        vec![
            row(&["Thailand", "10"]),
            row(&["Cambodia", "–"]),
            row(&["Myanmar", "<3"]),
        ]
    );
    assert_eq!(
        csv_table(&body, "by_gender"),
        vec![row(&["Female", "12"]), row(&["Male", "6"])]
    );
    let events = csv_table(&body, "events");
    let titles: Vec<&str> = events.iter().map(|r| r[0].as_str()).collect();
    for slug in [
        "training-2030",
        "workshop-2030",
        "small-2030",
        "new-year-2030",
        "side-2030",
    ] {
        assert!(
            titles.contains(&format!("Title of {slug}").as_str()),
            "{slug}: {titles:?}"
        );
    }
    assert_eq!(titles.len(), 5, "{titles:?}");
    // Every table has its header line, named; each row has as many cells as its header.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_slice());
    let lines: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    for name in [
        "by_kind",
        "by_country",
        "by_gender",
        "by_sector",
        "events",
        "forums",
        "trainings",
        "recommendations",
    ] {
        let header = lines
            .iter()
            .find(|l| &l[0] == format!("table: {name}").as_str())
            .unwrap_or_else(|| panic!("no header for {name}"));
        for row in lines.iter().filter(|l| &l[0] == name) {
            assert_eq!(row.len(), header.len(), "{name}: {row:?} under {header:?}");
        }
    }
    let header = lines.iter().find(|l| &l[0] == "table: by_country").unwrap();
    assert_eq!(
        header.iter().skip(1).collect::<Vec<_>>(),
        ["Group", "People"]
    );
    // The forum the network attended, with its delegation (only the one who agreed is named).
    let forums = csv_table(&body, "forums");
    assert_eq!(forums.len(), 1);
    assert_eq!(forums[0][0], "Title of forum-2030");
    assert_eq!(forums[0][5], "2");
    assert_eq!(forums[0][6], "Person 1 (Speaker); Delegate");
    assert_eq!(forums[0][7], "Title of side-2030");
    let training = &events[titles
        .iter()
        .position(|t| *t == "Title of training-2030")
        .unwrap()];
    assert_eq!(training[1], "Training");
    assert_eq!(training[2], "2030-03-10");
    assert_eq!(training[6], "Understand ASEAN bodies | Plan advocacy");
    assert_eq!((training[7].as_str(), training[8].as_str()), ("8", "6"));
    let trainings = csv_table(&body, "trainings");
    assert_eq!(trainings.len(), 1);
    assert_eq!(
        (trainings[0][3].as_str(), trainings[0][4].as_str()),
        ("8", "5")
    );
    let recs = csv_table(&body, "recommendations");
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0][4], "Adopted");
    assert_eq!(recs[0][5], "", "nothing tracked yet");
    // Carried from 2029: its history comes along, oldest first.
    assert_eq!(recs[1][5], "Acknowledged");
    assert_eq!(
        recs[1][6],
        "2029-05-01 Raised; 2030-01-10 Carried to a later event; 2030-06-02 Raised; 2030-07-01 Acknowledged"
    );
    assert!(
        !String::from_utf8_lossy(&body).contains("Viet"),
        "people outside the period"
    );

    // A period inside the year: only the training.
    let reply = app
        .get(
            "/manage/reports/annual.csv?from=2030-03-01&to=2030-03-31",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        csv_table(&reply.bytes, "by_kind"),
        vec![row(&["Training", "1", "8"])]
    );
    // The training's eight are all from Thailand: nothing small, nothing hidden.
    assert_eq!(
        csv_table(&reply.bytes, "by_country"),
        vec![row(&["Thailand", "8"])]
    );
}

#[tokio::test]
async fn the_workbook_has_one_sheet_per_table() {
    use calamine::{Data, Reader, Xlsx};
    let (app, cookie) = staff_app().await;
    let reply = app
        .get(
            "/manage/reports/annual.xlsx?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reply.bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    for name in [
        "by_kind",
        "by_country",
        "by_gender",
        "by_sector",
        "events",
        "forums",
        "trainings",
        "recommendations",
    ] {
        assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
    }
    let sheet = book.worksheet_range("by_country").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(
        rows[1],
        vec![Data::String("Thailand".into()), Data::Float(10.0)]
    );
    assert_eq!(
        rows[2],
        vec![Data::String("Cambodia".into()), Data::String("–".into())]
    );
    assert_eq!(
        rows[3],
        vec![Data::String("Myanmar".into()), Data::String("<3".into())]
    );
    let kinds = book.worksheet_range("by_kind").unwrap();
    assert_eq!(kinds.get((2, 0)), Some(&Data::String("Workshop".into())));
    assert_eq!(kinds.get((2, 2)), Some(&Data::Float(12.0)));
}

#[tokio::test]
async fn the_pdf_reads_back_in_english_and_thai() {
    let (app, cookie) = staff_app().await;
    let reply = app
        .get(
            "/manage/reports/annual.pdf?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.header("content-type").as_deref(),
        Some("application/pdf")
    );
    let text = common::pdf_text(&reply.bytes);
    for expected in [
        "Annual report 2030",
        "Contents",
        "1. Overview",
        "2. Events organised",
        "3. Forums and meetings attended, with delegations",
        "Delegation: 2 people",
        "Person 1 (Speaker)",
        "1 more, not named",
        "Presented the fair recruitment brief",
        "Follow-up:",
        "Carried to a later event – Step carried",
        "4. Trainings and follow-up",
        "5. Recommendations and their progress",
        "6. Statistics",
        "Events by kind",
        "Title of workshop-2030",
        "Understand ASEAN bodies",
        "Completed: 5 of 8 trainees",
        "Side events: Title of side-2030",
        "Recommendation number 1",
        "18 people took part",
        "Thailand",
        "<3",
        "–",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    assert!(!text.contains("draft-2030") && !text.contains("next-year-2031"));
    // The contents give each section's page: the statistics come after the overview.
    let page_of = |title: &str| -> usize {
        let line = text.lines().find(|l| l.starts_with(title)).unwrap();
        line.rsplit(' ')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap_or_else(|_| {
                // pdftotext may put the page number on the next line.
                let lines: Vec<&str> = text.lines().collect();
                let i = lines.iter().position(|l| l.starts_with(title)).unwrap();
                lines[i + 1..]
                    .iter()
                    .find_map(|l| l.trim().parse().ok())
                    .unwrap()
            })
    };
    assert!(page_of("1. Overview") >= 3);
    assert!(page_of("6. Statistics") > page_of("1. Overview"));

    let reply = app
        .get(
            "/manage/reports/annual.pdf?year=2030&lang=th",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let text = common::pdf_text(&reply.bytes);
    for expected in [
        "รายงานประจำปี",
        "สารบัญ",
        "ภาพรวม",
        "การประชุมเชิงปฏิบัติการ 2030",
        "ข้อเสนอแนะและความคืบหน้า",
        "ยกไปยังกิจกรรมครั้งต่อไป",
        "<3",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
}

#[tokio::test]
async fn the_reports_page_offers_the_three_files_to_staff_only() {
    let (app, cookie) = staff_app().await;
    let page = app.get("/manage/reports", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    for expected in [
        r#"action="/manage/reports/annual.pdf""#,
        r#"formaction="/manage/reports/annual.csv""#,
        r#"formaction="/manage/reports/annual.xlsx""#,
        r#"name="year""#,
        r#"name="from""#,
        r#"name="to""#,
        r#"name="lang""#,
        r#"href="/manage/reports""#,
    ] {
        assert!(page.body.contains(expected), "{expected}");
    }
    let anon = app.get("/manage/reports", None).await;
    assert!(!anon.body.contains("annual.pdf"), "the form is for staff");
}

/// The demo's 2012: the network attended the 5th AFML with a delegation of two, and the
/// recommendation it carried there from the 4th keeps the 4th's steps.
#[tokio::test]
async fn the_demo_year_2012_reports_the_afml_delegation_and_a_carried_recommendation() {
    let app = common::demo_app_at(2026, 11, 1).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    let reply = app
        .get(
            "/manage/reports/annual.csv?year=2012&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let forums = csv_table(&reply.bytes, "forums");
    let afml = forums
        .iter()
        .find(|f| f[0] == "5th ASEAN Forum on Migrant Labour")
        .unwrap_or_else(|| panic!("{forums:?}"));
    assert_eq!(afml[5], "2", "{afml:?}");
    let recs = csv_table(&reply.bytes, "recommendations");
    let fees = recs
        .iter()
        .find(|r| r[0] == "5th ASEAN Forum on Migrant Labour" && r[1] == "1")
        .unwrap_or_else(|| panic!("{recs:?}"));
    assert!(fees[2].starts_with("Regulate and monitor recruitment agencies"));
    assert_eq!(
        fees[6],
        "2011-10-25 Raised; 2012-06-30 No response; 2012-10-09 Carried to a later event; \
         2012-10-09 Raised; 2012-10-10 Reflected in an outcome"
    );
    let pdf = app
        .get(
            "/manage/reports/annual.pdf?year=2012&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(pdf.status, 200);
    let text = common::pdf_text(&pdf.bytes);
    assert!(text.contains("5th ASEAN Forum on Migrant Labour"), "{text}");
    assert!(text.contains("Delegation: 2 people"), "{text}");
    // The network organised nothing that year: its charts say so instead of heading nothing.
    let overview = &text[text.rfind("1. Overview").expect("overview")..];
    let overview = &overview[..overview
        .find("2. Events organised")
        .unwrap_or(overview.len())];
    assert_eq!(
        overview.matches("None in this period.").count(),
        2,
        "{overview}"
    );
}

/// The app with its clock in 2031, so that the 2030 training's check-ins have fallen due.
async fn app_in_2031() -> (common::TestApp, String) {
    let app = common::app().await;
    *app.now.lock().unwrap() = at(2031, 2, 1, 0, 0);
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    year_2030(&app).await;
    (app, cookie)
}

async fn event_id(app: &common::TestApp, slug: &str) -> events::Model {
    events::Entity::find()
        .filter(events::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The English PDF of 2030 as text, on one line.
async fn report_text(app: &common::TestApp, cookie: &str) -> String {
    let pdf = app
        .get("/manage/reports/annual.pdf?year=2030&lang=en", Some(cookie))
        .await;
    assert_eq!(pdf.status, 200);
    flat(&common::pdf_text(&pdf.bytes))
}

/// Keeps a report for people to look at (pdftoppm), beside the test build.
fn keep(name: &str, pdf: &[u8]) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("annual");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), pdf).unwrap();
}

/// Spaces and line breaks as one space (pdftotext breaks lines where the page does).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const AGREED: [&str; 3] = [
    "Met the provincial labour office about passports kept by employers.",
    "Trained twelve domestic workers on their rights.",
    "Spoke about recruitment fees on community radio.",
];
const NOT_AGREED: &str = "Private words: my employer threatened me after the training.";

/// The training's plan: check-ins 1 and 3 months after it. Five trainees answered: four
/// agreed to be quoted (one of them twice, the later answer long), one did not.
async fn followups_2030(app: &common::TestApp) {
    let training = event_id(app, "training-2030").await;
    let mut model: events::ActiveModel = training.clone().into();
    model.followup_months = Set("1,3".into());
    model.update(&app.db).await.unwrap();
    let regs: Vec<i64> = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(training.id))
        .order_by_asc(registrations::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let long = format!(
        "Wrote to the ministry. {}",
        "We kept asking for answers. ".repeat(20)
    );
    let answers: [(i64, i16, &str, bool, u32); 6] = [
        (
            regs[0],
            1,
            "An earlier answer of the first trainee.",
            true,
            10,
        ),
        (regs[0], 3, &long, true, 20),
        (regs[1], 1, NOT_AGREED, false, 25),
        (regs[2], 1, AGREED[0], true, 15),
        (regs[3], 1, AGREED[1], true, 14),
        (regs[4], 1, AGREED[2], true, 13),
    ];
    for (registration, months, advocacy, consent, day) in answers {
        followups::ActiveModel {
            registration_id: Set(registration),
            months: Set(months),
            advocacy: Set(advocacy.to_owned()),
            engaged_with: Set("Ministry of Labour".into()),
            support_needed: Set("Legal advice".into()),
            answered_at: Set(Some(at(2030, 7, day, 3, 0))),
            reminded_at: Set(None),
            staff_note: Set("Staff only: call her back.".into()),
            updated_at: Set(at(2030, 7, day, 3, 0)),
            quote_consent: Set(consent),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn trainees_who_agreed_are_quoted_without_names_in_all_three_files() {
    use calamine::{Data, Reader, Xlsx};
    let (app, cookie) = app_in_2031().await;
    followups_2030(&app).await;
    // The latest answers first, one per trainee, three at most: the first trainee's long
    // answer (cut), then the two next; the third who agreed is left out, the one who did not
    // agree never shows.
    let csv = app
        .get(
            "/manage/reports/annual.csv?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let header = csv
        .body
        .lines()
        .find(|l| l.starts_with("table: trainings"))
        .unwrap()
        .to_owned();
    assert!(
        header.ends_with("Trainees' words (with their agreement)"),
        "{header}"
    );
    let trainings = csv_table(&csv.bytes, "trainings");
    let quotes = trainings[0].last().unwrap();
    assert!(
        quotes.starts_with("“Wrote to the ministry. We kept asking"),
        "{quotes}"
    );
    let first = quotes.split('”').next().unwrap();
    assert!(
        first.ends_with('…') && first.chars().count() <= 301,
        "{first}"
    );
    assert!(quotes.contains(&format!("“{}”", AGREED[0])), "{quotes}");
    assert!(quotes.contains(&format!("“{}”", AGREED[1])), "{quotes}");
    assert!(!quotes.contains(AGREED[2]), "three at most: {quotes}");
    assert_eq!(quotes.matches('“').count(), 3);
    let trainings_text = format!("{trainings:?}");
    assert!(
        !trainings_text.contains("Person "),
        "no name: {trainings_text}"
    );
    for never in [NOT_AGREED, "earlier answer", "Staff only", "Legal advice"] {
        assert!(!csv.body.contains(never), "{never} in the CSV");
    }
    // Check-ins: 8 trainees × 2 fallen due, 6 answered.
    assert_eq!(
        (trainings[0][5].as_str(), trainings[0][6].as_str()),
        ("16", "6")
    );

    let xlsx = app
        .get(
            "/manage/reports/annual.xlsx?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(xlsx.status, 200);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("trainings").unwrap();
    let cells: Vec<String> = sheet
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    assert_eq!(
        cells.last(),
        Some(quotes),
        "the workbook says what the CSV says"
    );

    let pdf = app
        .get(
            "/manage/reports/annual.pdf?year=2030&lang=en",
            Some(&cookie),
        )
        .await;
    assert_eq!(pdf.status, 200);
    keep("quotes-en.pdf", &pdf.bytes);
    let text = flat(&common::pdf_text(&pdf.bytes));
    assert!(
        text.contains("In the trainees' words (quoted with their agreement, without names):"),
        "{text}"
    );
    for quote in &AGREED[..2] {
        assert!(
            text.contains(&format!("“{quote}”")),
            "{quote} missing in:\n{text}"
        );
    }
    for never in [NOT_AGREED, AGREED[2], "Staff only"] {
        assert!(!text.contains(never), "{never} in the PDF");
    }
    // In Thai the heading is Thai, the words stay the trainees' own.
    let pdf = app
        .get(
            "/manage/reports/annual.pdf?year=2030&lang=th",
            Some(&cookie),
        )
        .await;
    keep("quotes-th.pdf", &pdf.bytes);
    let text = flat(&common::pdf_text(&pdf.bytes));
    assert!(text.contains("คำบอกเล่าของผู้เข้าอบรม"), "{text}");
    assert!(text.contains(AGREED[1]), "{text}");
}

#[tokio::test]
async fn objectives_are_printed_in_the_reports_language_where_translated() {
    let (app, cookie) = app_in_2031().await;
    let training = event_id(&app, "training-2030").await;
    for (lang, text) in [
        ("th", "เข้าใจกลไกอาเซียน\nวางแผนการรณรงค์"),
        // One line for two objectives: not a translation of them, English is printed.
        ("vi", "Hiểu các cơ quan ASEAN"),
    ] {
        content_translations::ActiveModel {
            event_id: Set(training.id),
            owner_kind: Set("event".into()),
            owner_id: Set(training.id),
            field: Set("objectives".into()),
            locale: Set(lang.into()),
            text: Set(text.into()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let objectives_in = |lang: &'static str| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let csv = app
                .get(
                    &format!("/manage/reports/annual.csv?year=2030&lang={lang}"),
                    Some(&cookie),
                )
                .await;
            assert_eq!(csv.status, 200);
            csv_table(&csv.bytes, "events")
                .into_iter()
                .find(|r| r[2] == "2030-03-10")
                .unwrap()[6]
                .clone()
        }
    };
    assert_eq!(
        objectives_in("th").await,
        "เข้าใจกลไกอาเซียน | วางแผนการรณรงค์"
    );
    assert_eq!(
        objectives_in("vi").await,
        "Understand ASEAN bodies | Plan advocacy"
    );
    assert_eq!(
        objectives_in("en").await,
        "Understand ASEAN bodies | Plan advocacy"
    );
    let pdf = app
        .get(
            "/manage/reports/annual.pdf?year=2030&lang=th",
            Some(&cookie),
        )
        .await;
    assert_eq!(pdf.status, 200);
    keep("objectives-th.pdf", &pdf.bytes);
    let text = common::pdf_text(&pdf.bytes);
    assert!(text.contains("เข้าใจกลไกอาเซียน"), "{text}");
    assert!(text.contains("วางแผนการรณรงค์"), "{text}");
    assert!(!text.contains("Understand ASEAN bodies"), "{text}");
    // The event's own page shows them in Thai too, to a reader who chose Thai.
    let page = app.get("/events/training-2030", Some("lang=th")).await;
    assert_eq!(page.status, 200);
    let objectives = page.body.split("class=\"objectives\"").nth(1).unwrap();
    let objectives = objectives.split("</ol>").next().unwrap();
    assert!(objectives.contains("เข้าใจกลไกอาเซียน"), "{objectives}");
}

#[tokio::test]
async fn counts_read_one_training_and_two_trainings() {
    let (app, cookie) = app_in_2031().await;
    let text = report_text(&app, &cookie).await;
    for expected in [
        "the network organised 5 events, including 1 training, and took part in 1 forum or \
         meeting of others; 18 people took part in its events and 2 recommendations were made.",
        "Completed: 5 of 8 trainees",
        "Delegation: 2 people",
        "18 people took part (each counted once).",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    assert!(
        !text.contains("1 trainings") && !text.contains("1 forums"),
        "{text}"
    );
    // A second training, of one trainee, in the year.
    let second = event(
        &app,
        "training-2-2030",
        "training",
        "published",
        at(2030, 8, 1, 2, 0),
        1,
        None,
    )
    .await;
    let trainee = person(&app, 20, "LA", "female").await;
    register(&app, second, trainee).await;
    let text = report_text(&app, &cookie).await;
    for expected in [
        "the network organised 6 events, including 2 trainings,",
        "19 people took part in its events",
        "Completed: 0 of 1 trainee",
        "19 people took part (each counted once).",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    // One person in a period: "1 person took part".
    let pdf = app
        .get(
            "/manage/reports/annual.pdf?from=2030-08-01&to=2030-08-31&lang=en",
            Some(&cookie),
        )
        .await;
    let text = flat(&common::pdf_text(&pdf.bytes));
    for expected in [
        "organised 1 event, including 1 training, and took part in 0 forums and meetings of \
         others; 1 person took part in its events and 0 recommendations were made.",
        "1 person took part (each counted once).",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
}
