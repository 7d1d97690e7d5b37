//! Online registration: what a registrant tells us beyond their person record (consent,
//! interpretation, dietary and accessibility needs, travel support), an idempotency key
//! for form resubmissions, and the `outbox` of e-mails waiting to be sent.
//!
//! Columns are added one `ALTER TABLE` at a time (SQLite takes one change per statement)
//! and every new column is nullable or has a default, so existing rows stay valid.
//! SQLite cannot add a UNIQUE column, so `submission_key` gets a unique index instead
//! (NULLs are distinct in it on both databases).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            // The version of the privacy notice the registrant agreed to, and when.
            text_null(Registrations::ConsentVersion),
            timestamp_with_time_zone_null(Registrations::ConsentedAt),
            text(Registrations::InterpretationNeeded)
                .default("")
                .to_owned(),
            text(Registrations::Dietary).default("").to_owned(),
            text(Registrations::Accessibility).default("").to_owned(),
            boolean(Registrations::TravelSupport)
                .default(false)
                .to_owned(),
            // Sent with the form once; a resubmission with the same key is the same registration.
            text_null(Registrations::SubmissionKey),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Registrations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_registrations_submission_key")
                    .table(Registrations::Table)
                    .col(Registrations::SubmissionKey)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(text(Outbox::ToEmail))
                    .col(text(Outbox::Subject))
                    .col(text(Outbox::Body))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(text_null(Outbox::LastError))
                    .col(integer(Outbox::Attempts).default(0))
                    .check(("ck_outbox_attempts", Expr::col(Outbox::Attempts).gte(0)))
                    .to_owned(),
            )
            .await?;
        // The sender's query: unsent messages, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_sent_at_id")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await?;
        // SQLite refuses to drop an indexed column: the index goes first.
        manager
            .drop_index(
                Index::drop()
                    .name("ux_registrations_submission_key")
                    .table(Registrations::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Registrations::SubmissionKey,
            Registrations::TravelSupport,
            Registrations::Accessibility,
            Registrations::Dietary,
            Registrations::InterpretationNeeded,
            Registrations::ConsentedAt,
            Registrations::ConsentVersion,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Registrations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    ConsentVersion,
    ConsentedAt,
    InterpretationNeeded,
    Dietary,
    Accessibility,
    TravelSupport,
    SubmissionKey,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    ToEmail,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    LastError,
    Attempts,
}
