//! What was erased, anonymised or purged, when and by whom: ids only, never personal data.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "privacy_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `erasure` (the person asked), `anonymisation` (staff) or `retention` (an event's purge).
    pub action: String,
    pub person_id: Option<i64>,
    pub event_id: Option<i64>,
    pub user_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
