//! A unit of an event's agenda (opening, panel, group work, break, ...). Named
//! `event_sessions` because "session" alone means a staff sign-in (`login_sessions`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "event_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub room: String,
    pub language: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The rapporteur's notes: paragraphs separated by blank lines, list items by "- ".
    pub notes: String,
    /// Whose session it is: `own` (the network's), `host` (the host's programme, e.g. a
    /// plenary) or `other` (another organisation's side event entered by hand).
    pub programme: String,
    /// Who runs an `other` session.
    pub organiser: String,
    /// A host session the delegation must attend.
    pub must_attend: bool,
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
    #[sea_orm(has_many = "super::session_roles::Entity")]
    SessionRoles,
    #[sea_orm(has_many = "super::attendance::Entity")]
    Attendance,
}

impl Related<super::events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Events.def()
    }
}

impl Related<super::session_roles::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SessionRoles.def()
    }
}

impl Related<super::attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendance.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
