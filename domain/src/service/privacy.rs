//! Privacy by default: what Sala does to forget a person while keeping the network's numbers.
//!
//! **Anonymisation** removes a person's identity and keeps what statistics need. Removed: the
//! names (the Latin name becomes `Anonymised #<id>`), e-mail, phone, position, organisation
//! link (a small organisation names its members), region, the free-text and date answers to
//! custom questions, dietary and accessibility needs, the follow-up answers' text and the staff
//! notes about them, every private link, a new address waiting for confirmation, and the
//! e-mails addressed to them, the passport name and number, ticket and receipt numbers and the
//! city they travelled from. Kept: country, gender, sector, languages, each registration's
//! status, role, travel-support flag and interpretation languages, attendance, assessment
//! scores, whether follow-ups were answered, the answers chosen from a list, and speaker roles.
//! So every count by country, gender, sector, status or attendance is the same before and
//! after. Doing it again changes nothing.
//!
//! **Erasure** is anonymisation asked for by the person through their private link (see
//! `registration::erase`); **retention** anonymises people and clears per-event personal data
//! once an event's `retention_months` have passed (see [`retention`]). Each is recorded in
//! `privacy_log` with ids only.
use chrono::{DateTime, Utc};
use entities::{
    email_changes, event_questions, followups, outbox, people, privacy_log, registration_answers,
    registration_links, registrations, travel_details, travel_payments,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set, TransactionSession, TransactionTrait,
};

use crate::types::UserId;
use crate::DomainError;

pub mod export;
pub mod retention;

pub use export::export;
pub use retention::purge_expired;

/// Why a person's identity or an event's data was removed, as `privacy_log` records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The person asked, through their private link.
    Erasure,
    /// A coordinator did it from the person's page.
    Anonymisation,
    /// An event's retention period ran out.
    Retention,
}

impl Action {
    pub const ALL: &'static [Action] = &[Action::Erasure, Action::Anonymisation, Action::Retention];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Erasure => "erasure",
            Action::Anonymisation => "anonymisation",
            Action::Retention => "retention",
        }
    }
}

/// The name an anonymised person is shown under.
pub fn anonymous_name(person_id: i64) -> String {
    format!("Anonymised #{person_id}")
}

/// Staff anonymisation of person `person_id` by `by`, in one write transaction. Anonymising
/// someone already anonymised changes nothing (and logs nothing).
pub async fn anonymise<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    person_id: i64,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = super::db::begin_write(db).await?;
    let done = anonymise_in(&txn, person_id, Action::Anonymisation, Some(by), now).await?;
    if !done {
        people::Entity::find_by_id(person_id)
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
    }
    txn.commit().await?;
    if done {
        tracing::info!(person_id, by = by.0, "person anonymised by staff");
    }
    Ok(())
}

/// Anonymises the person inside the caller's transaction. Returns false when there was nothing
/// to do (no such person, or already anonymised).
pub(crate) async fn anonymise_in(
    txn: &impl ConnectionTrait,
    person_id: i64,
    action: Action,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(person) = people::Entity::find_by_id(person_id).one(txn).await? else {
        return Ok(false);
    };
    if person.anonymised_at.is_some() {
        return Ok(false);
    }
    if let Some(email) = &person.email {
        outbox::Entity::delete_many()
            .filter(outbox::Column::ToEmail.eq(email.as_str()))
            .exec(txn)
            .await?;
    }
    let mut model: people::ActiveModel = person.into();
    model.name_latin = Set(anonymous_name(person_id));
    model.name_native = Set(None);
    model.email = Set(None);
    model.phone = Set(None);
    model.position = Set(None);
    model.organisation_id = Set(None);
    model.region_code = Set(None);
    model.public_name_consent = Set(false);
    model.anonymised_at = Set(Some(now));
    model.anonymised_by = Set(by.map(|u| u.0));
    model.updated_at = Set(now);
    model.update(txn).await?;

    let ids: Vec<i64> = registrations::Entity::find()
        .select_only()
        .column(registrations::Column::Id)
        .filter(registrations::Column::PersonId.eq(person_id))
        .into_tuple()
        .all(txn)
        .await?;
    forget_registrations(txn, &ids, now).await?;
    registrations::Entity::update_many()
        .col_expr(
            registrations::Column::TokenHash,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registrations::Column::SubmissionKey,
            Expr::value(Option::<String>::None),
        )
        .filter(registrations::Column::Id.is_in(ids))
        .exec(txn)
        .await?;
    log(txn, action, Some(person_id), None, by, now).await?;
    Ok(true)
}

/// Clears the personal data that registrations `ids` hold (needs, free-text answers, follow-up
/// text, extra private links, calendar feeds, new addresses waiting for confirmation,
/// passport name and number, ticket numbers, home city, receipt numbers),
/// keeping what counts need.
pub(crate) async fn forget_registrations(
    txn: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    registrations::Entity::update_many()
        .col_expr(registrations::Column::Dietary, Expr::value(""))
        .col_expr(registrations::Column::Accessibility, Expr::value(""))
        .col_expr(
            registrations::Column::CalendarToken,
            Expr::value(Option::<String>::None),
        )
        .col_expr(registrations::Column::UpdatedAt, Expr::value(now))
        .filter(registrations::Column::Id.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    // Typed answers (text, dates) may say anything; answers picked from a list are kept.
    let typed: Vec<i64> = event_questions::Entity::find()
        .select_only()
        .column(event_questions::Column::Id)
        .filter(event_questions::Column::Kind.is_in(["text", "date"]))
        .into_tuple()
        .all(txn)
        .await?;
    registration_answers::Entity::delete_many()
        .filter(registration_answers::Column::RegistrationId.is_in(ids.iter().copied()))
        .filter(registration_answers::Column::QuestionId.is_in(typed))
        .exec(txn)
        .await?;
    followups::Entity::update_many()
        .col_expr(followups::Column::Advocacy, Expr::value(""))
        .col_expr(followups::Column::EngagedWith, Expr::value(""))
        .col_expr(followups::Column::SupportNeeded, Expr::value(""))
        .col_expr(followups::Column::StaffNote, Expr::value(""))
        .col_expr(followups::Column::QuoteConsent, Expr::value(false))
        .filter(followups::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    registration_links::Entity::delete_many()
        .filter(registration_links::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    email_changes::Entity::delete_many()
        .filter(email_changes::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    // Passport, tickets and receipts identify the person; amounts and days stay for the
    // event's totals.
    travel_details::Entity::update_many()
        .col_expr(
            travel_details::Column::PassportNumber,
            Expr::value(Option::<String>::None),
        )
        .col_expr(travel_details::Column::PassportName, Expr::value(""))
        .col_expr(travel_details::Column::ArrivalNumber, Expr::value(""))
        .col_expr(travel_details::Column::DepartureNumber, Expr::value(""))
        .col_expr(travel_details::Column::FromCity, Expr::value(""))
        .col_expr(travel_details::Column::UpdatedAt, Expr::value(now))
        .filter(travel_details::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    travel_payments::Entity::update_many()
        .col_expr(travel_payments::Column::Receipt, Expr::value(""))
        .filter(travel_payments::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Records a privacy action (ids only).
pub(crate) async fn log(
    txn: &impl ConnectionTrait,
    action: Action,
    person_id: Option<i64>,
    event_id: Option<i64>,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    privacy_log::ActiveModel {
        action: Set(action.as_str().to_owned()),
        person_id: Set(person_id),
        event_id: Set(event_id),
        user_id: Set(by.map(|u| u.0)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
