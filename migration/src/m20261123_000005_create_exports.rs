//! A record of every export of participant data: who took which event's list, when, how many rows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Exports::Table)
                    .col(big_pk_auto(Exports::Id))
                    .col(big_integer_null(Exports::UserId))
                    .col(big_integer(Exports::EventId))
                    .col(string_len(Exports::Kind, 20))
                    .col(integer(Exports::RowCount))
                    .col(timestamp_with_time_zone(Exports::CreatedAt))
                    .check((
                        "ck_exports_kind",
                        Expr::col(Exports::Kind).is_in(["participants_csv"]),
                    ))
                    .check(("ck_exports_row_count", Expr::col(Exports::RowCount).gte(0)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Exports::Table, Exports::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Exports::Table, Exports::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_exports_event_id")
                    .table(Exports::Table)
                    .col(Exports::EventId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Exports::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Exports {
    Table,
    Id,
    UserId,
    EventId,
    Kind,
    RowCount,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}
