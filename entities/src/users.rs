//! A staff account. `role` is one of admin, coordinator, staff.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stored lower-case.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// Never serialised to clients.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub role: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::login_sessions::Entity")]
    LoginSessions,
    #[sea_orm(has_many = "super::events::Entity")]
    Events,
}

impl Related<super::login_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LoginSessions.def()
    }
}

impl Related<super::events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Events.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
