//! Attendance details: registrations made at the door (walk-ins) are marked as such, and each
//! event says what share of its days a trainee must attend to complete it.
//!
//! Plain `ADD COLUMN`s with defaults: SQLite adds them without rebuilding the tables, and
//! existing rows get the default (no walk-ins; 80 %).

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
                        ColumnDef::new(Registrations::WalkIn)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(
                        ColumnDef::new(Events::CompletionPercent)
                            .small_integer()
                            .not_null()
                            .default(80)
                            .check(
                                Expr::col(Events::CompletionPercent)
                                    .gte(1)
                                    .and(Expr::col(Events::CompletionPercent).lte(100)),
                            ),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::CompletionPercent)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(Registrations::WalkIn)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    WalkIn,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    CompletionPercent,
}
