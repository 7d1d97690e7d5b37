//! E-mail address changes waiting for their confirmation: the private page asks for a new
//! address, a link goes to that address, and only opening it replaces the person's address.
//! Only the SHA-256 of the link's token is stored; a registration's changes go with it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailChanges::Table)
                    .col(big_pk_auto(EmailChanges::Id))
                    .col(big_integer(EmailChanges::RegistrationId))
                    .col(text(EmailChanges::NewEmail))
                    .col(string_len(EmailChanges::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(EmailChanges::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_changes_registration")
                            .from(EmailChanges::Table, EmailChanges::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_changes_registration_id")
                    .table(EmailChanges::Table)
                    .col(EmailChanges::RegistrationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailChanges {
    Table,
    Id,
    RegistrationId,
    NewEmail,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}
