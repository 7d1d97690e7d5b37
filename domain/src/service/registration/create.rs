//! The one way a registration row comes into being: the public form (`register`), a walk-in
//! at the door (`attendance::walk_in`) and an imported list (`import::confirm`) all insert it
//! here, with the first record of its status history.
use chrono::{DateTime, Utc};
use entities::registrations;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::{record_change, CONSENT_VERSION};
use crate::types::{RegistrationRole, RegistrationStatus, UserId};

/// A registration to insert.
pub(crate) struct NewRegistration {
    pub event_id: i64,
    pub person_id: i64,
    pub status: RegistrationStatus,
    pub role: RegistrationRole,
    /// Registered at the door on the day.
    pub walk_in: bool,
    /// The staff member who entered it; None when the registrant did, through the form.
    pub by: Option<UserId>,
    /// What the registrant gave on the public form; None for rows entered by staff (no
    /// consent recorded, no needs, no private link).
    pub form: Option<FormPart>,
}

/// The registration's part of the public form.
pub(crate) struct FormPart {
    /// SHA-256 of the private link's token.
    pub token_hash: String,
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: bool,
    pub submission_key: Option<String>,
    pub locale: String,
}

/// Inserts `new` and its first status-change record (from nothing to its status) through
/// `db`: the caller's transaction. It opens no transaction or connection of its own: inside
/// a write transaction on SQLite another one would wait for the first, which waits for it.
pub(crate) async fn create(
    db: &impl ConnectionTrait,
    new: NewRegistration,
    now: DateTime<Utc>,
) -> Result<registrations::Model, DbErr> {
    let mut model = registrations::ActiveModel {
        event_id: Set(new.event_id),
        person_id: Set(new.person_id),
        status: Set(new.status.as_str().to_owned()),
        role: Set(new.role.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        interpretation_needed: Set(String::new()),
        dietary: Set(String::new()),
        accessibility: Set(String::new()),
        travel_support: Set(false),
        walk_in: Set(new.walk_in),
        ..Default::default()
    };
    if let Some(form) = new.form {
        model.token_hash = Set(Some(form.token_hash));
        model.consent_version = Set(Some(CONSENT_VERSION.to_owned()));
        model.consented_at = Set(Some(now));
        model.interpretation_needed = Set(form.interpretation_needed);
        model.dietary = Set(form.dietary);
        model.accessibility = Set(form.accessibility);
        model.travel_support = Set(form.travel_support);
        model.submission_key = Set(form.submission_key);
        model.locale = Set(form.locale);
    }
    let registration = model.insert(db).await?;
    record_change(db, registration.id, None, new.status, new.by, now).await?;
    Ok(registration)
}
