//! The language a registration was made in (`registrations.locale`, a BCP 47 primary tag such
//! as `th`): every e-mail to that registrant is written in it. Existing rows, and rows entered
//! by staff, get English.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .add_column(
                        ColumnDef::new(Registrations::Locale)
                            .string_len(8)
                            .not_null()
                            .default("en"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(Registrations::Locale)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Locale,
}
