//! A refused form's content, kept briefly for the page the person is sent back to.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "form_drafts")]
pub struct Model {
    /// Hash of the draft's id; the id itself is only in the address the person returns to.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub kind: String,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
