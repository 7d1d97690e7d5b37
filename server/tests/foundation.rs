//! The foundation through real HTTP: health, pages, sign-in, roles, cross-site refusal.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use axum::body::Body;
use axum::http::{header, Request};
use chrono::{Duration, TimeZone, Utc};
use common::{app, encode};
use domain::types::Role;
use entities::login_sessions;
use sea_orm::{EntityTrait, PaginatorTrait};

const ADMIN: (&str, &str) = ("admin@example.org", "admin-password-1");
const STAFF: (&str, &str) = ("staff@example.org", "staff-password-1");
const COORD: (&str, &str) = ("coord@example.org", "coord-password-1");

#[tokio::test]
async fn health_answers_when_the_database_is_reachable() {
    let app = app().await;
    let reply = app.get("/healthz", None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "ok");
    assert_eq!(
        reply.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
}

#[tokio::test]
async fn an_unknown_address_gets_a_404_page() {
    let app = app().await;
    let reply = app.get("/no/such/page", None).await;
    assert_eq!(reply.status, 404);
    assert!(
        reply.body.contains("There is nothing at this address"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn the_home_page_lists_upcoming_public_events_in_english() {
    let app = app().await;
    migration::seed::load_demo(&app.db)
        .await
        .expect("demo loads");
    *app.now.lock().unwrap() = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let reply = app.get("/", None).await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.body.contains(r#"<html lang="en""#),
        "lang attribute missing"
    );
    assert!(
        reply.body.contains("Access to Justice"),
        "upcoming event missing"
    );
    // Past events are not "upcoming".
    assert!(!reply.body.contains("Advocacy with ASEAN"));
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_sign_out_ends_it() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    let reply = app
        .call(
            "login",
            &[("email", "  Admin@Example.org "), ("password", ADMIN.1)],
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let set_cookie = reply.header("set-cookie").expect("cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attr), "{set_cookie} lacks {attr}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain http must not set Secure"
    );
    let cookie = reply.cookie().unwrap();

    let me = app.call("whoami", &[], Some(&cookie)).await;
    assert_eq!(me.status, 200);
    assert!(me.body.contains(ADMIN.0), "{}", me.body);

    let out = app.call("logout", &[], Some(&cookie)).await;
    assert_eq!(out.status, 200);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    let me = app.call("whoami", &[], Some(&cookie)).await;
    assert_eq!(
        me.body, "null",
        "the old cookie must no longer sign anyone in"
    );
}

#[tokio::test]
async fn a_wrong_password_or_unknown_account_is_refused() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    for (email, password) in [
        (ADMIN.0, "wrong-password"),
        ("nobody@example.org", ADMIN.1),
        ("", ""),
    ] {
        let reply = app
            .call("login", &[("email", email), ("password", password)], None)
            .await;
        assert_eq!(reply.status, 401, "{email}: {}", reply.body);
        assert!(reply.cookie().is_none());
    }
    assert_eq!(
        login_sessions::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn repeated_failures_are_slowed_down_then_allowed_again() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    for _ in 0..5 {
        app.call("login", &[("email", ADMIN.0), ("password", "guess")], None)
            .await;
    }
    // Even the right password waits until the delay is over.
    let reply = app
        .call("login", &[("email", ADMIN.0), ("password", ADMIN.1)], None)
        .await;
    assert_eq!(reply.status, 429, "{}", reply.body);
    assert!(reply.cookie().is_none());
    app.advance(Duration::seconds(60));
    app.login(ADMIN.0, ADMIN.1).await;
}

#[tokio::test]
async fn a_deactivated_account_cannot_sign_in() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let admin = app.login(ADMIN.0, ADMIN.1).await;
    let staff = app.login(STAFF.0, STAFF.1).await;
    let list = app.call("list_staff", &[], Some(&admin)).await;
    let id = serde_json::from_str::<serde_json::Value>(&list.body)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == STAFF.0)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let reply = app
        .call(
            "update_staff",
            &[("id", &id.to_string()), ("role", "staff")],
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(app.call("whoami", &[], Some(&staff)).await.body, "null");
    let reply = app
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)], None)
        .await;
    assert_eq!(reply.status, 401);
}

/// Every server function, the least role it needs (None: public), and valid arguments.
type RoleTable = Vec<(
    &'static str,
    Option<Role>,
    Vec<(&'static str, &'static str)>,
)>;

fn server_functions() -> RoleTable {
    vec![
        ("whoami", None, vec![]),
        (
            "login",
            None,
            vec![("email", "x@example.org"), ("password", "x")],
        ),
        ("logout", None, vec![]),
        ("upcoming_events", None, vec![]),
        ("list_events", None, vec![]),
        ("event_detail", None, vec![("slug", "x")]),
        ("event_children", None, vec![("slug", "x")]),
        ("registration_page", None, vec![("slug", "x")]),
        ("register", None, vec![("slug", "x")]),
        ("my_registration", None, vec![("token", "x")]),
        ("update_registration", None, vec![("token", "x")]),
        ("withdraw_registration", None, vec![("token", "x")]),
        ("email_change_page", None, vec![("token", "x")]),
        ("confirm_email_change", None, vec![("token", "x")]),
        ("privacy_notice", None, vec![]),
        (
            "erase_my_data",
            None,
            vec![("token", "x"), ("confirm", "yes")],
        ),
        (
            "anonymise_person",
            Some(Role::Coordinator),
            vec![("person_id", "1"), ("confirm", "yes")],
        ),
        ("outbox_messages", Some(Role::Staff), vec![]),
        ("report_year", Some(Role::Staff), vec![]),
        (
            "load_questions",
            Some(Role::Coordinator),
            vec![("slug", "x")],
        ),
        (
            "save_question",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[label]", "Q"), ("form[kind]", "text")],
        ),
        (
            "delete_question",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("id", "1")],
        ),
        (
            "move_question",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("id", "1"), ("direction", "up")],
        ),
        (
            "load_translations",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("lang", "th")],
        ),
        (
            "save_translations",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[lang]", "th")],
        ),
        ("event_languages", None, vec![("slug", "x")]),
        (
            "participant_list",
            Some(Role::Staff),
            vec![("slug", "x"), ("filter[status]", "")],
        ),
        ("load_selection", Some(Role::Staff), vec![("slug", "x")]),
        (
            "save_review",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("registration_id", "1"),
                ("form[score]", "3"),
            ],
        ),
        (
            "save_targets",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[new_country]", "")],
        ),
        (
            "decide_applications",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[decision]", "accept")],
        ),
        (
            "load_invitations",
            Some(Role::Coordinator),
            vec![("slug", "x")],
        ),
        (
            "send_invitations",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[lines]", "a@example.org")],
        ),
        ("invitation_page", None, vec![("token", "x")]),
        ("register_invited", None, vec![("token", "x")]),
        ("decline_invitation", None, vec![("token", "x")]),
        ("staff_events", Some(Role::Staff), vec![]),
        ("load_documentation", Some(Role::Staff), vec![("slug", "x")]),
        (
            "save_session_notes",
            Some(Role::Staff),
            vec![("slug", "x"), ("session_id", "1"), ("notes", "")],
        ),
        (
            "save_proceedings_summary",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("summary", "")],
        ),
        (
            "save_recommendation",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("form[text]", ""),
                ("form[addressed_to]", ""),
                ("form[status]", "proposed"),
            ],
        ),
        (
            "delete_recommendation",
            Some(Role::Staff),
            vec![("slug", "x"), ("id", "1")],
        ),
        (
            "save_executive_summary",
            Some(Role::Staff),
            vec![("slug", "x"), ("language", "th"), ("text", "")],
        ),
        ("load_checkin", Some(Role::Staff), vec![("slug", "x")]),
        (
            "set_attendance",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("registration_id", "1"),
                ("slot", "2016-06-04"),
                ("present", "true"),
            ],
        ),
        (
            "record_walk_in",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("slot", "2016-06-04"),
                ("form[name_latin]", "X"),
            ],
        ),
        ("attendance_sheet", Some(Role::Staff), vec![("slug", "x")]),
        (
            "save_attendance_sheet",
            Some(Role::Staff),
            vec![("slug", "x"), ("slot", "2016-06-04")],
        ),
        ("cohort", Some(Role::Staff), vec![("slug", "x")]),
        (
            "set_completion_rule",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("percent", "80")],
        ),
        (
            "load_interpretation",
            Some(Role::Staff),
            vec![("slug", "x")],
        ),
        ("my_travel", None, vec![("token", "x")]),
        (
            "save_my_travel",
            None,
            vec![("token", "x"), ("form[from_city]", "x")],
        ),
        ("event_travel", Some(Role::Staff), vec![("slug", "x")]),
        (
            "save_travel",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("registration_id", "1"),
                ("form[from_city]", "x"),
            ],
        ),
        ("load_payments", Some(Role::Staff), vec![("slug", "x")]),
        (
            "set_per_diem_rate",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[currency]", "THB")],
        ),
        (
            "add_per_diems",
            Some(Role::Coordinator),
            vec![("slug", "x")],
        ),
        (
            "add_travel_payment",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[amount]", "1")],
        ),
        (
            "mark_payment_paid",
            Some(Role::Staff),
            vec![("slug", "x"), ("payment_id", "1")],
        ),
        ("load_rooming", Some(Role::Staff), vec![("slug", "x")]),
        (
            "add_hotel",
            Some(Role::Staff),
            vec![("slug", "x"), ("form[name]", "x")],
        ),
        (
            "add_room",
            Some(Role::Staff),
            vec![("slug", "x"), ("form[name]", "x")],
        ),
        (
            "assign_room",
            Some(Role::Staff),
            vec![("slug", "x"), ("form[room_id]", "1")],
        ),
        (
            "unassign_room",
            Some(Role::Staff),
            vec![("slug", "x"), ("registration_id", "1")],
        ),
        ("load_letterhead", Some(Role::Staff), vec![("slug", "x")]),
        (
            "set_letterhead",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[scope]", "event")],
        ),
        (
            "assign_interpreter",
            Some(Role::Coordinator),
            vec![
                ("slug", "x"),
                ("form[session_id]", "1"),
                ("form[language]", "th"),
                ("form[registration_id]", "1"),
            ],
        ),
        ("load_series", None, vec![("slug", "x")]),
        ("load_series_list", Some(Role::Staff), vec![]),
        (
            "create_series",
            Some(Role::Coordinator),
            vec![("form[name]", "A series"), ("form[slug]", "a-series")],
        ),
        ("load_series_admin", Some(Role::Staff), vec![("slug", "x")]),
        (
            "update_series",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[name]", "A series")],
        ),
        (
            "add_new_edition",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[title]", "x"), ("form[number]", "1")],
        ),
        (
            "link_edition",
            Some(Role::Coordinator),
            vec![
                ("slug", "x"),
                ("form[event_slug]", "x"),
                ("form[number]", "1"),
            ],
        ),
        (
            "update_edition",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("event", "x"), ("form[number]", "1")],
        ),
        (
            "unlink_edition",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("event", "x")],
        ),
        ("load_forum_plan", Some(Role::Staff), vec![("slug", "x")]),
        (
            "create_side_event",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[title]", "x")],
        ),
        (
            "add_forum_session",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[programme]", "host")],
        ),
        ("load_delegation", Some(Role::Staff), vec![("slug", "x")]),
        (
            "add_delegation_member",
            Some(Role::Staff),
            vec![("slug", "x"), ("form[person_id]", "1")],
        ),
        (
            "remove_delegation_member",
            Some(Role::Staff),
            vec![("slug", "x"), ("id", "1")],
        ),
        (
            "load_tracker",
            Some(Role::Staff),
            vec![("filter[status]", "open")],
        ),
        (
            "add_recommendation_step",
            Some(Role::Staff),
            vec![("id", "1"), ("form[status]", "raised"), ("query", "")],
        ),
        (
            "carry_recommendation",
            Some(Role::Coordinator),
            vec![("id", "1"), ("target", "x"), ("note", ""), ("query", "")],
        ),
        (
            "add_recommendation_body",
            Some(Role::Staff),
            vec![("id", "1"), ("body", "afml"), ("detail", ""), ("query", "")],
        ),
        (
            "edit_recommendation_step",
            Some(Role::Staff),
            vec![
                ("id", "1"),
                ("step", "1"),
                ("form[status]", "raised"),
                ("query", ""),
            ],
        ),
        (
            "remove_recommendation_step",
            Some(Role::Staff),
            vec![("id", "1"), ("step", "1"), ("query", "")],
        ),
        (
            "edit_recommendation_body",
            Some(Role::Staff),
            vec![("id", "1"), ("body", "1"), ("detail", ""), ("query", "")],
        ),
        (
            "remove_recommendation_body",
            Some(Role::Staff),
            vec![("id", "1"), ("body", "1"), ("query", "")],
        ),
        (
            "unassign_interpreter",
            Some(Role::Coordinator),
            vec![
                ("slug", "x"),
                ("form[session_id]", "1"),
                ("form[language]", "th"),
                ("form[registration_id]", "1"),
            ],
        ),
        ("event_followup", Some(Role::Staff), vec![("slug", "x")]),
        (
            "set_followup_plan",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("months", "1,3")],
        ),
        (
            "add_assessment_question",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("form[text]", "Q"), ("form[max_score]", "5")],
        ),
        (
            "delete_assessment_question",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("question_id", "1")],
        ),
        (
            "save_followup_note",
            Some(Role::Staff),
            vec![
                ("slug", "x"),
                ("registration_id", "1"),
                ("months", "1"),
                ("note", "n"),
            ],
        ),
        (
            "send_followup_link",
            Some(Role::Staff),
            vec![("slug", "x"), ("registration_id", "1"), ("months", "1")],
        ),
        ("followup_dashboard", Some(Role::Staff), vec![]),
        ("send_due_reminders", Some(Role::Staff), vec![]),
        (
            "person_history",
            Some(Role::Staff),
            vec![("person_id", "1")],
        ),
        (
            "answer_followup",
            None,
            vec![("token", "x"), ("months", "1"), ("form[advocacy]", "a")],
        ),
        (
            "answer_assessment",
            None,
            vec![("token", "x"), ("phase", "pre")],
        ),
        ("followup_draft", None, vec![("draft", "x")]),
        ("new_event_form", Some(Role::Coordinator), vec![]),
        ("event_form", Some(Role::Coordinator), vec![("slug", "x")]),
        (
            "save_event",
            Some(Role::Coordinator),
            vec![("form[title]", "")],
        ),
        (
            "set_event_status",
            Some(Role::Coordinator),
            vec![("id", "1"), ("status", "published")],
        ),
        ("country_options", Some(Role::Coordinator), vec![]),
        (
            "agenda_editor",
            Some(Role::Coordinator),
            vec![("slug", "x")],
        ),
        (
            "save_session",
            Some(Role::Coordinator),
            vec![("event_id", "1"), ("form[title]", "")],
        ),
        (
            "session_action",
            Some(Role::Coordinator),
            vec![("session_id", "1"), ("action", "delete")],
        ),
        (
            "session_person",
            Some(Role::Coordinator),
            vec![("session_id", "1"), ("person_id", "1"), ("role", "speaker")],
        ),
        (
            "add_speaker",
            Some(Role::Coordinator),
            vec![
                ("session_id", "1"),
                ("role", "speaker"),
                ("speaker[name_latin]", "X"),
            ],
        ),
        (
            "copy_agenda",
            Some(Role::Coordinator),
            vec![("event_id", "1"), ("from_slug", "x")],
        ),
        ("dashboard", Some(Role::Staff), vec![]),
        ("event_workspace", Some(Role::Staff), vec![("slug", "x")]),
        ("event_afterwards", None, vec![("slug", "x")]),
        ("import_page", Some(Role::Coordinator), vec![("slug", "x")]),
        (
            "confirm_import",
            Some(Role::Coordinator),
            vec![("slug", "x"), ("id", "x")],
        ),
        ("people_duplicates", Some(Role::Coordinator), vec![]),
        (
            "merge_people",
            Some(Role::Coordinator),
            vec![("keep", "1"), ("drop", "2")],
        ),
        ("list_staff", Some(Role::Admin), vec![]),
        (
            "create_staff",
            Some(Role::Admin),
            vec![
                ("email", "new@example.org"),
                ("display_name", "New"),
                ("password", "a-long-password"),
                ("role", "staff"),
            ],
        ),
        (
            "update_staff",
            Some(Role::Admin),
            vec![("id", "1"), ("role", "admin"), ("active", "on")],
        ),
        ("load_home_organisation", Some(Role::Admin), vec![]),
        (
            "set_home_organisation",
            Some(Role::Admin),
            vec![("form[name]", "Our network")],
        ),
    ]
}

#[tokio::test]
async fn every_server_function_checks_the_callers_role() {
    // The table above must name every registered server function.
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: std::collections::BTreeSet<String> = server_functions()
        .iter()
        .map(|(name, _, _)| (*name).to_owned())
        .collect();
    assert_eq!(
        registered, listed,
        "update the role table for new server functions"
    );

    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    app.create_user(COORD.0, COORD.1, Role::Coordinator).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let callers = [
        (None, None),
        (Some(Role::Staff), Some(app.login(STAFF.0, STAFF.1).await)),
        (
            Some(Role::Coordinator),
            Some(app.login(COORD.0, COORD.1).await),
        ),
    ];
    for (name, required, args) in server_functions() {
        let Some(required) = required else { continue };
        for (role, cookie) in &callers {
            if role.is_some_and(|r| r.allows(required)) {
                continue;
            }
            let reply = app.call(name, &args, cookie.as_deref()).await;
            assert_eq!(reply.status, 403, "{name} as {role:?}: {}", reply.body);
            assert!(
                !reply.body.contains("@example.org"),
                "{name} leaked data: {}",
                reply.body
            );
        }
    }
    // And the right role gets through.
    let admin = app.login(ADMIN.0, ADMIN.1).await;
    for (name, required, args) in server_functions() {
        if required.is_some() {
            let reply = app.call(name, &args, Some(&admin)).await;
            // The role check passes; what follows may still refuse the dummy arguments, never with 5xx.
            assert!(
                reply.status != 403 && reply.status < 500,
                "{name} as admin: {} {}",
                reply.status,
                reply.body
            );
        }
    }
}

#[tokio::test]
async fn malformed_arguments_are_the_callers_mistake_not_a_server_error() {
    let app = app().await;
    let reply = app.call("participant_list", &[], None).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    let reply = app
        .call(
            "update_staff",
            &[("id", "not-a-number"), ("role", "staff")],
            None,
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    let body = encode(&[("email", ADMIN.0), ("password", ADMIN.1)]);
    let attempts = [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ];
    for (name, value) in attempts {
        let req = Request::post("/api/login")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(body.clone()))
            .unwrap();
        let reply = app.send(req).await;
        assert_eq!(reply.status, 403, "{name}: {value}");
        assert!(reply.cookie().is_none());
    }
    assert_eq!(
        login_sessions::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    // The same request from our own origin goes through.
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(app.send(req).await.status, 200);
}

#[tokio::test]
async fn a_plain_form_sign_in_failure_returns_to_the_form_with_the_error() {
    let app = app().await;
    let req = Request::post("/api/login")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, "http://127.0.0.1:3000/login?error=old")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(encode(&[
            ("email", "a@example.org"),
            ("password", "nope"),
        ])))
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 302);
    assert_eq!(
        reply.header("location").as_deref(),
        Some("/login?error=invalid-credentials")
    );
    let page = app.get("/login?error=invalid-credentials", None).await;
    assert!(page.body.contains("Wrong email or password"));
}

#[tokio::test]
async fn staff_pages_send_anonymous_visitors_to_sign_in_and_show_signed_in_staff_their_dashboard() {
    let app = app().await;
    let req = Request::get("/dashboard")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(req).await;
    assert_eq!(reply.status, 302, "{}", reply.body);
    assert_eq!(
        reply.header("location").as_deref(),
        Some("/login?next=/dashboard")
    );

    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    app.create_user(STAFF.0, STAFF.1, Role::Staff).await;
    let cookie = app.login(STAFF.0, STAFF.1).await;
    let page = app.get("/dashboard", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Welcome, Test Person"), "{}", page.body);
    let admin_page = app.get("/admin/users", Some(&cookie)).await;
    assert_eq!(admin_page.status, 403);
    assert!(
        !admin_page.body.contains(ADMIN.0),
        "other accounts must not be listed"
    );
}

#[tokio::test]
async fn admins_manage_staff_accounts_with_checked_input() {
    let app = app().await;
    app.create_user(ADMIN.0, ADMIN.1, Role::Admin).await;
    let admin = app.login(ADMIN.0, ADMIN.1).await;
    let bad = app
        .call(
            "create_staff",
            &[
                ("email", "not-an-email"),
                ("display_name", "X"),
                ("password", "long-enough-pw"),
                ("role", "staff"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("\"field\":\"email\""), "{}", bad.body);
    let bad_role = app
        .call(
            "create_staff",
            &[
                ("email", "s@example.org"),
                ("display_name", "X"),
                ("password", "long-enough-pw"),
                ("role", "root"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(bad_role.status, 422);
    assert_eq!(
        domain::service::users::count(&app.db).await.unwrap(),
        1,
        "nothing was created"
    );

    let ok = app
        .call(
            "create_staff",
            &[
                ("email", "s@example.org"),
                ("display_name", "ສົມພອນ"),
                ("password", "long-enough-pw"),
                ("role", "coordinator"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let dup = app
        .call(
            "create_staff",
            &[
                ("email", "S@example.org"),
                ("display_name", "Y"),
                ("password", "long-enough-pw"),
                ("role", "staff"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(dup.body.contains("email-taken"));

    // The last admin cannot demote themself.
    let list: serde_json::Value =
        serde_json::from_str(&app.call("list_staff", &[], Some(&admin)).await.body).unwrap();
    let admin_id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == ADMIN.0)
        .unwrap()["id"]
        .to_string();
    let demote = app
        .call(
            "update_staff",
            &[("id", &admin_id), ("role", "staff"), ("active", "on")],
            Some(&admin),
        )
        .await;
    assert_eq!(demote.status, 422);
    assert!(demote.body.contains("last-admin"));
}

#[tokio::test]
async fn the_language_follows_the_browser_then_the_visitors_choice() {
    let app = app().await;
    let req = Request::get("/")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_LANGUAGE, "th-TH,th;q=0.9,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let thai = app.send(req).await;
    assert!(thai.body.contains(r#"<html lang="th""#));

    let choose = Request::get("/lang/km")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::REFERER, "http://127.0.0.1:3000/events?year=2017")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(choose).await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header("location").as_deref(),
        Some("/events?year=2017")
    );
    let cookie = reply.header("set-cookie").unwrap();
    assert!(cookie.starts_with("lang=km;"), "{cookie}");
    let khmer = app.get("/events", Some("lang=km")).await;
    assert!(khmer.body.contains(r#"<html lang="km""#));
    // An unknown language changes nothing.
    let unknown = app.get("/lang/xx", None).await;
    assert!(unknown.header("set-cookie").is_none());
}
