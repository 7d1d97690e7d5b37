//! Duplicate people server functions (coordinators): the likely duplicates, and merging one
//! record into another.
use domain::people_types::DuplicatePair;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};

#[server(prefix = "/api", endpoint = "people_duplicates")]
pub async fn people_duplicates() -> Result<Vec<DuplicatePair>, AppError> {
    require(domain::types::Role::Coordinator).await?;
    let ctx = ctx()?;
    domain::service::merge::duplicates(&ctx.db)
        .await
        .map_err(fail)
}

/// Merges person `drop` into person `keep`, then opens the kept person's page saying what
/// moved and for which events both were registered.
#[server(prefix = "/api", endpoint = "merge_people")]
pub async fn merge_people(keep: i64, drop: i64) -> Result<(), AppError> {
    require(domain::types::Role::Coordinator).await?;
    let ctx = ctx()?;
    let done = domain::service::merge::merge(&ctx.db, keep, drop, ctx.now())
        .await
        .map_err(fail)?;
    let both: String =
        form_urlencoded::byte_serialize(done.both_registered.join(" · ").as_bytes()).collect();
    crate::server::redirect(&format!(
        "/manage/people/{keep}?merged={}&both={both}",
        done.moved
    ));
    Ok(())
}
