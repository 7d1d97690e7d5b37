//! "Download my data": everything Sala holds about the person behind a private link, as one
//! JSON document. Every registration of theirs, for any event, with its answers, attendance,
//! assessment and follow-ups; their speaker roles; the e-mails addressed to them. Never a token
//! hash, a staff member's id or another person's data.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entities::{
    assessment_answers, assessment_questions, attendance, event_questions, event_sessions, events,
    followups, organisations, outbox, people, registration_answers, registration_status_changes,
    registrations, session_roles, travel_details, travel_payments,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::service::registration::find_by_token;
use crate::DomainError;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub person: PersonData,
    pub registrations: Vec<RegistrationData>,
    pub speaker_roles: Vec<SpeakerRoleData>,
    pub messages: Vec<MessageData>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonData {
    pub name_latin: String,
    pub name_native: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: Option<String>,
    pub position: Option<String>,
    pub country_code: Option<String>,
    pub region_code: Option<String>,
    pub sector: Option<String>,
    pub gender: Option<String>,
    pub languages: String,
    pub public_name_consent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistrationData {
    pub event: EventData,
    pub status: String,
    pub role: String,
    pub registered_at: DateTime<Utc>,
    pub consent_version: Option<String>,
    pub consented_at: Option<DateTime<Utc>>,
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: bool,
    pub walk_in: bool,
    pub answers: Vec<AnswerData>,
    pub attendance: Vec<AttendanceData>,
    pub assessment: Vec<AssessmentData>,
    pub followups: Vec<FollowupData>,
    pub status_changes: Vec<StatusChangeData>,
    /// Travel details, passport number included (the person's own).
    pub travel: Option<TravelData>,
    pub payments: Vec<PaymentData>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TravelData {
    pub from_city: String,
    pub from_country: String,
    pub nationality: String,
    pub visa_needed: bool,
    pub arrival_at: Option<DateTime<Utc>>,
    pub arrival_means: String,
    pub arrival_number: String,
    pub departure_at: Option<DateTime<Utc>>,
    pub departure_means: String,
    pub departure_number: String,
    pub arrangement: String,
    pub passport_name: String,
    pub passport_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentData {
    pub kind: String,
    pub currency: String,
    /// Minor units (cents, satang).
    pub amount: i64,
    pub days: Option<i32>,
    pub receipt: String,
    pub corrects: Option<i64>,
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventData {
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerData {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceData {
    pub day: NaiveDate,
    /// The session's title; None for the whole day.
    pub session: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentData {
    pub question: String,
    pub phase: String,
    pub score: i16,
    pub answered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowupData {
    pub months: i16,
    pub advocacy: String,
    pub engaged_with: String,
    pub support_needed: String,
    pub answered_at: Option<DateTime<Utc>>,
    /// Whether they agreed that their answer on advocacy may be quoted without their name.
    pub quote_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChangeData {
    pub from: Option<String>,
    pub to: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRoleData {
    pub event: String,
    pub session: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageData {
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The data of the person whose private link `token` is. An unknown token is `NotFound`.
pub async fn export(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<MyData, DomainError> {
    let registration = find_by_token(db, token)
        .await?
        .ok_or(DomainError::NotFound)?;
    let person = people::Entity::find_by_id(registration.person_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let organisation = match person.organisation_id {
        Some(id) => organisations::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name),
        None => None,
    };
    let mut registrations = Vec::new();
    let mine = registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .find_also_related(events::Entity)
        .order_by_asc(registrations::Column::CreatedAt)
        .order_by_asc(registrations::Column::Id)
        .all(db)
        .await?;
    for (registration, event) in mine {
        let event = event.ok_or(DomainError::Internal)?;
        registrations.push(registration_data(db, registration, event).await?);
    }
    let messages = match &person.email {
        Some(email) => outbox::Entity::find()
            .filter(outbox::Column::ToEmail.eq(email.as_str()))
            .order_by_asc(outbox::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|m| MessageData {
                subject: m.subject,
                body: m.body,
                created_at: m.created_at,
                sent_at: m.sent_at,
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(MyData {
        exported_at: now,
        speaker_roles: speaker_roles(db, person.id).await?,
        messages,
        registrations,
        person: PersonData {
            name_latin: person.name_latin,
            name_native: person.name_native,
            email: person.email,
            phone: person.phone,
            organisation,
            position: person.position,
            country_code: person.country_code,
            region_code: person.region_code,
            sector: person.sector,
            gender: person.gender,
            languages: person.languages,
            public_name_consent: person.public_name_consent,
            created_at: person.created_at,
            updated_at: person.updated_at,
        },
    })
}

async fn registration_data(
    db: &impl ConnectionTrait,
    r: registrations::Model,
    event: events::Model,
) -> Result<RegistrationData, DomainError> {
    let questions: HashMap<i64, String> = event_questions::Entity::find()
        .filter(event_questions::Column::EventId.eq(event.id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.label))
        .collect();
    let answers = registration_answers::Entity::find()
        .filter(registration_answers::Column::RegistrationId.eq(r.id))
        .order_by_asc(registration_answers::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AnswerData {
            question: questions.get(&a.question_id).cloned().unwrap_or_default(),
            answer: a.value,
        })
        .collect();
    let sessions: HashMap<i64, String> = event_sessions::Entity::find()
        .filter(event_sessions::Column::EventId.eq(event.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.title))
        .collect();
    let attendance = attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.eq(r.id))
        .order_by_asc(attendance::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AttendanceData {
            day: a.day,
            session: a.session_id.and_then(|id| sessions.get(&id).cloned()),
        })
        .collect();
    let assessment_questions: HashMap<i64, String> = assessment_questions::Entity::find()
        .filter(assessment_questions::Column::EventId.eq(event.id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.text))
        .collect();
    let assessment = assessment_answers::Entity::find()
        .filter(assessment_answers::Column::RegistrationId.eq(r.id))
        .order_by_asc(assessment_answers::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AssessmentData {
            question: assessment_questions
                .get(&a.question_id)
                .cloned()
                .unwrap_or_default(),
            phase: a.phase,
            score: a.score,
            answered_at: a.answered_at,
        })
        .collect();
    let followups = followups::Entity::find()
        .filter(followups::Column::RegistrationId.eq(r.id))
        .order_by_asc(followups::Column::Months)
        .all(db)
        .await?
        .into_iter()
        .map(|f| FollowupData {
            months: f.months,
            advocacy: f.advocacy,
            engaged_with: f.engaged_with,
            support_needed: f.support_needed,
            answered_at: f.answered_at,
            quote_consent: f.quote_consent,
        })
        .collect();
    let status_changes = registration_status_changes::Entity::find()
        .filter(registration_status_changes::Column::RegistrationId.eq(r.id))
        .order_by_asc(registration_status_changes::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| StatusChangeData {
            from: c.from_status,
            to: c.to_status,
            at: c.changed_at,
        })
        .collect();
    let travel = travel_details::Entity::find_by_id(r.id)
        .one(db)
        .await?
        .map(|t| TravelData {
            from_city: t.from_city,
            from_country: t.from_country,
            nationality: t.nationality,
            visa_needed: t.visa_needed,
            arrival_at: t.arrival_at,
            arrival_means: t.arrival_means,
            arrival_number: t.arrival_number,
            departure_at: t.departure_at,
            departure_means: t.departure_means,
            departure_number: t.departure_number,
            arrangement: t.arrangement,
            passport_name: t.passport_name,
            passport_number: t.passport_number,
        });
    let payments = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.eq(r.id))
        .order_by_asc(travel_payments::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PaymentData {
            kind: p.kind,
            currency: p.currency,
            amount: p.amount,
            days: p.days,
            receipt: p.receipt,
            corrects: p.corrects_id,
            paid_at: p.paid_at,
        })
        .collect();
    Ok(RegistrationData {
        travel,
        payments,
        event: EventData {
            slug: event.slug,
            title: event.title,
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            city: event.city,
        },
        status: r.status,
        role: r.role,
        registered_at: r.created_at,
        consent_version: r.consent_version,
        consented_at: r.consented_at,
        interpretation_needed: r.interpretation_needed,
        dietary: r.dietary,
        accessibility: r.accessibility,
        travel_support: r.travel_support,
        walk_in: r.walk_in,
        answers,
        attendance,
        assessment,
        followups,
        status_changes,
    })
}

async fn speaker_roles(
    db: &impl ConnectionTrait,
    person_id: i64,
) -> Result<Vec<SpeakerRoleData>, DomainError> {
    let roles = session_roles::Entity::find()
        .filter(session_roles::Column::PersonId.eq(person_id))
        .order_by_asc(session_roles::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(roles.len());
    for role in roles {
        let Some(session) = event_sessions::Entity::find_by_id(role.session_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let event = events::Entity::find_by_id(session.event_id)
            .one(db)
            .await?
            .map(|e| e.title)
            .unwrap_or_default();
        out.push(SpeakerRoleData {
            event,
            session: session.title,
            role: role.role,
        });
    }
    Ok(out)
}
