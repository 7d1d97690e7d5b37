//! The organiser's details visa letters are printed on: one per event, or global (no event).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "letterheads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: Option<i64>,
    pub organisation: String,
    pub address: String,
    pub signatory: String,
    pub signatory_title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
