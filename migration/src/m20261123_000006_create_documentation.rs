//! What an event leaves behind: rapporteurs' notes per session, numbered recommendations
//! (addressed to whom, with a status), a summary and executive summaries in the network's
//! languages, and whether the proceedings are published.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const RECOMMENDATION_STATUSES: &[&str] = &["proposed", "adopted", "in_progress", "implemented"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(EventSessions::Table)
                    .add_column(text(EventSessions::Notes).default(""))
                    .to_owned(),
            )
            .await?;
        for column in [
            text(Events::ProceedingsSummary).default("").to_owned(),
            boolean(Events::ProceedingsPublic).default(false).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Recommendations::Table)
                    .col(big_pk_auto(Recommendations::Id))
                    .col(big_integer(Recommendations::EventId))
                    .col(integer(Recommendations::Position))
                    .col(text(Recommendations::Text))
                    .col(string_len(Recommendations::AddressedTo, 300).default(""))
                    .col(string_len(Recommendations::Status, 20))
                    .check((
                        "ck_recommendations_status",
                        Expr::col(Recommendations::Status)
                            .is_in(RECOMMENDATION_STATUSES.iter().copied()),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Recommendations::Table, Recommendations::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recommendations_event_id")
                    .table(Recommendations::Table)
                    .col(Recommendations::EventId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExecutiveSummaries::Table)
                    .col(big_pk_auto(ExecutiveSummaries::Id))
                    .col(big_integer(ExecutiveSummaries::EventId))
                    .col(string_len(ExecutiveSummaries::Language, 8))
                    .col(text(ExecutiveSummaries::Text))
                    .check((
                        "ck_executive_summaries_language",
                        Expr::col(ExecutiveSummaries::Language)
                            .is_in(["en", "th", "my", "km", "lo", "vi", "zh"]),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ExecutiveSummaries::Table, ExecutiveSummaries::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_executive_summaries_event_language")
                    .table(ExecutiveSummaries::Table)
                    .col(ExecutiveSummaries::EventId)
                    .col(ExecutiveSummaries::Language)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ExecutiveSummaries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Recommendations::Table).to_owned())
            .await?;
        for column in [Events::ProceedingsPublic, Events::ProceedingsSummary] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(EventSessions::Table)
                    .drop_column(EventSessions::Notes)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Notes,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    ProceedingsSummary,
    ProceedingsPublic,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
    EventId,
    Position,
    Text,
    AddressedTo,
    Status,
}

#[derive(DeriveIden)]
enum ExecutiveSummaries {
    Table,
    Id,
    EventId,
    Language,
    Text,
}
