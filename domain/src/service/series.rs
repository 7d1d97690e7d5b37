//! The public page of a forum series: its editions newest first, each with the network's
//! side events (published or closed, public) and its published recommendations.
use std::collections::HashMap;

use entities::{countries, events, series, series_editions};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::forum_types::{Edition, NetworkRole, SeriesPage};
use crate::types::{EventStatus, Visibility};
use crate::DomainError;

/// Whether the public page shows an event: published or closed, and public.
pub(crate) fn shown(e: &events::Model) -> bool {
    matches!(
        EventStatus::parse(&e.status),
        Some(EventStatus::Published | EventStatus::Closed)
    ) && e.visibility == Visibility::Public.as_str()
}

fn local(e: &events::Model, at: chrono::DateTime<chrono::Utc>) -> String {
    match e.timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        Err(_) => at.format("%Y-%m-%d").to_string(),
    }
}

/// The series behind `slug`, as the public page shows it.
pub async fn page(db: &impl ConnectionTrait, slug: &str) -> Result<SeriesPage, DomainError> {
    let found = series::Entity::find()
        .filter(series::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let rows = series_editions::Entity::find()
        .filter(series_editions::Column::SeriesId.eq(found.id))
        .order_by_desc(series_editions::Column::Number)
        .find_also_related(events::Entity)
        .all(db)
        .await?;
    let countries: HashMap<String, String> = countries::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let mut editions = Vec::new();
    for (edition, event) in rows {
        let Some(event) = event.filter(shown) else {
            continue;
        };
        let side: Vec<events::Model> = events::Entity::find()
            .filter(events::Column::ParentId.eq(event.id))
            .order_by_asc(events::Column::StartsAt)
            .all(db)
            .await?
            .into_iter()
            .filter(|e| shown(e) && e.network_role == NetworkRole::Organiser.as_str())
            .collect();
        let mut ids = vec![event.id];
        ids.extend(side.iter().map(|e| e.id));
        let recommendations = super::tracking::of_events(db, &ids, true).await?;
        editions.push(Edition {
            event_slug: event.slug.clone(),
            number: edition.number,
            title: event.title.clone(),
            theme: edition.theme,
            city: event.city.clone(),
            country: event
                .country_code
                .as_ref()
                .and_then(|c| countries.get(c).cloned())
                .unwrap_or_default(),
            local_start: local(&event, event.starts_at),
            local_end: local(&event, event.ends_at),
            timezone: event.timezone.clone(),
            side_events: side
                .iter()
                .map(|s| (s.slug.clone(), s.title.clone(), local(s, s.starts_at)))
                .collect(),
            recommendations,
        });
    }
    Ok(SeriesPage {
        slug: found.slug,
        name: found.name,
        acronym: found.acronym,
        description: found.description,
        editions,
    })
}
