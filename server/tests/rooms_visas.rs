//! Rooms and visa letters, through the real router: staff add a hotel and rooms, put people
//! in rooms with plain form posts (sharing allowed, with warnings when sharers' genders differ
//! or their stays do not overlap, a full room refused), the rooming list reads back with
//! pdftotext; visa letters name the person as in their passport (Latin) and in their own
//! script, with nationality and passport number, for everyone who needs one or one person.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{
    pdf_text, post_plain, register_plain, registration_of, sign_in_coordinator as staff, TestApp,
};
use entities::{hotels, room_assignments, rooms};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "access-to-justice-2027";

/// Registers through the public form; returns the registration id.
async fn register(app: &TestApp, name: &str, native: &str, email: &str, gender: &str) -> i64 {
    register_plain(app, SLUG, name, native, email, &[("form[gender]", gender)]).await;
    registration_of(app, email).await.id
}

#[tokio::test]
async fn rooms_are_shared_with_warnings_and_printed_for_the_hotel() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let a = register(&app, "Sok Chantha", "", "a@example.org", "female").await;
    let b = register(&app, "Aung Min", "", "b@example.org", "male").await;
    let c = register(&app, "Lan Nguyen", "", "c@example.org", "female").await;
    let cookie = staff(&app).await;
    let page = format!("/manage/events/{SLUG}/travel/rooms");
    post_plain(
        &app,
        "add_hotel",
        &page,
        &[
            ("slug", SLUG),
            ("form[name]", "Eco Resort Chiang Mai"),
            ("form[address]", "109 Bumrungraj Rd"),
        ],
        Some(&cookie),
    )
    .await;
    let hotel = hotels::Entity::find()
        .filter(hotels::Column::Name.eq("Eco Resort Chiang Mai"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let hid = hotel.id.to_string();
    for (label, kind) in [("101", "Twin"), ("102", "Twin")] {
        post_plain(
            &app,
            "add_room",
            &page,
            &[
                ("slug", SLUG),
                ("form[hotel_id]", &hid),
                ("form[name]", label),
                ("form[room_type]", kind),
                ("form[capacity]", "2"),
            ],
            Some(&cookie),
        )
        .await;
    }
    let dup = post_plain(
        &app,
        "add_room",
        &page,
        &[
            ("slug", SLUG),
            ("form[hotel_id]", &hid),
            ("form[name]", "101"),
            ("form[capacity]", "2"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(dup
        .header("location")
        .unwrap()
        .contains("message=room-taken"));
    let room = |label: &'static str| {
        let db = app.db.clone();
        async move {
            rooms::Entity::find()
                .filter(rooms::Column::HotelId.eq(hotel.id))
                .filter(rooms::Column::Label.eq(label))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string()
        }
    };
    let r101 = room("101").await;
    let r102 = room("102").await;
    let assign = |room: String, who: i64, check_in: &'static str, check_out: &'static str| {
        let cookie = cookie.clone();
        let page = page.clone();
        let app = &app;
        async move {
            let who = who.to_string();
            post_plain(
                app,
                "assign_room",
                &page,
                &[
                    ("slug", SLUG),
                    ("form[room_id]", &room),
                    ("form[registration_id]", &who),
                    ("form[check_in]", check_in),
                    ("form[check_out]", check_out),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    // Sharers of different genders: allowed, with a warning.
    assign(r101.clone(), a, "", "").await;
    let shared = assign(r101.clone(), b, "", "").await;
    assert!(shared.header("location").unwrap().contains("saved=1"));
    let shown = app.get(&page, Some(&cookie)).await;
    assert!(
        shown.body.contains("Sharers of different genders."),
        "gender warning"
    );
    // The room sleeps two: a third is refused next to the room.
    let full = assign(r101.clone(), c, "", "").await;
    let l = full.header("location").unwrap();
    assert!(
        l.contains(&format!("field=room-{r101}")) && l.contains("message=room-full"),
        "{l}"
    );
    // B moves to room 102; C shares 101 with A but arrives the day A leaves (A's stay is the
    // event's days: no travel given).
    assign(r102.clone(), b, "2027-03-14", "2027-03-15").await;
    assign(r101.clone(), c, "2027-03-17", "2027-03-19").await;
    assert_eq!(
        room_assignments::Entity::find()
            .filter(room_assignments::Column::RegistrationId.is_in([a, b, c]))
            .count(&app.db)
            .await
            .unwrap(),
        3,
        "moving keeps one room per person"
    );
    let shown = app.get(&page, Some(&cookie)).await;
    assert!(
        !shown.body.contains("Sharers of different genders."),
        "warning gone once B moved"
    );
    assert!(
        shown.body.contains("Sharers&#x27; dates do not overlap.")
            || shown.body.contains("Sharers' dates do not overlap."),
        "dates warning"
    );
    let bad = assign(r102.clone(), b, "2027-03-17", "2027-03-15").await;
    assert!(bad
        .header("location")
        .unwrap()
        .contains("message=check-out-before-check-in"));

    let pdf = app
        .get(&format!("/events/{SLUG}/rooming.pdf"), Some(&cookie))
        .await;
    assert_eq!(pdf.status, 200);
    let text = layout_text(&pdf.bytes);
    for expected in [
        "Rooming list",
        "Eco Resort Chiang Mai",
        "101",
        "102",
        "Twin",
        "Sok Chantha",
        "Aung Min",
        "Lan Nguyen",
        "Check-in",
        "Sok Chantha Monday 15 March 2027 Wednesday 17 March 2027",
        "Sharers' dates do not overlap.",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert_eq!(
        app.get(&format!("/events/{SLUG}/rooming.pdf"), None)
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn visa_letters_name_the_person_as_in_the_passport_and_in_their_script() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let a = register(&app, "Sok Chantha", "សុខ ចាន់ថា", "a@example.org", "female").await;
    let b = register(&app, "Aung Min", "အောင်မင်း", "b@example.org", "male").await;
    register(&app, "Somchai Dee", "สมชาย ดี", "c@example.org", "male").await;
    let cookie = staff(&app).await;
    let travel = format!("/manage/events/{SLUG}/travel");
    for (id, passport_name, nationality, number) in [
        (a, "SOK CHANTHA", "Cambodian", "N0123456"),
        (b, "AUNG MIN", "Myanmar", "MB765432"),
    ] {
        let id = id.to_string();
        let r = post_plain(
            &app,
            "save_travel",
            &travel,
            &[
                ("slug", SLUG),
                ("registration_id", &id),
                ("form[visa_needed]", "on"),
                ("form[passport_name]", passport_name),
                ("form[nationality]", nationality),
                ("form[passport_number]", number),
                ("form[arrangement]", "network_books"),
            ],
            Some(&cookie),
        )
        .await;
        assert!(
            r.header("location").unwrap().contains("saved="),
            "{:?}",
            r.header("location")
        );
    }
    let r = post_plain(
        &app,
        "set_letterhead",
        &travel,
        &[
            ("slug", SLUG),
            ("form[organisation]", "Mekong Migration Network"),
            ("form[address]", "Chiang Mai, Thailand"),
            ("form[signatory]", "Omsin Boonlert"),
            ("form[signatory_title]", "Regional Coordinator"),
            ("form[scope]", "global"),
        ],
        Some(&cookie),
    )
    .await;
    assert!(r.header("location").unwrap().contains("saved=letterhead"));
    let pdf = app
        .get(&format!("/events/{SLUG}/visa-letters.pdf"), Some(&cookie))
        .await;
    assert_eq!(pdf.status, 200);
    let text = pdf_text(&pdf.bytes);
    for expected in [
        "Mekong Migration Network",
        "SOK CHANTHA (សុខ ចាន់ថា)",
        "AUNG MIN (အောင်မင်း)",
        "Cambodian",
        "N0123456",
        "MB765432",
        "Regional Workshop on Migrant Workers' Access to Justice",
        "15 March 2027",
        "16 March 2027",
        "Chiang Mai, Thailand",
        "Omsin Boonlert",
        "Regional Coordinator",
        "international travel",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(
        !text.contains("Somchai"),
        "no letter for someone who needs no visa"
    );
    assert_eq!(text.matches("Dear Sir or Madam").count(), 2);
    let one = app
        .get(
            &format!("/events/{SLUG}/visa-letters.pdf?registration={b}"),
            Some(&cookie),
        )
        .await;
    let text = pdf_text(&one.bytes);
    assert!(
        text.contains("AUNG MIN") && !text.contains("SOK CHANTHA"),
        "{text}"
    );
    assert_eq!(
        app.get(&format!("/events/{SLUG}/visa-letters.pdf"), None)
            .await
            .status,
        403
    );
    let page = app.get(&travel, Some(&cookie)).await;
    assert!(page
        .body
        .contains(&format!("visa-letters.pdf?registration={a}")));
}

/// The text of a PDF with its layout kept, spaces squeezed: a table row is one line.
fn layout_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "sala-rooming-{}-{}.pdf",
        std::process::id(),
        pdf.len()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}
