//! Forum series and their numbered editions. A series ("ASEAN Forum on Migrant Labour",
//! slug `afml`) has yearly editions; an edition is an event (its dates, zone, city and
//! country are the event's) linked by `series_editions` with its number and theme. The
//! network's side events at an edition are child events (`events.parent_id`).
//!
//! `events.network_role` says whether the network organises the event (`organiser`, every
//! event so far) or attends someone else's (`attendee`: a forum edition, a government
//! consultation). `event_sessions.programme` says whose a session is: the network's own
//! (`own`), the host's programme (`host`, e.g. plenaries) or another organisation's side
//! event entered by hand (`other`, run by `organiser`); `must_attend` marks host sessions the
//! delegation must attend. Plain `ADD COLUMN`s with defaults: existing rows stay as they are.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const NETWORK_ROLES: &[&str] = &["organiser", "attendee"];
pub const PROGRAMMES: &[&str] = &["own", "host", "other"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Series::Table)
                    .col(big_pk_auto(Series::Id))
                    .col(string_len_uniq(Series::Slug, 80))
                    .col(string_len(Series::Name, 300))
                    .col(string_len(Series::Acronym, 40).default(""))
                    .col(text(Series::Description).default(""))
                    .col(timestamp_with_time_zone(Series::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SeriesEditions::Table)
                    .col(big_integer(SeriesEditions::EventId).primary_key())
                    .col(big_integer(SeriesEditions::SeriesId))
                    .col(integer(SeriesEditions::Number))
                    .col(text(SeriesEditions::Theme).default(""))
                    .check((
                        "ck_series_editions_number",
                        Expr::col(SeriesEditions::Number)
                            .gte(1)
                            .and(Expr::col(SeriesEditions::Number).lte(1000)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_series_editions_event")
                            .from(SeriesEditions::Table, SeriesEditions::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_series_editions_series")
                            .from(SeriesEditions::Table, SeriesEditions::SeriesId)
                            .to(Series::Table, Series::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_series_editions_series_number")
                    .table(SeriesEditions::Table)
                    .col(SeriesEditions::SeriesId)
                    .col(SeriesEditions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let add = |table: TableRef, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        manager
            .alter_table(add(
                Events::Table.into_table_ref(),
                ColumnDef::new(Events::NetworkRole)
                    .string_len(20)
                    .not_null()
                    .default("organiser")
                    .check(Expr::col(Events::NetworkRole).is_in(NETWORK_ROLES.iter().copied()))
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                EventSessions::Table.into_table_ref(),
                ColumnDef::new(EventSessions::Programme)
                    .string_len(20)
                    .not_null()
                    .default("own")
                    .check(Expr::col(EventSessions::Programme).is_in(PROGRAMMES.iter().copied()))
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                EventSessions::Table.into_table_ref(),
                ColumnDef::new(EventSessions::Organiser)
                    .string_len(300)
                    .not_null()
                    .default("")
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                EventSessions::Table.into_table_ref(),
                ColumnDef::new(EventSessions::MustAttend)
                    .boolean()
                    .not_null()
                    .default(false)
                    .to_owned(),
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            EventSessions::MustAttend,
            EventSessions::Organiser,
            EventSessions::Programme,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EventSessions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::NetworkRole)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SeriesEditions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Series::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Series {
    Table,
    Id,
    Slug,
    Name,
    Acronym,
    Description,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SeriesEditions {
    Table,
    EventId,
    SeriesId,
    Number,
    Theme,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    NetworkRole,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Programme,
    Organiser,
    MustAttend,
}
