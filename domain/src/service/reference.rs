//! Reference lists: countries (ISO 3166) for pickers.
use entities::countries;
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
