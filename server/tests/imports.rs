//! The participant list as Excel, importing a list (upload, preview, confirm) and merging
//! duplicate people, through real HTTP; and who may do each.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::io::Cursor;

use axum::body::Body;
use axum::http::{header, Request};
use calamine::{Data, Reader, Xlsx};
use common::{signed_in, TestApp};
use domain::types::Role;
use entities::{events, exports, people, registrations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "advocacy-with-asean-2016";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn get_bytes(app: &TestApp, path: &str, cookie: &str) -> (u16, String, Vec<u8>) {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, kind, bytes.to_vec())
}

async fn upload(
    app: &TestApp,
    slug: &str,
    name: &str,
    content: &[u8],
    cookie: Option<&str>,
) -> common::Reply {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let mut req = Request::post(format!("/manage/events/{slug}/import/upload"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

async fn registered(app: &TestApp) -> u64 {
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn staff_download_the_list_as_excel_and_the_export_is_logged() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let path = format!("/manage/events/{SLUG}/participants.xlsx");
    let anonymous = app.get(&path, None).await;
    assert_eq!(anonymous.status, 403);
    let cookie = signed_in(&app, "s@example.org", Role::Staff).await;
    let (status, kind, bytes) = get_bytes(&app, &path, &cookie).await;
    assert_eq!(status, 200);
    assert_eq!(kind, XLSX);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Participants").unwrap();
    assert_eq!(range.get((0, 1)), Some(&Data::String("Name".into())));
    let native: Vec<String> = (1..range.height())
        .filter_map(|r| range.get((r, 2)).map(ToString::to_string))
        .collect();
    assert!(
        native
            .iter()
            .any(|n| n.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c))),
        "Khmer names intact: {native:?}"
    );
    let (_, _, trainees) = get_bytes(&app, &format!("{path}?role=trainee"), &cookie).await;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(trainees)).unwrap();
    assert_eq!(
        book.worksheet_range("Participants").unwrap().height(),
        18,
        "17 trainees and the header"
    );
    let log = exports::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|e| e.kind == "participants_xlsx"));
    assert_eq!(log[1].row_count, 17);
}

fn preview_location(reply: &common::Reply) -> String {
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert!(
        location.starts_with(&format!("/manage/events/{SLUG}/import?")),
        "{location}"
    );
    location
}

#[tokio::test]
async fn a_coordinator_previews_a_list_then_imports_it_once() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let cookie = signed_in(&app, "c@example.org", Role::Coordinator).await;
    let before = registered(&app).await;
    let people_before = people::Entity::find().count(&app.db).await.unwrap();

    // A row with a bad e-mail: the preview names it, and nothing is imported.
    let bad = "name,email,country\nSok Dara,dara@example.org,KH\nNo Mail,not-an-address,TH\n";
    let location =
        preview_location(&upload(&app, SLUG, "list.csv", bad.as_bytes(), Some(&cookie)).await);
    assert!(location.contains("preview="), "{location}");
    let page = app.get(&location, Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("This does not look like an email address."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Nothing will be imported"));
    assert!(
        !page.body.contains("/api/confirm_import"),
        "no confirm button"
    );
    let id = location.split("preview=").nth(1).unwrap().to_owned();
    let refused = app
        .call(
            "confirm_import",
            &[("slug", SLUG), ("id", &id)],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(registered(&app).await, before);
    assert_eq!(
        people::Entity::find().count(&app.db).await.unwrap(),
        people_before
    );

    // A valid list: previewed, confirmed, imported; the same file again adds nobody.
    let good = "name,name_native,email,country,role\nSok Dara,សុខ ដារ៉ា,dara@example.org,KH,trainee\nNang Hseng,,,MM,\n";
    for round in 0..2 {
        let location =
            preview_location(&upload(&app, SLUG, "list.csv", good.as_bytes(), Some(&cookie)).await);
        let page = app.get(&location, Some(&cookie)).await;
        assert!(page.body.contains("សុខ ដារ៉ា"), "{}", page.body);
        assert!(
            page.body.contains("Confirm the import (2)"),
            "{}",
            page.body
        );
        let id = location.split("preview=").nth(1).unwrap().to_owned();
        let done = app
            .call(
                "confirm_import",
                &[("slug", SLUG), ("id", &id)],
                Some(&cookie),
            )
            .await;
        assert!(done.status < 400, "round {round}: {}", done.body);
        assert_eq!(registered(&app).await, before + 2, "round {round}");
    }
    let dara = people::Entity::find()
        .filter(people::Column::Email.eq("dara@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dara.name_native.as_deref(), Some("សុខ ដារ៉ា"));
}

#[tokio::test]
async fn files_that_cannot_be_imported_come_back_with_the_reason() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let cookie = signed_in(&app, "c@example.org", Role::Coordinator).await;
    let big = vec![b'a'; domain::import_types::MAX_IMPORT_BYTES + 10];
    for (name, content, code) in [
        ("big.csv", &big[..], "file-too-large"),
        (
            "list.csv",
            &b"email\nx@example.org\n"[..],
            "missing-name-column",
        ),
        ("list.xlsx", &b"PK\x03\x04garbage"[..], "unreadable-file"),
    ] {
        let location = preview_location(&upload(&app, SLUG, name, content, Some(&cookie)).await);
        assert!(location.ends_with(&format!("message={code}")), "{location}");
        let page = app.get(&location, Some(&cookie)).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("class=\"field-error\""),
            "told next to the file field: {}",
            page.body
        );
    }
}

/// A tiny .xlsx whose two cells sit at A1 and XFD1048576 (17 billion cells between them):
/// refused with its reason next to the file field, and nothing kept.
#[tokio::test]
async fn an_excel_sheet_of_absurd_size_is_refused_next_to_the_file_field() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let cookie = signed_in(&app, "c@example.org", Role::Coordinator).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let file = book.save_to_buffer().unwrap();
    let reply = upload(&app, SLUG, "far.xlsx", &file, Some(&cookie)).await;
    let location = preview_location(&reply);
    assert!(
        location.ends_with("error=validation&field=import-file&message=sheet-too-large"),
        "{location}"
    );
    let page = app.get(&location, Some(&cookie)).await;
    assert_eq!(page.status, 200);
    let input = page
        .body
        .find("id=\"import-file\"")
        .expect("the file field");
    let message = page
        .body
        .find("The sheet reaches beyond 1,000 rows")
        .expect("the reason is shown");
    assert!(
        message > input && message - input < 400,
        "the reason sits right after the file field"
    );
    assert!(
        !page.body.contains("alert-error"),
        "not repeated at the top"
    );
    assert_eq!(
        entities::pending_imports::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "nothing kept"
    );
}

#[tokio::test]
async fn only_coordinators_upload_and_get_the_template() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let staff = signed_in(&app, "s@example.org", Role::Staff).await;
    let content = b"name\nSomeone\n";
    assert_eq!(upload(&app, SLUG, "l.csv", content, None).await.status, 403);
    assert_eq!(
        upload(&app, SLUG, "l.csv", content, Some(&staff))
            .await
            .status,
        403
    );
    assert_eq!(
        app.get("/manage/import-template.csv", None).await.status,
        403
    );
    assert_eq!(
        app.get("/manage/import-template.csv", Some(&staff))
            .await
            .status,
        403
    );
    let page = app
        .get(&format!("/manage/events/{SLUG}/import"), Some(&staff))
        .await;
    assert_eq!(page.status, 403);
    let coord = signed_in(&app, "c@example.org", Role::Coordinator).await;
    let template = app.get("/manage/import-template.csv", Some(&coord)).await;
    assert_eq!(template.status, 200);
    assert!(template.body.contains("name,name_native,email"));
    let page = app
        .get(&format!("/manage/events/{SLUG}/import"), Some(&coord))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("multipart/form-data"));
    assert!(
        page.body.contains("migrant_workers_association"),
        "columns documented"
    );
}

#[tokio::test]
async fn a_coordinator_merges_a_duplicate_person() {
    let app = common::demo_app_at(2026, 11, 1).await;
    let coord = signed_in(&app, "c@example.org", Role::Coordinator).await;
    // Import the same person twice under different e-mail addresses.
    let list = "name,email\nThida Aung,thida@example.org\n";
    let location =
        preview_location(&upload(&app, SLUG, "a.csv", list.as_bytes(), Some(&coord)).await);
    let id = location.split("preview=").nth(1).unwrap().to_owned();
    app.call(
        "confirm_import",
        &[("slug", SLUG), ("id", &id)],
        Some(&coord),
    )
    .await;
    let keep = people::Entity::find()
        .filter(people::Column::Email.eq("thida@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let drop = sea_orm::ActiveModelTrait::insert(
        entities::people::ActiveModel {
            name_latin: sea_orm::Set("THIDA  aung".into()),
            email: sea_orm::Set(Some("thida.aung@example.org".into())),
            languages: sea_orm::Set(String::new()),
            public_name_consent: sea_orm::Set(false),
            created_at: sea_orm::Set(keep.created_at),
            updated_at: sea_orm::Set(keep.created_at),
            ..Default::default()
        },
        &app.db,
    )
    .await
    .unwrap();
    let page = app.get("/manage/people", Some(&coord)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("thida.aung@example.org"),
        "{}",
        page.body
    );
    let staff = signed_in(&app, "s@example.org", Role::Staff).await;
    let keep_id = keep.id.to_string();
    let drop_id = drop.id.to_string();
    let form = [("keep", keep_id.as_str()), ("drop", drop_id.as_str())];
    assert_eq!(
        app.call("merge_people", &form, Some(&staff)).await.status,
        403
    );
    assert_eq!(app.call("merge_people", &form, None).await.status, 403);
    assert!(people::Entity::find_by_id(drop.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
    let merged = app.call("merge_people", &form, Some(&coord)).await;
    assert!(merged.status < 400, "{}", merged.body);
    assert!(people::Entity::find_by_id(drop.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
}
