//! An event: a training, consultation meeting, workshop, forum, symposium, side event or
//! general conference. Instants are UTC; `timezone` (IANA) says how to show them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub summary: String,
    pub description: String,
    /// The host forum of a side event, or the series the event belongs to.
    pub parent_id: Option<i64>,
    /// IANA time zone name, e.g. "Asia/Yangon".
    pub timezone: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub venue_name: String,
    pub venue_address: String,
    pub city: String,
    pub country_code: Option<String>,
    pub status: String,
    pub visibility: String,
    pub capacity: Option<i32>,
    pub registration_mode: String,
    pub registration_opens_at: Option<DateTimeUtc>,
    pub registration_closes_at: Option<DateTimeUtc>,
    /// Comma-separated language tags.
    pub working_languages: String,
    /// Comma-separated language tags.
    pub interpretation_languages: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The summary printed in the proceedings.
    pub proceedings_summary: String,
    /// Whether anyone may download the proceedings (otherwise staff only).
    pub proceedings_public: bool,
    /// A trainee completes the event when present on at least this share (1-100 %) of its days.
    pub completion_percent: i16,
    /// Follow-up check-ins, in months after the last day, e.g. "1,3,6" ("" = none).
    pub followup_months: String,
    /// Personal data is purged this many months after the event ends (None: kept).
    pub retention_months: Option<i32>,
    /// When the event's personal data was purged under `retention_months`.
    pub purged_at: Option<DateTimeUtc>,
    /// `organiser` (the network's own event) or `attendee` (someone else's event the network
    /// attends: a forum edition, a government consultation).
    pub network_role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The host forum or series (self-reference; use `Relation::Parent.def()`).
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "SetNull"
    )]
    Parent,
    #[sea_orm(
        belongs_to = "super::countries::Entity",
        from = "Column::CountryCode",
        to = "super::countries::Column::Code"
    )]
    Countries,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    Users,
    #[sea_orm(has_many = "super::event_objectives::Entity")]
    EventObjectives,
    #[sea_orm(has_many = "super::event_organisations::Entity")]
    EventOrganisations,
    #[sea_orm(has_many = "super::event_sessions::Entity")]
    EventSessions,
    #[sea_orm(has_many = "super::registrations::Entity")]
    Registrations,
}

impl Related<super::countries::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Countries.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::event_objectives::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventObjectives.def()
    }
}

impl Related<super::event_organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventOrganisations.def()
    }
}

impl Related<super::event_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventSessions.def()
    }
}

impl Related<super::registrations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registrations.def()
    }
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_organisations::Relation::Organisations.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::event_organisations::Relation::Events.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
