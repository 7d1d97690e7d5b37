//! A person marked present on an event-local day (`session_id` NULL) or at one session.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub registration_id: i64,
    /// The calendar day in the event's time zone.
    pub day: Date,
    /// `None` means the whole day.
    pub session_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::registrations::Entity",
        from = "Column::RegistrationId",
        to = "super::registrations::Column::Id",
        on_delete = "Cascade"
    )]
    Registrations,
    #[sea_orm(
        belongs_to = "super::event_sessions::Entity",
        from = "Column::SessionId",
        to = "super::event_sessions::Column::Id",
        on_delete = "Cascade"
    )]
    EventSessions,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RecordedBy",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    Users,
}

impl Related<super::registrations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registrations.def()
    }
}

impl Related<super::event_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventSessions.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
