//! Translations of an event's own content (title, summary, description, session titles,
//! custom questions' labels and choices), one row per (owner, field, language).
//!
//! One table rather than a translation column set per table: the seven languages and the
//! handful of fields grow without schema changes, and every page reads an event's
//! translations with one query. The owner is named twice: by kind and id (the unique key)
//! and by a foreign key of its own (`session_id`, `question_id`; `event_id` always), so that
//! deleting an event, a session or a question deletes its translations in the database.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

pub const OWNER_KINDS: &[&str] = &["event", "session", "question"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentTranslations::Table)
                    .col(big_pk_auto(ContentTranslations::Id))
                    .col(big_integer(ContentTranslations::EventId))
                    .col(string_len(ContentTranslations::OwnerKind, 16))
                    .col(big_integer(ContentTranslations::OwnerId))
                    .col(big_integer_null(ContentTranslations::SessionId))
                    .col(big_integer_null(ContentTranslations::QuestionId))
                    .col(string_len(ContentTranslations::Field, 32))
                    .col(string_len(ContentTranslations::Locale, 8))
                    .col(text(ContentTranslations::Text))
                    .check((
                        "ck_content_translations_owner_kind",
                        Expr::col(ContentTranslations::OwnerKind)
                            .is_in(OWNER_KINDS.iter().copied()),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContentTranslations::Table, ContentTranslations::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContentTranslations::Table, ContentTranslations::SessionId)
                            .to(EventSessions::Table, EventSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContentTranslations::Table, ContentTranslations::QuestionId)
                            .to(EventQuestions::Table, EventQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_content_translations_owner_field_locale")
                    .table(ContentTranslations::Table)
                    .col(ContentTranslations::OwnerKind)
                    .col(ContentTranslations::OwnerId)
                    .col(ContentTranslations::Field)
                    .col(ContentTranslations::Locale)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "ix_content_translations_event_id",
                ContentTranslations::EventId,
            ),
            (
                "ix_content_translations_session_id",
                ContentTranslations::SessionId,
            ),
            (
                "ix_content_translations_question_id",
                ContentTranslations::QuestionId,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(ContentTranslations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ContentTranslations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventQuestions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ContentTranslations {
    Table,
    Id,
    EventId,
    OwnerKind,
    OwnerId,
    SessionId,
    QuestionId,
    Field,
    Locale,
    Text,
}
