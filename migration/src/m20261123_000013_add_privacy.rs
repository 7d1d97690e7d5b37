//! Privacy by default: a person can be anonymised (identity removed, statistics kept) and says
//! when and by whom; an event may say how many months after it ends its personal data is
//! purged, and records when that was done; `privacy_log` keeps what was erased, anonymised or
//! purged and by whom, without any personal data.
//!
//! Plain nullable `ADD COLUMN`s (one per statement, as SQLite wants): existing rows are
//! untouched (no one anonymised, events kept without limit).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What a `privacy_log` row records.
pub const PRIVACY_ACTIONS: &[&str] = &["erasure", "anonymisation", "retention"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: TableRef, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        manager
            .alter_table(add(
                People::Table.into_table_ref(),
                ColumnDef::new(People::AnonymisedAt)
                    .timestamp_with_time_zone()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                People::Table.into_table_ref(),
                ColumnDef::new(People::AnonymisedBy)
                    .big_integer()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Events::Table.into_table_ref(),
                ColumnDef::new(Events::RetentionMonths)
                    .integer()
                    .null()
                    .check(
                        Expr::col(Events::RetentionMonths)
                            .gte(1)
                            .and(Expr::col(Events::RetentionMonths).lte(1200)),
                    )
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Events::Table.into_table_ref(),
                ColumnDef::new(Events::PurgedAt)
                    .timestamp_with_time_zone()
                    .null()
                    .to_owned(),
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PrivacyLog::Table)
                    .col(big_pk_auto(PrivacyLog::Id))
                    .col(string_len(PrivacyLog::Action, 20))
                    .col(big_integer_null(PrivacyLog::PersonId))
                    .col(big_integer_null(PrivacyLog::EventId))
                    .col(big_integer_null(PrivacyLog::UserId))
                    .col(timestamp_with_time_zone(PrivacyLog::CreatedAt))
                    .check((
                        "ck_privacy_log_action",
                        Expr::col(PrivacyLog::Action).is_in(PRIVACY_ACTIONS.iter().copied()),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrivacyLog::Table).to_owned())
            .await?;
        let drop = |table: TableRef, column: DynIden| {
            Table::alter().table(table).drop_column(column).to_owned()
        };
        for column in [Events::PurgedAt, Events::RetentionMonths] {
            manager
                .alter_table(drop(Events::Table.into_table_ref(), column.into_iden()))
                .await?;
        }
        for column in [People::AnonymisedBy, People::AnonymisedAt] {
            manager
                .alter_table(drop(People::Table.into_table_ref(), column.into_iden()))
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum People {
    Table,
    AnonymisedAt,
    AnonymisedBy,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    RetentionMonths,
    PurgedAt,
}

#[derive(DeriveIden)]
enum PrivacyLog {
    Table,
    Id,
    Action,
    PersonId,
    EventId,
    UserId,
    CreatedAt,
}
