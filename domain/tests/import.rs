//! Importing a participant list (`service::import`) and exporting it as Excel, against a
//! migrated database: SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::participant_types::ParticipantFilter;
use domain::service::import::{self, confirm, stage};
use domain::service::participants::{export, ExportFormat};
use domain::service::testing::fresh_db;
use domain::types::{EventId, UserId};
use domain::DomainError;
use entities::{events, exports, organisations, pending_imports, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

mod fixtures;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2018, 1, 5, 3, 0, 0).unwrap()
}

async fn setup() -> (DatabaseConnection, EventId, UserId) {
    let db = fresh_db().await.unwrap();
    let user = fixtures::coordinator(&db, now()).await;
    let event = events::ActiveModel {
        title: Set("Garment Worker Labour Rights Workshop".into()),
        timezone: Set("Asia/Yangon".into()),
        starts_at: Set(Utc.with_ymd_and_hms(2018, 1, 15, 2, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2018, 1, 15, 10, 0, 0).unwrap()),
        city: Set("Yangon".into()),
        country_code: Set(Some("MM".into())),
        visibility: Set("invite_only".into()),
        registration_mode: Set("invitation".into()),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..fixtures::event("garment-workshop-2018")
    };
    let event = fixtures::insert_event(&db, event).await;
    (db, EventId(event.id), user)
}

const GOOD: &str = "name,name_native,email,phone,organisation,country,sector,gender,role,status\n\
Sokha Chan,សុខា ចាន់,sokha@example.org,+855 12 345 678,Legal Support for Children and Women,KH,cso_ngo,female,,\n\
Aung Min,အောင်မင်း,aung@example.org,,Yangon Garment Union,Myanmar,trade_union,male,trainee,waitlisted\n\
Somchai Jaidee,สมชาย ใจดี,,,,TH,,,,\n";

async fn count_registrations(db: &DatabaseConnection, event: EventId) -> u64 {
    registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.0))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invalid_file_imports_nothing() {
    let (db, event, by) = setup().await;
    let bad = format!("{GOOD}Broken Mail,,broken@,,,,,,,\n");
    let id = stage(&db, event, by, "list.csv", bad.as_bytes(), now())
        .await
        .unwrap();
    let preview = import::preview(&db, event, by, &id, now()).await.unwrap();
    assert_eq!(preview.rows.len(), 4);
    assert!(!preview.valid());
    assert_eq!(preview.rows[3].line, 5);
    assert_eq!(preview.rows[3].problems[0].code, "invalid-email");
    let err = confirm(&db, event, by, &id, now()).await.unwrap_err();
    assert_eq!(err, DomainError::validation("file", "import-invalid"));
    assert_eq!(count_registrations(&db, event).await, 0);
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(organisations::Entity::find().count(&db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_valid_file_imports_every_row_once() {
    let (db, event, by) = setup().await;
    // Someone already known by e-mail keeps their details; only the empty ones are filled.
    let known = people::ActiveModel {
        name_latin: Set("Sokha CHAN".into()),
        email: Set(Some("sokha@example.org".into())),
        phone: Set(Some("+855 99 999 999".into())),
        languages: Set(String::new()),
        public_name_consent: Set(false),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let id = stage(&db, event, by, "list.csv", GOOD.as_bytes(), now())
        .await
        .unwrap();
    let outcome = confirm(&db, event, by, &id, now()).await.unwrap();
    assert_eq!(outcome.registered, 3);
    assert_eq!(outcome.already, 0);
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 3);
    let sokha = people::Entity::find_by_id(known.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sokha.name_latin, "Sokha CHAN", "stored name kept");
    assert_eq!(sokha.phone.as_deref(), Some("+855 99 999 999"));
    assert_eq!(
        sokha.name_native.as_deref(),
        Some("សុខា ចាន់"),
        "empty field filled"
    );
    assert_eq!(sokha.country_code.as_deref(), Some("KH"));
    let aung = people::Entity::find()
        .filter(people::Column::Email.eq("aung@example.org"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let reg = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(aung.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (reg.status.as_str(), reg.role.as_str()),
        ("waitlisted", "trainee")
    );
    let somchai_reg = registrations::Entity::find()
        .filter(registrations::Column::Role.eq("participant"))
        .all(&db)
        .await
        .unwrap();
    assert!(somchai_reg.iter().all(|r| r.status == "confirmed"));
    assert_eq!(organisations::Entity::find().count(&db).await.unwrap(), 2);
    assert_eq!(
        pending_imports::Entity::find().count(&db).await.unwrap(),
        0,
        "a confirmed list is forgotten"
    );
    // The same key cannot be confirmed twice.
    assert_eq!(
        confirm(&db, event, by, &id, now()).await.unwrap_err(),
        DomainError::validation("file", "import-expired")
    );

    // The same file again registers nobody twice (with or without an e-mail address).
    let again = stage(&db, event, by, "list.csv", GOOD.as_bytes(), now())
        .await
        .unwrap();
    let outcome = confirm(&db, event, by, &again, now()).await.unwrap();
    assert_eq!((outcome.registered, outcome.already), (0, 3));
    assert_eq!(count_registrations(&db, event).await, 3);
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 3);
}

#[tokio::test]
async fn a_kept_list_is_only_for_its_uploader_event_and_hour() {
    let (db, event, by) = setup().await;
    let id = stage(&db, event, by, "list.csv", GOOD.as_bytes(), now())
        .await
        .unwrap();
    let other_user = UserId(by.0 + 100);
    let other_event = EventId(event.0 + 100);
    for (e, u, at) in [
        (event, other_user, now()),
        (other_event, by, now()),
        (event, by, now() + Duration::minutes(61)),
    ] {
        assert_eq!(
            import::preview(&db, e, u, &id, at).await.unwrap_err(),
            DomainError::NotFound
        );
    }
    assert_eq!(
        import::preview(&db, event, by, "no-such-id", now())
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    assert!(import::preview(&db, event, by, &id, now()).await.is_ok());
    // Lists nobody confirmed are cleared after their hour.
    assert_eq!(import::purge_expired(&db, now()).await.unwrap(), 0);
    assert_eq!(
        import::purge_expired(&db, now() + Duration::minutes(61))
            .await
            .unwrap(),
        1
    );
    assert_eq!(pending_imports::Entity::find().count(&db).await.unwrap(), 0);
}

fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    range
        .get((row, col))
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[tokio::test]
async fn the_excel_export_reads_back_and_imports_into_another_event() {
    let (db, event, by) = setup().await;
    let id = stage(&db, event, by, "list.csv", GOOD.as_bytes(), now())
        .await
        .unwrap();
    confirm(&db, event, by, &id, now()).await.unwrap();
    let bytes = export(
        &db,
        event,
        &ParticipantFilter::default(),
        ExportFormat::Xlsx,
        by,
        now(),
    )
    .await
    .unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("Participants").unwrap();
    assert_eq!(cell(&range, 0, 1), "Name");
    assert_eq!(cell(&range, 0, 2), "Name (own script)");
    // Ordered by country name, then name: Cambodia, Myanmar, Thailand.
    assert_eq!(cell(&range, 1, 1), "Sokha Chan");
    assert_eq!(cell(&range, 1, 2), "សុខា ចាន់");
    assert_eq!(
        cell(&range, 1, 4),
        "+855 12 345 678",
        "phone numbers stay text"
    );
    assert_eq!(cell(&range, 2, 2), "အောင်မင်း");
    assert_eq!(cell(&range, 3, 2), "สมชาย ใจดี");
    assert_eq!(range.height(), 4);
    let log = exports::Entity::find().all(&db).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].kind, "participants_xlsx");
    assert_eq!(log[0].row_count, 3);
    assert_eq!(log[0].user_id, Some(by.0));

    // The exported file is itself an importable list.
    let sheet = import::read("export.xlsx", &bytes).unwrap();
    assert_eq!(sheet.rows.len(), 3);
    let rows = import::check(
        &sheet,
        &[
            ("KH".into(), "Cambodia".into()),
            ("MM".into(), "Myanmar".into()),
            ("TH".into(), "Thailand".into()),
        ],
    );
    assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
    assert_eq!(rows[1].role, "trainee");
    assert_eq!(rows[1].country, "MM");
}

/// Names that look like spreadsheet formulas: the CSV export quotes them (`'=…`) and reading
/// that file back drops the quote; the Excel export writes them as text cells (`t="s"`, no
/// formula), which Excel shows as typed and never evaluates, so it needs no quote.
#[tokio::test]
async fn formula_names_stay_text_in_both_exports_and_import_back_as_typed() {
    let (db, event, by) = setup().await;
    let formulas = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-Lwin",
    ];
    let mut list = vec![vec!["name".to_owned(), "email".to_owned()]];
    for (i, name) in formulas.iter().enumerate() {
        list.push(vec![(*name).to_owned(), format!("f{i}@example.org")]);
    }
    // Written as Sala writes every CSV file: the names arrive quoted.
    let file = domain::documents::csv::write(&list).unwrap();
    assert!(String::from_utf8_lossy(&file).contains("'-Lwin"));
    let id = stage(&db, event, by, "list.csv", &file, now())
        .await
        .unwrap();
    confirm(&db, event, by, &id, now()).await.unwrap();
    let mut stored: Vec<String> = people::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name_latin)
        .collect();
    stored.sort();
    let mut typed = formulas.map(str::to_owned).to_vec();
    typed.sort();
    assert_eq!(stored, typed, "imported as typed, without the quote");

    let filter = ParticipantFilter::default();
    let csv = export(&db, event, &filter, ExportFormat::Csv, by, now())
        .await
        .unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    assert_eq!(names.len(), 3);
    for name in &names {
        assert!(name.starts_with('\''), "{name}");
        assert!(formulas.contains(&&name[1..]), "{name}");
    }

    let xlsx = export(&db, event, &filter, ExportFormat::Xlsx, by, now())
        .await
        .unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let formulas_in_book = book.worksheet_formula("Participants").unwrap();
    assert!(
        formulas_in_book.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let range = book.worksheet_range("Participants").unwrap();
    for row in 1..=3 {
        let value = range.get((row, 1)).unwrap();
        assert!(matches!(value, Data::String(_)), "{value:?}");
        assert!(formulas.contains(&value.to_string().as_str()), "{value}");
    }
}

/// An .xlsx file (rust_xlsxwriter) with `cells` as text, on one sheet.
fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, col, text) in cells {
        sheet.write_string(*row, *col, *text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// `xlsx` with the entry `name` passed through `change`, and `extra` entries added.
fn rezip(xlsx: &[u8], name: &str, change: impl Fn(String) -> String, extra: &[&str]) -> Vec<u8> {
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;
    let mut source = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut content = String::new();
        entry.read_to_string(&mut content).unwrap();
        if entry_name == name {
            content = change(content);
        }
        out.start_file(entry_name, options).unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    for bomb in extra {
        // A run of zeros, written a megabyte at a time: 200 MB that deflate to a few hundred KB.
        let (path, megabytes) = bomb.split_once('=').unwrap();
        out.start_file(path, options.large_file(true)).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..megabytes.parse::<usize>().unwrap() {
            out.write_all(&zeros).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn refusal(result: Result<String, DomainError>) -> String {
    match result {
        Err(DomainError::Validation { field, message }) => {
            assert_eq!(field, "file");
            message
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_sheet_spanning_a1_to_xfd1048576_is_refused_before_calamine_builds_it() {
    let (db, event, by) = setup().await;
    let far = workbook(&[(0, 0, "name"), (1_048_575, 16_383, "x")]);
    assert!(far.len() < 10_000, "a small file: {} bytes", far.len());
    let code = refusal(stage(&db, event, by, "far.xlsx", &far, now()).await);
    assert_eq!(code, "sheet-too-large");

    // The same with a dimension that lies (A1 only): the cell reader stops at the far cell.
    let lying = rezip(
        &far,
        "xl/worksheets/sheet1.xml",
        |xml| {
            let changed = xml.replace(
                "<dimension ref=\"A1:XFD1048576\"/>",
                "<dimension ref=\"A1\"/>",
            );
            assert_ne!(changed, xml, "the dimension is rewritten");
            changed
        },
        &[],
    );
    let code = refusal(stage(&db, event, by, "lying.xlsx", &lying, now()).await);
    assert_eq!(code, "sheet-too-large");

    // A shared-strings table claiming a trillion strings (calamine would reserve room for
    // them all at once and abort the process).
    let claims = rezip(
        &workbook(&[(0, 0, "name"), (1, 0, "Sokha")]),
        "xl/sharedStrings.xml",
        |xml| {
            let changed = xml.replace("uniqueCount=\"2\"", "uniqueCount=\"1000000000000\"");
            assert_ne!(changed, xml, "the count is rewritten");
            changed
        },
        &[],
    );
    let code = refusal(stage(&db, event, by, "claims.xlsx", &claims, now()).await);
    assert_eq!(code, "sheet-too-large");
    assert_eq!(pending_imports::Entity::find().count(&db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_zip_bomb_is_refused_for_its_unpacked_size_without_being_inflated() {
    let (db, event, by) = setup().await;
    let list = workbook(&[(0, 0, "name"), (1, 0, "Sokha Chan")]);
    let bomb = rezip(&list, "", |xml| xml, &["xl/media/image1.png=200"]);
    assert!(
        bomb.len() < domain::import_types::MAX_IMPORT_BYTES,
        "within the upload limit: {} bytes",
        bomb.len()
    );
    let code = refusal(stage(&db, event, by, "bomb.xlsx", &bomb, now()).await);
    assert_eq!(code, "file-unpacks-too-large");
    // Small enough in total, but a thousandfold compression is no spreadsheet either.
    let dense = rezip(&list, "", |xml| xml, &["xl/media/image1.png=5"]);
    let code = refusal(stage(&db, event, by, "dense.xlsx", &dense, now()).await);
    assert_eq!(code, "file-unpacks-too-large");
    assert_eq!(pending_imports::Entity::find().count(&db).await.unwrap(), 0);
}

#[tokio::test]
async fn a_normal_ten_row_excel_list_still_imports() {
    let (db, event, by) = setup().await;
    let names: Vec<String> = (1..=10).map(|i| format!("Participant {i}")).collect();
    let emails: Vec<String> = (1..=10).map(|i| format!("p{i}@example.org")).collect();
    let mut cells = vec![(0, 0, "name"), (0, 1, "email"), (0, 2, "country")];
    for i in 0..10 {
        let row = u32::try_from(i + 1).unwrap();
        cells.push((row, 0, names[i].as_str()));
        cells.push((row, 1, emails[i].as_str()));
        cells.push((row, 2, "KH"));
    }
    let id = stage(&db, event, by, "list.xlsx", &workbook(&cells), now())
        .await
        .unwrap();
    let preview = import::preview(&db, event, by, &id, now()).await.unwrap();
    assert_eq!(preview.rows.len(), 10);
    assert!(preview.valid(), "{:?}", preview.rows);
    assert_eq!(preview.rows[0].line, 2);
    assert_eq!(preview.rows[9].name_latin, "Participant 10");
    let outcome = confirm(&db, event, by, &id, now()).await.unwrap();
    assert_eq!(outcome.registered, 10);
    assert_eq!(count_registrations(&db, event).await, 10);
}
