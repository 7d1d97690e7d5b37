//! A registration's travel: where from, nationality and visa, arrival and departure (UTC
//! instants; shown in the event's zone), who books the ticket, and the passport (staff only).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "travel_details")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub registration_id: i64,
    pub from_city: String,
    pub from_country: String,
    pub nationality: String,
    pub visa_needed: bool,
    pub arrival_at: Option<DateTimeUtc>,
    /// `flight`, `bus`, `train`, `car`, `boat`, `other` or empty.
    pub arrival_means: String,
    pub arrival_number: String,
    pub departure_at: Option<DateTimeUtc>,
    pub departure_means: String,
    pub departure_number: String,
    /// `network_books`, `refund`, `self` or empty.
    pub arrangement: String,
    /// The name as written in the passport (Latin letters).
    pub passport_name: String,
    /// Entered by staff; cleared by erasure and the retention purge. Never serialised.
    #[serde(skip_serializing)]
    pub passport_number: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::registrations::Entity",
        from = "Column::RegistrationId",
        to = "super::registrations::Column::Id",
        on_delete = "Cascade"
    )]
    Registrations,
}

impl Related<super::registrations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Registrations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
