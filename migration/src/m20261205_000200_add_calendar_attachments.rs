//! Calendars that travel with the e-mail, and each registrant's own calendar feed.
//!
//! `outbox.calendar_event_id` and `outbox.calendar_lang` name the event whose calendar file a
//! message carries and the language of its texts; the sender writes the file when it sends,
//! so the attachment shows the agenda as it is then. No foreign key: the outbox is a record
//! of what was written, and an event that is gone simply leaves its messages without a
//! calendar (SQLite also cannot drop a column that is part of a foreign key).
//!
//! `registrations.calendar_token` opens the registrant's calendar feed (`/c/{token}/calendar.ics`).
//! It is set the first time the private page is shown and stays when private links are
//! renewed, so a subscription keeps working; erasure and the retention purge clear it. Unlike
//! the private link it is kept as it is, not hashed: the page must be able to show it again,
//! and it opens nothing but a read-only calendar of what the same row already holds.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TOKEN_INDEX: &str = "ux_registrations_calendar_token";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: TableRef, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        manager
            .alter_table(add(
                Outbox::Table.into_table_ref(),
                ColumnDef::new(Outbox::CalendarEventId)
                    .big_integer()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Outbox::Table.into_table_ref(),
                ColumnDef::new(Outbox::CalendarLang)
                    .string_len(8)
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Registrations::Table.into_table_ref(),
                ColumnDef::new(Registrations::CalendarToken)
                    .string_len(64)
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(TOKEN_INDEX)
                    .table(Registrations::Table)
                    .col(Registrations::CalendarToken)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(TOKEN_INDEX)
                    .table(Registrations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(Registrations::CalendarToken)
                    .to_owned(),
            )
            .await?;
        for column in [Outbox::CalendarLang, Outbox::CalendarEventId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Outbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    CalendarEventId,
    CalendarLang,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    CalendarToken,
}
