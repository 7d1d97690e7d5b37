//! Database schema for Sala, as sea-orm migrations that run unchanged on SQLite and
//! PostgreSQL, plus the reference lists (countries, regions) and optional demo data.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_core_tables;
mod m20261123_000002_create_event_tables;
mod m20261123_000003_seed_reference_data;
mod m20261123_000004_create_registration_tables;
mod m20261123_000005_create_exports;
pub mod m20261123_000006_create_documentation;
mod m20261123_000007_add_attendance_details;
mod m20261123_000008_create_followup;
mod m20261123_000010_create_event_questions;
mod m20261123_000011_create_selection;
mod m20261123_000012_create_pending_imports;
pub mod m20261123_000013_add_privacy;
mod m20261123_000014_create_content_translations;
mod m20261123_000015_add_registration_locale;
mod m20261203_000001_create_email_changes;
mod m20261203_000100_add_outbox_claims;
mod m20261204_000001_create_throttles_and_drafts;
mod m20261204_000200_seed_subdivisions;
mod m20261205_000200_add_calendar_attachments;
mod m20261205_000300_create_interpretation;
mod m20261206_000100_create_series;
mod m20261206_000110_create_delegations;
mod m20261206_000120_add_recommendation_tracking;
mod m20261206_000201_create_travel;
mod m20261206_000202_create_rooms_and_letterheads;
mod m20261207_000100_add_home_organisation;
mod m20261207_000110_add_followup_quote_consent;
pub mod seed;
pub mod vocab;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_core_tables::Migration),
            Box::new(m20261123_000002_create_event_tables::Migration),
            Box::new(m20261123_000003_seed_reference_data::Migration),
            Box::new(m20261123_000004_create_registration_tables::Migration),
            Box::new(m20261123_000005_create_exports::Migration),
            Box::new(m20261123_000006_create_documentation::Migration),
            Box::new(m20261123_000007_add_attendance_details::Migration),
            Box::new(m20261123_000008_create_followup::Migration),
            Box::new(m20261123_000010_create_event_questions::Migration),
            Box::new(m20261123_000011_create_selection::Migration),
            Box::new(m20261123_000012_create_pending_imports::Migration),
            Box::new(m20261123_000013_add_privacy::Migration),
            Box::new(m20261123_000014_create_content_translations::Migration),
            Box::new(m20261123_000015_add_registration_locale::Migration),
            Box::new(m20261203_000001_create_email_changes::Migration),
            Box::new(m20261203_000100_add_outbox_claims::Migration),
            Box::new(m20261204_000001_create_throttles_and_drafts::Migration),
            Box::new(m20261204_000200_seed_subdivisions::Migration),
            Box::new(m20261205_000200_add_calendar_attachments::Migration),
            Box::new(m20261205_000300_create_interpretation::Migration),
            Box::new(m20261206_000100_create_series::Migration),
            Box::new(m20261206_000110_create_delegations::Migration),
            Box::new(m20261206_000120_add_recommendation_tracking::Migration),
            Box::new(m20261206_000201_create_travel::Migration),
            Box::new(m20261206_000202_create_rooms_and_letterheads::Migration),
            Box::new(m20261207_000100_add_home_organisation::Migration),
            Box::new(m20261207_000110_add_followup_quote_consent::Migration),
        ]
    }
}
