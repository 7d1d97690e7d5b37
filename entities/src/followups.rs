//! A trainee's check-in some months after a training: their answers, when they were
//! reminded, and the staff's note. A row exists once any of these exists.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "followups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub registration_id: i64,
    /// Months after the training's last day.
    pub months: i16,
    pub advocacy: String,
    pub engaged_with: String,
    pub support_needed: String,
    pub answered_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub staff_note: String,
    pub updated_at: DateTimeUtc,
    /// The trainee agreed that their answer on advocacy may be quoted, without their name, in
    /// the network's reports.
    pub quote_consent: bool,
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
