//! Every country in the reference list gets all its first-level regions (ISO 3166-2), so the
//! registration form offers a list instead of asking for a typed code. Rows already present
//! are kept as they are.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::seed::load_reference(manager.get_connection()).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // People may have chosen the added regions: they stay.
        Ok(())
    }
}
