//! Staff accounts and their sign-ins, the country/region reference lists, organisations and
//! people (a person is kept once across all events).

use sea_orm_migration::{prelude::*, schema::*};

use crate::vocab;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    // Stored lower-case by the application; unique so sign-in is unambiguous.
                    .col(text_uniq(Users::Email))
                    .col(text(Users::DisplayName))
                    .col(text(Users::PasswordHash))
                    .col(string_len(Users::Role, 32))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .check((
                        "ck_users_role",
                        Expr::col(Users::Role).is_in(vocab::USER_ROLES.iter().copied()),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginSessions::Table)
                    .col(big_pk_auto(LoginSessions::Id))
                    // sha-256 hex of the cookie token: the token itself is never stored.
                    .col(text_uniq(LoginSessions::TokenHash))
                    .col(big_integer(LoginSessions::UserId))
                    .col(timestamp_with_time_zone(LoginSessions::CreatedAt))
                    .col(timestamp_with_time_zone(LoginSessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_login_sessions_user")
                            .from(LoginSessions::Table, LoginSessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_sessions_user_id")
                    .table(LoginSessions::Table)
                    .col(LoginSessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Countries::Table)
                    // ISO 3166-1 alpha-2, e.g. 'TH'.
                    .col(string_len(Countries::Code, 2).primary_key())
                    .col(text(Countries::Name))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    // ISO 3166-2, e.g. 'CN-YN'.
                    .col(string_len(Regions::Code, 6).primary_key())
                    .col(string_len(Regions::CountryCode, 2))
                    .col(text(Regions::Name))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_regions_country")
                            .from(Regions::Table, Regions::CountryCode)
                            .to(Countries::Table, Countries::Code),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(big_pk_auto(Organisations::Id))
                    .col(text_uniq(Organisations::Name))
                    .col(text_null(Organisations::Acronym))
                    .col(string_len_null(Organisations::CountryCode, 2))
                    .col(string_len_null(Organisations::Sector, 32))
                    .col(text_null(Organisations::Website))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organisations_country")
                            .from(Organisations::Table, Organisations::CountryCode)
                            .to(Countries::Table, Countries::Code),
                    )
                    // A NULL sector makes the IN test unknown, which a CHECK accepts.
                    .check((
                        "ck_organisations_sector",
                        Expr::col(Organisations::Sector).is_in(vocab::SECTORS.iter().copied()),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(People::Table)
                    .col(big_pk_auto(People::Id))
                    .col(text(People::NameLatin))
                    // The name in the person's own script (Thai, Khmer, Burmese, ...).
                    .col(text_null(People::NameNative))
                    .col(text_null(People::Email))
                    .col(text_null(People::Phone))
                    .col(big_integer_null(People::OrganisationId))
                    .col(text_null(People::Position))
                    .col(string_len_null(People::CountryCode, 2))
                    .col(string_len_null(People::RegionCode, 6))
                    .col(string_len_null(People::Sector, 32))
                    .col(string_len_null(People::Gender, 32))
                    // Comma-separated language tags, e.g. "en,th,my".
                    .col(text(People::Languages).default(""))
                    // Names of activists and migrant workers stay private unless they agree.
                    .col(boolean(People::PublicNameConsent).default(false))
                    .col(timestamp_with_time_zone(People::CreatedAt))
                    .col(timestamp_with_time_zone(People::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_people_organisation")
                            .from(People::Table, People::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_people_country")
                            .from(People::Table, People::CountryCode)
                            .to(Countries::Table, Countries::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_people_region")
                            .from(People::Table, People::RegionCode)
                            .to(Regions::Table, Regions::Code),
                    )
                    .check((
                        "ck_people_sector",
                        Expr::col(People::Sector).is_in(vocab::SECTORS.iter().copied()),
                    ))
                    .check((
                        "ck_people_gender",
                        Expr::col(People::Gender).is_in(vocab::GENDERS.iter().copied()),
                    ))
                    .to_owned(),
            )
            .await?;
        // A unique index (not a constraint) so that many people may have no e-mail: both
        // SQLite and PostgreSQL treat NULLs as distinct in unique indexes.
        manager
            .create_index(
                Index::create()
                    .name("ux_people_email")
                    .table(People::Table)
                    .col(People::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_people_organisation_id")
                    .table(People::Table)
                    .col(People::OrganisationId)
                    .to_owned(),
            )
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            People::Table.into_iden(),
            Organisations::Table.into_iden(),
            Regions::Table.into_iden(),
            Countries::Table.into_iden(),
            LoginSessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub(crate) enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginSessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
pub(crate) enum Countries {
    Table,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Code,
    CountryCode,
    Name,
}

#[derive(DeriveIden)]
pub(crate) enum Organisations {
    Table,
    Id,
    Name,
    Acronym,
    CountryCode,
    Sector,
    Website,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum People {
    Table,
    Id,
    NameLatin,
    NameNative,
    Email,
    Phone,
    OrganisationId,
    Position,
    CountryCode,
    RegionCode,
    Sector,
    Gender,
    Languages,
    PublicNameConsent,
    CreatedAt,
    UpdatedAt,
}
