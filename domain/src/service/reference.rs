//! Reference lists: countries (ISO 3166) and their regions (ISO 3166-2) for pickers.
use entities::{countries, regions};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::DomainError;

/// `(code, name)` by name.
pub async fn countries(db: &impl ConnectionTrait) -> Result<Vec<(String, String)>, DomainError> {
    Ok(countries::Entity::find()
        .order_by_asc(countries::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect())
}

/// `(code, country code, name)` of every region, by country code then name.
pub async fn regions(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, String)>, DomainError> {
    Ok(regions::Entity::find()
        .order_by_asc(regions::Column::CountryCode)
        .order_by_asc(regions::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.country_code, r.name))
        .collect())
}
