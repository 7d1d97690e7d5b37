//! A trainee's consent to be quoted: `followups.quote_consent`, ticked by the trainee on their
//! check-in form, lets the network quote that check-in's answer on what they did since the
//! training (without their name) in its reports. Answers given before there was such a
//! question were not given for quoting: every existing row starts unticked.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Followups::Table)
                    .add_column(
                        ColumnDef::new(Followups::QuoteConsent)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Followups::Table)
                    .drop_column(Followups::QuoteConsent)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Followups {
    Table,
    QuoteConsent,
}
