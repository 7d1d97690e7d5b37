//! What happens after a training: a scored questionnaire trainees answer before and after it
//! (the assessment), check-ins some months later (the follow-up plan, with reminders and staff
//! notes), and extra private links so a reminder can carry a link without replacing the one
//! the person already has.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(string_len(Events::FollowupMonths, 60).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RegistrationLinks::Table)
                    .col(big_pk_auto(RegistrationLinks::Id))
                    .col(big_integer(RegistrationLinks::RegistrationId))
                    .col(string_len(RegistrationLinks::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(RegistrationLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationLinks::Table, RegistrationLinks::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AssessmentQuestions::Table)
                    .col(big_pk_auto(AssessmentQuestions::Id))
                    .col(big_integer(AssessmentQuestions::EventId))
                    .col(integer(AssessmentQuestions::Position))
                    .col(text(AssessmentQuestions::Text))
                    .col(small_integer(AssessmentQuestions::MaxScore))
                    .check((
                        "ck_assessment_questions_max_score",
                        Expr::col(AssessmentQuestions::MaxScore)
                            .gte(2)
                            .and(Expr::col(AssessmentQuestions::MaxScore).lte(10)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssessmentQuestions::Table, AssessmentQuestions::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_assessment_questions_event_id")
                    .table(AssessmentQuestions::Table)
                    .col(AssessmentQuestions::EventId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AssessmentAnswers::Table)
                    .col(big_pk_auto(AssessmentAnswers::Id))
                    .col(big_integer(AssessmentAnswers::RegistrationId))
                    .col(big_integer(AssessmentAnswers::QuestionId))
                    .col(string_len(AssessmentAnswers::Phase, 4))
                    .col(small_integer(AssessmentAnswers::Score))
                    .col(timestamp_with_time_zone(AssessmentAnswers::AnsweredAt))
                    .check((
                        "ck_assessment_answers_phase",
                        Expr::col(AssessmentAnswers::Phase).is_in(["pre", "post"]),
                    ))
                    .check((
                        "ck_assessment_answers_score",
                        Expr::col(AssessmentAnswers::Score).gte(0),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssessmentAnswers::Table, AssessmentAnswers::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AssessmentAnswers::Table, AssessmentAnswers::QuestionId)
                            .to(AssessmentQuestions::Table, AssessmentQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assessment_answers_one_per_phase")
                    .table(AssessmentAnswers::Table)
                    .col(AssessmentAnswers::RegistrationId)
                    .col(AssessmentAnswers::QuestionId)
                    .col(AssessmentAnswers::Phase)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Followups::Table)
                    .col(big_pk_auto(Followups::Id))
                    .col(big_integer(Followups::RegistrationId))
                    .col(small_integer(Followups::Months))
                    .col(text(Followups::Advocacy).default(""))
                    .col(text(Followups::EngagedWith).default(""))
                    .col(text(Followups::SupportNeeded).default(""))
                    .col(timestamp_with_time_zone_null(Followups::AnsweredAt))
                    .col(timestamp_with_time_zone_null(Followups::RemindedAt))
                    .col(text(Followups::StaffNote).default(""))
                    .col(timestamp_with_time_zone(Followups::UpdatedAt))
                    .check((
                        "ck_followups_months",
                        Expr::col(Followups::Months)
                            .gte(1)
                            .and(Expr::col(Followups::Months).lte(36)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Followups::Table, Followups::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_followups_one_per_checkpoint")
                    .table(Followups::Table)
                    .col(Followups::RegistrationId)
                    .col(Followups::Months)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Followups::Table.into_iden(),
            AssessmentAnswers::Table.into_iden(),
            AssessmentQuestions::Table.into_iden(),
            RegistrationLinks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::FollowupMonths)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    FollowupMonths,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RegistrationLinks {
    Table,
    Id,
    RegistrationId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AssessmentQuestions {
    Table,
    Id,
    EventId,
    Position,
    Text,
    MaxScore,
}

#[derive(DeriveIden)]
enum AssessmentAnswers {
    Table,
    Id,
    RegistrationId,
    QuestionId,
    Phase,
    Score,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum Followups {
    Table,
    Id,
    RegistrationId,
    Months,
    Advocacy,
    EngagedWith,
    SupportNeeded,
    AnsweredAt,
    RemindedAt,
    StaffNote,
    UpdatedAt,
}
