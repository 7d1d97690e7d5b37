//! Interpretation planned: which interpreter (a registration with the role `interpreter`)
//! covers which language in which session. One row per session, language and interpreter; a
//! session's or a registration's rows go with it.
//!
//! Languages people speak and need interpreted become codes of the fixed list (`en`, `ms`,
//! `ksw`, …): a stored value whose every item names a listed language ("Burmese, English") is
//! rewritten as codes ("my,en"); a value with anything else in it is left as it was typed.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, Query};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InterpretationAssignments::Table)
                    .col(big_pk_auto(InterpretationAssignments::Id))
                    .col(big_integer(InterpretationAssignments::SessionId))
                    .col(string_len(InterpretationAssignments::Language, 8))
                    .col(big_integer(InterpretationAssignments::RegistrationId))
                    .col(timestamp_with_time_zone(
                        InterpretationAssignments::CreatedAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interpretation_assignments_session")
                            .from(
                                InterpretationAssignments::Table,
                                InterpretationAssignments::SessionId,
                            )
                            .to(EventSessions::Table, EventSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interpretation_assignments_registration")
                            .from(
                                InterpretationAssignments::Table,
                                InterpretationAssignments::RegistrationId,
                            )
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_interpretation_assignments_session_language_registration")
                    .table(InterpretationAssignments::Table)
                    .col(InterpretationAssignments::SessionId)
                    .col(InterpretationAssignments::Language)
                    .col(InterpretationAssignments::RegistrationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_interpretation_assignments_registration_id")
                    .table(InterpretationAssignments::Table)
                    .col(InterpretationAssignments::RegistrationId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        to_codes(db, "people", "languages").await?;
        to_codes(db, "registrations", "interpretation_needed").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(InterpretationAssignments::Table)
                    .to_owned(),
            )
            .await
    }
}

/// Names (lower case, English and the languages' own) and codes of the listed languages.
const NAMES: &[(&str, &[&str])] = &[
    ("en", &["en", "english"]),
    ("th", &["th", "thai", "ไทย", "ภาษาไทย"]),
    ("my", &["my", "burmese", "myanmar", "မြန်မာ"]),
    ("km", &["km", "khmer", "cambodian", "ខ្មែរ"]),
    ("lo", &["lo", "lao", "laotian", "ລາວ"]),
    ("vi", &["vi", "vietnamese", "tiếng việt"]),
    ("zh", &["zh", "chinese", "mandarin", "中文", "普通话"]),
    ("ms", &["ms", "malay", "bahasa melayu", "bahasa malaysia"]),
    ("id", &["id", "indonesian", "bahasa indonesia"]),
    ("tl", &["tl", "filipino", "tagalog"]),
    ("ta", &["ta", "tamil"]),
    ("bn", &["bn", "bengali", "bangla"]),
    ("hi", &["hi", "hindi"]),
    ("ne", &["ne", "nepali"]),
    ("si", &["si", "sinhala", "sinhalese"]),
    ("ko", &["ko", "korean"]),
    ("ja", &["ja", "japanese"]),
    ("shn", &["shn", "shan"]),
    ("mnw", &["mnw", "mon"]),
    (
        "ksw",
        &["ksw", "karen", "s'gaw karen", "sgaw karen", "s’gaw karen"],
    ),
    ("kac", &["kac", "kachin", "jinghpaw"]),
];

/// The value as codes, when every item names a listed language; None otherwise.
pub(crate) fn as_codes(value: &str) -> Option<String> {
    let mut codes: Vec<&str> = Vec::new();
    for item in value
        .split([',', ';', '/'])
        .map(|i| i.trim().to_lowercase())
        .filter(|i| !i.is_empty())
    {
        let code = NAMES
            .iter()
            .find(|(_, names)| names.contains(&item.as_str()))
            .map(|(code, _)| *code)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Some(codes.join(","))
}

/// Rewrites `column` of `table` as codes where every item can be read as one.
async fn to_codes(db: &impl ConnectionTrait, table: &str, column: &str) -> Result<(), DbErr> {
    let select = Query::select()
        .column("id")
        .column(column.to_owned())
        .from(table.to_owned())
        .and_where(Expr::col(column.to_owned()).ne(""))
        .to_owned();
    for row in db.query_all(&select).await? {
        let id: i64 = row.try_get("", "id")?;
        let value: String = row.try_get("", column)?;
        match as_codes(&value) {
            Some(codes) if codes != value => {
                let update = Query::update()
                    .table(table.to_owned())
                    .value(column.to_owned(), codes)
                    .and_where(Expr::col("id").eq(id))
                    .to_owned();
                db.execute(&update).await?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum InterpretationAssignments {
    Table,
    Id,
    SessionId,
    Language,
    RegistrationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[cfg(test)]
mod tests {
    use super::as_codes;

    #[test]
    fn names_become_codes_and_anything_else_stays() {
        assert_eq!(as_codes("Burmese, English").as_deref(), Some("my,en"));
        assert_eq!(as_codes("ms,ta,en").as_deref(), Some("ms,ta,en"));
        assert_eq!(as_codes("S'gaw Karen; Thai").as_deref(), Some("ksw,th"));
        assert_eq!(as_codes("Burmese, a little French"), None);
    }
}
