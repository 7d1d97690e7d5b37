//! Getting people there, through the real router: a participant gives and corrects their
//! travel on the private page with plain form posts (no JavaScript), refusals come back next
//! to the field with nothing written; staff add the passport number (never shown to the
//! participant or anyone else, in their data download, cleared by retention); the arrivals
//! list prints and exports; per diems are counted from attendance or from travel days in the
//! event's zone (Asia/Yangon, +06:30); payments keep their history through corrections and
//! "paid" is recorded once; the payment sheet reads back with pdftotext.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{
    pdf_text, post_plain, register_plain, registration_of, sign_in_coordinator as staff, TestApp,
};
use entities::{attendance, events, travel_details, travel_payments};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const SLUG: &str = "access-to-justice-2027";

/// Registers `name` through the public form and returns the private page's path.
async fn register(app: &TestApp, name: &str, native: &str, email: &str) -> String {
    register_plain(app, SLUG, name, native, email, &[]).await;
    app.private_page(email).await
}

fn travel_fields<'a>(
    arrival: (&'a str, &'a str),
    departure: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[from_city]", "Phnom Penh"),
        ("form[from_country]", "Cambodia"),
        ("form[nationality]", "Cambodian"),
        ("form[visa_needed]", "on"),
        ("form[arrival_date]", arrival.0),
        ("form[arrival_time]", arrival.1),
        ("form[arrival_means]", "flight"),
        ("form[arrival_number]", "TG 2105"),
        ("form[departure_date]", departure.0),
        ("form[departure_time]", departure.1),
        ("form[departure_means]", "bus"),
        ("form[departure_number]", "NCA 12"),
        ("form[arrangement]", "refund"),
        ("form[passport_name]", "SOK CHANTHA"),
    ]
}

#[tokio::test]
async fn travel_is_given_on_the_private_page_without_javascript() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let page = register(&app, "Sok Chantha", "សុខ ចាន់ថា", "chantha@example.org").await;
    let token = page.trim_start_matches("/r/").to_owned();
    let demo_rows = travel_details::Entity::find().count(&app.db).await.unwrap();
    let shown = app.get(&page, None).await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("id=\"travel\""), "a travel section");
    assert!(shown.body.contains("name=\"form[arrival_date]\""));
    assert!(shown.body.contains("type=\"time\""), "native time input");
    assert!(
        !shown.body.contains("form[passport_number]"),
        "no passport number on the private page"
    );

    // A departure before the arrival: refused next to its field, nothing written.
    let mut fields = vec![("token", token.as_str())];
    fields.extend(travel_fields(
        ("2027-03-14", "18:30"),
        ("2027-03-13", "10:00"),
    ));
    let refused = post_plain(&app, "save_my_travel", &page, &fields, None).await;
    let location = refused.header("location").unwrap();
    assert!(location.starts_with(&page), "{location}");
    assert!(location.contains("field=departure_date"), "{location}");
    assert!(
        location.contains("message=departure-before-arrival"),
        "{location}"
    );
    assert_eq!(
        travel_details::Entity::find().count(&app.db).await.unwrap(),
        demo_rows
    );
    // What was typed comes back with the message.
    let back = app.get(&location, None).await;
    assert!(back.body.contains("value=\"TG 2105\""), "typed values kept");
    assert!(back
        .body
        .contains("The departure must come after the arrival."));

    // A time without a date, a far-away date and a non-Latin passport name are refused too.
    for (name, value, field, message) in [
        ("form[arrival_date]", "", "arrival_date", "required"),
        (
            "form[arrival_date]",
            "2027-06-30",
            "arrival_date",
            "travel-date-far",
        ),
        (
            "form[passport_name]",
            "សុខ ចាន់ថា",
            "passport_name",
            "passport-name-latin",
        ),
    ] {
        let mut f = vec![("token", token.as_str())];
        f.extend(
            travel_fields(("2027-03-14", "18:30"), ("2027-03-17", "07:15"))
                .into_iter()
                .filter(|(k, _)| *k != name),
        );
        f.push((name, value));
        let r = post_plain(&app, "save_my_travel", &page, &f, None).await;
        let l = r.header("location").unwrap();
        assert!(l.contains(&format!("field={field}")), "{name}: {l}");
        assert!(l.contains(&format!("message={message}")), "{name}: {l}");
    }
    assert_eq!(
        travel_details::Entity::find().count(&app.db).await.unwrap(),
        demo_rows
    );

    // Saved: local Bangkok time stored as UTC; a passport number sent by the participant is
    // not taken.
    let mut fields = vec![("token", token.as_str()), ("form[passport_number]", "X999")];
    fields.extend(travel_fields(
        ("2027-03-14", "18:30"),
        ("2027-03-17", "07:15"),
    ));
    let saved = post_plain(&app, "save_my_travel", &page, &fields, None).await;
    assert_eq!(
        saved.header("location").as_deref(),
        Some(format!("{page}?travel=saved#travel").as_str())
    );
    let reg = registration_of(&app, "chantha@example.org").await;
    let stored = travel_details::Entity::find_by_id(reg.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.arrival_at,
        Some(Utc.with_ymd_and_hms(2027, 3, 14, 11, 30, 0).unwrap())
    );
    assert_eq!(stored.passport_number, None);
    assert!(stored.visa_needed);
    let shown = app.get(&format!("{page}?travel=saved"), None).await;
    assert!(shown.body.contains("value=\"2027-03-14\""));
    assert!(shown.body.contains("value=\"18:30\""));
    assert!(shown.body.contains("Travel details saved."));

    // Staff see and edit it, passport number included.
    let cookie = staff(&app).await;
    let list = app
        .get(&format!("/manage/events/{SLUG}/travel"), Some(&cookie))
        .await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Sok Chantha") && list.body.contains("TG 2105"));
    let edit_page = format!("/manage/events/{SLUG}/travel");
    let id = reg.id.to_string();
    let mut f = vec![
        ("slug", SLUG),
        ("registration_id", id.as_str()),
        ("form[passport_number]", "n0 12 3456"),
    ];
    f.extend(travel_fields(
        ("2027-03-14", "18:30"),
        ("2027-03-17", "07:15"),
    ));
    let r = post_plain(&app, "save_travel", &edit_page, &f, Some(&cookie)).await;
    assert!(
        r.header("location").unwrap().contains("saved="),
        "{:?}",
        r.header("location")
    );
    let stored = travel_details::Entity::find_by_id(reg.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.passport_number.as_deref(), Some("N0123456"));
    let edit = app
        .get(&format!("{edit_page}?edit={id}"), Some(&cookie))
        .await;
    assert!(
        edit.body.contains("value=\"N0123456\""),
        "staff form shows it"
    );
    let mine = app.get(&page, None).await;
    assert!(!mine.body.contains("N0123456"), "never on the private page");
    let data = app.get(&format!("{page}/data.json"), None).await;
    assert!(data.body.contains("N0123456"), "in the data download");
    assert!(data.body.contains("TG 2105"));
    // The participant saving again keeps the staff's passport number.
    let mut fields = vec![("token", token.as_str())];
    fields.extend(travel_fields(
        ("2027-03-14", "19:30"),
        ("2027-03-17", "07:15"),
    ));
    post_plain(&app, "save_my_travel", &page, &fields, None).await;
    let stored = travel_details::Entity::find_by_id(reg.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.passport_number.as_deref(), Some("N0123456"));

    // The arrivals list: PDF and Excel for staff, nothing for anyone else.
    let pdf = app
        .get(&format!("/events/{SLUG}/arrivals.pdf"), Some(&cookie))
        .await;
    assert_eq!(pdf.status, 200);
    let text = pdf_text(&pdf.bytes);
    for expected in [
        "Arrivals and departures",
        "Sok Chantha",
        "19:30",
        "Flight TG 2105",
        "Phnom Penh, Cambodia",
        "Departure",
        "07:15",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("N0123456"));
    let xlsx = app
        .get(&format!("/events/{SLUG}/arrivals.xlsx"), Some(&cookie))
        .await;
    assert_eq!(xlsx.status, 200);
    let rows = sheet_rows(&xlsx.bytes, "Arrivals");
    assert!(
        rows.iter().any(|r| r.contains(&"2027-03-14".to_owned())
            && r.contains(&"19:30".to_owned())
            && r.contains(&"Sok Chantha".to_owned())),
        "{rows:?}"
    );
    for path in [
        "arrivals.pdf",
        "arrivals.xlsx",
        "payments.pdf",
        "payments.xlsx",
    ] {
        let anon = app.get(&format!("/events/{SLUG}/{path}"), None).await;
        assert_eq!(anon.status, 403, "{path} refused to anonymous visitors");
    }
    let anon = app
        .get(&format!("/manage/events/{SLUG}/travel"), None)
        .await;
    assert!(!anon.body.contains("Sok Chantha"));
}

fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn per_diems_by_travel_count_local_days_in_the_yangon_zone() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut m: events::ActiveModel = event.into();
    m.timezone = Set("Asia/Yangon".to_owned());
    m.update(&app.db).await.unwrap();
    register(&app, "Aung Min", "အောင်မင်း", "aung@example.org").await;
    let reg = registration_of(&app, "aung@example.org").await;
    let cookie = staff(&app).await;
    let id = reg.id.to_string();
    // 00:15 on the 15th in Yangon is still the 14th in UTC; 23:45 on the 16th is 17:15 UTC.
    let mut f = vec![("slug", SLUG), ("registration_id", id.as_str())];
    f.extend(travel_fields(
        ("2027-03-15", "00:15"),
        ("2027-03-16", "23:45"),
    ));
    let page = format!("/manage/events/{SLUG}/travel");
    post_plain(&app, "save_travel", &page, &f, Some(&cookie)).await;
    let stored = travel_details::Entity::find_by_id(reg.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.arrival_at,
        Some(Utc.with_ymd_and_hms(2027, 3, 14, 17, 45, 0).unwrap())
    );
    let payments = format!("/manage/events/{SLUG}/travel/payments");
    let r = post_plain(
        &app,
        "set_per_diem_rate",
        &payments,
        &[
            ("slug", SLUG),
            ("form[currency]", "THB"),
            ("form[amount]", "1,200"),
            ("form[basis]", "travel"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(
        r.header("location").unwrap().contains("saved=rate"),
        "{:?}",
        r.header("location")
    );
    post_plain(
        &app,
        "add_per_diems",
        &payments,
        &[("slug", SLUG)],
        Some(&cookie),
    )
    .await;
    let rows = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(reg.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    // Two local days (15th and 16th), not the three UTC days (14th to 16th).
    assert_eq!(rows[0].days, Some(2));
    assert_eq!(rows[0].amount, 240_000);
    assert_eq!(rows[0].currency, "THB");
    // The arrivals list shows Yangon's local time.
    let pdf = app
        .get(&format!("/events/{SLUG}/arrivals.pdf"), Some(&cookie))
        .await;
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("00:15") && text.contains("23:45"), "{text}");
    assert!(text.contains("Asia/Yangon"), "{text}");
}

#[tokio::test]
async fn per_diems_by_attendance_and_corrections_keep_history() {
    let app = common::demo_app_at(2026, 11, 23).await;
    register(&app, "Nguyen Thi Lan", "Nguyễn Thị Lan", "lan@example.org").await;
    register(
        &app,
        "Somchai Phommavong",
        "ສົມໃຈ ພົມມະວົງ",
        "somchai@example.org",
    )
    .await;
    let lan = registration_of(&app, "lan@example.org").await;
    let cookie = staff(&app).await;
    // Two days present (one of them also at a session: counted once); Somchai none.
    for (day, session) in [((2027, 3, 15), None), ((2027, 3, 16), None)] {
        attendance::ActiveModel {
            registration_id: Set(lan.id),
            day: Set(NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap()),
            session_id: Set(session),
            recorded_by: Set(None),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let payments = format!("/manage/events/{SLUG}/travel/payments");
    let bad = post_plain(
        &app,
        "set_per_diem_rate",
        &payments,
        &[
            ("slug", SLUG),
            ("form[currency]", "USD"),
            ("form[amount]", "25.505"),
            ("form[basis]", "attendance"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(bad
        .header("location")
        .unwrap()
        .contains("message=invalid-amount"));
    post_plain(
        &app,
        "set_per_diem_rate",
        &payments,
        &[
            ("slug", SLUG),
            ("form[currency]", "USD"),
            ("form[amount]", "25.50"),
            ("form[basis]", "attendance"),
        ],
        Some(&cookie),
    )
    .await;
    let added = post_plain(
        &app,
        "add_per_diems",
        &payments,
        &[("slug", SLUG)],
        Some(&cookie),
    )
    .await;
    assert!(added.header("location").unwrap().contains("added=1"));
    let again = post_plain(
        &app,
        "add_per_diems",
        &payments,
        &[("slug", SLUG)],
        Some(&cookie),
    )
    .await;
    assert!(
        again.header("location").unwrap().contains("added=0"),
        "added once"
    );
    let per_diem = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(lan.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((per_diem.amount, per_diem.days), (5_100, Some(2)));

    // A refund, paid once.
    let lan_id = lan.id.to_string();
    post_plain(
        &app,
        "add_travel_payment",
        &payments,
        &[
            ("slug", SLUG),
            ("form[registration_id]", &lan_id),
            ("form[currency]", "THB"),
            ("form[amount]", "1,500"),
            ("form[receipt]", "R-0042"),
        ],
        Some(&cookie),
    )
    .await;
    let refund = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(lan.id))
        .filter(travel_payments::Column::Kind.eq("refund"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(refund.amount, 150_000);
    let rid = refund.id.to_string();
    let paid = post_plain(
        &app,
        "mark_payment_paid",
        &payments,
        &[("slug", SLUG), ("payment_id", &rid)],
        Some(&cookie),
    )
    .await;
    assert!(paid.header("location").unwrap().contains("saved=paid"));
    let first = travel_payments::Entity::find_by_id(refund.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(first.paid_at.is_some() && first.paid_by.is_some());
    app.advance(chrono::Duration::hours(1));
    let twice = post_plain(
        &app,
        "mark_payment_paid",
        &payments,
        &[("slug", SLUG), ("payment_id", &rid)],
        Some(&cookie),
    )
    .await;
    assert!(twice
        .header("location")
        .unwrap()
        .contains("message=already-paid"));
    let still = travel_payments::Entity::find_by_id(refund.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.paid_at, first.paid_at, "the first paid mark stays");

    // A correction is a new row; the paid row keeps its amount; the net may not go below 0.
    post_plain(
        &app,
        "add_travel_payment",
        &payments,
        &[
            ("slug", SLUG),
            ("form[corrects]", &rid),
            ("form[amount]", "-200"),
            ("form[receipt]", "R-0042b"),
        ],
        Some(&cookie),
    )
    .await;
    let too_much = post_plain(
        &app,
        "add_travel_payment",
        &payments,
        &[
            ("slug", SLUG),
            ("form[corrects]", &rid),
            ("form[amount]", "-1,301"),
        ],
        Some(&cookie),
    )
    .await;
    let l = too_much.header("location").unwrap();
    assert!(
        l.contains(&format!("field=correct-{rid}")) && l.contains("message=out-of-range"),
        "{l}"
    );
    let rows = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(lan.id))
        .filter(travel_payments::Column::Kind.eq("refund"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "history kept: {rows:?}");
    assert_eq!(rows[0].amount, 150_000, "the paid amount is never changed");
    assert_eq!(
        (rows[1].amount, rows[1].corrects_id),
        (-20_000, Some(refund.id))
    );

    let page = app.get(&payments, Some(&cookie)).await;
    assert!(page.body.contains("1,300.00"), "net on the page");
    assert!(page.body.contains("Paid "), "who and when");
    let pdf = app
        .get(&format!("/events/{SLUG}/payments.pdf"), Some(&cookie))
        .await;
    assert_eq!(pdf.status, 200);
    let text = pdf_text(&pdf.bytes);
    for expected in [
        "Payment sheet",
        "Nguyen Thi Lan",
        "Nguyễn Thị Lan",
        "Paid in THB",
        "Paid in USD",
        "1,300.00",
        "51.00",
        "R-0042",
        "Signature",
        "Corrections",
        "-200.00",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("Somchai"), "nobody without a payment");
    let xlsx = app
        .get(&format!("/events/{SLUG}/payments.xlsx"), Some(&cookie))
        .await;
    let history = sheet_rows(&xlsx.bytes, "History");
    assert_eq!(history.len(), 4, "header and three rows: {history:?}");
    let thb = sheet_rows(&xlsx.bytes, "THB");
    assert!(
        thb.iter()
            .any(|r| r.first().map(String::as_str) == Some("Nguyen Thi Lan")
                && r.contains(&"1300".to_owned())),
        "{thb:?}"
    );
}

#[tokio::test]
async fn retention_clears_passport_numbers_and_receipts() {
    let app = common::demo_app_at(2026, 11, 23).await;
    register(&app, "Sok Chantha", "", "chantha@example.org").await;
    let reg = registration_of(&app, "chantha@example.org").await;
    let cookie = staff(&app).await;
    let id = reg.id.to_string();
    let mut f = vec![
        ("slug", SLUG),
        ("registration_id", id.as_str()),
        ("form[passport_number]", "N0123456"),
    ];
    f.extend(travel_fields(
        ("2027-03-14", "18:30"),
        ("2027-03-17", "07:15"),
    ));
    let page = format!("/manage/events/{SLUG}/travel");
    post_plain(&app, "save_travel", &page, &f, Some(&cookie)).await;
    post_plain(
        &app,
        "add_travel_payment",
        &page,
        &[
            ("slug", SLUG),
            ("form[registration_id]", &id),
            ("form[currency]", "USD"),
            ("form[amount]", "120"),
            ("form[receipt]", "R-7"),
        ],
        Some(&cookie),
    )
    .await;
    let event = events::Entity::find()
        .filter(events::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut m: events::ActiveModel = event.into();
    m.retention_months = Set(Some(1));
    m.update(&app.db).await.unwrap();
    let at = Utc.with_ymd_and_hms(2027, 5, 1, 0, 0, 0).unwrap();
    domain::service::privacy::purge_expired(&app.db, at)
        .await
        .unwrap();
    let stored = travel_details::Entity::find_by_id(reg.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.passport_number, None);
    assert_eq!(stored.passport_name, "");
    assert_eq!(stored.arrival_number, "");
    let payment = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(reg.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(payment.receipt, "");
    assert_eq!(
        payment.amount, 12_000,
        "amounts stay for the event's totals"
    );
}
