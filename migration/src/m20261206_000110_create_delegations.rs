//! Who went to an event the network attends but does not organise (a forum edition, a
//! government consultation, an AICHR meeting): people already in Sala, in a role
//! (`delegate`, `speaker`, `panelist`), with what they presented and a short outcome note.
//! One row per event and person; an event's or a person's rows go with it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const DELEGATION_ROLES: &[&str] = &["delegate", "speaker", "panelist"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DelegationMembers::Table)
                    .col(big_pk_auto(DelegationMembers::Id))
                    .col(big_integer(DelegationMembers::EventId))
                    .col(big_integer(DelegationMembers::PersonId))
                    .col(string_len(DelegationMembers::Role, 20))
                    .col(text(DelegationMembers::Presented).default(""))
                    .col(text(DelegationMembers::Outcome).default(""))
                    .col(timestamp_with_time_zone(DelegationMembers::CreatedAt))
                    .check((
                        "ck_delegation_members_role",
                        Expr::col(DelegationMembers::Role).is_in(DELEGATION_ROLES.iter().copied()),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delegation_members_event")
                            .from(DelegationMembers::Table, DelegationMembers::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delegation_members_person")
                            .from(DelegationMembers::Table, DelegationMembers::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_delegation_members_event_person")
                    .table(DelegationMembers::Table)
                    .col(DelegationMembers::EventId)
                    .col(DelegationMembers::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_delegation_members_person_id")
                    .table(DelegationMembers::Table)
                    .col(DelegationMembers::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DelegationMembers::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DelegationMembers {
    Table,
    Id,
    EventId,
    PersonId,
    Role,
    Presented,
    Outcome,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}
