//! Selecting trainees: every application of an event with the person's details and answers,
//! each staff reviewer's score (1–5) and comment with their average, and the coordinator's
//! targets per country, gender and sector against running counts of the people accepted.
//! The decisions themselves are `registration::decide`.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use entities::{
    application_reviews, countries, events, people, registrations, selection_targets, users,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::selection_types::{
    average_x100, check_review, check_targets, target_field, Applicant, Review, ReviewForm,
    SelectionView, TargetCount, TargetDimension, TargetsForm,
};
use crate::service::events::to_summary;
use crate::service::participants::name_lookups;
use crate::service::questions;
use crate::types::{EventId, RegistrationStatus, UserId};
use crate::DomainError;

/// Saves `reviewer`'s score and comment on a registration of `event` (replacing their
/// earlier one). Refusals: a bad score or comment, a registration of another event (`NotFound`).
pub async fn save_review(
    db: &impl ConnectionTrait,
    event: EventId,
    registration_id: i64,
    reviewer: UserId,
    form: &ReviewForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (score, comment) = check_review(form)?;
    registrations::Entity::find_by_id(registration_id)
        .one(db)
        .await?
        .filter(|r| r.event_id == event.0)
        .ok_or(DomainError::NotFound)?;
    // One statement on both databases: two saves at once cannot both insert.
    application_reviews::Entity::insert(application_reviews::ActiveModel {
        registration_id: Set(registration_id),
        reviewer_id: Set(reviewer.0),
        score: Set(score),
        comment: Set(comment),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            application_reviews::Column::RegistrationId,
            application_reviews::Column::ReviewerId,
        ])
        .update_columns([
            application_reviews::Column::Score,
            application_reviews::Column::Comment,
            application_reviews::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Replaces the event's targets with those in `form` (an empty number removes one).
/// Refusals: a bad number (next to its field), an unknown country.
pub async fn save_targets<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    event: EventId,
    form: &TargetsForm,
) -> Result<(), DomainError> {
    let targets = check_targets(form)?;
    for (dimension, value, _) in &targets {
        if *dimension == TargetDimension::Country
            && countries::Entity::find_by_id(value.clone())
                .one(db)
                .await?
                .is_none()
        {
            let field = if form.new_country.trim().eq_ignore_ascii_case(value) {
                "new_country".to_owned()
            } else {
                target_field(*dimension, value)
            };
            return Err(DomainError::validation(&field, "unknown-country"));
        }
    }
    let txn = crate::service::db::begin_write(db).await?;
    selection_targets::Entity::delete_many()
        .filter(selection_targets::Column::EventId.eq(event.0))
        .exec(&txn)
        .await?;
    for (dimension, value, target) in targets {
        selection_targets::ActiveModel {
            event_id: Set(event.0),
            dimension: Set(dimension.as_str().to_owned()),
            value: Set(value),
            target: Set(target),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The selection screen of an event.
pub async fn view(db: &impl ConnectionTrait, event: EventId) -> Result<SelectionView, DomainError> {
    let model = events::Entity::find_by_id(event.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let capacity = model.capacity;
    let found = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.0))
        .order_by_asc(registrations::Column::CreatedAt)
        .order_by_asc(registrations::Column::Id)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let ids: Vec<i64> = found.iter().map(|(r, _)| r.id).collect();
    let reviewers: HashMap<i64, String> = users::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut reviews: HashMap<i64, Vec<Review>> = HashMap::new();
    if !ids.is_empty() {
        for r in application_reviews::Entity::find()
            .filter(application_reviews::Column::RegistrationId.is_in(ids))
            .order_by_asc(application_reviews::Column::Id)
            .all(db)
            .await?
        {
            reviews.entry(r.registration_id).or_default().push(Review {
                reviewer_id: r.reviewer_id,
                reviewer: reviewers.get(&r.reviewer_id).cloned().unwrap_or_default(),
                score: r.score,
                comment: r.comment,
                updated_at: r.updated_at,
            });
        }
    }
    let (orgs, country_names) = name_lookups(db).await?;
    let asked = questions::of_event(db, event).await?;
    let mut given = questions::answers_for_event(db, &asked).await?;
    let mut applicants = Vec::new();
    for (r, p) in found {
        let Some(p) = p else { continue };
        let status = RegistrationStatus::parse(&r.status).ok_or(DomainError::Internal)?;
        let mine = given.remove(&r.id).unwrap_or_default();
        let answers = asked
            .iter()
            .map(|q| {
                let value = mine
                    .iter()
                    .find(|(id, _)| *id == q.id)
                    .map(|(_, v)| crate::question_types::display_answer(v))
                    .unwrap_or_default();
                (q.label.clone(), value)
            })
            .collect();
        let reviews = reviews.remove(&r.id).unwrap_or_default();
        let scores: Vec<i16> = reviews.iter().map(|r| r.score).collect();
        let country_code = p.country_code.unwrap_or_default();
        applicants.push(Applicant {
            registration_id: r.id,
            name_latin: p.name_latin,
            name_native: p.name_native.unwrap_or_default(),
            organisation: p
                .organisation_id
                .and_then(|id| orgs.get(&id).cloned())
                .unwrap_or_default(),
            position: p.position.unwrap_or_default(),
            country: country_names
                .get(&country_code)
                .cloned()
                .unwrap_or_else(|| country_code.clone()),
            country_code,
            sector: p.sector.unwrap_or_default(),
            gender: p.gender.unwrap_or_default(),
            status,
            applied_at: r.created_at,
            answers,
            average_x100: average_x100(&scores),
            reviews,
        });
    }
    // Best average first; the unreviewed keep the order they applied in (a stable sort).
    applicants.sort_by_key(|a| std::cmp::Reverse(a.average_x100));
    let targets = selection_targets::Entity::find()
        .filter(selection_targets::Column::EventId.eq(event.0))
        .all(db)
        .await?;
    let counts = counts(&applicants, &targets, &country_names);
    let confirmed = applicants
        .iter()
        .filter(|a| a.status == RegistrationStatus::Confirmed)
        .count();
    Ok(SelectionView {
        event: to_summary(model)?,
        capacity,
        confirmed: u64::try_from(confirmed).unwrap_or(u64::MAX),
        questions: asked.into_iter().map(|q| q.label).collect(),
        applicants,
        counts,
    })
}

/// Accepted and applied people per value of each dimension, for every value that has a
/// target or an applicant.
fn counts(
    applicants: &[Applicant],
    targets: &[selection_targets::Model],
    country_names: &HashMap<String, String>,
) -> Vec<TargetCount> {
    let mut rows: BTreeMap<(TargetDimension, String), TargetCount> = BTreeMap::new();
    let row = |rows: &mut BTreeMap<(TargetDimension, String), TargetCount>,
               dimension: TargetDimension,
               value: &str,
               target: Option<i32>,
               applicant: Option<bool>| {
        if value.is_empty() {
            return;
        }
        let label = match dimension {
            TargetDimension::Country => country_names
                .get(value)
                .cloned()
                .unwrap_or_else(|| value.to_owned()),
            _ => value.to_owned(),
        };
        let r = rows
            .entry((dimension, value.to_owned()))
            .or_insert_with(|| TargetCount {
                dimension,
                value: value.to_owned(),
                label,
                target: None,
                accepted: 0,
                applied: 0,
            });
        if target.is_some() {
            r.target = target;
        }
        if let Some(accepted) = applicant {
            r.applied += 1;
            r.accepted += u64::from(accepted);
        }
    };
    for t in targets {
        if let Some(d) = TargetDimension::parse(&t.dimension) {
            row(&mut rows, d, &t.value, Some(t.target), None);
        }
    }
    for a in applicants {
        if matches!(
            a.status,
            RegistrationStatus::Withdrawn | RegistrationStatus::Declined
        ) {
            continue;
        }
        for (d, value) in [
            (TargetDimension::Country, &a.country_code),
            (TargetDimension::Gender, &a.gender),
            (TargetDimension::Sector, &a.sector),
        ] {
            let accepted = a.status == RegistrationStatus::Confirmed;
            row(&mut rows, d, value, None, Some(accepted));
        }
    }
    let mut out: Vec<TargetCount> = rows.into_values().collect();
    out.sort_by(|a, b| {
        (a.dimension, a.target.is_none(), &a.label).cmp(&(
            b.dimension,
            b.target.is_none(),
            &b.label,
        ))
    });
    out
}
