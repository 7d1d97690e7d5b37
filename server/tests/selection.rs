//! Selection and invitations through real HTTP, without JavaScript: staff score applications,
//! coordinators set targets and accept in bulk (refused whole beyond capacity, the ticks kept),
//! invitations go out by e-mail and their links register or decline; anonymous visitors and
//! staff without the coordinator role are refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::{Duration, Utc};
use common::post_plain;
use domain::registration_types::RegistrationForm;
use domain::types::Role;
use entities::{
    application_reviews, events, invitations, outbox, registration_status_changes, registrations,
    users,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

const SLUG: &str = "advocacy-asean-2027";

async fn add_event(app: &common::TestApp, mode: &str, visibility: &str, capacity: i32) {
    let now = *app.now.lock().unwrap();
    events::ActiveModel {
        slug: Set(SLUG.into()),
        title: Set("Advocacy with ASEAN".into()),
        kind: Set("training".into()),
        summary: Set(String::new()),
        description: Set(String::new()),
        timezone: Set("Asia/Bangkok".into()),
        starts_at: Set(now + Duration::days(30)),
        ends_at: Set(now + Duration::days(34)),
        venue_name: Set(String::new()),
        venue_address: Set(String::new()),
        city: Set("Bangkok".into()),
        country_code: Set(Some("TH".into())),
        status: Set("published".into()),
        visibility: Set(visibility.into()),
        capacity: Set(Some(capacity)),
        registration_mode: Set(mode.into()),
        working_languages: Set("English".into()),
        interpretation_languages: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn apply(app: &common::TestApp, name: &str, email: &str, country: &str) -> i64 {
    let form = RegistrationForm {
        name_latin: name.into(),
        email: email.into(),
        country_code: country.into(),
        gender: "female".into(),
        sector: "trade_union".into(),
        organisation: "Workers' Union".into(),
        consent: Some("on".into()),
        ..Default::default()
    };
    domain::service::registration::register(&app.db, SLUG, &form, "http://x", Utc::now())
        .await
        .unwrap();
    registrations::Entity::find()
        .order_by_desc(registrations::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn status_of(app: &common::TestApp, id: i64) -> String {
    registrations::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn staff_score_and_coordinators_decide_in_bulk_without_javascript() {
    let app = common::app().await;
    add_event(&app, "application", "public", 2).await;
    let ids = [
        apply(&app, "Sokha Chan", "sokha@example.org", "KH").await,
        apply(&app, "Nguyen Thi Lan", "lan@example.org", "VN").await,
        apply(&app, "Aye Aye Myint", "aye@example.org", "MM").await,
    ];
    app.create_user("staff@example.org", "staff-password-1", Role::Staff)
        .await;
    app.create_user("coord@example.org", "coord-password-1", Role::Coordinator)
        .await;
    let staff = app.login("staff@example.org", "staff-password-1").await;
    let coord = app.login("coord@example.org", "coord-password-1").await;
    let page = format!("/manage/events/{SLUG}/selection");

    // Anonymous: nothing of the applicants, and the server functions refuse.
    let anonymous = app.get(&page, None).await;
    assert!(!anonymous.body.contains("Sokha Chan"));
    let load = app.call("load_selection", &[("slug", SLUG)], None).await;
    assert_eq!(load.status, 403);

    // Staff see and score, but do not decide.
    let seen = app.get(&page, Some(&staff)).await;
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains("Sokha Chan") && seen.body.contains("Workers"));
    assert!(!seen.body.contains("form[picked]"), "staff cannot decide");
    let id = ids[1].to_string();
    let reply = post_plain(
        &app,
        "save_review",
        &page,
        &[
            ("slug", SLUG),
            ("registration_id", &id),
            ("form[score]", "7"),
            ("form[comment]", "Strong"),
        ],
        Some(&staff),
    )
    .await;
    assert_eq!(reply.status, 302);
    let back = reply.header("location").unwrap();
    assert!(
        back.contains(&format!("field=review-{id}-score&message=invalid-score")),
        "{back}"
    );
    let shown = app.get(&back, Some(&staff)).await;
    assert!(shown.body.contains("Choose a score from 1 to 5."));
    assert!(
        shown.body.contains(">Strong</textarea>"),
        "typed comment kept"
    );
    assert_eq!(
        application_reviews::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let reply = post_plain(
        &app,
        "save_review",
        &page,
        &[
            ("slug", SLUG),
            ("registration_id", &id),
            ("form[score]", "5"),
            ("form[comment]", "Strong"),
        ],
        Some(&staff),
    )
    .await;
    assert_eq!(reply.status, 302);
    assert!(!reply.header("location").unwrap().contains("error"));
    let seen = app.get(&page, Some(&staff)).await;
    assert!(seen.body.contains("5.00"), "average shown");
    let first = seen.body.find("Nguyen Thi Lan").unwrap();
    assert!(
        first < seen.body.find("Sokha Chan").unwrap(),
        "best average first"
    );
    let decide = [
        ("slug", SLUG),
        ("form[decision]", "accept"),
        ("form[picked][r1]", "on"),
    ];
    assert_eq!(
        app.call("decide_applications", &decide, Some(&staff))
            .await
            .status,
        403
    );
    assert_eq!(
        app.call("decide_applications", &decide, None).await.status,
        403
    );

    // The coordinator ticks three for two places: refused whole, ticks kept.
    let coord_page = app.get(&page, Some(&coord)).await;
    assert!(
        coord_page.body.contains("form=\"decide\""),
        "checkboxes belong to the decision form"
    );
    let picks: Vec<String> = ids.iter().map(|i| format!("form[picked][r{i}]")).collect();
    let mut fields = vec![
        ("slug", SLUG),
        ("form[decision]", "accept"),
        ("form[notify]", "on"),
    ];
    for p in &picks {
        fields.push((p.as_str(), "on"));
    }
    let reply = post_plain(&app, "decide_applications", &page, &fields, Some(&coord)).await;
    assert_eq!(reply.status, 302);
    let back = reply.header("location").unwrap();
    assert!(back.contains("message=over-capacity"), "{back}");
    for id in ids {
        assert_eq!(status_of(&app, id).await, "applied");
    }
    let shown = app.get(&back, Some(&coord)).await;
    assert!(shown.body.contains("Not enough places"));
    for id in ids {
        assert!(
            shown
                .body
                .contains(&format!("name=\"form[picked][r{id}]\" checked")),
            "tick of {id} kept"
        );
    }

    // Two accepted, told by e-mail; the change is recorded with who made it.
    let reply = post_plain(
        &app,
        "decide_applications",
        &page,
        &fields[..5],
        Some(&coord),
    )
    .await;
    assert_eq!(reply.status, 302);
    assert_eq!(
        reply.header("location").unwrap(),
        format!("/manage/events/{SLUG}/selection?decided=2")
    );
    assert_eq!(status_of(&app, ids[0]).await, "confirmed");
    assert_eq!(status_of(&app, ids[1]).await, "confirmed");
    assert_eq!(status_of(&app, ids[2]).await, "applied");
    let coordinator = users::Entity::find()
        .filter(users::Column::Email.eq("coord@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let change = registration_status_changes::Entity::find()
        .filter(registration_status_changes::Column::RegistrationId.eq(ids[0]))
        .order_by_desc(registration_status_changes::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            change.from_status.as_deref(),
            change.to_status.as_str(),
            change.changed_by
        ),
        (Some("applied"), "confirmed", Some(coordinator.id))
    );
    let accepted = outbox::Entity::find()
        .filter(outbox::Column::Subject.starts_with("You are accepted"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(accepted, 2);

    // Targets: set without JavaScript, then counted against the accepted.
    let reply = post_plain(
        &app,
        "save_targets",
        &page,
        &[
            ("slug", SLUG),
            ("form[targets][country:KH]", "5"),
            ("form[new_country]", "la"),
            ("form[new_country_target]", "x"),
        ],
        Some(&coord),
    )
    .await;
    assert!(reply
        .header("location")
        .unwrap()
        .contains("field=new_country_target&message=invalid-number"));
    assert_eq!(
        app.call(
            "save_targets",
            &[("slug", SLUG), ("form[new_country]", "")],
            Some(&staff)
        )
        .await
        .status,
        403
    );
    let reply = post_plain(
        &app,
        "save_targets",
        &page,
        &[
            ("slug", SLUG),
            ("form[targets][country:KH]", "5"),
            ("form[targets][gender:female]", "10"),
        ],
        Some(&coord),
    )
    .await;
    assert!(!reply.header("location").unwrap().contains("error"));
    let shown = app.get(&page, Some(&coord)).await;
    assert!(
        shown.body.contains("value=\"10\""),
        "target shown in the form"
    );
}

#[tokio::test]
async fn invitations_register_and_decline_through_their_links() {
    let app = common::app().await;
    add_event(&app, "invitation", "invite_only", 5).await;
    app.create_user("coord@example.org", "coord-password-1", Role::Coordinator)
        .await;
    app.create_user("staff@example.org", "staff-password-1", Role::Staff)
        .await;
    let coord = app.login("coord@example.org", "coord-password-1").await;
    let staff = app.login("staff@example.org", "staff-password-1").await;
    let page = format!("/manage/events/{SLUG}/invitations");

    // Uninvited people cannot register.
    let reply = post_plain(
        &app,
        "register",
        &format!("/events/{SLUG}/register"),
        &[
            ("slug", SLUG),
            ("form[name_latin]", "X"),
            ("form[email]", "x@example.org"),
            ("form[country_code]", "TH"),
            ("form[consent]", "on"),
        ],
        None,
    )
    .await;
    assert_eq!(reply.status, 302);
    assert!(reply.header("location").unwrap().contains("error="));
    assert_eq!(
        registrations::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    // Only coordinators invite.
    let lines = [
        ("slug", SLUG),
        (
            "form[lines]",
            "sokha@example.org\ninfo@union.example.org, Cambodian Labour Union",
        ),
    ];
    assert_eq!(
        app.call("send_invitations", &lines, Some(&staff))
            .await
            .status,
        403
    );
    assert_eq!(app.call("send_invitations", &lines, None).await.status, 403);
    assert_eq!(
        app.call("load_invitations", &[("slug", SLUG)], Some(&staff))
            .await
            .status,
        403
    );
    let reply = post_plain(&app, "send_invitations", &page, &lines, Some(&coord)).await;
    assert_eq!(reply.status, 302);
    let back = reply.header("location").unwrap();
    assert!(back.ends_with("?sent=2&resent=0&skipped=0"), "{back}");
    let listed = app.get(&back, Some(&coord)).await;
    assert!(
        listed.body.contains("sokha@example.org") && listed.body.contains("Cambodian Labour Union")
    );
    let bad = post_plain(
        &app,
        "send_invitations",
        &page,
        &[("slug", SLUG), ("form[lines]", "nobody")],
        Some(&coord),
    )
    .await;
    let back = bad.header("location").unwrap();
    assert!(back.contains("message=invalid-invite-line"), "{back}");
    assert!(app
        .get(&back, Some(&coord))
        .await
        .body
        .contains(">nobody</textarea>"));

    let token_for = |email: &'static str| {
        let db = app.db.clone();
        async move {
            let mail = outbox::Entity::find()
                .filter(outbox::Column::ToEmail.eq(email))
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            let at = mail.body.find("/i/").unwrap();
            mail.body[at + 3..at + 67].to_owned()
        }
    };
    let token = token_for("sokha@example.org").await;
    let link = format!("/i/{token}");
    let form = app.get(&link, None).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("value=\"sokha@example.org\""),
        "e-mail prefilled"
    );
    let reply = post_plain(
        &app,
        "register_invited",
        &link,
        &[
            ("token", &token),
            ("form[name_latin]", "Sokha Chan"),
            ("form[email]", "sokha@example.org"),
            ("form[country_code]", "KH"),
            ("form[consent]", "on"),
            ("form[submission_key]", "invite-key-0001"),
        ],
        None,
    )
    .await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    let private = reply.header("location").unwrap();
    assert!(private.starts_with("/r/"), "{private}");
    let mine = app.get(&private, None).await;
    assert!(mine.body.contains("Confirmed"), "confirmed within capacity");
    let used = app.get(&link, None).await;
    assert!(used.body.contains("already been used"));

    let union = token_for("info@union.example.org").await;
    let reply = post_plain(
        &app,
        "decline_invitation",
        &format!("/i/{union}"),
        &[("token", &union)],
        None,
    )
    .await;
    assert_eq!(reply.status, 302);
    assert!(app
        .get(&format!("/i/{union}"), None)
        .await
        .body
        .contains("cannot come"));
    let states: Vec<String> = invitations::Entity::find()
        .order_by_asc(invitations::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.status)
        .collect();
    assert_eq!(states, vec!["registered", "declined"]);
    let listed = app.get(&page, Some(&coord)).await;
    assert!(listed.body.contains("Registered") && listed.body.contains("Declined"));

    // A forged link is not found.
    let forged = app.get(&format!("/i/{}", "0".repeat(64)), None).await;
    assert_eq!(forged.status, 404);
}

#[tokio::test]
async fn the_registration_page_of_an_invitation_only_event_says_so() {
    let app = common::app().await;
    add_event(&app, "invitation", "public", 5).await;
    let page = app.get(&format!("/events/{SLUG}/register"), None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("This event is by invitation only."));
    let at = page.body.find("action=\"/api/register\"").expect("form");
    let start = page.body[..at].rfind("<form").unwrap();
    let end = at + page.body[at..].find('>').unwrap();
    assert!(
        page.body[start..end].contains("hidden"),
        "the form is not offered: {}",
        &page.body[start..end]
    );
}

/// A call with many applications is shown a page at a time (best first); the counts stay
/// over everyone.
#[tokio::test]
async fn a_big_call_is_reviewed_a_page_at_a_time() {
    let app = common::app().await;
    add_event(&app, "application", "public", 500).await;
    let per_page = app::features::selection::page::PAGE;
    let applied = per_page + 15;
    for i in 0..applied {
        apply(
            &app,
            &format!("Applicant {i:04}"),
            &format!("a{i}@example.org"),
            "KH",
        )
        .await;
    }
    app.create_user("staff@example.org", "staff-password-1", Role::Staff)
        .await;
    let staff = app.login("staff@example.org", "staff-password-1").await;
    let page = format!("/manage/events/{SLUG}/selection");
    let rows = |body: &str| body.matches("name=\"registration_id\"").count();
    let first = app.get(&page, Some(&staff)).await;
    assert_eq!(first.status, 200);
    let on_first = rows(&first.body);
    assert_eq!(on_first, per_page, "one review form per application shown");
    assert!(first.body.contains("selection?page=2"));
    assert!(
        first.body.contains(&format!(">{applied}<")),
        "counted over everyone"
    );
    let second = app.get(&format!("{page}?page=2"), Some(&staff)).await;
    assert_eq!(rows(&second.body), 15);
    assert!(second.body.contains("selection?page=1"));
}
