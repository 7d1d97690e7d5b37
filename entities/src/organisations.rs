//! An organisation people belong to and events are organised, supported or funded by.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    pub acronym: Option<String>,
    pub country_code: Option<String>,
    /// Same values as `people.sector`.
    pub sector: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTimeUtc,
    /// The network's own organisation (at most one row): the organiser of its side events.
    pub home: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::countries::Entity",
        from = "Column::CountryCode",
        to = "super::countries::Column::Code"
    )]
    Countries,
    #[sea_orm(has_many = "super::people::Entity")]
    People,
    #[sea_orm(has_many = "super::event_organisations::Entity")]
    EventOrganisations,
}

impl Related<super::countries::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Countries.def()
    }
}

impl Related<super::people::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::People.def()
    }
}

impl Related<super::event_organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventOrganisations.def()
    }
}

impl Related<super::events::Entity> for Entity {
    fn to() -> RelationDef {
        super::event_organisations::Relation::Events.def()
    }

    fn via() -> Option<RelationDef> {
        Some(
            super::event_organisations::Relation::Organisations
                .def()
                .rev(),
        )
    }
}

impl ActiveModelBehavior for ActiveModel {}
