//! Interpretation planned, through the real router: languages chosen from the list and stored
//! as codes (a code not on it refused next to its field, nothing written), the coordinator's
//! counts per language for the event and per session, interpreters (registered with the role
//! `interpreter`) assigned per session and language and anyone else refused, the printed
//! plan read back with pdftotext and glyph by glyph, and the agenda page and PDF naming each
//! session's interpreted languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use common::{pdf_text, signed_in, TestApp};
use domain::documents::pdf::inspect::glyph_faults;
use domain::service::agenda::{self, Viewer};
use domain::types::{Role, SessionKind};
use entities::{interpretation_assignments, people, registrations};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "access-to-justice-2027";
const OTHER: &str = "advocacy-with-asean-2016";

fn register_form<'a>(name: &'a str, email: &'a str) -> Vec<(String, String)> {
    [
        ("slug", SLUG.to_owned()),
        ("form[name_latin]", name.to_owned()),
        ("form[email]", email.to_owned()),
        ("form[country_code]", "MY".to_owned()),
        ("form[consent]", "on".to_owned()),
        (
            "form[submission_key]",
            format!("submission-key-{}", email.replace(['@', '.'], "-")),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The form with one ticked box per code: `form[{field}][{code}]=on`.
fn tick(form: &mut Vec<(String, String)>, field: &str, codes: &[&str]) {
    for code in codes {
        form.push((format!("form[{field}][{code}]"), "on".to_owned()));
    }
}

/// A plain HTML form post from `page`, as a browser without JavaScript sends it.
async fn post_plain(
    app: &TestApp,
    endpoint: &str,
    page: &str,
    fields: &[(String, String)],
    cookie: Option<&str>,
) -> common::Reply {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    common::post_plain(app, endpoint, page, &pairs, cookie).await
}

async fn register(app: &TestApp, name: &str, email: &str, needs: &[&str]) {
    let mut form = register_form(name, email);
    tick(&mut form, "interpretation_needed", needs);
    let page = format!("/events/{SLUG}/register");
    let reply = post_plain(app, "register", &page, &form, None).await;
    assert_eq!(
        reply.header("location").as_deref(),
        Some(format!("/events/{SLUG}/register?sent=1").as_str()),
        "{email}: {}",
        reply.body
    );
}

/// Registers people through the import page (preview, then confirm), with their roles.
async fn import(app: &TestApp, cookie: &str, csv: &str) {
    let mut body = Vec::new();
    body.extend_from_slice(
        b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n\
          Content-Type: text/csv\r\n\r\n",
    );
    body.extend_from_slice(csv.as_bytes());
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let req = Request::post(format!("/manage/events/{SLUG}/import/upload"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").unwrap();
    let id = location.split("preview=").nth(1).unwrap().to_owned();
    let done = app
        .call(
            "confirm_import",
            &[("slug", SLUG), ("id", &id)],
            Some(cookie),
        )
        .await;
    assert!(done.status < 400, "{}", done.body);
}

async fn registration_of(app: &TestApp, email: &str) -> registrations::Model {
    let person = people::Entity::find()
        .filter(people::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{email} registered"));
    registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The text of a PDF with its layout kept (`pdftotext -layout`): a table row is one line.
fn layout_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "sala-interpretation-{}-{}.pdf",
        std::process::id(),
        pdf.len()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of the plan under the session titled `title`, up to the next session's time.
fn session_rows(text: &str, title: &str) -> Vec<String> {
    let is_time = |l: &str| {
        let l = l.trim_start();
        l.len() > 11 && l.as_bytes()[2] == b':' && l.get(5..).is_some_and(|r| r.starts_with('–'))
    };
    text.lines()
        .skip_while(|l| !l.contains(title))
        .skip(1)
        .take_while(|l| !is_time(l))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The part of `page` from `start` to the next `end`.
fn part<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} on the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The count in a table row of `data-language="{code}"`, or None without that row.
fn count_in(html: &str, code: &str) -> Option<usize> {
    let row = html.split(&format!("data-language=\"{code}\"")).nth(1)?;
    let row = &row[..row.find("</tr>")?];
    let after = row.split("Participants: ").nth(1)?;
    after
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

#[tokio::test]
async fn languages_are_chosen_from_the_list_and_stored_as_codes() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let page = format!("/events/{SLUG}/register");
    let form_page = app.get(&page, None).await;
    for code in ["en", "th", "ms", "ta", "shn", "mnw", "ksw", "kac"] {
        for field in ["languages", "interpretation_needed"] {
            assert!(
                form_page
                    .body
                    .contains(&format!("name=\"form[{field}][{code}]\"")),
                "a box for {code} in {field}"
            );
        }
    }
    for field in ["languages", "interpretation_needed"] {
        assert!(
            !form_page.body.contains(&format!("name=\"form[{field}]\"")),
            "no free text for {field}"
        );
    }

    let mut form = register_form("Siti Aminah", "siti@example.org");
    tick(&mut form, "languages", &["ta", "ms"]);
    tick(&mut form, "interpretation_needed", &["my", "th"]);
    let reply = post_plain(&app, "register", &page, &form, None).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let siti = registration_of(&app, "siti@example.org").await;
    assert_eq!(siti.interpretation_needed, "th,my");
    let person = people::Entity::find_by_id(siti.person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.languages, "ms,ta");

    // A code not on the list (a forged box, or text): refused next to its field, and nothing
    // is written; the boxes come back as they were ticked.
    let before = registrations::Entity::find().count(&app.db).await.unwrap();
    let people_before = people::Entity::find().count(&app.db).await.unwrap();
    for (field, bad) in [
        (
            "interpretation_needed",
            vec![("form[interpretation_needed][xx]", "on")],
        ),
        ("languages", vec![("form[languages]", "Burmese, English")]),
    ] {
        let mut form = register_form("Nang Hseng", "hseng@example.org");
        if field == "interpretation_needed" {
            tick(&mut form, "languages", &["shn"]);
        }
        form.extend(bad.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        let reply = post_plain(&app, "register", &page, &form, None).await;
        assert_eq!(reply.status, 302, "{}", reply.body);
        let location = reply.header("location").unwrap();
        assert!(
            location.starts_with(&format!(
                "{page}?error=validation&field={field}&message=unknown-language"
            )),
            "{location}"
        );
        assert_eq!(
            registrations::Entity::find().count(&app.db).await.unwrap(),
            before
        );
        assert_eq!(
            people::Entity::find().count(&app.db).await.unwrap(),
            people_before
        );
        let back = app.get(&location, None).await;
        assert_eq!(back.status, 200);
        let fieldset = part(&back.body, &format!("id=\"r-{field}\""), "</fieldset>");
        assert!(
            fieldset.contains("Choose languages from the list."),
            "the message inside the {field} field: {fieldset}"
        );
        if field == "interpretation_needed" {
            let shan = part(&back.body, "name=\"form[languages][shn]\"", ">");
            assert!(shan.contains("checked"), "Shan still ticked: {shan}");
        }
    }
}

#[tokio::test]
async fn a_coordinator_plans_interpretation_and_the_agenda_shows_it() {
    let app = common::demo_app_at(2026, 11, 23).await;
    let coord = signed_in(&app, "c@example.org", Role::Coordinator).await;
    let staff = signed_in(&app, "s@example.org", Role::Staff).await;

    register(&app, "Aye Aye", "aye@example.org", &["th", "my"]).await;
    register(&app, "Bua Kham", "bua@example.org", &["th"]).await;
    register(&app, "Chan Dara", "chan@example.org", &["en", "ms"]).await;
    import(
        &app,
        &coord,
        "name,email,country,role\n\
         Somchai Interpreter,somchai@example.org,TH,interpreter\n\
         Zaw Interpreter,zaw@example.org,MM,interpreter\n\
         Pat Participant,pat@example.org,TH,participant\n\
         I3 Interpreter,i3@example.org,TH,interpreter\n\
         I4 Interpreter,i4@example.org,TH,interpreter\n\
         I5 Interpreter,i5@example.org,TH,interpreter\n\
         I6 Interpreter,i6@example.org,TH,interpreter\n\
         I7 Interpreter,i7@example.org,TH,interpreter\n",
    )
    .await;
    let somchai = registration_of(&app, "somchai@example.org").await;
    assert_eq!(somchai.role, "interpreter");
    let pat = registration_of(&app, "pat@example.org").await;

    let event = agenda::by_slug(&app.db, SLUG, Viewer::Staff).await.unwrap();
    let session = event
        .sessions
        .iter()
        .find(|s| !matches!(s.kind, SessionKind::Break | SessionKind::Meal) && s.language == "en")
        .expect("a session held in English")
        .clone();
    let other_session = agenda::by_slug(&app.db, OTHER, Viewer::Staff)
        .await
        .unwrap()
        .sessions[0]
        .id;

    // Counts: for the event every language, per session all but the one it is held in.
    let path = format!("/manage/events/{SLUG}/interpretation");
    let anonymous = app.get(&path, None).await;
    assert!(
        !anonymous.body.contains("Somchai") && !anonymous.body.contains("Participants: "),
        "nothing for anonymous visitors"
    );
    let page = app.get(&path, Some(&coord)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let needs = part(&page.body, "interpretation-needs\"", "</table>");
    assert_eq!(count_in(needs, "th"), Some(2), "{needs}");
    assert_eq!(count_in(needs, "my"), Some(1));
    assert_eq!(count_in(needs, "en"), Some(1));
    assert_eq!(count_in(needs, "ms"), Some(1));
    assert_eq!(count_in(needs, "vi"), None);
    assert!(needs.contains("Thai (th)"));
    let section = |body: &str| {
        part(
            body,
            &format!("id=\"session-{}\"", session.id),
            "</section>",
        )
        .to_owned()
    };
    let here = section(&page.body);
    assert_eq!(count_in(&here, "th"), Some(2), "{here}");
    assert_eq!(count_in(&here, "my"), Some(1));
    assert_eq!(count_in(&here, "ms"), Some(1));
    assert_eq!(count_in(&here, "en"), None, "held in English: {here}");
    assert!(here.contains("No interpreter yet"));
    assert!(page.body.contains("Somchai Interpreter"));
    assert!(
        here.contains("/api/assign_interpreter"),
        "coordinators assign"
    );
    let seen_by_staff = app.get(&path, Some(&staff)).await;
    assert_eq!(seen_by_staff.status, 200);
    assert!(!seen_by_staff.body.contains("/api/assign_interpreter"));

    // Assigning: a registered interpreter, from the page without JavaScript.
    let assignment = |language: &str, who: i64, session: i64| {
        vec![
            ("slug".to_owned(), SLUG.to_owned()),
            ("form[session_id]".to_owned(), session.to_string()),
            ("form[language]".to_owned(), language.to_owned()),
            ("form[registration_id]".to_owned(), who.to_string()),
        ]
    };
    let reply = post_plain(
        &app,
        "assign_interpreter",
        &path,
        &assignment("th", somchai.id, session.id),
        Some(&coord),
    )
    .await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    assert_eq!(reply.header("location").unwrap(), format!("{path}?saved=1"));
    let rows = || async {
        interpretation_assignments::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.session_id, a.language, a.registration_id))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows().await,
        vec![(session.id, "th".to_owned(), somchai.id)]
    );
    // The same again changes nothing.
    let again = post_plain(
        &app,
        "assign_interpreter",
        &path,
        &assignment("th", somchai.id, session.id),
        Some(&coord),
    )
    .await;
    assert_eq!(again.status, 302);
    assert_eq!(rows().await.len(), 1);

    // Anyone else is refused with a clear message next to the session's form.
    let refused = post_plain(
        &app,
        "assign_interpreter",
        &path,
        &assignment("th", pat.id, session.id),
        Some(&coord),
    )
    .await;
    let location = refused.header("location").unwrap();
    assert!(
        location.contains(&format!(
            "field=session-{}&message=not-an-interpreter",
            session.id
        )),
        "{location}"
    );
    let back = app.get(&location, Some(&coord)).await;
    assert!(
        section(&back.body).contains(
            "Only a person registered for this event with the role “interpreter” can be assigned."
        ),
        "{}",
        section(&back.body)
    );
    let json = |form: Vec<(String, String)>, cookie: String| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call("assign_interpreter", &pairs, Some(&cookie)).await
        }
    };
    for (form, message) in [
        (assignment("th", pat.id, session.id), "not-an-interpreter"),
        (
            assignment("th", 99_999_999, session.id),
            "not-an-interpreter",
        ),
        (assignment("th", -1, session.id), "not-an-interpreter"),
        (assignment("xx", somchai.id, session.id), "unknown-language"),
        (
            assignment("<b>", somchai.id, session.id),
            "unknown-language",
        ),
        (
            assignment("th", somchai.id, other_session),
            "session-not-in-event",
        ),
    ] {
        let reply = json(form, coord.clone()).await;
        assert_eq!(reply.status, 422, "{message}: {}", reply.body);
        assert!(reply.body.contains(message), "{message}: {}", reply.body);
    }
    let mut garbage = assignment("th", somchai.id, session.id);
    garbage[1].1 = "a".repeat(5_000);
    assert_eq!(json(garbage, coord.clone()).await.status, 422);
    assert_eq!(
        json(assignment("th", somchai.id, session.id), staff.clone())
            .await
            .status,
        403,
        "staff do not assign"
    );
    assert_eq!(rows().await.len(), 1, "nothing written by a refusal");

    // At most six interpreters for one language of one session.
    let mut ids = Vec::new();
    for email in ["zaw", "i3", "i4", "i5", "i6", "i7"] {
        ids.push(
            registration_of(&app, &format!("{email}@example.org"))
                .await
                .id,
        );
    }
    for (n, id) in ids.iter().enumerate() {
        let reply = json(assignment("my", *id, session.id), coord.clone()).await;
        if n < 6 {
            assert!(reply.status < 400, "{n}: {}", reply.body);
        } else {
            assert_eq!(reply.status, 422);
            assert!(reply.body.contains("too-many-interpreters"));
        }
    }
    let unassign = post_plain(
        &app,
        "unassign_interpreter",
        &path,
        &assignment("my", ids[5], session.id),
        Some(&coord),
    )
    .await;
    assert_eq!(unassign.status, 302, "{}", unassign.body);
    let now = rows().await;
    assert_eq!(now.len(), 6, "{now:?}");
    assert!(!now.iter().any(|r| r.2 == ids[5]));
    let page = app.get(&path, Some(&coord)).await;
    let here = section(&page.body);
    assert!(here.contains("Somchai Interpreter"));
    assert!(here.contains("Zaw Interpreter"));

    // The printed plan: sessions × languages × interpreters.
    let pdf_path = format!("/events/{SLUG}/interpretation.pdf");
    assert_eq!(app.get(&pdf_path, None).await.status, 403);
    let pdf = app.get(&pdf_path, Some(&coord)).await;
    assert_eq!(pdf.status, 200, "{}", pdf.body);
    assert_eq!(
        pdf.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(glyph_faults(&pdf.bytes).unwrap().is_empty());
    let text = pdf_text(&pdf.bytes);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("Interpretation plan: {}", event.summary.title)),
        "{flat}"
    );
    // Row by row: each language of the session with its count and its interpreters.
    let rows_of = session_rows(&layout_text(&pdf.bytes), &session.title);
    let row = |code: &str| {
        rows_of
            .iter()
            .find(|l| l.contains(&format!("({code})")))
            .unwrap_or_else(|| panic!("{code} in {rows_of:?}"))
            .clone()
    };
    let thai_row = row("th");
    assert!(
        thai_row.contains("Participants: 2") && thai_row.contains("Somchai Interpreter"),
        "{thai_row}"
    );
    let burmese_row = row("my");
    assert!(
        burmese_row.contains("Participants: 1") && burmese_row.contains("Zaw Interpreter"),
        "{burmese_row}"
    );
    let malay_row = row("ms");
    assert!(
        malay_row.contains("Participants: 1") && malay_row.contains("No interpreter yet"),
        "{malay_row}"
    );
    assert!(
        !rows_of.iter().any(|l| l.starts_with("English (en)")),
        "held in English: {rows_of:?}"
    );
    let thai = app.get(&format!("{pdf_path}?lang=th"), Some(&coord)).await;
    assert_eq!(thai.status, 200);
    assert!(glyph_faults(&thai.bytes).unwrap().is_empty());
    let thai_text = pdf_text(&thai.bytes);
    assert!(thai_text.contains("แผนล่ามแปลภาษา"), "{thai_text}");
    assert!(thai_text.contains("ภาษาไทย (th)"));

    // The agenda page and the agenda PDF name the session's interpreted languages.
    let public = app.get(&format!("/events/{SLUG}"), None).await;
    assert_eq!(public.status, 200);
    assert!(
        public.body.contains("Interpretation: Thai, Burmese"),
        "{}",
        public.body
    );
    let agenda_pdf = app.get(&format!("/events/{SLUG}/agenda.pdf"), None).await;
    assert_eq!(agenda_pdf.status, 200);
    assert!(glyph_faults(&agenda_pdf.bytes).unwrap().is_empty());
    let agenda_text = pdf_text(&agenda_pdf.bytes);
    let from = agenda_text.find(&session.title).unwrap();
    assert!(
        agenda_text[from..].contains("Interpretation: Thai, Burmese"),
        "{agenda_text}"
    );
    let thai_agenda = app
        .get(&format!("/events/{SLUG}/agenda.pdf?lang=th"), None)
        .await;
    assert!(glyph_faults(&thai_agenda.bytes).unwrap().is_empty());
    assert!(pdf_text(&thai_agenda.bytes).contains("ล่ามแปล: ภาษาไทย, ภาษาพม่า"));

    // Taking the last interpreters off a language takes it off the agenda.
    for id in ids.iter().take(5) {
        let reply = json(assignment("my", *id, session.id), coord.clone()).await;
        assert!(reply.status < 400);
        let pairs = assignment("my", *id, session.id);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let reply = app.call("unassign_interpreter", &pairs, Some(&coord)).await;
        assert!(reply.status < 400, "{}", reply.body);
    }
    let public = app.get(&format!("/events/{SLUG}"), None).await;
    assert!(
        public.body.contains("Interpretation: Thai<"),
        "only Thai now"
    );
}
