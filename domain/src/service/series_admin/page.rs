//! The staff page of one series: its form, its editions newest first (with what the public
//! page will show of them), and the events that may still be linked as an edition.
use std::collections::HashMap;

use entities::{events, series_editions};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::by_slug;
use crate::forum_types::NetworkRole;
use crate::series_types::{
    Candidate, EditionRow, SeriesAdmin, SeriesForm, MAX_CANDIDATES, MAX_EDITION_NUMBER,
};
use crate::service::series::shown;
use crate::types::EventStatus;
use crate::DomainError;

fn local_day(e: &events::Model, at: chrono::DateTime<chrono::Utc>) -> String {
    match e.timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        Err(_) => at.format("%Y-%m-%d").to_string(),
    }
}

/// Events in no series that are not side events, newest first (at most [`MAX_CANDIDATES`]).
async fn candidates(db: &impl ConnectionTrait) -> Result<Vec<Candidate>, DomainError> {
    let linked = Query::select()
        .column(series_editions::Column::EventId)
        .from(series_editions::Entity)
        .to_owned();
    Ok(events::Entity::find()
        .filter(events::Column::Id.not_in_subquery(linked))
        .filter(events::Column::ParentId.is_null())
        .order_by_desc(events::Column::StartsAt)
        .limit(MAX_CANDIDATES)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let day = local_day(&e, e.starts_at);
            (e.slug, e.title, day)
        })
        .collect())
}

/// The staff page of the series at `slug`; `can_write` is passed through.
pub async fn admin_page(
    db: &impl ConnectionTrait,
    slug: &str,
    can_write: bool,
) -> Result<SeriesAdmin, DomainError> {
    let found = by_slug(db, slug).await?;
    let rows = series_editions::Entity::find()
        .filter(series_editions::Column::SeriesId.eq(found.id))
        .order_by_desc(series_editions::Column::Number)
        .find_also_related(events::Entity)
        .all(db)
        .await?;
    let country_list = crate::service::reference::countries(db).await?;
    let countries: HashMap<String, String> = country_list.iter().cloned().collect();
    let highest = rows.iter().map(|(e, _)| e.number).max().unwrap_or(0);
    let editions = rows
        .into_iter()
        .filter_map(|(edition, event)| {
            let event = event?;
            Some(EditionRow {
                shown: shown(&event),
                local_start: local_day(&event, event.starts_at),
                local_end: local_day(&event, event.ends_at),
                country: event
                    .country_code
                    .as_ref()
                    .and_then(|c| countries.get(c).cloned())
                    .unwrap_or_default(),
                status: EventStatus::parse(&event.status).unwrap_or(EventStatus::Draft),
                network_role: NetworkRole::parse(&event.network_role)
                    .unwrap_or(NetworkRole::Organiser),
                event_slug: event.slug,
                title: event.title,
                city: event.city,
                number: edition.number,
                theme: edition.theme,
            })
        })
        .collect();
    let max = i32::try_from(MAX_EDITION_NUMBER).unwrap_or(i32::MAX);
    Ok(SeriesAdmin {
        slug: found.slug.clone(),
        form: SeriesForm {
            name: found.name,
            slug: found.slug,
            acronym: found.acronym,
            description: found.description,
        },
        editions,
        candidates: candidates(db).await?,
        next_number: (highest + 1).min(max),
        countries: country_list,
        can_write,
    })
}
