//! Import server functions (coordinators): the page's data with the preview of an uploaded
//! list, and the confirmation. The upload itself is a plain multipart post handled by the
//! server (`/manage/events/{slug}/import/upload`), which keeps the rows and comes back here.
use domain::import_types::ImportPreview;
use domain::types::EventSummary;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};

#[server(prefix = "/api", endpoint = "import_page")]
pub async fn import_page(
    slug: String,
    preview: Option<String>,
) -> Result<(EventSummary, Option<ImportPreview>), AppError> {
    use domain::service::agenda::{by_slug, Viewer};
    let user = require(domain::types::Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = by_slug(&ctx.db, &slug, Viewer::Staff)
        .await
        .map_err(fail)?
        .summary;
    let preview = match preview.filter(|p| !p.is_empty()) {
        Some(id) => Some(
            domain::service::import::preview(&ctx.db, event.id, user.id, &id, ctx.now())
                .await
                .map_err(fail)?,
        ),
        None => None,
    };
    Ok((event, preview))
}

/// Imports the previewed list `id`, then shows how many were registered.
#[server(prefix = "/api", endpoint = "confirm_import")]
pub async fn confirm_import(slug: String, id: String) -> Result<(), AppError> {
    let user = require(domain::types::Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = domain::service::events::id_by_slug(&ctx.db, &slug)
        .await
        .map_err(fail)?;
    let done = domain::service::import::confirm(&ctx.db, event, user.id, &id, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/import?registered={}&already={}",
        done.registered, done.already
    ));
    Ok(())
}
