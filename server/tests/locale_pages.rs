//! The public side in the visitor's language through real HTTP: dates written for the
//! language (Buddhist-era years on request for Thai), the registration form remembering the
//! language it was shown in for the e-mails, and Burmese typed in Zawgyi asked about, without
//! JavaScript, before anything is saved.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use entities::{outbox, people, registrations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "access-to-justice-2027";

async fn demo_app() -> common::TestApp {
    common::demo_app_at(2026, 11, 23).await
}

fn form<'a>(name_native: &'a str, email: &'a str, key: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("slug", SLUG),
        ("form[name_latin]", "Aung Aung"),
        ("form[name_native]", name_native),
        ("form[email]", email),
        ("form[country_code]", "MM"),
        ("form[consent]", "on"),
        ("form[submission_key]", key),
    ]
}

/// A plain HTML form post from the registration page, as a browser without JavaScript sends it.
async fn post_plain(app: &common::TestApp, fields: &[(&str, &str)]) -> common::Reply {
    let page = format!("/events/{SLUG}/register");
    common::post_plain(app, "register", &page, fields, None).await
}

#[tokio::test]
async fn a_zawgyi_name_is_shown_converted_and_saved_only_once_confirmed() {
    let app = demo_app().await;
    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let zawgyi = "ေအာင္ေအာင္";
    let fields = form(zawgyi, "aung@example.org", "submission-key-zawgyi-0001");
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let location = reply.header("location").unwrap();
    assert!(
        location.contains("field=name_native&message=zawgyi"),
        "{location}"
    );
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing saved before the person chooses"
    );

    let page = app.get(&location, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("အောင်အောင်"), "the Unicode text is shown");
    assert!(page.body.contains("Zawgyi"), "the notice says why");
    assert!(page.body.contains("Use the converted text"));
    assert!(page.body.contains("Keep what I typed"));
    assert!(
        page.body
            .contains("name=\"form[zawgyi]\" value=\"convert\""),
        "the choice is a plain submit button"
    );
    assert!(
        page.body.contains(&format!("value=\"{zawgyi}\"")),
        "what was typed is kept in the field"
    );

    let mut confirmed = fields.clone();
    confirmed.push(("form[zawgyi]", "convert"));
    let reply = post_plain(&app, &confirmed).await;
    assert_eq!(reply.status, 302);
    assert!(reply
        .header("location")
        .unwrap()
        .ends_with("/register?sent=1"));
    let person = people::Entity::find()
        .filter(people::Column::Email.eq("aung@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.name_native.as_deref(), Some("အောင်အောင်"));
}

#[tokio::test]
async fn a_unicode_burmese_name_goes_straight_through() {
    let app = demo_app().await;
    let fields = form(
        "အောင်အောင်",
        "aung2@example.org",
        "submission-key-zawgyi-0002",
    );
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302);
    assert!(
        reply
            .header("location")
            .unwrap()
            .ends_with("/register?sent=1"),
        "{:?}",
        reply.header("location")
    );
}

#[tokio::test]
async fn the_thai_form_registers_in_thai_and_the_confirmation_is_thai() {
    let app = demo_app().await;
    let page = app
        .get(&format!("/events/{SLUG}/register"), Some("lang=th"))
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("name=\"form[locale]\" value=\"th\""),
        "the form carries its language"
    );
    assert!(page.body.contains("15–16 มีนาคม 2027"), "Thai dates");

    let mut fields = form("", "somchai@example.org", "submission-key-thai-0001");
    fields.push(("form[locale]", "th"));
    let reply = post_plain(&app, &fields).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq("somchai@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        mail.subject.starts_with("ยืนยันการลงทะเบียน: "),
        "{}",
        mail.subject
    );
    assert!(mail.body.contains("15–16 มีนาคม 2027"), "{}", mail.body);
}

#[tokio::test]
async fn dates_follow_the_language_and_thai_readers_may_choose_the_buddhist_era() {
    let app = demo_app().await;
    let path = format!("/events/{SLUG}");
    let english = app.get(&path, None).await;
    assert!(
        english.body.contains("Monday 15 March 2027"),
        "English dates"
    );
    let chinese = app.get(&path, Some("lang=zh")).await;
    assert!(
        chinese.body.contains("2027年3月15日 星期一"),
        "Chinese dates"
    );
    let vietnamese = app.get(&path, Some("lang=vi")).await;
    assert!(vietnamese.body.contains("ngày 15 tháng 3 năm 2027"));

    let thai = app.get(&path, Some("lang=th")).await;
    assert!(thai.body.contains("วันจันทร์ที่ 15 มีนาคม 2027"));
    assert!(
        thai.body.contains("href=\"/era/be\""),
        "the era choice is offered"
    );
    assert!(
        !english.body.contains("href=\"/era/be\""),
        "only to Thai readers"
    );

    let choose = Request::get("/era/be")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{path}"))
        .body(Body::empty())
        .unwrap();
    let reply = app.send(choose).await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header("location").as_deref(), Some(path.as_str()));
    let cookie = reply.header("set-cookie").unwrap();
    assert!(cookie.starts_with("era=be;"), "{cookie}");

    let buddhist = app.get(&path, Some("lang=th; era=be")).await;
    assert!(buddhist.body.contains("วันจันทร์ที่ 15 มีนาคม 2570"));
    assert!(!buddhist.body.contains("มีนาคม 2027"));

    let unknown = app.get("/era/xx", None).await;
    assert!(unknown.header("set-cookie").is_none());
}

/// The bytes of a GET (PDFs are not text).
async fn download(app: &common::TestApp, path: &str) -> Vec<u8> {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

#[tokio::test]
async fn the_printed_agenda_writes_its_dates_in_the_requested_language() {
    let app = demo_app().await;
    let pdf = "/events/advocacy-with-asean-2016/agenda.pdf";
    let english = common::pdf_text(&download(&app, pdf).await);
    assert!(english.contains("4–8 June 2016"), "{english}");
    let vietnamese = common::pdf_text(&download(&app, &format!("{pdf}?lang=vi")).await);
    assert!(vietnamese.contains("4–8 tháng 6 năm 2016"), "{vietnamese}");
    assert!(!vietnamese.contains("June"), "{vietnamese}");
    // The event page links to the PDF in its own language.
    let page = app
        .get("/events/advocacy-with-asean-2016", Some("lang=th; era=be"))
        .await;
    assert!(
        page.body
            .contains("/events/advocacy-with-asean-2016/agenda.pdf?lang=th&amp;era=be"),
        "{}",
        page.body
    );
}

/// Staff screens write dates in the interface language too: the check-in page's days and
/// the attendance counts per day, in Thai with the `lang` cookie, ISO-free.
#[tokio::test]
async fn staff_screens_show_dates_in_the_interface_language() {
    let app = demo_app().await;
    app.create_user(
        "s@example.org",
        "staff-password-1",
        domain::types::Role::Staff,
    )
    .await;
    let cookie = app.login("s@example.org", "staff-password-1").await;
    let training = "advocacy-with-asean-2016";
    for (path, english, thai) in [
        (
            format!("/manage/events/{training}/checkin"),
            "June 2016",
            "มิถุนายน 2016",
        ),
        (
            format!("/manage/events/{training}/attendance"),
            "June 2016",
            "มิถุนายน 2016",
        ),
        (
            format!("/manage/events/{SLUG}/interpretation"),
            "March 2027",
            "มีนาคม 2027",
        ),
    ] {
        let en = app.get(&path, Some(&format!("{cookie}; lang=en"))).await;
        assert_eq!(en.status, 200, "{path}");
        assert!(en.body.contains(english), "{path} in English");
        let th = app.get(&path, Some(&format!("{cookie}; lang=th"))).await;
        assert_eq!(th.status, 200, "{path}");
        assert!(th.body.contains(thai), "{path} in Thai");
        assert!(
            !th.body.contains(english),
            "{path}: no English month in Thai"
        );
    }
}
