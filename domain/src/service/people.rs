//! People across events (a person registers for many events over the years).
use entities::{organisations, people};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::DomainError;

/// `(id, "Name (native) — Organisation")` for pickers, by name.
pub async fn options(db: &impl ConnectionTrait) -> Result<Vec<(i64, String)>, DomainError> {
    let rows = people::Entity::find()
        .order_by_asc(people::Column::NameLatin)
        .find_also_related(organisations::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(p, org)| {
            let mut label = p.name_latin;
            if let Some(native) = p.name_native {
                label.push_str(&format!(" ({native})"));
            }
            if let Some(org) = org {
                label.push_str(" — ");
                label.push_str(&org.acronym.unwrap_or(org.name));
            }
            (p.id, label)
        })
        .collect())
}
