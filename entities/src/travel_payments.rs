//! A payment to a participant (a per diem or a travel refund), append-only: a correction is
//! a new row naming the row it corrects and carrying the difference; `paid_at`/`paid_by` are
//! set once, when the money is handed over.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "travel_payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub registration_id: i64,
    /// `per_diem` or `refund`.
    pub kind: String,
    pub currency: String,
    /// Minor units (satang, cents); negative only on a correction.
    pub amount: i64,
    /// Days counted, for a per diem.
    pub days: Option<i32>,
    pub receipt: String,
    pub corrects_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i64>,
    pub paid_at: Option<DateTimeUtc>,
    pub paid_by: Option<i64>,
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
