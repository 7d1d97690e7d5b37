//! An invitation to an event sent to an e-mail address (a person, or an organisation that
//! passes it on), with a private link that registers or declines. State: `sent`,
//! `registered` or `declined`.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub email: String,
    /// The organisation invited through this address ("" for a person).
    pub organisation: String,
    /// Hash of the link's token; the token itself is only ever in the e-mail.
    #[sea_orm(unique)]
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub status: String,
    pub invited_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub responded_at: Option<DateTimeUtc>,
    /// The registration the link made.
    pub registration_id: Option<i64>,
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
}

impl ActiveModelBehavior for ActiveModel {}
