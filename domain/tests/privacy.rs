//! Privacy (`service::privacy`, `registration::erase`): download my data, erasure through the
//! private link, staff anonymisation and the retention purge, with the clock passed in.
//! SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::service::privacy::{self, retention::PurgeReport};
use domain::service::registration::{by_token, erase};
use domain::service::{auth, history, testing::fresh_db};
use domain::types::UserId;
use domain::DomainError;
use entities::{
    assessment_answers, assessment_questions, attendance, event_questions, events, followups,
    outbox, people, privacy_log, registration_answers, registration_links, registrations,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

mod fixtures;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
}

/// A published public workshop in Bangkok from `starts` to `ends`.
async fn event(
    db: &DatabaseConnection,
    slug: &str,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    capacity: Option<i32>,
    retention_months: Option<i32>,
) -> i64 {
    let event = events::ActiveModel {
        title: Set(format!("Workshop {slug}")),
        starts_at: Set(starts),
        ends_at: Set(ends),
        capacity: Set(capacity),
        retention_months: Set(retention_months),
        created_at: Set(starts),
        updated_at: Set(starts),
        ..fixtures::event(slug)
    };
    fixtures::insert_event(db, event).await.id
}

async fn person(db: &DatabaseConnection, name: &str, email: &str, country: &str) -> i64 {
    let person = people::ActiveModel {
        name_native: Set(Some(format!("{name} (own script)"))),
        email: Set(Some(email.into())),
        phone: Set(Some("+66 81 234 5678".into())),
        position: Set(Some("Organiser".into())),
        country_code: Set(Some(country.into())),
        sector: Set(Some("migrant_workers_association".into())),
        gender: Set(Some("female".into())),
        languages: Set("my,th".into()),
        ..fixtures::person(name, at(2025, 1, 1))
    };
    fixtures::insert_person(db, person).await
}

/// A registration with needs, answers, attendance, an assessment score, a follow-up, an extra
/// link and an e-mail. Returns (registration id, private-link token).
async fn enrol(
    db: &DatabaseConnection,
    event_id: i64,
    person_id: i64,
    status: &str,
) -> (i64, String) {
    let token = auth::new_token();
    let email = people::Entity::find_by_id(person_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap();
    let created = at(2025, 6, 1) + chrono::Duration::seconds(person_id * 60 + event_id);
    let r = registrations::ActiveModel {
        token_hash: Set(Some(auth::token_hash(&token))),
        consent_version: Set(Some("2026-11".into())),
        consented_at: Set(Some(created)),
        interpretation_needed: Set("Burmese".into()),
        dietary: Set(format!("halal for {email}")),
        accessibility: Set("wheelchair access".into()),
        travel_support: Set(true),
        ..fixtures::registration(event_id, person_id, status, created)
    }
    .insert(db)
    .await
    .unwrap();
    let question = |label: &str, kind: &str| event_questions::ActiveModel {
        event_id: Set(event_id),
        position: Set(1),
        label: Set(label.into()),
        kind: Set(kind.into()),
        options: Set("Yes\nNo".into()),
        required: Set(false),
        ..Default::default()
    };
    let text = question("Why do you come?", "text")
        .insert(db)
        .await
        .unwrap();
    let choice = question("Need a visa letter?", "choice")
        .insert(db)
        .await
        .unwrap();
    for (q, value) in [
        (text.id, format!("Story of {email}")),
        (choice.id, "Yes".into()),
    ] {
        registration_answers::ActiveModel {
            registration_id: Set(r.id),
            question_id: Set(q),
            value: Set(value),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    attendance::ActiveModel {
        registration_id: Set(r.id),
        day: Set(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap()),
        session_id: Set(None),
        recorded_by: Set(None),
        recorded_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let aq = assessment_questions::ActiveModel {
        event_id: Set(event_id),
        position: Set(1),
        text: Set("I can name the ASEAN bodies".into()),
        max_score: Set(5),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assessment_answers::ActiveModel {
        registration_id: Set(r.id),
        question_id: Set(aq.id),
        phase: Set("post".into()),
        score: Set(4),
        answered_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    followups::ActiveModel {
        registration_id: Set(r.id),
        months: Set(3),
        advocacy: Set(format!("Advocacy by {email}")),
        engaged_with: Set("Ministry of Labour".into()),
        support_needed: Set("Legal training".into()),
        answered_at: Set(Some(created)),
        reminded_at: Set(None),
        staff_note: Set("Call her back".into()),
        updated_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    registration_links::ActiveModel {
        registration_id: Set(r.id),
        token_hash: Set(auth::token_hash(&auth::new_token())),
        created_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    outbox::ActiveModel {
        to_email: Set(email.clone()),
        subject: Set("Your registration".into()),
        body: Set(format!("Dear {email}")),
        created_at: Set(created),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    (r.id, token)
}

/// What statistics read: per registration (event, status, role, country, gender, sector,
/// travel support), attendance marks, assessment scores and answers picked from a list.
async fn stats(db: &DatabaseConnection) -> (Vec<String>, u64, Vec<i16>, u64) {
    let mut rows = Vec::new();
    for (r, p) in registrations::Entity::find()
        .find_also_related(people::Entity)
        .all(db)
        .await
        .unwrap()
    {
        let p = p.unwrap();
        rows.push(format!(
            "{} {} {} {:?} {:?} {:?} {}",
            r.event_id, r.status, r.role, p.country_code, p.gender, p.sector, r.travel_support
        ));
    }
    rows.sort();
    let marks = attendance::Entity::find().count(db).await.unwrap();
    let scores = assessment_answers::Entity::find()
        .order_by_asc(assessment_answers::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.score)
        .collect();
    let choices = registration_answers::Entity::find()
        .filter(registration_answers::Column::Value.eq("Yes"))
        .count(db)
        .await
        .unwrap();
    (rows, marks, scores, choices)
}

async fn person_row(db: &DatabaseConnection, id: i64) -> people::Model {
    people::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn registration_row(db: &DatabaseConnection, id: i64) -> registrations::Model {
    registrations::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn log_actions(
    db: &DatabaseConnection,
) -> Vec<(String, Option<i64>, Option<i64>, Option<i64>)> {
    privacy_log::Entity::find()
        .order_by_asc(privacy_log::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.action, l.person_id, l.event_id, l.user_id))
        .collect()
}

#[tokio::test]
async fn my_data_holds_every_registration_of_mine_and_nothing_of_anyone_else() {
    let db = fresh_db().await.unwrap();
    let past = event(&db, "past", at(2026, 1, 8), at(2026, 1, 10), None, None).await;
    let next = event(&db, "next", at(2027, 3, 15), at(2027, 3, 16), None, None).await;
    let me = person(&db, "Aye Aye Mon", "aye@example.org", "MM").await;
    let other = person(&db, "Sokha Chan", "sokha@example.org", "KH").await;
    let (_, old_token) = enrol(&db, past, me, "confirmed").await;
    let (_, token) = enrol(&db, next, me, "confirmed").await;
    enrol(&db, past, other, "confirmed").await;

    let data = privacy::export(&db, &token, at(2026, 11, 23))
        .await
        .unwrap();
    assert_eq!(data.person.email.as_deref(), Some("aye@example.org"));
    assert_eq!(data.person.phone.as_deref(), Some("+66 81 234 5678"));
    assert_eq!(data.registrations.len(), 2, "both events, from either link");
    let old = data
        .registrations
        .iter()
        .find(|r| r.event.slug == "past")
        .unwrap();
    assert_eq!(old.dietary, "halal for aye@example.org");
    assert_eq!(old.attendance.len(), 1);
    assert_eq!(old.assessment[0].score, 4);
    assert_eq!(old.followups[0].advocacy, "Advocacy by aye@example.org");
    assert!(old
        .answers
        .iter()
        .any(|a| a.question == "Why do you come?" && a.answer == "Story of aye@example.org"));
    assert_eq!(data.messages.len(), 2);
    let json = serde_json::to_string(&data).unwrap();
    assert!(!json.contains("sokha"), "no one else's data: {json}");
    assert!(!json.contains("Sokha"));
    assert!(!json.contains("token"), "no token or hash");
    assert!(!json.contains(&auth::token_hash(&token)));
    assert!(
        !json.contains("Call her back"),
        "staff notes are not the person's answers"
    );
    assert_eq!(
        privacy::export(&db, &old_token, at(2026, 11, 23))
            .await
            .unwrap()
            .registrations
            .len(),
        2
    );
    assert_eq!(
        privacy::export(&db, &"0".repeat(64), at(2026, 11, 23)).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn staff_anonymisation_removes_identity_keeps_counts_and_is_idempotent() {
    let db = fresh_db().await.unwrap();
    let past = event(&db, "past", at(2026, 1, 8), at(2026, 1, 10), None, None).await;
    let me = person(&db, "Aye Aye Mon", "aye@example.org", "MM").await;
    let other = person(&db, "Sokha Chan", "sokha@example.org", "KH").await;
    let (mine, token) = enrol(&db, past, me, "confirmed").await;
    let (theirs, _) = enrol(&db, past, other, "waitlisted").await;
    let before = stats(&db).await;

    privacy::anonymise(&db, me, UserId(7), at(2026, 11, 23))
        .await
        .unwrap();
    assert_eq!(stats(&db).await, before, "counts unchanged");
    let p = person_row(&db, me).await;
    assert_eq!(p.name_latin, format!("Anonymised #{me}"));
    assert_eq!(
        (
            p.name_native,
            p.email,
            p.phone,
            p.position,
            p.organisation_id
        ),
        (None, None, None, None, None)
    );
    assert_eq!(p.anonymised_at, Some(at(2026, 11, 23)));
    assert_eq!(p.anonymised_by, Some(7));
    let r = registration_row(&db, mine).await;
    assert_eq!((r.dietary.as_str(), r.accessibility.as_str()), ("", ""));
    assert_eq!(r.token_hash, None);
    let answers = registration_answers::Entity::find()
        .filter(registration_answers::Column::RegistrationId.eq(mine))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(answers.len(), 1, "the typed answer goes, the choice stays");
    assert_eq!(answers[0].value, "Yes");
    let f = followups::Entity::find()
        .filter(followups::Column::RegistrationId.eq(mine))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((f.advocacy.as_str(), f.staff_note.as_str()), ("", ""));
    assert!(f.answered_at.is_some(), "that they answered still counts");
    assert_eq!(
        outbox::Entity::find()
            .filter(outbox::Column::ToEmail.eq("aye@example.org"))
            .count(&db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        registration_links::Entity::find()
            .filter(registration_links::Column::RegistrationId.eq(mine))
            .count(&db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        by_token(&db, &token, at(2026, 11, 23)).await,
        Err(DomainError::NotFound)
    );
    // The other person is untouched.
    let o = registration_row(&db, theirs).await;
    assert_eq!(o.dietary, "halal for sokha@example.org");
    assert_eq!(person_row(&db, other).await.name_latin, "Sokha Chan");

    // Again: nothing changes, nothing more is logged.
    privacy::anonymise(&db, me, UserId(8), at(2026, 12, 1))
        .await
        .unwrap();
    let p = person_row(&db, me).await;
    assert_eq!(
        (p.anonymised_at, p.anonymised_by),
        (Some(at(2026, 11, 23)), Some(7))
    );
    assert_eq!(
        log_actions(&db).await,
        vec![("anonymisation".to_owned(), Some(me), None, Some(7))]
    );
    assert_eq!(
        history::person(&db, me, at(2026, 12, 1))
            .await
            .unwrap()
            .anonymised_at,
        Some(at(2026, 11, 23))
    );
    assert_eq!(
        privacy::anonymise(&db, 9_999, UserId(7), at(2026, 12, 1)).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn erasure_anonymises_withdraws_promotes_the_waiting_list_and_ends_every_link() {
    let db = fresh_db().await.unwrap();
    let past = event(&db, "past", at(2026, 1, 8), at(2026, 1, 10), None, None).await;
    let next = event(&db, "next", at(2027, 3, 15), at(2027, 3, 16), Some(1), None).await;
    let me = person(&db, "Aye Aye Mon", "aye@example.org", "MM").await;
    let waiting = person(&db, "Sokha Chan", "sokha@example.org", "KH").await;
    let (old, old_token) = enrol(&db, past, me, "confirmed").await;
    let (mine, token) = enrol(&db, next, me, "confirmed").await;
    let (theirs, _) = enrol(&db, next, waiting, "waitlisted").await;
    let now = at(2026, 11, 23);

    erase(&db, &token, now).await.unwrap();
    assert_eq!(registration_row(&db, mine).await.status, "withdrawn");
    assert_eq!(
        registration_row(&db, theirs).await.status,
        "confirmed",
        "promoted"
    );
    assert_eq!(
        registration_row(&db, old).await.status,
        "confirmed",
        "the past stays counted"
    );
    let p = person_row(&db, me).await;
    assert_eq!(p.name_latin, format!("Anonymised #{me}"));
    assert_eq!((p.email, p.phone, p.anonymised_by), (None, None, None));
    for t in [&token, &old_token] {
        assert_eq!(by_token(&db, t, now).await, Err(DomainError::NotFound));
    }
    assert_eq!(erase(&db, &token, now).await, Err(DomainError::NotFound));
    // The promoted person is told; nothing is left addressed to the erased one.
    let mails: Vec<outbox::Model> = outbox::Entity::find().all(&db).await.unwrap();
    assert!(mails.iter().any(|m| m.to_email == "sokha@example.org"
        && m.body.contains("Sokha Chan")
        && m.created_at == now));
    assert!(mails.iter().all(|m| m.to_email != "aye@example.org"));
    assert!(mails.iter().all(|m| !m.body.contains("Aye")));
    assert_eq!(
        log_actions(&db).await,
        vec![("erasure".to_owned(), Some(me), None, None)]
    );
}

#[tokio::test]
async fn retention_purges_after_the_limit_only_and_spares_people_still_active() {
    let db = fresh_db().await.unwrap();
    // Ends 10 January 2026, purged 6 months later: from 10 July 2026.
    let kept6 = event(
        &db,
        "kept-6-months",
        at(2026, 1, 8),
        at(2026, 1, 10),
        None,
        Some(6),
    )
    .await;
    let forever = event(
        &db,
        "no-limit",
        at(2025, 12, 1),
        at(2025, 12, 2),
        None,
        None,
    )
    .await;
    let next = event(&db, "next", at(2027, 3, 15), at(2027, 3, 16), None, Some(1)).await;
    let only_old = person(&db, "Nguyen Thi Lan", "lan@example.org", "VN").await;
    let active = person(&db, "Aye Aye Mon", "aye@example.org", "MM").await;
    let unlimited = person(&db, "Sokha Chan", "sokha@example.org", "KH").await;
    let (lan, lan_token) = enrol(&db, kept6, only_old, "confirmed").await;
    let (aye_old, _) = enrol(&db, kept6, active, "confirmed").await;
    let (aye_next, aye_token) = enrol(&db, next, active, "confirmed").await;
    enrol(&db, kept6, unlimited, "confirmed").await;
    enrol(&db, forever, unlimited, "confirmed").await;
    let before = stats(&db).await;
    // Their private pages offer calendar feeds, which the purge ends with the links.
    for token in [&lan_token, &aye_token] {
        let page = by_token(&db, token, at(2026, 7, 1)).await.unwrap();
        assert!(page.calendar_feed.is_some());
    }
    assert!(registration_row(&db, lan).await.calendar_token.is_some());

    // The day before the limit: nothing happens.
    assert_eq!(
        privacy::purge_expired(&db, at(2026, 7, 9)).await,
        Ok(PurgeReport::default())
    );
    assert_eq!(person_row(&db, only_old).await.name_latin, "Nguyen Thi Lan");
    assert_eq!(
        registration_row(&db, lan).await.dietary,
        "halal for lan@example.org"
    );

    // After it: the event's data goes, the person with nothing else is anonymised.
    assert_eq!(
        privacy::purge_expired(&db, at(2026, 7, 11)).await,
        Ok(PurgeReport {
            events_purged: 1,
            people_anonymised: 1
        })
    );
    assert_eq!(stats(&db).await, before, "statistics survive");
    assert_eq!(
        person_row(&db, only_old).await.name_latin,
        format!("Anonymised #{only_old}")
    );
    assert_eq!(
        person_row(&db, active).await.name_latin,
        "Aye Aye Mon",
        "still active"
    );
    assert_eq!(
        person_row(&db, unlimited).await.name_latin,
        "Sokha Chan",
        "kept without limit"
    );
    for id in [lan, aye_old] {
        let r = registration_row(&db, id).await;
        assert_eq!((r.dietary.as_str(), r.accessibility.as_str()), ("", ""));
    }
    assert_eq!(registration_row(&db, lan).await.calendar_token, None);
    let next_row = registration_row(&db, aye_next).await;
    assert_eq!(
        next_row.dietary, "halal for aye@example.org",
        "the later event keeps its data"
    );
    assert!(next_row.calendar_token.is_some(), "and its calendar feed");
    assert!(by_token(&db, &aye_token, at(2026, 7, 11)).await.is_ok());
    assert_eq!(
        registration_answers::Entity::find()
            .filter(registration_answers::Column::RegistrationId.eq(aye_old))
            .count(&db)
            .await
            .unwrap(),
        1,
        "only the choice answer stays"
    );
    assert!(events::Entity::find_by_id(kept6)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .purged_at
        .is_some());
    assert_eq!(
        log_actions(&db).await,
        vec![
            ("retention".to_owned(), None, Some(kept6), None),
            ("retention".to_owned(), Some(only_old), None, None),
        ]
    );

    // Again: nothing more to do.
    assert_eq!(
        privacy::purge_expired(&db, at(2026, 8, 1)).await,
        Ok(PurgeReport::default())
    );
    // Once the later event's own limit passes, the active person is anonymised too.
    assert_eq!(
        privacy::purge_expired(&db, at(2027, 4, 17)).await,
        Ok(PurgeReport {
            events_purged: 1,
            people_anonymised: 1
        })
    );
    assert!(person_row(&db, active).await.anonymised_at.is_some());
    assert_eq!(stats(&db).await, before);
}
