//! An interpreter (a registration with the role `interpreter`) covering one language in one
//! agenda session; at most one row per session, language and interpreter.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "interpretation_assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    /// A language code of the fixed list (`th`, `ms`, `ksw`, …).
    pub language: String,
    pub registration_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event_sessions::Entity",
        from = "Column::SessionId",
        to = "super::event_sessions::Column::Id",
        on_delete = "Cascade"
    )]
    EventSessions,
    #[sea_orm(
        belongs_to = "super::registrations::Entity",
        from = "Column::RegistrationId",
        to = "super::registrations::Column::Id",
        on_delete = "Cascade"
    )]
    Registrations,
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

impl ActiveModelBehavior for ActiveModel {}
