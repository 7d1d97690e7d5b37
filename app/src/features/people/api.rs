//! People server functions: a person's history (staff), the likely duplicates and merging
//! one record into another (coordinators).
use domain::followup_types::PersonHistory;
use domain::people_types::DuplicatePair;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::{service::history, types::Role};

#[server(prefix = "/api", endpoint = "person_history")]
pub async fn load_person_history(person_id: i64) -> Result<PersonHistory, AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let mut person = history::person(&ctx.db, person_id, ctx.now())
        .await
        .map_err(fail)?;
    person.can_anonymise = user.role.allows(Role::Coordinator);
    Ok(person)
}

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
