//! Participant-list imports waiting for a coordinator's confirmation (the uploaded rows, kept
//! server-side between the preview and the confirm step), and the export log's kinds widened
//! to the Excel export.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KINDS: [&str; 2] = ["participants_csv", "participants_xlsx"];

fn exports_table(name: impl IntoIden, kinds: &[&'static str]) -> TableCreateStatement {
    let name = name.into_iden();
    Table::create()
        .table(name.clone())
        .col(big_pk_auto(Exports::Id))
        .col(big_integer_null(Exports::UserId))
        .col(big_integer(Exports::EventId))
        .col(string_len(Exports::Kind, 20))
        .col(integer(Exports::RowCount))
        .col(timestamp_with_time_zone(Exports::CreatedAt))
        .check((
            "ck_exports_kind",
            Expr::col(Exports::Kind).is_in(kinds.iter().copied()),
        ))
        .check(("ck_exports_row_count", Expr::col(Exports::RowCount).gte(0)))
        .foreign_key(
            ForeignKey::create()
                .from(name.clone(), Exports::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::SetNull),
        )
        .foreign_key(
            ForeignKey::create()
                .from(name, Exports::EventId)
                .to(Events::Table, Events::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// Rebuilds `exports` allowing `kinds`. SQLite cannot change a CHECK constraint in place, so
/// there the table is copied into a new one; PostgreSQL swaps the constraint.
async fn set_export_kinds(
    manager: &SchemaManager<'_>,
    kinds: &[&'static str],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if manager.get_database_backend() == DbBackend::Postgres {
        let list = kinds
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        db.execute_unprepared("ALTER TABLE exports DROP CONSTRAINT ck_exports_kind")
            .await?;
        db.execute_unprepared(&format!(
            "ALTER TABLE exports ADD CONSTRAINT ck_exports_kind CHECK (kind IN ({list}))"
        ))
        .await?;
        return Ok(());
    }
    manager
        .create_table(exports_table(Alias::new("exports_new"), kinds))
        .await?;
    db.execute_unprepared(
        "INSERT INTO exports_new (id, user_id, event_id, kind, row_count, created_at) \
         SELECT id, user_id, event_id, kind, row_count, created_at FROM exports",
    )
    .await?;
    manager
        .drop_table(Table::drop().table(Exports::Table).to_owned())
        .await?;
    manager
        .rename_table(
            Table::rename()
                .table(Alias::new("exports_new"), Exports::Table)
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PendingImports::Table)
                    .col(string_len(PendingImports::Id, 64).primary_key())
                    .col(big_integer(PendingImports::EventId))
                    .col(big_integer(PendingImports::UserId))
                    .col(string_len(PendingImports::FileName, 300))
                    .col(text(PendingImports::Content))
                    .col(timestamp_with_time_zone(PendingImports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pending_imports_event")
                            .from(PendingImports::Table, PendingImports::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pending_imports_user")
                            .from(PendingImports::Table, PendingImports::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        set_export_kinds(manager, &KINDS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM exports WHERE kind = 'participants_xlsx'")
            .await?;
        set_export_kinds(manager, &KINDS[..1]).await?;
        manager
            .drop_table(Table::drop().table(PendingImports::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PendingImports {
    Table,
    Id,
    EventId,
    UserId,
    FileName,
    Content,
    CreatedAt,
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
