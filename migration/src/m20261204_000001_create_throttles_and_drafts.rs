//! What several `sala serve` processes on one database must share about strangers' requests:
//!
//! - `throttles`: counters per bucket (sign-in failures per account × address and per
//!   address; public requests per address and minute). `count` is the failures or requests
//!   counted since `since`; `blocked_until` is when the bucket lets requests through again.
//! - `form_drafts`: a refused no-JavaScript form's content, kept for the page the person is
//!   sent back to (which another process may serve). Only a hash of the draft's id is kept.
//!
//! Both are short-lived: the hourly housekeeping pass deletes stale rows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Throttles::Table)
                    .col(string_len(Throttles::Bucket, 400).primary_key())
                    .col(integer(Throttles::Count))
                    .col(timestamp_with_time_zone(Throttles::Since))
                    .col(timestamp_with_time_zone(Throttles::BlockedUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_throttles_since")
                    .table(Throttles::Table)
                    .col(Throttles::Since)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FormDrafts::Table)
                    .col(string_len(FormDrafts::IdHash, 64).primary_key())
                    .col(string_len(FormDrafts::Kind, 200))
                    .col(text(FormDrafts::Body))
                    .col(timestamp_with_time_zone(FormDrafts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_form_drafts_created_at")
                    .table(FormDrafts::Table)
                    .col(FormDrafts::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormDrafts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Throttles::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Throttles {
    Table,
    Bucket,
    Count,
    Since,
    BlockedUntil,
}

#[derive(DeriveIden)]
enum FormDrafts {
    Table,
    IdHash,
    Kind,
    Body,
    CreatedAt,
}
