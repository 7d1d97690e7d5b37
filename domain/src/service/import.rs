//! Importing a participant list from a CSV or Excel file, in two steps: the upload is read,
//! kept server-side under a random key (`pending_imports`, for an hour) and shown as a preview
//! with each row's problems; the coordinator's confirmation then imports every row in one
//! transaction, or nothing when any row has a problem.
//!
//! The rows stay on the server between the steps so the confirmation cannot carry anything
//! that was not previewed, and a phone on a slow connection does not send the file twice.
//! Each step re-checks the rows against the current reference lists.
//!
//! People are matched by e-mail (and, without an e-mail, by name among the event's
//! registrants); a matched person's stored details are kept, only empty ones are filled.
//! A person already registered for the event is left as they are, so importing the same file
//! twice registers nobody twice.
use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use entities::{countries, pending_imports, people, registrations};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::registration::NewRegistration;
use crate::import_types::{
    ImportOutcome, ImportPreview, ImportProblem, ImportRow, IMPORT_COLUMNS, IMPORT_EXPIRY_MINUTES,
    MAX_IMPORT_BYTES, MAX_IMPORT_ROWS,
};
use crate::types::{EventId, Gender, RegistrationRole, RegistrationStatus, Sector, UserId};
use crate::{validate, DomainError};

mod xlsx;

const MAX_PHONE: usize = 40;
const MAX_ORGANISATION: usize = 300;
const MAX_POSITION: usize = 200;

fn file_error(code: &str) -> DomainError {
    DomainError::validation("file", code)
}

/// A file's cells as text: the header row and the data rows with their line numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV (UTF-8, comma or semicolon) or an Excel (.xlsx, first sheet) file. Refusals
/// (`Validation { field: "file" }`): `file-too-large`, `too-many-rows`, `unreadable-file`,
/// `empty-file`, `missing-name-column`; for Excel files also `file-unpacks-too-large` and
/// `sheet-too-large` (see the `xlsx` module). CPU-bound: async callers use [`stage`], which
/// reads off the async threads.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Sheet, DomainError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(file_error("file-too-large"));
    }
    let xlsx = bytes.starts_with(b"PK\x03\x04") || file_name.to_lowercase().ends_with(".xlsx");
    let mut sheet = if xlsx {
        xlsx::read(bytes)?
    } else {
        read_csv(bytes)?
    };
    sheet
        .rows
        .retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    if sheet.header.iter().all(|h| h.trim().is_empty()) {
        return Err(file_error("empty-file"));
    }
    if sheet.rows.len() > MAX_IMPORT_ROWS {
        return Err(file_error("too-many-rows"));
    }
    if columns(&sheet.header)[0].is_none() {
        return Err(file_error("missing-name-column"));
    }
    if sheet.rows.is_empty() {
        return Err(file_error("empty-file"));
    }
    Ok(sheet)
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, DomainError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let semicolons = first_line.iter().filter(|b| **b == b';').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if semicolons > commas { b';' } else { b',' })
        .from_reader(bytes);
    let mut sheet = Sheet::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| file_error("unreadable-file"))?;
        // The row as a spreadsheet numbers it (the header is row 1).
        let line = i + 1;
        // A cell Sala neutralised on export (`'=…`) comes back as it was typed.
        let cells: Vec<String> = record
            .iter()
            .map(|c| crate::documents::csv::restore(c).to_owned())
            .collect();
        if i == 0 {
            sheet.header = cells;
        } else {
            if sheet.rows.len() > MAX_IMPORT_ROWS {
                return Err(file_error("too-many-rows"));
            }
            sheet.rows.push((line, cells));
        }
    }
    Ok(sheet)
}

/// Lower case, with spaces, hyphens and slashes as underscores ("CSO/NGO" → "cso_ngo").
fn code(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .chars()
        .map(|c| if matches!(c, ' ' | '-' | '/') { '_' } else { c })
        .collect()
}

/// The position of each of `IMPORT_COLUMNS` in `header`. The participant export's own
/// headers are understood too, so an exported list can be imported into another event.
fn columns(header: &[String]) -> [Option<usize>; 11] {
    let mut found = [None; 11];
    for (i, h) in header.iter().enumerate() {
        let key = code(h.trim_start_matches('\u{feff}'));
        let which = match key.as_str() {
            "name" | "name_latin" | "name_(latin)" | "full_name" => 0,
            "name_native" | "name_(own_script)" | "own_script" => 1,
            "email" | "e_mail" => 2,
            "phone" | "telephone" => 3,
            "organisation" | "organization" => 4,
            "position" => 5,
            "country" | "country_code" => 6,
            "sector" => 7,
            "gender" => 8,
            "role" => 9,
            "status" => 10,
            _ => continue,
        };
        if found[which].is_none() {
            found[which] = Some(i);
        }
    }
    found
}

fn problem(column: &str, err: DomainError) -> ImportProblem {
    let code = match err {
        DomainError::Validation { message, .. } => message,
        _ => "invalid".to_owned(),
    };
    ImportProblem {
        column: column.to_owned(),
        code,
    }
}

/// Every data row as it will be imported, with its problems. `countries`: (code, name).
pub fn check(sheet: &Sheet, countries: &[(String, String)]) -> Vec<ImportRow> {
    let at = columns(&sheet.header);
    let mut seen = HashSet::new();
    sheet
        .rows
        .iter()
        .map(|(line, cells)| {
            let cell = |k: usize| {
                at[k]
                    .and_then(|i| cells.get(i))
                    .map_or("", |c| c.trim())
                    .to_owned()
            };
            let mut row = ImportRow {
                line: *line,
                ..Default::default()
            };
            let mut problems = Vec::new();
            let mut text = |column: &str, raw: String, max: usize, required: bool| {
                if raw.is_empty() && !required {
                    return String::new();
                }
                match validate::required_text(column, &raw, max) {
                    Ok(v) => v,
                    Err(e) => {
                        problems.push(problem(column, e));
                        raw
                    }
                }
            };
            row.name_latin = text("name", cell(0), validate::MAX_NAME, true);
            row.name_native = text("name_native", cell(1), validate::MAX_NAME, false);
            row.phone = text("phone", cell(3), MAX_PHONE, false);
            row.organisation = text("organisation", cell(4), MAX_ORGANISATION, false);
            row.position = text("position", cell(5), MAX_POSITION, false);
            let email = cell(2);
            row.email = if email.is_empty() {
                email
            } else {
                validate::email("email", &email).unwrap_or_else(|e| {
                    problems.push(problem("email", e));
                    email
                })
            };
            let country = cell(6);
            row.country = if country.is_empty() {
                country
            } else {
                let wanted = country.to_lowercase();
                match countries
                    .iter()
                    .find(|(c, n)| c.to_lowercase() == wanted || n.to_lowercase() == wanted)
                {
                    Some((c, _)) => c.clone(),
                    None => {
                        problems.push(problem(
                            "country",
                            DomainError::validation("country", "unknown-country"),
                        ));
                        country
                    }
                }
            };
            let mut choice = |column: &str, raw: String, ok: bool, default: &str| {
                if raw.is_empty() {
                    return default.to_owned();
                }
                let value = code(&raw);
                if !ok {
                    problems.push(ImportProblem {
                        column: column.to_owned(),
                        code: format!("unknown-{column}"),
                    });
                    return raw;
                }
                value
            };
            let sector = cell(7);
            let ok = Sector::parse(&code(&sector)).is_some();
            row.sector = choice("sector", sector, ok, "");
            let gender = cell(8);
            let ok = Gender::parse(&code(&gender)).is_some();
            row.gender = choice("gender", gender, ok, "");
            let role = cell(9);
            let ok = RegistrationRole::parse(&code(&role)).is_some();
            row.role = choice("role", role, ok, RegistrationRole::Participant.as_str());
            let status = cell(10);
            let ok = RegistrationStatus::parse(&code(&status)).is_some();
            row.status = choice("status", status, ok, RegistrationStatus::Confirmed.as_str());
            let key = if row.email.is_empty() {
                format!("name:{}", row.name_latin.to_lowercase())
            } else {
                format!("email:{}", row.email)
            };
            if !row.name_latin.is_empty() && !seen.insert(key) {
                let column = if row.email.is_empty() {
                    "name"
                } else {
                    "email"
                };
                problems.push(ImportProblem {
                    column: column.to_owned(),
                    code: "duplicate-row".to_owned(),
                });
            }
            row.problems = problems;
            row
        })
        .collect()
}

/// A template with the expected columns and one example row, written like every CSV file Sala
/// writes (`documents::csv::write`: the example phone number's `+` comes out quoted, and
/// reading the file back drops the quote again).
pub fn template_csv() -> Vec<u8> {
    let example = [
        "Nang Hseng",
        "နန်းဆိုင်",
        "nang.hseng@example.org",
        "+66 81 000 0000",
        "Migrant Workers Rights Network",
        "Organiser",
        "TH",
        "migrant_workers_association",
        "female",
        "participant",
        "confirmed",
    ];
    crate::documents::csv::write([IMPORT_COLUMNS, example]).unwrap_or_default()
}

async fn country_list(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DomainError> {
    Ok(countries::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect())
}

/// Reads an uploaded file and keeps its rows for the confirmation; returns their key.
/// Lists older than the expiry are cleared on the way.
pub async fn stage(
    db: &impl ConnectionTrait,
    event: EventId,
    by: UserId,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    // Unzipping and parsing take a while for a large file: not on the threads serving requests.
    let (owned_name, owned_bytes) = (file_name.to_owned(), bytes.to_vec());
    let sheet = tokio::task::spawn_blocking(move || read(&owned_name, &owned_bytes))
        .await
        .map_err(|err| {
            tracing::error!(%err, "reading an uploaded list failed");
            DomainError::Internal
        })??;
    let content = serde_json::to_string(&sheet).map_err(|_| DomainError::Internal)?;
    purge_expired(db, now).await?;
    let id = super::auth::new_token();
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    pending_imports::ActiveModel {
        id: Set(id.clone()),
        event_id: Set(event.0),
        user_id: Set(by.0),
        file_name: Set(name),
        content: Set(content),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Forgets the uploaded lists older than the expiry (they hold personal data); returns how
/// many.
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let cutoff = now - Duration::minutes(IMPORT_EXPIRY_MINUTES);
    let done = pending_imports::Entity::delete_many()
        .filter(pending_imports::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// The kept list `id` (only for the staff member who uploaded it, for that event, within the
/// expiry). Anything else is `NotFound`.
async fn pending(
    db: &impl ConnectionTrait,
    event: EventId,
    by: UserId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(pending_imports::Model, Sheet), DomainError> {
    let found = pending_imports::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .filter(|p| p.event_id == event.0 && p.user_id == by.0)
        .filter(|p| p.created_at >= now - Duration::minutes(IMPORT_EXPIRY_MINUTES))
        .ok_or(DomainError::NotFound)?;
    let sheet = serde_json::from_str(&found.content).map_err(|_| DomainError::Internal)?;
    Ok((found, sheet))
}

/// The preview of the kept list `id`.
pub async fn preview(
    db: &impl ConnectionTrait,
    event: EventId,
    by: UserId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<ImportPreview, DomainError> {
    let (found, sheet) = pending(db, event, by, id, now).await?;
    Ok(ImportPreview {
        id: found.id,
        file_name: found.file_name,
        rows: check(&sheet, &country_list(db).await?),
    })
}

/// Imports the kept list `id` when every row is valid (`Validation { field: "file",
/// message: "import-invalid" }` otherwise; `import-expired` when the list is gone), then
/// forgets it.
pub async fn confirm<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    event: EventId,
    by: UserId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, DomainError> {
    // A list that is gone (confirmed already, expired) is said so on the form.
    let preview = preview(db, event, by, id, now)
        .await
        .map_err(|err| match err {
            DomainError::NotFound => file_error("import-expired"),
            other => other,
        })?;
    if !preview.valid() {
        return Err(file_error("import-invalid"));
    }
    let outcome = import_rows(db, event, by, &preview.rows, Some(id), now).await?;
    Ok(outcome)
}

/// Imports checked rows in one transaction (nothing when one is refused). `pending`: the kept
/// list to forget in the same transaction.
pub async fn import_rows<C: TransactionTrait>(
    db: &C,
    event: EventId,
    by: UserId,
    rows: &[ImportRow],
    pending: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, DomainError> {
    if rows.iter().any(|r| !r.problems.is_empty()) {
        return Err(file_error("import-invalid"));
    }
    let txn = super::db::begin_write(db).await?;
    entities::events::Entity::find_by_id(event.0)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut registrants: Vec<people::Model> = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.0))
        .find_also_related(people::Entity)
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|(_, p)| p)
        .collect();
    let mut outcome = ImportOutcome {
        registered: 0,
        already: 0,
    };
    for row in rows {
        let person = if row.email.is_empty() {
            let wanted = row.name_latin.to_lowercase();
            registrants
                .iter()
                .find(|p| p.name_latin.to_lowercase() == wanted)
                .cloned()
        } else {
            people::Entity::find()
                .filter(people::Column::Email.eq(row.email.as_str()))
                .one(&txn)
                .await?
        };
        // An organisation is looked up (or created) only when it will be stored.
        let needs_org = person.as_ref().is_none_or(|p| p.organisation_id.is_none());
        let organisation = match row.organisation.as_str() {
            "" => None,
            _ if !needs_org => None,
            name => Some(super::registration::organisation_id(&txn, name, now).await?),
        };
        let person_id = match person {
            Some(p) => {
                let id = p.id;
                fill_person(&txn, p, row, organisation, now).await?;
                id
            }
            None => {
                let created = new_person(row, organisation, now).insert(&txn).await?;
                let id = created.id;
                registrants.push(created);
                id
            }
        };
        let exists = registrations::Entity::find()
            .filter(registrations::Column::EventId.eq(event.0))
            .filter(registrations::Column::PersonId.eq(person_id))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            outcome.already += 1;
            continue;
        }
        let new = NewRegistration {
            event_id: event.0,
            person_id,
            status: RegistrationStatus::parse(&row.status).ok_or(DomainError::Internal)?,
            role: RegistrationRole::parse(&row.role).ok_or(DomainError::Internal)?,
            walk_in: false,
            by: Some(by),
            form: None,
        };
        super::registration::create(&txn, new, now).await?;
        outcome.registered += 1;
    }
    if let Some(id) = pending {
        pending_imports::Entity::delete_by_id(id.to_owned())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

fn some(value: &str) -> Option<String> {
    Some(value.to_owned()).filter(|v| !v.is_empty())
}

fn new_person(
    row: &ImportRow,
    organisation: Option<i64>,
    now: DateTime<Utc>,
) -> people::ActiveModel {
    people::ActiveModel {
        name_latin: Set(row.name_latin.clone()),
        name_native: Set(some(&row.name_native)),
        email: Set(some(&row.email)),
        phone: Set(some(&row.phone)),
        organisation_id: Set(organisation),
        position: Set(some(&row.position)),
        country_code: Set(some(&row.country)),
        sector: Set(some(&row.sector)),
        gender: Set(some(&row.gender)),
        languages: Set(String::new()),
        // Nobody is named publicly without their own consent.
        public_name_consent: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Fills the person's empty fields from the row; what is on file stays.
async fn fill_person(
    txn: &impl ConnectionTrait,
    p: people::Model,
    row: &ImportRow,
    organisation: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let mut model: people::ActiveModel = p.clone().into();
    let mut changed = false;
    macro_rules! fill {
        ($column:ident, $value:expr) => {
            if p.$column.is_none() {
                if let Some(v) = $value {
                    model.$column = Set(Some(v));
                    changed = true;
                }
            }
        };
    }
    fill!(name_native, some(&row.name_native));
    fill!(phone, some(&row.phone));
    fill!(organisation_id, organisation);
    fill!(position, some(&row.position));
    fill!(country_code, some(&row.country));
    fill!(sector, some(&row.sector));
    fill!(gender, some(&row.gender));
    if changed {
        model.updated_at = Set(now);
        model.update(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn countries() -> Vec<(String, String)> {
        vec![
            ("TH".into(), "Thailand".into()),
            ("KH".into(), "Cambodia".into()),
            ("MM".into(), "Myanmar".into()),
        ]
    }

    fn codes(row: &ImportRow) -> Vec<(&str, &str)> {
        row.problems
            .iter()
            .map(|p| (p.column.as_str(), p.code.as_str()))
            .collect()
    }

    #[test]
    fn a_clean_csv_reads_with_defaults_and_names() {
        let csv = "\u{feff}Name,E-mail,Country,Sector,Organisation\r\n\
                   Sokha Chan,SOKHA@Example.org,Cambodia,CSO/NGO,Legal Support for Children and Women\r\n\
                   สมชาย ใจดี,,th,trade union,\r\n\
                   ,,,,\r\n";
        let sheet = read("list.csv", csv.as_bytes()).unwrap();
        assert_eq!(sheet.rows.len(), 2, "blank lines are skipped");
        let rows = check(&sheet, &countries());
        assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].email, "sokha@example.org");
        assert_eq!(rows[0].country, "KH");
        assert_eq!(rows[0].sector, "cso_ngo");
        assert_eq!(rows[0].status, "confirmed");
        assert_eq!(rows[0].role, "participant");
        assert_eq!(rows[1].name_latin, "สมชาย ใจดี");
        assert_eq!(rows[1].country, "TH");
        assert_eq!(rows[1].sector, "trade_union");
    }

    #[test]
    fn semicolons_and_export_headers_are_understood() {
        let csv = "No.;Name;Name (own script);Email;Status;Role\n1;Aye Aye;အေးအေး;aye@example.org;waitlisted;trainee\n";
        let rows = check(&read("x.csv", csv.as_bytes()).unwrap(), &countries());
        assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
        assert_eq!(rows[0].name_native, "အေးအေး");
        assert_eq!(rows[0].status, "waitlisted");
        assert_eq!(rows[0].role, "trainee");
    }

    #[test]
    fn every_bad_cell_is_named_on_its_row() {
        let long = "x".repeat(201);
        let csv = format!(
            "name,email,country,sector,gender,role,status\n\
             ,a@example.org,,,,,\n\
             Bad Mail,not-an-email,,,,,\n\
             Far Away,far@example.org,Atlantis,,,,\n\
             Odd Sector,odd@example.org,,farming,,,\n\
             Odd Everything,every@example.org,,,robot,king,maybe\n\
             {long},long@example.org,,,,,\n\
             Again,a2@example.org,,,,,\n\
             Again Twice,A2@example.org,,,,,\n"
        );
        let rows = check(&read("x.csv", csv.as_bytes()).unwrap(), &countries());
        assert_eq!(codes(&rows[0]), [("name", "required")]);
        assert_eq!(codes(&rows[1]), [("email", "invalid-email")]);
        assert_eq!(codes(&rows[2]), [("country", "unknown-country")]);
        assert_eq!(codes(&rows[3]), [("sector", "unknown-sector")]);
        assert_eq!(
            codes(&rows[4]),
            [
                ("gender", "unknown-gender"),
                ("role", "unknown-role"),
                ("status", "unknown-status")
            ]
        );
        assert_eq!(codes(&rows[5]), [("name", "too-long")]);
        assert!(rows[6].problems.is_empty());
        assert_eq!(codes(&rows[7]), [("email", "duplicate-row")]);
        assert_eq!(rows[7].line, 9);
    }

    #[test]
    fn files_that_cannot_be_imported_say_why() {
        let err = |r: Result<Sheet, DomainError>| match r {
            Err(DomainError::Validation { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            err(read("x.csv", &vec![b'a'; MAX_IMPORT_BYTES + 1])),
            "file-too-large"
        );
        let many = format!("name\n{}", "Someone\n".repeat(MAX_IMPORT_ROWS + 1));
        assert_eq!(err(read("x.csv", many.as_bytes())), "too-many-rows");
        assert_eq!(
            err(read("x.csv", b"email\nx@example.org\n")),
            "missing-name-column"
        );
        assert_eq!(err(read("x.csv", b"")), "empty-file");
        assert_eq!(err(read("x.csv", b"name\n")), "empty-file");
        assert_eq!(err(read("x.csv", b"name\n\xff\xfe\n")), "unreadable-file");
        assert_eq!(
            err(read("x.xlsx", b"PK\x03\x04 not a zip")),
            "unreadable-file"
        );
    }

    #[test]
    fn the_template_reads_back_without_problems() {
        let rows = check(&read("t.csv", &template_csv()).unwrap(), &countries());
        assert_eq!(rows.len(), 1);
        assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
        assert_eq!(
            rows[0].phone, "+66 81 000 0000",
            "the quote is dropped again"
        );
        let text = String::from_utf8(template_csv()).unwrap();
        assert!(text.contains(",'+66 81 000 0000,"), "{text}");
    }
}
