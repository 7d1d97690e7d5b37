//! A forum series the network follows year after year ("ASEAN Forum on Migrant Labour",
//! slug `afml`); its numbered editions are events linked by `series_editions`.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub description: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::series_editions::Entity")]
    SeriesEditions,
}

impl Related<super::series_editions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SeriesEditions.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
