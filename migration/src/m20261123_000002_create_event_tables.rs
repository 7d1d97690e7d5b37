//! Events and everything hanging off them: objectives, organising partners, the agenda
//! (event sessions and who speaks in them), registrations, attendance and the audit of
//! registration status changes.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_core_tables::{Countries, Organisations, People, Users};
use crate::vocab;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_events(manager).await?;
        create_event_details(manager).await?;
        create_agenda(manager).await?;
        create_registrations(manager).await?;
        create_attendance(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RegistrationStatusChanges::Table.into_iden(),
            Attendance::Table.into_iden(),
            Registrations::Table.into_iden(),
            SessionRoles::Table.into_iden(),
            EventSessions::Table.into_iden(),
            EventOrganisations::Table.into_iden(),
            EventObjectives::Table.into_iden(),
            Events::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn create_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Events::Table)
                .col(big_pk_auto(Events::Id))
                .col(text_uniq(Events::Slug))
                .col(text(Events::Title))
                .col(string_len(Events::Kind, 32))
                .col(text(Events::Summary).default(""))
                .col(text(Events::Description).default(""))
                // The host forum of a side event, or the series the event belongs to.
                .col(big_integer_null(Events::ParentId))
                // IANA name, e.g. "Asia/Yangon"; instants below are UTC.
                .col(text(Events::Timezone))
                .col(timestamp_with_time_zone(Events::StartsAt))
                .col(timestamp_with_time_zone(Events::EndsAt))
                .col(text(Events::VenueName).default(""))
                .col(text(Events::VenueAddress).default(""))
                .col(text(Events::City).default(""))
                .col(string_len_null(Events::CountryCode, 2))
                .col(string_len(Events::Status, 32).default("draft"))
                .col(string_len(Events::Visibility, 32).default("public"))
                .col(integer_null(Events::Capacity))
                .col(string_len(Events::RegistrationMode, 32).default("open"))
                .col(timestamp_with_time_zone_null(Events::RegistrationOpensAt))
                .col(timestamp_with_time_zone_null(Events::RegistrationClosesAt))
                .col(text(Events::WorkingLanguages).default(""))
                .col(text(Events::InterpretationLanguages).default(""))
                .col(big_integer_null(Events::CreatedBy))
                .col(timestamp_with_time_zone(Events::CreatedAt))
                .col(timestamp_with_time_zone(Events::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_events_parent")
                        .from(Events::Table, Events::ParentId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_events_country")
                        .from(Events::Table, Events::CountryCode)
                        .to(Countries::Table, Countries::Code),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_events_created_by")
                        .from(Events::Table, Events::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .check((
                    "ck_events_kind",
                    Expr::col(Events::Kind).is_in(vocab::EVENT_KINDS.iter().copied()),
                ))
                .check((
                    "ck_events_dates",
                    Expr::col(Events::EndsAt).gte(Expr::col(Events::StartsAt)),
                ))
                .check((
                    "ck_events_status",
                    Expr::col(Events::Status).is_in(vocab::EVENT_STATUSES.iter().copied()),
                ))
                .check((
                    "ck_events_visibility",
                    Expr::col(Events::Visibility).is_in(vocab::EVENT_VISIBILITIES.iter().copied()),
                ))
                .check((
                    "ck_events_capacity",
                    Expr::col(Events::Capacity)
                        .is_null()
                        .or(Expr::col(Events::Capacity).gt(0)),
                ))
                .check((
                    "ck_events_registration_mode",
                    Expr::col(Events::RegistrationMode)
                        .is_in(vocab::REGISTRATION_MODES.iter().copied()),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_events_status_starts_at")
                .table(Events::Table)
                .col(Events::Status)
                .col(Events::StartsAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_events_parent_id")
                .table(Events::Table)
                .col(Events::ParentId)
                .to_owned(),
        )
        .await
}

async fn create_event_details(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(EventObjectives::Table)
                .col(big_pk_auto(EventObjectives::Id))
                .col(big_integer(EventObjectives::EventId))
                .col(integer(EventObjectives::Position))
                .col(text(EventObjectives::Text))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_objectives_event")
                        .from(EventObjectives::Table, EventObjectives::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check((
                    "ck_event_objectives_position",
                    Expr::col(EventObjectives::Position).gt(0),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_event_objectives_event_position")
                .table(EventObjectives::Table)
                .col(EventObjectives::EventId)
                .col(EventObjectives::Position)
                .unique()
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(EventOrganisations::Table)
                .col(big_integer(EventOrganisations::EventId))
                .col(big_integer(EventOrganisations::OrganisationId))
                .col(string_len(EventOrganisations::Role, 32))
                .primary_key(
                    Index::create()
                        .name("pk_event_organisations")
                        .col(EventOrganisations::EventId)
                        .col(EventOrganisations::OrganisationId)
                        .col(EventOrganisations::Role),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_organisations_event")
                        .from(EventOrganisations::Table, EventOrganisations::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_organisations_organisation")
                        .from(
                            EventOrganisations::Table,
                            EventOrganisations::OrganisationId,
                        )
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check((
                    "ck_event_organisations_role",
                    Expr::col(EventOrganisations::Role)
                        .is_in(vocab::EVENT_ORGANISATION_ROLES.iter().copied()),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_event_organisations_organisation_id")
                .table(EventOrganisations::Table)
                .col(EventOrganisations::OrganisationId)
                .to_owned(),
        )
        .await
}

async fn create_agenda(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(EventSessions::Table)
                .col(big_pk_auto(EventSessions::Id))
                .col(big_integer(EventSessions::EventId))
                .col(string_len(EventSessions::Kind, 32))
                .col(text(EventSessions::Title))
                .col(text(EventSessions::Description).default(""))
                .col(text(EventSessions::Room).default(""))
                .col(text(EventSessions::Language).default(""))
                .col(timestamp_with_time_zone(EventSessions::StartsAt))
                .col(timestamp_with_time_zone(EventSessions::EndsAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_event_sessions_event")
                        .from(EventSessions::Table, EventSessions::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check((
                    "ck_event_sessions_kind",
                    Expr::col(EventSessions::Kind).is_in(vocab::SESSION_KINDS.iter().copied()),
                ))
                .check((
                    "ck_event_sessions_dates",
                    Expr::col(EventSessions::EndsAt).gt(Expr::col(EventSessions::StartsAt)),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_event_sessions_event_starts_at")
                .table(EventSessions::Table)
                .col(EventSessions::EventId)
                .col(EventSessions::StartsAt)
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(SessionRoles::Table)
                .col(big_pk_auto(SessionRoles::Id))
                .col(big_integer(SessionRoles::SessionId))
                .col(big_integer(SessionRoles::PersonId))
                .col(string_len(SessionRoles::Role, 32))
                .col(integer(SessionRoles::Position).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_roles_session")
                        .from(SessionRoles::Table, SessionRoles::SessionId)
                        .to(EventSessions::Table, EventSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_roles_person")
                        .from(SessionRoles::Table, SessionRoles::PersonId)
                        .to(People::Table, People::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check((
                    "ck_session_roles_role",
                    Expr::col(SessionRoles::Role).is_in(vocab::SESSION_ROLES.iter().copied()),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ux_session_roles_session_person_role")
                .table(SessionRoles::Table)
                .col(SessionRoles::SessionId)
                .col(SessionRoles::PersonId)
                .col(SessionRoles::Role)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_session_roles_person_id")
                .table(SessionRoles::Table)
                .col(SessionRoles::PersonId)
                .to_owned(),
        )
        .await
}

async fn create_registrations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Registrations::Table)
                .col(big_pk_auto(Registrations::Id))
                .col(big_integer(Registrations::EventId))
                .col(big_integer(Registrations::PersonId))
                .col(string_len(Registrations::Status, 32))
                .col(string_len(Registrations::Role, 32).default("participant"))
                // Hash of the private-link token sent to the registrant.
                .col(text_null(Registrations::TokenHash).unique_key())
                .col(timestamp_with_time_zone(Registrations::CreatedAt))
                .col(timestamp_with_time_zone(Registrations::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_registrations_event")
                        .from(Registrations::Table, Registrations::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_registrations_person")
                        .from(Registrations::Table, Registrations::PersonId)
                        .to(People::Table, People::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .check((
                    "ck_registrations_status",
                    Expr::col(Registrations::Status)
                        .is_in(vocab::REGISTRATION_STATUSES.iter().copied()),
                ))
                .check((
                    "ck_registrations_role",
                    Expr::col(Registrations::Role).is_in(vocab::REGISTRATION_ROLES.iter().copied()),
                ))
                .to_owned(),
        )
        .await?;
    // One registration per person per event.
    manager
        .create_index(
            Index::create()
                .name("ux_registrations_event_person")
                .table(Registrations::Table)
                .col(Registrations::EventId)
                .col(Registrations::PersonId)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_registrations_event_status")
                .table(Registrations::Table)
                .col(Registrations::EventId)
                .col(Registrations::Status)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_registrations_person_id")
                .table(Registrations::Table)
                .col(Registrations::PersonId)
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(RegistrationStatusChanges::Table)
                .col(big_pk_auto(RegistrationStatusChanges::Id))
                .col(big_integer(RegistrationStatusChanges::RegistrationId))
                .col(string_len_null(RegistrationStatusChanges::FromStatus, 32))
                .col(string_len(RegistrationStatusChanges::ToStatus, 32))
                .col(big_integer_null(RegistrationStatusChanges::ChangedBy))
                .col(timestamp_with_time_zone(
                    RegistrationStatusChanges::ChangedAt,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_registration_status_changes_registration")
                        .from(
                            RegistrationStatusChanges::Table,
                            RegistrationStatusChanges::RegistrationId,
                        )
                        .to(Registrations::Table, Registrations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_registration_status_changes_changed_by")
                        .from(
                            RegistrationStatusChanges::Table,
                            RegistrationStatusChanges::ChangedBy,
                        )
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .check((
                    "ck_registration_status_changes_from",
                    Expr::col(RegistrationStatusChanges::FromStatus)
                        .is_in(vocab::REGISTRATION_STATUSES.iter().copied()),
                ))
                .check((
                    "ck_registration_status_changes_to",
                    Expr::col(RegistrationStatusChanges::ToStatus)
                        .is_in(vocab::REGISTRATION_STATUSES.iter().copied()),
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_registration_status_changes_registration_id")
                .table(RegistrationStatusChanges::Table)
                .col(RegistrationStatusChanges::RegistrationId)
                .to_owned(),
        )
        .await
}

async fn create_attendance(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Attendance::Table)
                .col(big_pk_auto(Attendance::Id))
                .col(big_integer(Attendance::RegistrationId))
                // The event-local calendar day (in the event's time zone).
                .col(date(Attendance::Day))
                // NULL means the whole day.
                .col(big_integer_null(Attendance::SessionId))
                .col(big_integer_null(Attendance::RecordedBy))
                .col(timestamp_with_time_zone(Attendance::RecordedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendance_registration")
                        .from(Attendance::Table, Attendance::RegistrationId)
                        .to(Registrations::Table, Registrations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendance_session")
                        .from(Attendance::Table, Attendance::SessionId)
                        .to(EventSessions::Table, EventSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_attendance_recorded_by")
                        .from(Attendance::Table, Attendance::RecordedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    // A person is marked at most once per day (whole day, session_id NULL) and at most once
    // per session. NULLs are distinct in a plain unique index, hence the COALESCE; sea-query
    // cannot express index expressions on SQLite, so this one is raw SQL valid on both.
    manager
        .get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX ux_attendance_once \
             ON attendance (registration_id, day, COALESCE(session_id, 0))",
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_attendance_session_id")
                .table(Attendance::Table)
                .col(Attendance::SessionId)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Slug,
    Title,
    Kind,
    Summary,
    Description,
    ParentId,
    Timezone,
    StartsAt,
    EndsAt,
    VenueName,
    VenueAddress,
    City,
    CountryCode,
    Status,
    Visibility,
    Capacity,
    RegistrationMode,
    RegistrationOpensAt,
    RegistrationClosesAt,
    WorkingLanguages,
    InterpretationLanguages,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventObjectives {
    Table,
    Id,
    EventId,
    Position,
    Text,
}

#[derive(DeriveIden)]
enum EventOrganisations {
    Table,
    EventId,
    OrganisationId,
    Role,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
    EventId,
    Kind,
    Title,
    Description,
    Room,
    Language,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum SessionRoles {
    Table,
    Id,
    SessionId,
    PersonId,
    Role,
    Position,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    EventId,
    PersonId,
    Status,
    Role,
    TokenHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    Id,
    RegistrationId,
    Day,
    SessionId,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum RegistrationStatusChanges {
    Table,
    Id,
    RegistrationId,
    FromStatus,
    ToStatus,
    ChangedBy,
    ChangedAt,
}
