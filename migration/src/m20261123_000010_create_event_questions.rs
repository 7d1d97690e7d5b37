//! Custom questions an event asks on its registration form (text, choice, multiple choice,
//! yes/no, date; required or not), and each registration's answers.
//!
//! Options of the choice kinds are stored one per line; an answer is stored as text (for
//! multiple choice, the chosen options one per line; yes/no as `yes`/`no`; a date as
//! `YYYY-MM-DD`). Deleting an event, a question or a registration deletes its answers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const QUESTION_KINDS: &[&str] = &["text", "choice", "multi", "yes_no", "date"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventQuestions::Table)
                    .col(big_pk_auto(EventQuestions::Id))
                    .col(big_integer(EventQuestions::EventId))
                    .col(integer(EventQuestions::Position))
                    .col(string_len(EventQuestions::Label, 300))
                    .col(string_len(EventQuestions::Kind, 20))
                    .col(text(EventQuestions::Options).default(""))
                    .col(boolean(EventQuestions::Required).default(false))
                    .check((
                        "ck_event_questions_kind",
                        Expr::col(EventQuestions::Kind).is_in(QUESTION_KINDS.iter().copied()),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventQuestions::Table, EventQuestions::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_event_questions_event_id")
                    .table(EventQuestions::Table)
                    .col(EventQuestions::EventId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RegistrationAnswers::Table)
                    .col(big_pk_auto(RegistrationAnswers::Id))
                    .col(big_integer(RegistrationAnswers::RegistrationId))
                    .col(big_integer(RegistrationAnswers::QuestionId))
                    .col(text(RegistrationAnswers::Value))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RegistrationAnswers::Table,
                                RegistrationAnswers::RegistrationId,
                            )
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegistrationAnswers::Table, RegistrationAnswers::QuestionId)
                            .to(EventQuestions::Table, EventQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_registration_answers_registration_question")
                    .table(RegistrationAnswers::Table)
                    .col(RegistrationAnswers::RegistrationId)
                    .col(RegistrationAnswers::QuestionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_registration_answers_question_id")
                    .table(RegistrationAnswers::Table)
                    .col(RegistrationAnswers::QuestionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RegistrationAnswers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(EventQuestions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventQuestions {
    Table,
    Id,
    EventId,
    Position,
    Label,
    Kind,
    Options,
    Required,
}

#[derive(DeriveIden)]
enum RegistrationAnswers {
    Table,
    Id,
    RegistrationId,
    QuestionId,
    Value,
}
