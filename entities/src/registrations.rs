//! A person's registration for an event (at most one per person per event).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub person_id: i64,
    pub status: String,
    pub role: String,
    /// Hash of the private-link token; never serialised to clients.
    #[sea_orm(unique)]
    #[serde(skip_serializing)]
    pub token_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The privacy-notice version the registrant agreed to (None for rows entered by staff).
    pub consent_version: Option<String>,
    pub consented_at: Option<DateTimeUtc>,
    /// Languages the registrant needs interpreted, as typed.
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: bool,
    /// Idempotency key sent with the registration form; never serialised to clients.
    #[sea_orm(unique)]
    #[serde(skip_serializing)]
    pub submission_key: Option<String>,
    /// Registered at the door on the day (counts as attended; never blocked by capacity).
    pub walk_in: bool,
    /// The language the registration form was shown in (`en`, `th`, …): e-mails to the
    /// registrant are written in it.
    pub locale: String,
    /// Opens the registrant's calendar feed (`/c/{token}/calendar.ics`); set when the private
    /// page is first shown, kept when private links are renewed. Never serialised to clients.
    #[sea_orm(unique)]
    #[serde(skip_serializing)]
    pub calendar_token: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::events::Entity",
        from = "Column::EventId",
        to = "super::events::Column::Id",
        on_delete = "Cascade"
    )]
    Events,
    #[sea_orm(
        belongs_to = "super::people::Entity",
        from = "Column::PersonId",
        to = "super::people::Column::Id",
        on_delete = "Cascade"
    )]
    People,
    #[sea_orm(has_many = "super::attendance::Entity")]
    Attendance,
    #[sea_orm(has_many = "super::registration_status_changes::Entity")]
    RegistrationStatusChanges,
}

impl Related<super::events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Events.def()
    }
}

impl Related<super::people::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::People.def()
    }
}

impl Related<super::attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendance.def()
    }
}

impl Related<super::registration_status_changes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RegistrationStatusChanges.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
