//! An e-mail waiting to be sent (or, without a mail server, to be read by staff).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    /// None while the message waits to be sent.
    pub sent_at: Option<DateTimeUtc>,
    /// The last sending failure, if any.
    pub last_error: Option<String>,
    pub attempts: i32,
    /// Not to be tried before this moment: a sender's claim (a lease) or the end of the
    /// backoff after a failure. None: may be tried now.
    pub not_before: Option<DateTimeUtc>,
    /// The event whose calendar file (`.ics`) goes with the message, written when it is sent.
    pub calendar_event_id: Option<i64>,
    /// The language of that calendar's texts (`en`, `th`, …).
    pub calendar_lang: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
