//! A person's role in an agenda session (speaker, panelist, moderator, ...), in display order.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "session_roles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub person_id: i64,
    pub role: String,
    pub position: i32,
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
        belongs_to = "super::people::Entity",
        from = "Column::PersonId",
        to = "super::people::Column::Id",
        on_delete = "Cascade"
    )]
    People,
}

impl Related<super::event_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventSessions.def()
    }
}

impl Related<super::people::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::People.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
