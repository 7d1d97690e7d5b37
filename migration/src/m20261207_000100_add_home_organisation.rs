//! The network's own organisation: `organisations.home` marks the one organisation Sala
//! works for (the Mekong Migration Network in the demo). Side events scheduled at a forum
//! get it as their organiser. At most one row is home: the service clears the old one and
//! sets the new one in one write transaction, and a partial unique index keeps the rule
//! even against a writer that forgets (SQLite and PostgreSQL both index `WHERE home`).
//! A plain `ADD COLUMN` with a default: existing rows are not home.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "ux_organisations_home";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(
                        ColumnDef::new(Organisations::Home)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Organisations::Table)
                    .col(Organisations::Home)
                    .unique()
                    .and_where(Expr::col(Organisations::Home).eq(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(Organisations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::Home)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Home,
}
