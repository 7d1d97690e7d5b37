//! Participant list server function (staff only: it carries phone numbers and needs).
use domain::participant_types::{ParticipantFilter, ParticipantRow};
use domain::types::EventSummary;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};

#[server(prefix = "/api", endpoint = "participant_list")]
pub async fn participant_list(
    slug: String,
    filter: ParticipantFilter,
) -> Result<(EventSummary, Vec<ParticipantRow>), AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    require(domain::types::Role::Staff).await?;
    let ctx = ctx()?;
    let event = by_slug(&ctx.db, &slug, Viewer::Staff)
        .await
        .map_err(fail)?
        .summary;
    let rows = domain::service::participants::list(&ctx.db, event.id, &filter)
        .await
        .map_err(fail)?;
    Ok((event, rows))
}
