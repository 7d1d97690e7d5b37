//! Selecting trainees and inviting people: each staff reviewer's score and comment on an
//! application, the coordinator's targets per event (how many people of a country, gender
//! or sector they aim to accept), and invitations sent by e-mail with a private link.
//!
//! Only the SHA-256 of an invitation's token is stored. An address is invited once per
//! event (inviting it again sends a new link in place of the old one).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const TARGET_DIMENSIONS: &[&str] = &["country", "gender", "sector"];
pub const INVITATION_STATES: &[&str] = &["sent", "registered", "declined"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApplicationReviews::Table)
                    .col(big_pk_auto(ApplicationReviews::Id))
                    .col(big_integer(ApplicationReviews::RegistrationId))
                    .col(big_integer(ApplicationReviews::ReviewerId))
                    .col(small_integer(ApplicationReviews::Score))
                    .col(text(ApplicationReviews::Comment).default(""))
                    .col(timestamp_with_time_zone(ApplicationReviews::CreatedAt))
                    .col(timestamp_with_time_zone(ApplicationReviews::UpdatedAt))
                    .check((
                        "ck_application_reviews_score",
                        Expr::col(ApplicationReviews::Score)
                            .gte(1)
                            .and(Expr::col(ApplicationReviews::Score).lte(5)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ApplicationReviews::Table,
                                ApplicationReviews::RegistrationId,
                            )
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationReviews::Table, ApplicationReviews::ReviewerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_application_reviews_registration_reviewer")
                    .table(ApplicationReviews::Table)
                    .col(ApplicationReviews::RegistrationId)
                    .col(ApplicationReviews::ReviewerId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SelectionTargets::Table)
                    .col(big_pk_auto(SelectionTargets::Id))
                    .col(big_integer(SelectionTargets::EventId))
                    .col(string_len(SelectionTargets::Dimension, 20))
                    .col(string_len(SelectionTargets::Value, 60))
                    .col(integer(SelectionTargets::Target))
                    .check((
                        "ck_selection_targets_dimension",
                        Expr::col(SelectionTargets::Dimension)
                            .is_in(TARGET_DIMENSIONS.iter().copied()),
                    ))
                    .check((
                        "ck_selection_targets_target",
                        Expr::col(SelectionTargets::Target).gte(0),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SelectionTargets::Table, SelectionTargets::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_selection_targets_event_dimension_value")
                    .table(SelectionTargets::Table)
                    .col(SelectionTargets::EventId)
                    .col(SelectionTargets::Dimension)
                    .col(SelectionTargets::Value)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::EventId))
                    .col(string_len(Invitations::Email, 320))
                    .col(string_len(Invitations::Organisation, 200).default(""))
                    .col(string_len(Invitations::TokenHash, 64).unique_key())
                    .col(string_len(Invitations::Status, 20))
                    .col(big_integer_null(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone_null(Invitations::RespondedAt))
                    .col(big_integer_null(Invitations::RegistrationId))
                    .check((
                        "ck_invitations_status",
                        Expr::col(Invitations::Status).is_in(INVITATION_STATES.iter().copied()),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::InvitedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_invitations_event_email")
                    .table(Invitations::Table)
                    .col(Invitations::EventId)
                    .col(Invitations::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Invitations::Table.into_iden(),
            SelectionTargets::Table.into_iden(),
            ApplicationReviews::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ApplicationReviews {
    Table,
    Id,
    RegistrationId,
    ReviewerId,
    Score,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SelectionTargets {
    Table,
    Id,
    EventId,
    Dimension,
    Value,
    Target,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    EventId,
    Email,
    Organisation,
    TokenHash,
    Status,
    InvitedBy,
    CreatedAt,
    RespondedAt,
    RegistrationId,
}
