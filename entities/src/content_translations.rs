//! A translation of one field of an event's own content (the event, a session or a custom
//! question) into one language.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "content_translations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// `event`, `session` or `question`.
    pub owner_kind: String,
    /// The id of the event, session or question.
    pub owner_id: i64,
    /// Set for a session's translations (deleted with it).
    pub session_id: Option<i64>,
    /// Set for a question's translations (deleted with it).
    pub question_id: Option<i64>,
    /// `title`, `summary`, `description`, `label` or `options` (one per line).
    pub field: String,
    /// The language tag (`th`, `my`, `km`, `lo`, `vi`, `zh`).
    pub locale: String,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
