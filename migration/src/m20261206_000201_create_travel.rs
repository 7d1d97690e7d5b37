//! Getting people there: each registration's travel details (where from, nationality, visa,
//! arrival and departure as UTC instants, who books), the event's per-diem rates and the
//! payments made to participants (per diems and travel refunds).
//!
//! Payments are append-only: an amount is never changed; a correction is a new row that
//! names the row it corrects (`corrects_id`) and carries the difference. Marking a row paid
//! records who and when, once (a guarded update of `paid_at IS NULL`). Amounts are integers in
//! the currency's minor units (satang, cents), never floats.

use sea_orm_migration::{prelude::*, schema::*};

/// How a person travels (empty: not said yet).
const MEANS: [&str; 7] = ["", "flight", "bus", "train", "car", "boat", "other"];
/// Who pays the ticket (empty: not said yet).
const ARRANGEMENTS: [&str; 4] = ["", "network_books", "refund", "self"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TravelDetails::Table)
                    .col(big_integer(TravelDetails::RegistrationId).primary_key())
                    .col(string_len(TravelDetails::FromCity, 120).default(""))
                    .col(string_len(TravelDetails::FromCountry, 120).default(""))
                    .col(string_len(TravelDetails::Nationality, 120).default(""))
                    .col(boolean(TravelDetails::VisaNeeded).default(false))
                    .col(timestamp_with_time_zone_null(TravelDetails::ArrivalAt))
                    .col(string_len(TravelDetails::ArrivalMeans, 16).default(""))
                    .col(string_len(TravelDetails::ArrivalNumber, 40).default(""))
                    .col(timestamp_with_time_zone_null(TravelDetails::DepartureAt))
                    .col(string_len(TravelDetails::DepartureMeans, 16).default(""))
                    .col(string_len(TravelDetails::DepartureNumber, 40).default(""))
                    .col(string_len(TravelDetails::Arrangement, 16).default(""))
                    .col(string_len(TravelDetails::PassportName, 160).default(""))
                    .col(string_len_null(TravelDetails::PassportNumber, 40))
                    .col(timestamp_with_time_zone(TravelDetails::UpdatedAt))
                    .check((
                        "ck_travel_details_order",
                        Expr::cust(
                            "arrival_at IS NULL OR departure_at IS NULL OR departure_at >= arrival_at",
                        ),
                    ))
                    .check((
                        "ck_travel_details_means",
                        Expr::col(TravelDetails::ArrivalMeans)
                            .is_in(MEANS)
                            .and(Expr::col(TravelDetails::DepartureMeans).is_in(MEANS)),
                    ))
                    .check((
                        "ck_travel_details_arrangement",
                        Expr::col(TravelDetails::Arrangement).is_in(ARRANGEMENTS),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_travel_details_registration")
                            .from(TravelDetails::Table, TravelDetails::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PerDiemRates::Table)
                    .col(big_pk_auto(PerDiemRates::Id))
                    .col(big_integer(PerDiemRates::EventId))
                    .col(string_len(PerDiemRates::Currency, 3))
                    .col(big_integer(PerDiemRates::DailyAmount))
                    .col(string_len(PerDiemRates::Basis, 16))
                    .check(("ck_per_diem_rates_amount", Expr::cust("daily_amount > 0")))
                    .check((
                        "ck_per_diem_rates_basis",
                        Expr::col(PerDiemRates::Basis).is_in(["attendance", "travel"]),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_per_diem_rates_event")
                            .from(PerDiemRates::Table, PerDiemRates::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_per_diem_rates_event_currency")
                    .table(PerDiemRates::Table)
                    .col(PerDiemRates::EventId)
                    .col(PerDiemRates::Currency)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TravelPayments::Table)
                    .col(big_pk_auto(TravelPayments::Id))
                    .col(big_integer(TravelPayments::RegistrationId))
                    .col(string_len(TravelPayments::Kind, 16))
                    .col(string_len(TravelPayments::Currency, 3))
                    .col(big_integer(TravelPayments::Amount))
                    .col(integer_null(TravelPayments::Days))
                    .col(string_len(TravelPayments::Receipt, 60).default(""))
                    .col(big_integer_null(TravelPayments::CorrectsId))
                    .col(timestamp_with_time_zone(TravelPayments::CreatedAt))
                    .col(big_integer_null(TravelPayments::CreatedBy))
                    .col(timestamp_with_time_zone_null(TravelPayments::PaidAt))
                    .col(big_integer_null(TravelPayments::PaidBy))
                    .check((
                        "ck_travel_payments_amount",
                        // Only a correction is negative: the service keeps that rule (a copy
                        // between databases fills `corrects_id` after the rows are in).
                        Expr::cust("amount <> 0"),
                    ))
                    .check((
                        "ck_travel_payments_kind",
                        Expr::col(TravelPayments::Kind).is_in(["per_diem", "refund"]),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_travel_payments_registration")
                            .from(TravelPayments::Table, TravelPayments::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_travel_payments_corrects")
                            .from(TravelPayments::Table, TravelPayments::CorrectsId)
                            .to(TravelPayments::Table, TravelPayments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_travel_payments_created_by")
                            .from(TravelPayments::Table, TravelPayments::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_travel_payments_paid_by")
                            .from(TravelPayments::Table, TravelPayments::PaidBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_travel_payments_registration_id")
                    .table(TravelPayments::Table)
                    .col(TravelPayments::RegistrationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TravelPayments::Table.into_iden(),
            PerDiemRates::Table.into_iden(),
            TravelDetails::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum TravelDetails {
    Table,
    RegistrationId,
    FromCity,
    FromCountry,
    Nationality,
    VisaNeeded,
    ArrivalAt,
    ArrivalMeans,
    ArrivalNumber,
    DepartureAt,
    DepartureMeans,
    DepartureNumber,
    Arrangement,
    PassportName,
    PassportNumber,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PerDiemRates {
    Table,
    Id,
    EventId,
    Currency,
    DailyAmount,
    Basis,
}

#[derive(DeriveIden)]
enum TravelPayments {
    Table,
    Id,
    RegistrationId,
    Kind,
    Currency,
    Amount,
    Days,
    Receipt,
    CorrectsId,
    CreatedAt,
    CreatedBy,
    PaidAt,
    PaidBy,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
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
