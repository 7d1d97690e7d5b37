//! A person, kept once across all the events they take part in.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name_latin: String,
    /// The name in the person's own script.
    pub name_native: Option<String>,
    #[sea_orm(unique)]
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation_id: Option<i64>,
    pub position: Option<String>,
    pub country_code: Option<String>,
    pub region_code: Option<String>,
    pub sector: Option<String>,
    pub gender: Option<String>,
    /// Comma-separated language tags, e.g. "my,th,en".
    pub languages: String,
    pub public_name_consent: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When the person's identity was removed (statistics kept); None while they are known.
    pub anonymised_at: Option<DateTimeUtc>,
    /// The staff member who anonymised them (None: at their own request, or by retention).
    pub anonymised_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        on_delete = "SetNull"
    )]
    Organisations,
    #[sea_orm(
        belongs_to = "super::countries::Entity",
        from = "Column::CountryCode",
        to = "super::countries::Column::Code"
    )]
    Countries,
    #[sea_orm(
        belongs_to = "super::regions::Entity",
        from = "Column::RegionCode",
        to = "super::regions::Column::Code"
    )]
    Regions,
    #[sea_orm(has_many = "super::registrations::Entity")]
    Registrations,
    #[sea_orm(has_many = "super::session_roles::Entity")]
    SessionRoles,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisations.def()
    }
}

impl Related<super::countries::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Countries.def()
    }
}

impl Related<super::regions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Regions.def()
    }
}

impl Related<super::registrations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registrations.def()
    }
}

impl Related<super::session_roles::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SessionRoles.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
