//! Event server functions (lists and the staff dashboard).
use domain::types::{EventDetail, EventSummary};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::features::content::api::visitor_lang;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail};
#[cfg(feature = "ssr")]
use domain::service::content;
#[cfg(feature = "ssr")]
use domain::types::Role;

/// Published public events that have not ended. Anyone may call it.
#[server(prefix = "/api", endpoint = "upcoming_events")]
pub async fn upcoming_events() -> Result<Vec<EventSummary>, AppError> {
    let ctx = ctx()?;
    let mut list = domain::service::events::upcoming_public(&ctx.db, ctx.now(), 50)
        .await
        .map_err(fail)?;
    content::localise_list(&ctx.db, &mut list, visitor_lang())
        .await
        .map_err(fail)?;
    Ok(list)
}

/// Public events, upcoming then past, optionally filtered by year and kind.
#[server(prefix = "/api", endpoint = "list_events")]
pub async fn list_events(
    year: Option<i32>,
    kind: Option<String>,
) -> Result<(Vec<EventSummary>, Vec<EventSummary>), AppError> {
    let ctx = ctx()?;
    let kind = match kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            domain::types::EventKind::parse(k)
                .ok_or_else(|| fail(domain::DomainError::validation("kind", "invalid-choice")))?,
        ),
        None => None,
    };
    let (mut upcoming, mut past) =
        domain::service::events::public_list(&ctx.db, ctx.now(), year, kind)
            .await
            .map_err(fail)?;
    for list in [&mut upcoming, &mut past] {
        content::localise_list(&ctx.db, list, visitor_lang())
            .await
            .map_err(fail)?;
    }
    Ok((upcoming, past))
}

/// One event with its agenda. Drafts and invite-only events are shown to staff only.
#[server(prefix = "/api", endpoint = "event_detail")]
pub async fn load_event(slug: String) -> Result<EventDetail, AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    let ctx = ctx()?;
    let staff = crate::server::current_user()
        .await?
        .is_some_and(|u| u.role.allows(Role::Staff));
    let viewer = if staff { Viewer::Staff } else { Viewer::Public };
    let mut event = by_slug(&ctx.db, &slug, viewer).await.map_err(fail)?;
    content::localise_event(&ctx.db, &mut event, visitor_lang())
        .await
        .map_err(fail)?;
    Ok(event)
}

/// The public events that are part of this one (side events of a forum, parts of a series).
#[server(prefix = "/api", endpoint = "event_children")]
pub async fn event_children(slug: String) -> Result<Vec<EventSummary>, AppError> {
    let ctx = ctx()?;
    let mut list = match domain::service::events::public_children(&ctx.db, &slug).await {
        Err(domain::DomainError::NotFound) => return Ok(Vec::new()),
        other => other.map_err(fail)?,
    };
    content::localise_list(&ctx.db, &mut list, visitor_lang())
        .await
        .map_err(fail)?;
    Ok(list)
}

/// `None` while the event is on or to come; once it has ended, whether its proceedings are
/// published. Anyone who may see the event may ask.
#[server(prefix = "/api", endpoint = "event_afterwards")]
pub async fn event_afterwards(slug: String) -> Result<Option<bool>, AppError> {
    use domain::service::agenda::Viewer;
    let ctx = ctx()?;
    let staff = crate::server::current_user()
        .await?
        .is_some_and(|u| u.role.allows(Role::Staff));
    let viewer = if staff { Viewer::Staff } else { Viewer::Public };
    let event = domain::service::agenda::by_slug(&ctx.db, &slug, viewer)
        .await
        .map_err(fail)?;
    domain::service::events::afterwards(&ctx.db, event.summary.id, ctx.now())
        .await
        .map_err(fail)
}
