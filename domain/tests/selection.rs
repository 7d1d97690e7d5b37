//! Selecting trainees (`service::selection`, `registration::decide`) and invitations
//! (`service::invitations`) against a migrated database: SQLite in memory, or PostgreSQL
//! when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{TimeZone, Utc};
use domain::registration_types::RegistrationForm;
use domain::selection_types::{
    pick_key, DecisionForm, InvitationState, InviteForm, ReviewForm, TargetDimension, TargetsForm,
};
use domain::service::registration::{self, decide, register};
use domain::service::{invitations, selection, testing::fresh_db};
use domain::types::{EventId, RegistrationStatus, Role, UserId};
use domain::DomainError;
use entities::{
    events, invitations as invitation_rows, outbox, registration_status_changes, registrations,
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

mod fixtures;
use fixtures::created as now;

const BASE: &str = "https://sala.example";
const SLUG: &str = "advocacy-asean-2027";

/// A published training in Bangkok taking applications, `capacity` places.
async fn add_event(db: &DatabaseConnection, mode: &str, capacity: Option<i32>) -> EventId {
    let visibility = if mode == "invitation" {
        "invite_only"
    } else {
        "public"
    };
    let event = events::ActiveModel {
        title: Set("Advocacy with ASEAN".into()),
        kind: Set("training".into()),
        starts_at: Set(Utc.with_ymd_and_hms(2027, 6, 4, 2, 0, 0).unwrap()),
        ends_at: Set(Utc.with_ymd_and_hms(2027, 6, 8, 10, 0, 0).unwrap()),
        visibility: Set(visibility.into()),
        capacity: Set(capacity),
        registration_mode: Set(mode.into()),
        ..fixtures::event(SLUG)
    };
    EventId(fixtures::insert_event(db, event).await.id)
}

fn applicant(
    name: &str,
    email: &str,
    country: &str,
    gender: &str,
    sector: &str,
) -> RegistrationForm {
    RegistrationForm {
        organisation: "Workers' Union".into(),
        position: "Organiser".into(),
        country_code: country.into(),
        sector: sector.into(),
        gender: gender.into(),
        ..fixtures::form(name, email)
    }
}

async fn staff(db: &DatabaseConnection, email: &str, name: &str, role: Role) -> UserId {
    fixtures::staff(db, email, name, "a-long-password-1", role, now()).await
}

/// Three applications: KH woman (trade union), TH man (CSO), KH woman (CSO).
async fn three_applications(db: &DatabaseConnection) -> Vec<i64> {
    let mut ids = Vec::new();
    for (name, email, country, gender, sector) in [
        (
            "Sokha Chan",
            "sokha@example.org",
            "KH",
            "female",
            "trade_union",
        ),
        (
            "Somchai Dee",
            "somchai@example.org",
            "TH",
            "male",
            "cso_ngo",
        ),
        ("Dara Keo", "dara@example.org", "KH", "female", "cso_ngo"),
    ] {
        let receipt = register(
            db,
            SLUG,
            &applicant(name, email, country, gender, sector),
            BASE,
            now(),
        )
        .await
        .unwrap();
        assert_eq!(receipt.status, RegistrationStatus::Applied);
        ids.push(registration_of(db, email).await.id);
    }
    ids
}

async fn registration_of(db: &DatabaseConnection, email: &str) -> registrations::Model {
    let person = entities::people::Entity::find()
        .filter(entities::people::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

fn review(score: &str, comment: &str) -> ReviewForm {
    ReviewForm {
        score: score.into(),
        comment: comment.into(),
    }
}

fn decision(what: &str, ids: &[i64], notify: bool) -> DecisionForm {
    DecisionForm {
        decision: what.into(),
        notify: notify.then(|| "on".into()),
        picked: ids.iter().map(|id| (pick_key(*id), "on".into())).collect(),
    }
}

async fn statuses(db: &DatabaseConnection, ids: &[i64]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        out.push(
            registrations::Entity::find_by_id(*id)
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .status,
        );
    }
    out
}

#[tokio::test]
async fn reviewers_score_once_each_and_the_view_sorts_by_average() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, "application", Some(17)).await;
    let ids = three_applications(&db).await;
    let anna = staff(&db, "anna@example.org", "Anna Reviewer", Role::Staff).await;
    let ko = staff(&db, "ko@example.org", "Ko Coordinator", Role::Coordinator).await;

    selection::save_review(
        &db,
        event,
        ids[0],
        anna,
        &review("3", "Some experience"),
        now(),
    )
    .await
    .unwrap();
    selection::save_review(&db, event, ids[0], ko, &review("4", ""), now())
        .await
        .unwrap();
    selection::save_review(
        &db,
        event,
        ids[2],
        anna,
        &review("5", "Leads a union"),
        now(),
    )
    .await
    .unwrap();
    // Anna changes her mind: her review is replaced, not added.
    selection::save_review(
        &db,
        event,
        ids[0],
        anna,
        &review("2", "Little ASEAN work"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        entities::application_reviews::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        3
    );
    // Refused: a bad score, and a registration of another event.
    assert_eq!(
        selection::save_review(&db, event, ids[1], anna, &review("9", ""), now()).await,
        Err(DomainError::validation("score", "invalid-score"))
    );
    assert_eq!(
        selection::save_review(
            &db,
            EventId(event.0 + 1),
            ids[1],
            anna,
            &review("3", ""),
            now()
        )
        .await,
        Err(DomainError::NotFound)
    );

    let view = selection::view(&db, event).await.unwrap();
    let order: Vec<i64> = view.applicants.iter().map(|a| a.registration_id).collect();
    assert_eq!(
        order,
        vec![ids[2], ids[0], ids[1]],
        "best average first, unreviewed last"
    );
    let first = &view.applicants[1];
    assert_eq!(first.average_x100, Some(300));
    assert_eq!(first.country, "Cambodia");
    assert_eq!(first.organisation, "Workers' Union");
    let mut by: Vec<(String, i16, String)> = first
        .reviews
        .iter()
        .map(|r| (r.reviewer.clone(), r.score, r.comment.clone()))
        .collect();
    by.sort();
    assert_eq!(
        by,
        vec![
            ("Anna Reviewer".into(), 2, "Little ASEAN work".into()),
            ("Ko Coordinator".into(), 4, String::new()),
        ]
    );
    assert_eq!(view.applicants[2].average_x100, None);
}

#[tokio::test]
async fn targets_are_counted_against_accepted_and_applied() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, "application", Some(17)).await;
    let ids = three_applications(&db).await;
    let ko = staff(&db, "ko@example.org", "Ko", Role::Coordinator).await;
    let mut form = TargetsForm::default();
    form.targets.insert("country:KH".into(), "5".into());
    form.targets.insert("gender:female".into(), "10".into());
    form.targets.insert("sector:trade_union".into(), "3".into());
    form.new_country = "la".into();
    form.new_country_target = "2".into();
    selection::save_targets(&db, event, &form).await.unwrap();
    // An unknown country is refused next to its field, and the targets stay as they were.
    let bad = TargetsForm {
        new_country: "ZZ".into(),
        new_country_target: "1".into(),
        ..Default::default()
    };
    assert_eq!(
        selection::save_targets(&db, event, &bad).await,
        Err(DomainError::validation("new_country", "unknown-country"))
    );
    decide(
        &db,
        event,
        &decision("accept", &[ids[0]], false),
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();

    let view = selection::view(&db, event).await.unwrap();
    let count = |d: TargetDimension, v: &str| {
        view.counts
            .iter()
            .find(|c| c.dimension == d && c.value == v)
            .map(|c| (c.target, c.accepted, c.applied))
    };
    assert_eq!(count(TargetDimension::Country, "KH"), Some((Some(5), 1, 2)));
    assert_eq!(count(TargetDimension::Country, "TH"), Some((None, 0, 1)));
    assert_eq!(count(TargetDimension::Country, "LA"), Some((Some(2), 0, 0)));
    assert_eq!(
        count(TargetDimension::Gender, "female"),
        Some((Some(10), 1, 2))
    );
    assert_eq!(
        count(TargetDimension::Sector, "trade_union"),
        Some((Some(3), 1, 1))
    );
    assert_eq!(
        count(TargetDimension::Sector, "cso_ngo"),
        Some((None, 0, 2))
    );
    assert_eq!(view.confirmed, 1);

    // Saving again replaces: an emptied number removes its target.
    let mut fewer = TargetsForm::default();
    fewer.targets.insert("country:KH".into(), String::new());
    fewer.targets.insert("gender:female".into(), "8".into());
    selection::save_targets(&db, event, &fewer).await.unwrap();
    let view = selection::view(&db, event).await.unwrap();
    let targeted: Vec<(String, Option<i32>)> = view
        .counts
        .iter()
        .filter(|c| c.target.is_some())
        .map(|c| (c.value.clone(), c.target))
        .collect();
    assert_eq!(targeted, vec![("female".into(), Some(8))]);
}

#[tokio::test]
async fn bulk_decisions_are_recorded_notified_and_kept_within_capacity() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, "application", Some(2)).await;
    let ids = three_applications(&db).await;
    let ko = staff(&db, "ko@example.org", "Ko", Role::Coordinator).await;
    let mails_before = outbox::Entity::find().count(&db).await.unwrap();

    // Three accepted for two places: refused whole, nothing changed, nothing sent.
    assert_eq!(
        decide(&db, event, &decision("accept", &ids, true), ko, BASE, now()).await,
        Err(DomainError::validation("picked", "over-capacity"))
    );
    assert_eq!(statuses(&db, &ids).await, vec!["applied"; 3]);
    assert_eq!(
        outbox::Entity::find().count(&db).await.unwrap(),
        mails_before
    );

    let changed = decide(
        &db,
        event,
        &decision("accept", &ids[..2], true),
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(changed, 2);
    let changed = decide(
        &db,
        event,
        &decision("reserve", &ids[2..], false),
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(changed, 1);
    assert_eq!(
        statuses(&db, &ids).await,
        vec!["confirmed", "confirmed", "waitlisted"]
    );
    // Accepting someone already accepted changes nothing; one more would exceed capacity.
    assert_eq!(
        decide(
            &db,
            event,
            &decision("accept", &ids[..1], true),
            ko,
            BASE,
            now()
        )
        .await,
        Ok(0)
    );
    assert_eq!(
        decide(
            &db,
            event,
            &decision("accept", &ids[2..], true),
            ko,
            BASE,
            now()
        )
        .await,
        Err(DomainError::validation("picked", "over-capacity"))
    );

    // Who and when, through the status-change records.
    let changes = registration_status_changes::Entity::find()
        .filter(registration_status_changes::Column::RegistrationId.eq(ids[0]))
        .order_by_asc(registration_status_changes::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let trail: Vec<(Option<String>, String, Option<i64>)> = changes
        .iter()
        .map(|c| (c.from_status.clone(), c.to_status.clone(), c.changed_by))
        .collect();
    assert_eq!(
        trail,
        vec![
            (None, "applied".into(), None),
            (Some("applied".into()), "confirmed".into(), Some(ko.0)),
        ]
    );
    assert_eq!(changes[1].changed_at, now());

    // Two acceptance e-mails (notify ticked), none for the reserve decision (not ticked),
    // each with a private link that opens the person's page.
    let mails = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let new: Vec<_> = mails
        .iter()
        .skip(usize::try_from(mails_before).unwrap())
        .collect();
    assert_eq!(new.len(), 2);
    assert_eq!(new[0].to_email, "sokha@example.org");
    assert!(
        new[0].subject.starts_with("You are accepted"),
        "{}",
        new[0].subject
    );
    let link = new[0]
        .body
        .lines()
        .find(|l| l.starts_with("https://sala.example/r/"))
        .unwrap();
    let token = link.trim_start_matches("https://sala.example/r/");
    let mine = registration::by_token(&db, token, now()).await.unwrap();
    assert_eq!(mine.status, RegistrationStatus::Confirmed);

    // Rejecting; a withdrawn person cannot be decided on; another event's id is refused.
    decide(
        &db,
        event,
        &decision("reject", &ids[1..2], true),
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(statuses(&db, &ids[1..2]).await, vec!["rejected"]);
    registration::withdraw(&db, token, now()).await.unwrap();
    assert_eq!(
        decide(
            &db,
            event,
            &decision("accept", &ids[..1], false),
            ko,
            BASE,
            now()
        )
        .await,
        Err(DomainError::validation("picked", "decision-not-allowed"))
    );
    assert_eq!(
        decide(
            &db,
            event,
            &decision("reject", &[ids[2], 999_999], false),
            ko,
            BASE,
            now()
        )
        .await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        decide(&db, event, &decision("accept", &[], false), ko, BASE, now()).await,
        Err(DomainError::validation("picked", "nothing-selected"))
    );
}

/// The link in the last invitation e-mail sent to `email`.
async fn invitation_token(db: &DatabaseConnection, email: &str) -> String {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq(email))
        .order_by_desc(outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(mail.subject.starts_with("Invitation:"), "{}", mail.subject);
    mail.body
        .lines()
        .find_map(|l| l.strip_prefix("https://sala.example/i/"))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_invitation_link_registers_once_and_only_the_invited() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, "invitation", Some(1)).await;
    let ko = staff(&db, "ko@example.org", "Ko", Role::Coordinator).await;

    // Uninvited: refused with a clear reason (and hidden from the public as invite-only).
    let uninvited = applicant("Walk Up", "walk@example.org", "TH", "male", "cso_ngo");
    assert!(register(&db, SLUG, &uninvited, BASE, now()).await.is_err());

    let outcome = invitations::invite(
        &db,
        event,
        &InviteForm {
            lines:
                "sokha@example.org\ninfo@union.example.org; Cambodian Labour Union\nx@example.org"
                    .into(),
        },
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();
    assert_eq!((outcome.sent, outcome.resent, outcome.skipped), (3, 0, 0));
    let stored = invitation_rows::Entity::find().all(&db).await.unwrap();
    let token = invitation_token(&db, "sokha@example.org").await;
    assert!(
        stored
            .iter()
            .all(|i| i.token_hash.len() == 64 && i.token_hash != token),
        "only the hash is stored"
    );

    // The link shows the form prefilled, and registers (confirmed within capacity).
    let view = invitations::by_token(&db, &token).await.unwrap();
    assert_eq!(view.email, "sokha@example.org");
    assert_eq!(view.state, InvitationState::Sent);
    let mut form = invitations::prefilled(&view);
    form.name_latin = "Sokha Chan".into();
    form.country_code = "KH".into();
    form.consent = Some("on".into());
    let receipt = invitations::register(&db, &token, &form, BASE, now())
        .await
        .unwrap();
    assert_eq!(receipt.status, RegistrationStatus::Confirmed);
    assert!(receipt.token.is_some());
    let sokha = registration_of(&db, "sokha@example.org").await;
    assert_eq!(sokha.status, "confirmed");

    // Used: the same link again is refused (with a new submission key), and so is a forged one.
    form.submission_key = domain::service::auth::new_token();
    assert_eq!(
        invitations::register(&db, &token, &form, BASE, now()).await,
        Err(DomainError::validation("invitation", "invitation-used"))
    );
    assert_eq!(
        invitations::by_token(&db, &token).await.unwrap().state,
        InvitationState::Registered
    );
    let forged = "0".repeat(64);
    assert_eq!(
        invitations::register(&db, &forged, &form, BASE, now()).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        invitations::by_token(&db, "nonsense").await,
        Err(DomainError::NotFound)
    );

    // An organisation's address: whoever it sends registers with their own address; the
    // event is full, so they wait.
    let union = invitation_token(&db, "info@union.example.org").await;
    let view = invitations::by_token(&db, &union).await.unwrap();
    assert_eq!(view.organisation, "Cambodian Labour Union");
    let mut form = invitations::prefilled(&view);
    form.email = "vanna@union.example.org".into();
    form.name_latin = "Vanna Sok".into();
    form.country_code = "KH".into();
    form.consent = Some("on".into());
    let receipt = invitations::register(&db, &union, &form, BASE, now())
        .await
        .unwrap();
    assert_eq!(receipt.status, RegistrationStatus::Waitlisted);

    // Declining through the link; a declined link no longer registers.
    let x = invitation_token(&db, "x@example.org").await;
    invitations::decline(&db, &x, now()).await.unwrap();
    invitations::decline(&db, &x, now()).await.unwrap();
    let mut form = applicant("X", "x@example.org", "TH", "male", "cso_ngo");
    form.submission_key = domain::service::auth::new_token();
    assert_eq!(
        invitations::register(&db, &x, &form, BASE, now()).await,
        Err(DomainError::validation("invitation", "invitation-used"))
    );
    assert_eq!(
        invitations::decline(&db, &token, now()).await,
        Err(DomainError::validation("invitation", "invitation-used")),
        "a used link cannot decline"
    );

    let list = invitations::list(&db, event).await.unwrap();
    let states: Vec<(String, InvitationState, Option<String>)> = {
        let mut v: Vec<_> = list
            .into_iter()
            .map(|i| (i.email, i.state, i.registered_name))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(
        states,
        vec![
            (
                "info@union.example.org".into(),
                InvitationState::Registered,
                Some("Vanna Sok".into())
            ),
            (
                "sokha@example.org".into(),
                InvitationState::Registered,
                Some("Sokha Chan".into())
            ),
            ("x@example.org".into(), InvitationState::Declined, None),
        ]
    );

    // Inviting again: answered ones are skipped; a new address is sent.
    let again = invitations::invite(
        &db,
        event,
        &InviteForm {
            lines: "sokha@example.org\nnew@example.org".into(),
        },
        ko,
        BASE,
        now(),
    )
    .await
    .unwrap();
    assert_eq!((again.sent, again.resent, again.skipped), (1, 0, 1));
}

#[tokio::test]
async fn inviting_again_replaces_the_link_and_application_events_take_an_application() {
    let db = fresh_db().await.unwrap();
    let event = add_event(&db, "application", None).await;
    let ko = staff(&db, "ko@example.org", "Ko", Role::Coordinator).await;
    let form = InviteForm {
        lines: "lin@example.org".into(),
    };
    invitations::invite(&db, event, &form, ko, BASE, now())
        .await
        .unwrap();
    let old = invitation_token(&db, "lin@example.org").await;
    let outcome = invitations::invite(&db, event, &form, ko, BASE, now())
        .await
        .unwrap();
    assert_eq!((outcome.sent, outcome.resent), (0, 1));
    let new = invitation_token(&db, "lin@example.org").await;
    assert_ne!(old, new);
    assert_eq!(
        invitations::by_token(&db, &old).await,
        Err(DomainError::NotFound)
    );
    let mut form = applicant(
        "Lin",
        "lin@example.org",
        "CN",
        "female",
        "academic_research",
    );
    form.submission_key = domain::service::auth::new_token();
    let receipt = invitations::register(&db, &new, &form, BASE, now())
        .await
        .unwrap();
    assert_eq!(receipt.status, RegistrationStatus::Applied);
    // Bad lines are refused and nothing is sent.
    let before = outbox::Entity::find().count(&db).await.unwrap();
    assert_eq!(
        invitations::invite(
            &db,
            event,
            &InviteForm {
                lines: "a@example.org\nnot-an-address".into()
            },
            ko,
            BASE,
            now()
        )
        .await,
        Err(DomainError::validation("lines", "invalid-invite-line"))
    );
    assert_eq!(outbox::Entity::find().count(&db).await.unwrap(), before);
}
