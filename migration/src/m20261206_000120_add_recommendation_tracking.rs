//! Recommendations followed across years.
//!
//! - `recommendation_bodies`: whom a recommendation is addressed to (AFML, AICHR, ACMW, ACWC,
//!   SLOM, a government, another body), with a detail such as the government's country.
//! - `recommendation_status_changes`: its dated history ("raised at the 10th AFML",
//!   "reflected in the Consensus", "no response"), each with a note and who recorded it.
//!   The latest change is its tracking status; none yet means it is still open.
//! - `recommendation_carries`: a recommendation brought again to a later event is a new
//!   `recommendations` row of that event, linked here to the one it was carried from.
//!
//! Separate tables rather than new columns: the existing `recommendations.status` (the
//! documentation's own proposed/adopted/... value) stays as it is, and SQLite cannot drop a
//! column that is part of a foreign key.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const BODIES: &[&str] = &[
    "afml",
    "aichr",
    "acmw",
    "acwc",
    "slom",
    "government",
    "other",
];
pub const TRACKING_STATUSES: &[&str] = &[
    "raised",
    "acknowledged",
    "no_response",
    "reflected",
    "implemented",
    "carried",
    "dropped",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let to_recommendation = |name: &str, from: RecommendationLink| {
            ForeignKey::create()
                .name(name)
                .from_tbl(from.table())
                .from_col(from.column())
                .to(Recommendations::Table, Recommendations::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(RecommendationBodies::Table)
                    .col(big_pk_auto(RecommendationBodies::Id))
                    .col(big_integer(RecommendationBodies::RecommendationId))
                    .col(string_len(RecommendationBodies::Body, 20))
                    .col(string_len(RecommendationBodies::Detail, 200).default(""))
                    .check((
                        "ck_recommendation_bodies_body",
                        Expr::col(RecommendationBodies::Body).is_in(BODIES.iter().copied()),
                    ))
                    .foreign_key(&mut to_recommendation(
                        "fk_recommendation_bodies_recommendation",
                        RecommendationLink::Bodies,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_recommendation_bodies_recommendation_body_detail")
                    .table(RecommendationBodies::Table)
                    .col(RecommendationBodies::RecommendationId)
                    .col(RecommendationBodies::Body)
                    .col(RecommendationBodies::Detail)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecommendationStatusChanges::Table)
                    .col(big_pk_auto(RecommendationStatusChanges::Id))
                    .col(big_integer(RecommendationStatusChanges::RecommendationId))
                    .col(string_len(RecommendationStatusChanges::Status, 20))
                    .col(date(RecommendationStatusChanges::NotedOn))
                    .col(text(RecommendationStatusChanges::Note).default(""))
                    .col(big_integer_null(RecommendationStatusChanges::ChangedBy))
                    .col(timestamp_with_time_zone(
                        RecommendationStatusChanges::CreatedAt,
                    ))
                    .check((
                        "ck_recommendation_status_changes_status",
                        Expr::col(RecommendationStatusChanges::Status)
                            .is_in(TRACKING_STATUSES.iter().copied()),
                    ))
                    .foreign_key(&mut to_recommendation(
                        "fk_recommendation_status_changes_recommendation",
                        RecommendationLink::StatusChanges,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recommendation_status_changes_user")
                            .from(
                                RecommendationStatusChanges::Table,
                                RecommendationStatusChanges::ChangedBy,
                            )
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recommendation_status_changes_recommendation_id")
                    .table(RecommendationStatusChanges::Table)
                    .col(RecommendationStatusChanges::RecommendationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecommendationCarries::Table)
                    .col(big_integer(RecommendationCarries::RecommendationId).primary_key())
                    .col(big_integer(RecommendationCarries::CarriedFromId))
                    .check((
                        "ck_recommendation_carries_not_itself",
                        Expr::col(RecommendationCarries::RecommendationId)
                            .ne(Expr::col(RecommendationCarries::CarriedFromId)),
                    ))
                    .foreign_key(&mut to_recommendation(
                        "fk_recommendation_carries_recommendation",
                        RecommendationLink::Carried,
                    ))
                    .foreign_key(&mut to_recommendation(
                        "fk_recommendation_carries_from",
                        RecommendationLink::CarriedFrom,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recommendation_carries_carried_from_id")
                    .table(RecommendationCarries::Table)
                    .col(RecommendationCarries::CarriedFromId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RecommendationCarries::Table.into_table_ref(),
            RecommendationStatusChanges::Table.into_table_ref(),
            RecommendationBodies::Table.into_table_ref(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The columns that point at a recommendation.
#[derive(Clone, Copy)]
enum RecommendationLink {
    Bodies,
    StatusChanges,
    Carried,
    CarriedFrom,
}

impl RecommendationLink {
    fn table(self) -> TableRef {
        match self {
            Self::Bodies => RecommendationBodies::Table.into_table_ref(),
            Self::StatusChanges => RecommendationStatusChanges::Table.into_table_ref(),
            Self::Carried | Self::CarriedFrom => RecommendationCarries::Table.into_table_ref(),
        }
    }

    fn column(self) -> DynIden {
        match self {
            Self::Bodies => RecommendationBodies::RecommendationId.into_iden(),
            Self::StatusChanges => RecommendationStatusChanges::RecommendationId.into_iden(),
            Self::Carried => RecommendationCarries::RecommendationId.into_iden(),
            Self::CarriedFrom => RecommendationCarries::CarriedFromId.into_iden(),
        }
    }
}

#[derive(DeriveIden)]
enum RecommendationBodies {
    Table,
    Id,
    RecommendationId,
    Body,
    Detail,
}

#[derive(DeriveIden)]
enum RecommendationStatusChanges {
    Table,
    Id,
    RecommendationId,
    Status,
    NotedOn,
    Note,
    ChangedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecommendationCarries {
    Table,
    RecommendationId,
    CarriedFromId,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
