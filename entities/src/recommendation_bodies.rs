//! A body a recommendation is addressed to (afml, aichr, acmw, acwc, slom, government,
//! other), with a detail such as the government's country.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "recommendation_bodies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub recommendation_id: i64,
    pub body: String,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::recommendations::Entity",
        from = "Column::RecommendationId",
        to = "super::recommendations::Column::Id",
        on_delete = "Cascade"
    )]
    Recommendations,
}

impl Related<super::recommendations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Recommendations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
