//! After the training (`service::assessment`, `service::followup`, `service::history`) on the
//! demo data: the training "Advocacy with ASEAN" ran 4-8 June 2016 in Bangkok (UTC+7) with 17
//! trainees, all with e-mail addresses. The clock is passed in, so reminders fall due without
//! waiting. SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::followup_types::{AssessmentQuestionForm, FollowupAnswerForm, FollowupState, Score};
use domain::participant_types::RosterOrder;
use domain::service::{
    assessment, attendance, attendance_report, followup, history, outbox, registration,
};
use domain::DomainError;
use entities::followups;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

mod fixtures;
use fixtures::demo;

const TRAINING: &str = "advocacy-with-asean-2016";
const LATER: &str = "access-to-justice-2027";
const BASE: &str = "https://sala.example.org";
const TRAINEES: usize = 17;

/// 10:00 in Bangkok on `y-m-d`.
fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
}

async fn registration_of(db: &DatabaseConnection, slug: &str, name: &str) -> (i64, i64) {
    let row = attendance::sheet(db, slug, None, RosterOrder::Name, at(2016, 6, 4))
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.roster.name_latin.starts_with(name))
        .unwrap_or_else(|| panic!("{name} on the roster of {slug}"))
        .roster;
    (row.registration_id, row.person_id)
}

/// The private links in the outbox, newest first, with the address they were sent to.
async fn links(db: &DatabaseConnection) -> Vec<(String, String)> {
    outbox::list(db, 1_000)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|m| {
            let start = m.body.find(&format!("{BASE}/r/"))? + BASE.len() + 3;
            Some((m.to_email, m.body[start..start + 64].to_owned()))
        })
        .collect()
}

/// A fresh private link for `name`, sent by staff through the 1-month check-in.
async fn link_for(db: &DatabaseConnection, name: &str, now: DateTime<Utc>) -> String {
    let (id, _) = registration_of(db, TRAINING, name).await;
    followup::set_plan(db, TRAINING, "1", now).await.unwrap();
    followup::send_link(db, TRAINING, id, 1, BASE, now)
        .await
        .unwrap();
    links(db).await.remove(0).1
}

fn answer(text: &str) -> FollowupAnswerForm {
    FollowupAnswerForm {
        advocacy: text.into(),
        engaged_with: "Ministry of Labour".into(),
        support_needed: "Training on the ASEAN Consensus".into(),
        quote_consent: false,
    }
}

/// Two processes' hourly passes at the same moment: each reminder goes out once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_reminder_passes_at_once_send_each_reminder_once() {
    let db = demo().await;
    followup::set_plan(&db, TRAINING, "1", at(2016, 6, 1))
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        followup::send_due_reminders(&db, BASE, at(2016, 7, 8)),
        followup::send_due_reminders(&db, BASE, at(2016, 7, 8)),
    );
    assert_eq!(a.unwrap() + b.unwrap(), TRAINEES as u32);
    assert_eq!(links(&db).await.len(), TRAINEES, "one e-mail per trainee");
}

#[tokio::test]
async fn reminders_fall_due_once_when_due_once_when_overdue_and_not_years_later() {
    let db = demo().await;
    assert_eq!(
        followup::set_plan(&db, TRAINING, "6, 1, 3", at(2016, 6, 1))
            .await
            .unwrap()
            .0,
        vec![1, 3, 6]
    );
    // The day before the first check-in: nothing to send.
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 7, 7)).await,
        Ok(0)
    );
    // 8 July: the 1-month check-in of every trainee falls due.
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 7, 8)).await,
        Ok(TRAINEES as u32)
    );
    let sent = links(&db).await;
    assert_eq!(sent.len(), TRAINEES);
    assert!(sent
        .iter()
        .any(|(to, _)| to == "prasert.chaiyaphum@example.org"));
    // Running again the same day or the next sends nothing more.
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 7, 8)).await,
        Ok(0)
    );
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 7, 20)).await,
        Ok(0)
    );

    // One trainee answers through the link from the reminder.
    let (to, token) = sent
        .iter()
        .find(|(to, _)| to == "prasert.chaiyaphum@example.org")
        .unwrap()
        .clone();
    assert!(to.starts_with("prasert"));
    followup::answer(
        &db,
        &token,
        1,
        &answer("Briefed the provincial labour office"),
        at(2016, 7, 21),
    )
    .await
    .unwrap();

    // 7 August (30 days late): overdue, a second reminder to the 16 who have not answered.
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 8, 7)).await,
        Ok(TRAINEES as u32 - 1)
    );
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 8, 8)).await,
        Ok(0)
    );
    // 8 September: the 3-month check-in is due; the 1-month one (62 days late) is too old to remind about.
    assert_eq!(
        followup::send_due_reminders(&db, BASE, at(2016, 9, 8)).await,
        Ok(TRAINEES as u32)
    );
    assert_eq!(
        outbox::list(&db, 1_000).await.unwrap().len(),
        TRAINEES + (TRAINEES - 1) + TRAINEES,
        "first reminders, second reminders to those who had not answered, 3-month reminders"
    );

    let board = followup::dashboard(&db, at(2016, 9, 8)).await.unwrap();
    assert_eq!(board.overdue.len(), TRAINEES - 1, "1-month, unanswered");
    assert!(board.overdue.iter().all(|i| i.months == 1));
    assert_eq!(board.due.len(), TRAINEES, "3-month, just due");
    assert_eq!(board.answered.len(), 1);
    let answered = &board.answered[0];
    assert_eq!(answered.name_latin, "Prasert Chaiyaphum");
    assert_eq!(answered.event_slug, TRAINING);
    assert_eq!(
        answered.answer.as_ref().unwrap().advocacy,
        "Briefed the provincial labour office"
    );
}

#[tokio::test]
async fn a_trainee_answers_a_due_checkin_through_the_private_link_and_can_correct_it() {
    let db = demo().await;
    let now = at(2016, 7, 10);
    let token = link_for(&db, "Keo Sreymom", now).await;
    followup::set_plan(&db, TRAINING, "1, 3", now)
        .await
        .unwrap();

    // The link opens the registration page with the check-ins.
    let mine = registration::by_token(&db, &token, now).await.unwrap();
    assert_eq!(mine.event.slug, TRAINING);
    let checkins = &mine.training.followups;
    assert_eq!(checkins.len(), 2);
    assert_eq!((checkins[0].months, checkins[0].open), (1, true));
    assert_eq!(
        checkins[0].due_on,
        NaiveDate::from_ymd_opt(2016, 7, 8).unwrap()
    );
    assert_eq!((checkins[1].months, checkins[1].open), (3, false));

    // Bad input changes nothing.
    let empty = followup::answer(&db, &token, 1, &FollowupAnswerForm::default(), now).await;
    assert_eq!(empty, Err(DomainError::validation("advocacy", "required")));
    let early = followup::answer(&db, &token, 3, &answer("Too early"), now).await;
    assert_eq!(
        early,
        Err(DomainError::validation("advocacy", "followup-not-due"))
    );
    let unplanned = followup::answer(&db, &token, 2, &answer("No such check-in"), now).await;
    assert_eq!(unplanned, Err(DomainError::NotFound));
    let forged = followup::answer(&db, &"0".repeat(64), 1, &answer("x"), now).await;
    assert_eq!(forged, Err(DomainError::NotFound));
    let row_count = followups::Entity::find().count(&db).await.unwrap();
    assert_eq!(row_count, 1, "only the staff link's reminder row");

    followup::answer(&db, &token, 1, &answer("First answer"), now)
        .await
        .unwrap();
    followup::answer(
        &db,
        &token,
        1,
        &answer("  Met the ASEAN Committee on Migrant Workers "),
        now,
    )
    .await
    .unwrap();
    let mine = registration::by_token(&db, &token, now).await.unwrap();
    let first = mine.training.followups[0].answer.clone().unwrap();
    assert_eq!(first.advocacy, "Met the ASEAN Committee on Migrant Workers");
    assert_eq!(followups::Entity::find().count(&db).await.unwrap(), 1);

    // Staff see it on the event's follow-up page, and keep a note.
    let (keo, _) = registration_of(&db, TRAINING, "Keo Sreymom").await;
    followup::save_note(
        &db,
        TRAINING,
        keo,
        1,
        "Called her; she will join the 2017 forum.",
        now,
    )
    .await
    .unwrap();
    let page = followup::event_followup(&db, TRAINING, now).await.unwrap();
    assert_eq!(page.items.len(), 2 * TRAINEES);
    let item = page
        .items
        .iter()
        .find(|i| i.registration_id == keo && i.months == 1)
        .unwrap();
    assert_eq!(item.state, FollowupState::Answered);
    assert_eq!(item.staff_note, "Called her; she will join the 2017 forum.");
    assert_eq!(
        item.answer.as_ref().unwrap().engaged_with,
        "Ministry of Labour"
    );

    let long = "x".repeat(followup::MAX_NOTE_LEN + 1);
    assert_eq!(
        followup::save_note(&db, TRAINING, keo, 1, &long, now).await,
        Err(DomainError::validation("staff_note", "too-long"))
    );
    // A registration of another event is not part of this training's follow-up.
    let (other, _) = registration_of(&db, LATER, "Keo Sreymom").await;
    assert_eq!(
        followup::save_note(&db, TRAINING, other, 1, "x", now).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn assessment_scores_before_and_after_show_per_trainee_with_the_average_change() {
    let db = demo().await;
    let day1 = at(2016, 6, 4);
    for (text, max) in [
        ("Explain the ASEAN Consensus", "5"),
        ("Draft a recommendation", "5"),
    ] {
        let form = AssessmentQuestionForm {
            text: text.into(),
            max_score: max.into(),
        };
        assessment::add_question(&db, TRAINING, &form)
            .await
            .unwrap();
    }
    let bad = AssessmentQuestionForm {
        text: "Too wide a scale".into(),
        max_score: "100".into(),
    };
    assert_eq!(
        assessment::add_question(&db, TRAINING, &bad).await,
        Err(DomainError::validation("max_score", "out-of-range"))
    );
    let training_id = attendance_report::cohort(&db, TRAINING)
        .await
        .unwrap()
        .event
        .id
        .0;
    let questions = assessment::questions(&db, training_id).await.unwrap();
    assert_eq!(questions.len(), 2);
    let scores = |a: &str, b: &str| -> BTreeMap<String, String> {
        BTreeMap::from([
            (questions[0].id.to_string(), a.to_owned()),
            (questions[1].id.to_string(), b.to_owned()),
        ])
    };

    let anucha = link_for(&db, "Anucha", day1).await;
    let wanida = link_for(&db, "Wanida", day1).await;
    // Bad answers are refused whole, naming the question.
    let too_high = assessment::answer(&db, &anucha, "pre", &scores("1", "6"), day1).await;
    assert_eq!(
        too_high,
        Err(DomainError::validation(
            &format!("score-{}", questions[1].id),
            "out-of-range"
        ))
    );
    let missing = assessment::answer(&db, &anucha, "pre", &scores("1", ""), day1).await;
    assert_eq!(
        missing,
        Err(DomainError::validation(
            &format!("score-{}", questions[1].id),
            "required"
        ))
    );
    let mine = registration::by_token(&db, &anucha, day1).await.unwrap();
    assert!(mine
        .training
        .assessment
        .as_ref()
        .unwrap()
        .answers
        .is_empty());

    assessment::answer(&db, &anucha, "pre", &scores("1", "2"), day1)
        .await
        .unwrap();
    assessment::answer(&db, &wanida, "pre", &scores("3", "3"), day1)
        .await
        .unwrap();
    // After the training has ended, "before" is closed; "after" stays open.
    let after = at(2016, 6, 9);
    assert_eq!(
        assessment::answer(&db, &anucha, "pre", &scores("5", "5"), after).await,
        Err(DomainError::validation("phase", "assessment-closed"))
    );
    assessment::answer(&db, &anucha, "post", &scores("4", "4"), after)
        .await
        .unwrap();
    // Answering again replaces the earlier answers.
    assessment::answer(&db, &anucha, "post", &scores("4", "5"), after)
        .await
        .unwrap();
    assessment::answer(&db, &wanida, "post", &scores("4", "4"), after)
        .await
        .unwrap();

    let cohort = attendance_report::cohort(&db, TRAINING).await.unwrap();
    let row = |name: &str| {
        cohort
            .rows
            .iter()
            .find(|r| r.roster.name_latin.starts_with(name))
            .unwrap()
            .assessment
    };
    assert_eq!(row("Anucha").pre, Some(Score { points: 3, max: 10 }));
    assert_eq!(row("Anucha").post, Some(Score { points: 9, max: 10 }));
    assert_eq!(row("Anucha").change(), Some(60.0));
    assert_eq!(row("Wanida").change(), Some(20.0));
    assert_eq!(row("Prasert").pre, None);
    assert_eq!(cohort.average_change, Some(40.0));

    // Someone outside the cohort (a resource person) cannot answer.
    let (resource, _) = {
        let sheet = attendance::sheet(&db, TRAINING, None, RosterOrder::Name, day1)
            .await
            .unwrap();
        let r = sheet
            .rows
            .iter()
            .find(|r| r.roster.role != "trainee")
            .unwrap()
            .roster
            .clone();
        (r.registration_id, r.person_id)
    };
    assert_eq!(
        followup::send_link(&db, TRAINING, resource, 1, BASE, day1).await,
        Err(DomainError::NotFound),
        "not in the cohort, so no check-in to send"
    );
    assert_eq!(
        assessment::answer(&db, &"f".repeat(64), "pre", &scores("1", "1"), day1).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn a_persons_history_shows_the_training_what_followed_and_later_events() {
    let db = demo().await;
    let now = at(2027, 6, 1);
    followup::set_plan(&db, TRAINING, "1", now).await.unwrap();
    let token = link_for(&db, "Prasert", now).await;
    followup::answer(&db, &token, 1, &answer("Spoke at the 2016 AFML"), now)
        .await
        .unwrap();
    let (_, person) = registration_of(&db, TRAINING, "Prasert").await;
    let history = history::person(&db, person, now).await.unwrap();
    assert_eq!(history.name_latin, "Prasert Chaiyaphum");
    let slugs: Vec<&str> = history
        .entries
        .iter()
        .map(|e| e.event.slug.as_str())
        .collect();
    assert_eq!(slugs, vec![TRAINING, LATER]);
    let training = &history.entries[0];
    assert_eq!(
        (
            training.role.as_str(),
            training.days_present,
            training.total_days
        ),
        ("trainee", 4, 5)
    );
    assert_eq!(training.completed, Some(true));
    assert_eq!(training.followups.len(), 1);
    assert_eq!(
        training.followups[0].answer.as_ref().unwrap().advocacy,
        "Spoke at the 2016 AFML"
    );
    assert_eq!(
        history.entries[1].completed, None,
        "a forum is not completed"
    );
    assert_eq!(history.later_events, 1);
    assert_eq!(
        history::person(&db, 999_999, now).await.unwrap_err(),
        DomainError::NotFound
    );
}
