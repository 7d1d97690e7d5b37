//! Online registration (`service::registration`) and the outbox against a migrated database:
//! SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set. The concurrency test is in
//! `registration_concurrency.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{Duration, TimeZone, Utc};
use domain::registration_types::RegistrationForm;
use domain::service::registration::{self, by_token, register, update_details, withdraw};
use domain::service::testing::{fresh_db, link_sent_to};
use domain::service::{auth, outbox};
use domain::types::RegistrationStatus;
use domain::DomainError;
use entities::{
    events, organisations, outbox as outbox_rows, people, registration_status_changes,
    registrations,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

mod fixtures;
use fixtures::created as now;

const BASE: &str = "https://sala.example";

/// A published public open workshop in Bangkok, 15–16 March 2027, 60 places, registration
/// open from 1 February to 10 March.
fn event(slug: &str) -> events::ActiveModel {
    events::ActiveModel {
        capacity: Set(Some(60)),
        registration_opens_at: Set(Some(Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap())),
        registration_closes_at: Set(Some(Utc.with_ymd_and_hms(2027, 3, 10, 0, 0, 0).unwrap())),
        ..fixtures::event(slug)
    }
}

async fn add_event(db: &DatabaseConnection, model: events::ActiveModel) -> events::Model {
    model.insert(db).await.unwrap()
}

fn form(name: &str, email: &str) -> RegistrationForm {
    RegistrationForm {
        organisation: "Migrant Workers Rights Network".into(),
        position: "Organiser".into(),
        region_code: "TH-63".into(),
        sector: "migrant_workers_association".into(),
        gender: "female".into(),
        languages: "my, TH".into(),
        ..fixtures::form(name, email)
    }
}

/// Row counts of every table registration writes to.
async fn counts(db: &DatabaseConnection) -> [u64; 5] {
    [
        people::Entity::find().count(db).await.unwrap(),
        organisations::Entity::find().count(db).await.unwrap(),
        registrations::Entity::find().count(db).await.unwrap(),
        registration_status_changes::Entity::find()
            .count(db)
            .await
            .unwrap(),
        outbox_rows::Entity::find().count(db).await.unwrap(),
    ]
}

async fn changes(db: &DatabaseConnection, registration: i64) -> Vec<(Option<String>, String)> {
    registration_status_changes::Entity::find()
        .filter(registration_status_changes::Column::RegistrationId.eq(registration))
        .order_by_asc(registration_status_changes::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| {
            assert_eq!(c.changed_by, None);
            (c.from_status, c.to_status)
        })
        .collect()
}

async fn registration_of(db: &DatabaseConnection, token: &str) -> registrations::Model {
    registrations::Entity::find()
        .filter(registrations::Column::TokenHash.eq(auth::token_hash(token)))
        .one(db)
        .await
        .unwrap()
        .expect("registration for token")
}

async fn mail_to(db: &DatabaseConnection, email: &str) -> Vec<outbox_rows::Model> {
    outbox_rows::Entity::find()
        .filter(outbox_rows::Column::ToEmail.eq(email))
        .order_by_asc(outbox_rows::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The private link in the newest e-mail to `email`: the public form hands none back.
async fn private_link(db: &DatabaseConnection, email: &str) -> String {
    link_sent_to(db, email, "r")
        .await
        .unwrap()
        .expect("a private link e-mailed")
}

fn invalid(field: &str, message: &str) -> DomainError {
    DomainError::validation(field, message)
}

#[tokio::test]
async fn happy_path() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, event("access-to-justice")).await;
    let mut f = form("  Aye Aye Myint  ", " Aye@Example.ORG ");
    f.name_native = "အေးအေးမြင့်".into();
    f.dietary = "Vegetarian\nNo peanuts".into();
    f.travel_support = Some("on".into());
    f.public_name_consent = Some("on".into());
    f.submission_key = "k-0123456789abcdef".into();

    let receipt = register(&db, "access-to-justice", &f, BASE, now())
        .await
        .unwrap();
    assert_eq!(receipt.status, RegistrationStatus::Confirmed);
    assert_eq!(receipt.event_slug, "access-to-justice");
    assert!(!receipt.already);
    assert_eq!(receipt.token, None, "the link goes by e-mail only");
    let token = private_link(&db, "aye@example.org").await;

    let row = registration_of(&db, &token).await;
    assert_ne!(
        row.token_hash.as_deref(),
        Some(token.as_str()),
        "only the hash is stored"
    );
    assert_eq!(row.event_id, event.id);
    assert_eq!(row.role, "participant");
    assert_eq!(
        row.consent_version.as_deref(),
        Some(registration::CONSENT_VERSION)
    );
    assert_eq!(row.consented_at, Some(now()));
    assert_eq!(row.dietary, "Vegetarian\nNo peanuts");
    assert!(row.travel_support);
    assert_eq!(row.submission_key.as_deref(), Some("k-0123456789abcdef"));
    assert_eq!(changes(&db, row.id).await, vec![(None, "confirmed".into())]);

    let person = people::Entity::find_by_id(row.person_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.name_latin, "Aye Aye Myint");
    assert_eq!(person.name_native.as_deref(), Some("အေးအေးမြင့်"));
    assert_eq!(person.email.as_deref(), Some("aye@example.org"));
    assert_eq!(person.region_code.as_deref(), Some("TH-63"));
    assert_eq!(person.languages, "th,my");
    assert!(person.public_name_consent);

    let mail = mail_to(&db, "aye@example.org").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(
        mail[0].subject,
        "Registration confirmed: Access to Justice for Migrant Workers"
    );
    assert!(
        mail[0].body.contains(&format!("{BASE}/r/{token}")),
        "{}",
        mail[0].body
    );
    assert!(
        mail[0]
            .body
            .contains("15–16 March 2027 (Asia/Bangkok), Bangkok"),
        "{}",
        mail[0].body
    );

    let mine = by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.event.slug, "access-to-justice");
    assert_eq!(mine.status, RegistrationStatus::Confirmed);
    assert_eq!(mine.waitlist_position, None);
    assert_eq!(mine.details.name_native, "အေးအေးမြင့်");
    assert_eq!(mine.details.organisation, "Migrant Workers Rights Network");
    assert_eq!(mine.details.travel_support.as_deref(), Some("on"));
    assert!(mine.can_edit && mine.can_withdraw);
}

#[tokio::test]
async fn every_bad_input_names_its_field_and_writes_nothing() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("bad-inputs")).await;
    // Something in every table first, so "nothing written" is not trivially true.
    register(
        &db,
        "bad-inputs",
        &form("First Person", "first@example.org"),
        BASE,
        now(),
    )
    .await
    .unwrap();
    type Edit = fn(&mut RegistrationForm);
    let cases: Vec<(Edit, &str, &str)> = vec![
        (|f| f.name_latin = "   ".into(), "name_latin", "required"),
        (
            |f| f.name_latin = "Aye\u{0}Aye".into(),
            "name_latin",
            "invalid-characters",
        ),
        (
            |f| f.name_latin = "Aye\nAye".into(),
            "name_latin",
            "invalid-characters",
        ),
        (
            |f| f.name_latin = "Evil\u{202E}emaN".into(),
            "name_latin",
            "invalid-characters",
        ),
        (|f| f.name_latin = "x".repeat(201), "name_latin", "too-long"),
        (
            |f| f.name_native = "ဦး\u{7}".into(),
            "name_native",
            "invalid-characters",
        ),
        (|f| f.email = String::new(), "email", "required"),
        (
            |f| f.email = "not-an-email".into(),
            "email",
            "invalid-email",
        ),
        (|f| f.email = "a@b".into(), "email", "invalid-email"),
        (|f| f.phone = "call me".into(), "phone", "invalid-phone"),
        (
            |f| f.organisation = "o".repeat(201),
            "organisation",
            "too-long",
        ),
        (|f| f.position = "p".repeat(201), "position", "too-long"),
        (
            |f| f.country_code = String::new(),
            "country_code",
            "required",
        ),
        (
            |f| f.country_code = "ZZ".into(),
            "country_code",
            "unknown-country",
        ),
        (
            |f| f.country_code = "Thailand".into(),
            "country_code",
            "unknown-country",
        ),
        (
            |f| f.region_code = "TH-99".into(),
            "region_code",
            "unknown-region",
        ),
        (
            |f| f.region_code = "CN-YN".into(),
            "region_code",
            "region-not-in-country",
        ),
        (|f| f.sector = "pirate".into(), "sector", "invalid-choice"),
        (|f| f.gender = "unknown".into(), "gender", "invalid-choice"),
        (|f| f.languages = "l".repeat(301), "languages", "too-long"),
        (
            |f| f.interpretation_needed = "Thai\tBurmese".into(),
            "interpretation_needed",
            "unknown-language",
        ),
        (
            |f| f.languages = "my,xx".into(),
            "languages",
            "unknown-language",
        ),
        (|f| f.dietary = "d".repeat(1001), "dietary", "too-long"),
        (
            |f| f.accessibility = "wheelchair\u{1b}[31m".into(),
            "accessibility",
            "invalid-characters",
        ),
        (|f| f.consent = None, "consent", "consent-required"),
        (
            |f| f.consent = Some("off".into()),
            "consent",
            "consent-required",
        ),
        (
            |f| f.submission_key = "bad key!".into(),
            "submission_key",
            "invalid-submission-key",
        ),
        (
            |f| f.submission_key = "short".into(),
            "submission_key",
            "invalid-submission-key",
        ),
    ];
    let before = counts(&db).await;
    for (edit, field, message) in cases {
        let mut f = form("Second Person", "second@example.org");
        edit(&mut f);
        let err = register(&db, "bad-inputs", &f, BASE, now())
            .await
            .unwrap_err();
        assert_eq!(err, invalid(field, message), "{f:?}");
    }
    assert_eq!(counts(&db).await, before);
}

#[tokio::test]
async fn markup_and_sql_in_names_are_just_text() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("names")).await;
    let name = "<script>alert(1)</script> Robert'); DROP TABLE people;--";
    let mut f = form(name, "bobby@example.org");
    f.organisation = "O'Reilly & <Sons>".into();
    register(&db, "names", &f, BASE, now()).await.unwrap();
    let token = private_link(&db, "bobby@example.org").await;
    let mine = by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.details.name_latin, name);
    assert_eq!(mine.details.organisation, "O'Reilly & <Sons>");
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn same_email_again_is_the_same_registration_under_a_new_link() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("twice")).await;
    register(
        &db,
        "twice",
        &form("Sok Chan", "sok@example.org"),
        BASE,
        now(),
    )
    .await
    .unwrap();
    let old_token = private_link(&db, "sok@example.org").await;
    let before = counts(&db).await;

    let mut again = form("Someone Else", "  SOK@example.org");
    again.position = "Changed".into();
    let second = register(&db, "twice", &again, BASE, now()).await.unwrap();
    assert!(second.already);
    assert_eq!(second.status, RegistrationStatus::Confirmed);
    assert_eq!(
        second.token, None,
        "a new form only gets the link by e-mail"
    );
    let after = counts(&db).await;
    assert_eq!(
        after[..4],
        before[..4],
        "no new person, organisation, registration, change"
    );
    assert_eq!(after[4], before[4] + 1, "the new link is e-mailed");

    // The old link stopped working; the e-mailed one works; the details did not change.
    assert_eq!(
        by_token(&db, &old_token, now()).await.unwrap_err(),
        DomainError::NotFound
    );
    let new_token = private_link(&db, "sok@example.org").await;
    let mine = by_token(&db, &new_token, now()).await.unwrap();
    assert_eq!(mine.details.name_latin, "Sok Chan");
    assert_eq!(mine.details.position, "Organiser");
}

/// A second click sends the same form again: nothing is created, changed or sent, and the
/// link in the first e-mail keeps working.
#[tokio::test]
async fn same_submission_key_again_returns_the_first_registration() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("double-click")).await;
    let mut f = form("Nguyen Thi Lan", "lan@example.org");
    f.submission_key = "form-5f0c7d2e9a".into();
    let first = register(&db, "double-click", &f, BASE, now())
        .await
        .unwrap();
    let token = private_link(&db, "lan@example.org").await;
    let before = counts(&db).await;
    let second = register(&db, "double-click", &f, BASE, now())
        .await
        .unwrap();
    assert!(second.already && !first.already);
    assert_eq!(second.status, first.status);
    assert_eq!(second.token, None, "the public form never gets the link");
    assert_eq!(counts(&db).await, before, "nothing new, not even an e-mail");
    assert!(by_token(&db, &token, now()).await.is_ok());

    // The same key for another event is refused.
    add_event(&db, event("other-event")).await;
    let err = register(&db, "other-event", &f, BASE, now())
        .await
        .unwrap_err();
    assert_eq!(err, invalid("submission_key", "invalid-submission-key"));
}

#[tokio::test]
async fn a_known_person_is_reused_across_events() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("first-event")).await;
    add_event(&db, event("second-event")).await;
    let mut first = form("Somchai", "somchai@example.org");
    first.region_code = String::new();
    register(&db, "first-event", &first, BASE, now())
        .await
        .unwrap();
    let f = form("Somchai Jaidee", "somchai@example.org");
    let receipt = register(&db, "second-event", &f, BASE, now())
        .await
        .unwrap();
    assert!(!receipt.already);
    assert_eq!(receipt.token, None, "the link goes to the address only");
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 1);
    let person = people::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(person.name_latin, "Somchai", "stored details are kept");
    assert_eq!(
        person.region_code.as_deref(),
        Some("TH-63"),
        "an empty field is filled"
    );
    assert_eq!(
        registrations::Entity::find()
            .filter(registrations::Column::PersonId.eq(person.id))
            .count(&db)
            .await
            .unwrap(),
        2
    );
    let mails = mail_to(&db, "somchai@example.org").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].body.contains("/r/"), "{}", mails[1].body);
    assert!(mails[1].body.contains("Somchai"));
}

/// Anyone can type a known address into the public form: that must neither overwrite the
/// person's details nor show the caller anything of them (no private link is handed back).
#[tokio::test]
async fn a_known_address_does_not_overwrite_or_reveal_the_person() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("first-event")).await;
    add_event(&db, event("second-event")).await;
    let mut own = form("Thida Aung", "thida@example.org");
    own.phone = "+66 81 234 5678".into();
    own.name_native = "သီတာအောင်".into();
    register(&db, "first-event", &own, BASE, now())
        .await
        .unwrap();
    let before = people::Entity::find().one(&db).await.unwrap().unwrap();

    let mut forged = form("Someone Else", "thida@example.org");
    forged.phone = "+66 99 999 9999".into();
    forged.name_native = "other".into();
    forged.organisation = "Another Organisation".into();
    forged.position = "Spy".into();
    forged.country_code = "KH".into();
    forged.region_code = String::new();
    forged.gender = "male".into();
    forged.public_name_consent = Some("on".into());
    let receipt = register(&db, "second-event", &forged, BASE, now())
        .await
        .unwrap();
    assert_eq!(
        receipt.token, None,
        "nothing to open the person's page with"
    );
    assert!(!receipt.already);

    let after = people::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(after.name_latin, "Thida Aung");
    assert_eq!(after.name_native, before.name_native);
    assert_eq!(after.phone.as_deref(), Some("+66 81 234 5678"));
    assert_eq!(after.organisation_id, before.organisation_id);
    assert_eq!(after.position, before.position);
    assert_eq!(after.country_code.as_deref(), Some("TH"));
    assert_eq!(after.gender, before.gender);
    assert!(!after.public_name_consent, "consent is the person's own");
    assert_eq!(people::Entity::find().count(&db).await.unwrap(), 1);
    // The new link went to the address on file, addressed by the stored name.
    let mails = mail_to(&db, "thida@example.org").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].body.contains("Thida Aung"), "{}", mails[1].body);
    assert!(!mails[1].body.contains("Someone Else"));
}

#[tokio::test]
async fn events_not_open_are_refused() {
    let db = fresh_db().await.unwrap();
    let mut draft = event("draft");
    draft.status = Set("draft".into());
    let mut hidden = event("hidden");
    hidden.visibility = Set("invite_only".into());
    let mut invitation = event("invitation");
    invitation.registration_mode = Set("invitation".into());
    let mut closed_status = event("closed-status");
    closed_status.status = Set("closed".into());
    let mut not_yet = event("not-yet");
    not_yet.registration_opens_at = Set(Some(now() + Duration::days(1)));
    let mut deadline = event("deadline-passed");
    deadline.registration_closes_at = Set(Some(now()));
    let mut past = event("past");
    past.starts_at = Set(now() - Duration::days(3));
    past.ends_at = Set(now() - Duration::days(2));
    past.registration_closes_at = Set(None);
    for model in [
        draft,
        hidden,
        invitation,
        closed_status,
        not_yet,
        deadline,
        past,
    ] {
        add_event(&db, model).await;
    }
    let before = counts(&db).await;
    for (slug, expected) in [
        ("no-such-event", DomainError::NotFound),
        ("draft", DomainError::NotFound),
        ("hidden", DomainError::NotFound),
        ("invitation", invalid("event", "invitation-only")),
        ("closed-status", invalid("event", "registration-closed")),
        ("not-yet", invalid("event", "registration-not-open")),
        ("deadline-passed", invalid("event", "registration-closed")),
        ("past", invalid("event", "registration-closed")),
    ] {
        let err = register(&db, slug, &form("Lay Lay", "lay@example.org"), BASE, now())
            .await
            .unwrap_err();
        assert_eq!(err, expected, "{slug}");
    }
    assert_eq!(counts(&db).await, before);
}

#[tokio::test]
async fn application_mode_records_an_application() {
    let db = fresh_db().await.unwrap();
    let mut training = event("training");
    training.registration_mode = Set("application".into());
    training.capacity = Set(Some(1));
    add_event(&db, training).await;
    for n in 0..3 {
        let r = register(
            &db,
            "training",
            &form("Trainee", &format!("t{n}@example.org")),
            BASE,
            now(),
        )
        .await
        .unwrap();
        assert_eq!(r.status, RegistrationStatus::Applied);
    }
    assert_eq!(
        mail_to(&db, "t0@example.org").await[0].subject,
        "Application received: Access to Justice for Migrant Workers"
    );
}

#[tokio::test]
async fn withdrawing_a_place_confirms_the_first_waitlisted() {
    let db = fresh_db().await.unwrap();
    let mut small = event("small");
    small.capacity = Set(Some(2));
    add_event(&db, small).await;
    let mut tokens = Vec::new();
    for n in 0..4 {
        // A minute apart: the waiting list is in order of registration.
        let at = now() + Duration::minutes(n);
        let email = format!("p{n}@example.org");
        let r = register(&db, "small", &form("Person", &email), BASE, at)
            .await
            .unwrap();
        tokens.push((r.status, private_link(&db, &email).await));
    }
    use RegistrationStatus::*;
    let statuses: Vec<_> = tokens.iter().map(|(s, _)| *s).collect();
    assert_eq!(statuses, [Confirmed, Confirmed, Waitlisted, Waitlisted]);
    assert_eq!(
        by_token(&db, &tokens[3].1, now())
            .await
            .unwrap()
            .waitlist_position,
        Some(2)
    );

    // A waitlisted person leaving frees no place.
    let later = now() + Duration::hours(1);
    let mine = withdraw(&db, &tokens[3].1, later).await.unwrap();
    assert_eq!(mine.status, Withdrawn);
    assert!(!mine.can_withdraw);
    assert_eq!(
        by_token(&db, &tokens[2].1, later).await.unwrap().status,
        Waitlisted
    );

    let mine = withdraw(&db, &tokens[0].1, later).await.unwrap();
    assert_eq!(mine.status, Withdrawn);
    let promoted = by_token(&db, &tokens[2].1, later).await.unwrap();
    assert_eq!(promoted.status, Confirmed);
    assert_eq!(promoted.waitlist_position, None);

    let first = registration_of(&db, &tokens[0].1).await;
    assert_eq!(
        changes(&db, first.id).await,
        vec![
            (None, "confirmed".into()),
            (Some("confirmed".into()), "withdrawn".into())
        ]
    );
    let third = registration_of(&db, &tokens[2].1).await;
    assert_eq!(
        changes(&db, third.id).await,
        vec![
            (None, "waitlisted".into()),
            (Some("waitlisted".into()), "confirmed".into())
        ]
    );
    let withdrawn_mail = mail_to(&db, "p0@example.org").await;
    assert_eq!(
        withdrawn_mail.last().unwrap().subject,
        "Registration withdrawn: Access to Justice for Migrant Workers"
    );
    let promoted_mail = mail_to(&db, "p2@example.org").await;
    assert_eq!(promoted_mail.len(), 2);
    assert_eq!(
        promoted_mail[1].subject,
        "Registration confirmed: Access to Justice for Migrant Workers"
    );
    assert!(promoted_mail[1].body.contains("now confirmed"));

    // Withdrawing again changes nothing.
    let before = counts(&db).await;
    assert_eq!(
        withdraw(&db, &tokens[0].1, later).await.unwrap().status,
        Withdrawn
    );
    assert_eq!(counts(&db).await, before);
    // After the event, nothing can be withdrawn.
    let after_event = Utc.with_ymd_and_hms(2027, 3, 17, 0, 0, 0).unwrap();
    assert_eq!(
        withdraw(&db, &tokens[1].1, after_event).await.unwrap_err(),
        invalid("event", "event-ended")
    );
}

#[tokio::test]
async fn forged_tokens_find_nothing() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("forged")).await;
    register(
        &db,
        "forged",
        &form("Real", "real@example.org"),
        BASE,
        now(),
    )
    .await
    .unwrap();
    let real = private_link(&db, "real@example.org").await;
    let mut flipped = real.clone().into_bytes();
    flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).unwrap();
    for forged in [
        "",
        "abc",
        "../etc/passwd",
        &"0".repeat(64),
        &flipped,
        &real[..63],
        &real.to_uppercase(),
    ] {
        assert_eq!(
            by_token(&db, forged, now()).await.unwrap_err(),
            DomainError::NotFound,
            "{forged:?}"
        );
        assert_eq!(
            withdraw(&db, forged, now()).await.unwrap_err(),
            DomainError::NotFound
        );
        let err = update_details(&db, forged, &form("X", "x@example.org"), BASE, now())
            .await
            .unwrap_err();
        assert_eq!(err, DomainError::NotFound);
    }
    assert_eq!(
        by_token(&db, &real, now()).await.unwrap().status,
        RegistrationStatus::Confirmed
    );
}

#[tokio::test]
async fn registrants_correct_their_details() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("edit")).await;
    register(&db, "edit", &form("Lan", "lan@example.org"), BASE, now())
        .await
        .unwrap();
    let token = private_link(&db, "lan@example.org").await;
    register(
        &db,
        "edit",
        &form("Other", "other@example.org"),
        BASE,
        now(),
    )
    .await
    .unwrap();

    let mut details = by_token(&db, &token, now()).await.unwrap().details;
    details.name_latin = "Nguyen Thi Lan".into();
    details.name_native = "Nguyễn Thị Lan".into();
    details.region_code = String::new();
    details.dietary = "Halal".into();
    let mine = update_details(&db, &token, &details, BASE, now())
        .await
        .unwrap();
    assert_eq!(mine.details.name_native, "Nguyễn Thị Lan");
    assert_eq!(
        mine.details.region_code, "",
        "the edit form is the whole truth"
    );
    assert_eq!(mine.details.dietary, "Halal");
    assert_eq!(mine.status, RegistrationStatus::Confirmed);
    assert_eq!(
        mine.consent_version.as_deref(),
        Some(registration::CONSENT_VERSION)
    );

    let before = counts(&db).await;
    let mut bad = details.clone();
    bad.gender = "x".into();
    assert_eq!(
        update_details(&db, &token, &bad, BASE, now())
            .await
            .unwrap_err(),
        invalid("gender", "invalid-choice")
    );
    assert_eq!(counts(&db).await, before);
    assert_eq!(
        by_token(&db, &token, now())
            .await
            .unwrap()
            .details
            .name_latin,
        "Nguyen Thi Lan"
    );
}

/// A new address on the private page is only asked for: the same answer whether it is free
/// or someone else's, and only the link sent to it changes the person's address.
#[tokio::test]
async fn a_new_address_needs_the_link_sent_to_it_taken_or_not() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("edit")).await;
    for (name, email) in [("Lan", "lan@example.org"), ("Other", "other@example.org")] {
        register(&db, "edit", &form(name, email), BASE, now())
            .await
            .unwrap();
    }
    let token = private_link(&db, "lan@example.org").await;
    let mut asked = Vec::new();
    for new in ["other@example.org", "free@example.org"] {
        let mut details = by_token(&db, &token, now()).await.unwrap().details;
        details.email = new.to_uppercase();
        details.dietary = format!("asked for {new}");
        let mine = update_details(&db, &token, &details, BASE, now())
            .await
            .unwrap();
        assert_eq!(mine.details.email, "lan@example.org", "not changed yet");
        assert_eq!(
            mine.details.dietary,
            format!("asked for {new}"),
            "the rest is saved"
        );
        assert_eq!(mine.pending_email.as_deref(), Some(new));
        let mail = mail_to(&db, new).await;
        let last = mail.last().expect("a link to the new address");
        asked.push((
            mine.pending_email,
            last.subject.clone(),
            last.body
                .replace(
                    &link_sent_to(&db, new, "e").await.unwrap().unwrap(),
                    "TOKEN",
                )
                .replace(new, "ADDRESS"),
        ));
    }
    assert_eq!(
        asked[0].1, asked[1].1,
        "the same e-mail for a taken address"
    );
    assert_eq!(asked[0].2, asked[1].2);
    assert!(
        asked[0].2.contains("https://sala.example/e/TOKEN"),
        "{}",
        asked[0].2
    );
    assert!(
        !asked[0].2.contains("Lan"),
        "nothing about the person to a maybe wrong address"
    );

    // The taken address: its link says so, and nothing changes.
    let taken = link_sent_to(&db, "other@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        registration::confirm_email_change(&db, &taken, now())
            .await
            .unwrap_err(),
        invalid("email", "email-link-expired"),
        "replaced by the later request"
    );
    // The free one: its link changes the address, once.
    let free = link_sent_to(&db, "free@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    let view = registration::email_change(&db, &free, now()).await.unwrap();
    assert_eq!(view.new_email, "free@example.org");
    assert_eq!(
        registration::confirm_email_change(&db, &free, now())
            .await
            .unwrap(),
        "free@example.org"
    );
    let mine = by_token(&db, &token, now()).await.unwrap();
    assert_eq!(mine.details.email, "free@example.org");
    assert_eq!(mine.pending_email, None);
    assert_eq!(
        registration::confirm_email_change(&db, &free, now())
            .await
            .unwrap_err(),
        invalid("email", "email-link-expired"),
        "a link works once"
    );

    // Asking for an address someone has: the link is refused when opened, and expires.
    let mut details = mine.details;
    details.email = "other@example.org".into();
    update_details(&db, &token, &details, BASE, now())
        .await
        .unwrap();
    let taken = link_sent_to(&db, "other@example.org", "e")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        registration::confirm_email_change(&db, &taken, now())
            .await
            .unwrap_err(),
        invalid("email", "email-in-use")
    );
    assert_eq!(
        by_token(&db, &token, now()).await.unwrap().details.email,
        "free@example.org"
    );
    let later = now() + Duration::hours(registration::EXPIRY_HOURS);
    assert_eq!(
        registration::email_change(&db, &taken, later)
            .await
            .unwrap_err(),
        invalid("email", "email-link-expired")
    );
    assert_eq!(
        by_token(&db, &token, later).await.unwrap().pending_email,
        None
    );
}

#[tokio::test]
async fn the_outbox_tracks_sending() {
    let db = fresh_db().await.unwrap();
    add_event(&db, event("mail")).await;
    for n in 0..3 {
        register(
            &db,
            "mail",
            &form("P", &format!("m{n}@example.org")),
            BASE,
            now(),
        )
        .await
        .unwrap();
    }
    let pending = outbox::pending(&db, 10).await.unwrap();
    assert_eq!(
        pending
            .iter()
            .map(|m| m.to_email.as_str())
            .collect::<Vec<_>>(),
        ["m0@example.org", "m1@example.org", "m2@example.org"]
    );
    outbox::mark_sent(&db, pending[0].id, now()).await.unwrap();
    let later = now() + chrono::Duration::seconds(30);
    outbox::mark_failed(&db, pending[1].id, "connection refused", later)
        .await
        .unwrap();
    let pending_now = outbox::pending(&db, 10).await.unwrap();
    assert_eq!(pending_now.len(), 2);
    assert_eq!(pending_now[0].attempts, 1);
    assert_eq!(
        pending_now[0].last_error.as_deref(),
        Some("connection refused")
    );
    // A sender backing off from a message asks for the others only.
    let others = outbox::pending_except(&db, &[pending[1].id], None, 1)
        .await
        .unwrap();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].id, pending[2].id);
    // Every sender (every process) waits for the end of the backoff written with the failure.
    let due = outbox::pending_except(&db, &[], Some(now()), 10)
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|m| m.id).collect::<Vec<_>>(),
        [pending[2].id]
    );
    let due = outbox::pending_except(&db, &[], Some(later), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 2);
    // One claim wins; the message is then nobody else's until the lease runs out.
    let lease = now() + chrono::Duration::minutes(5);
    assert!(outbox::claim(&db, pending[2].id, now(), lease)
        .await
        .unwrap());
    assert!(!outbox::claim(&db, pending[2].id, now(), lease)
        .await
        .unwrap());
    assert!(outbox::claim(
        &db,
        pending[2].id,
        lease,
        lease + chrono::Duration::minutes(5)
    )
    .await
    .unwrap());
    assert!(
        !outbox::claim(&db, pending[0].id, now(), lease)
            .await
            .unwrap(),
        "sent already"
    );
    let all = outbox::list(&db, 10).await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[2].sent_at, Some(now()), "newest first");
    for _ in 0..outbox::MAX_ATTEMPTS {
        outbox::mark_failed(&db, pending[1].id, "still refused", later)
            .await
            .unwrap();
    }
    assert_eq!(
        outbox::pending(&db, 10).await.unwrap().len(),
        1,
        "given up after MAX_ATTEMPTS"
    );
    assert_eq!(
        outbox::mark_sent(&db, 999_999, now()).await.unwrap_err(),
        DomainError::NotFound
    );
}
