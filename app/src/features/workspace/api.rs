//! Workspace server functions: one event's counts for its navigation, and the dashboard.
use domain::types::Dashboard;
use domain::workspace_types::{EventWorkspace, ToDoList};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::types::Role;

/// The state of the event behind `slug` as its workspace navigation shows it (staff).
#[server(prefix = "/api", endpoint = "event_workspace")]
pub async fn load_workspace(slug: String) -> Result<EventWorkspace, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    domain::service::workspace::event_workspace(&ctx.db, &slug, ctx.now())
        .await
        .map_err(fail)
}

/// The dashboard: what needs doing, then the totals and events (staff).
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn load_dashboard() -> Result<(ToDoList, Dashboard), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let todo = domain::service::workspace::to_do(&ctx.db, ctx.now())
        .await
        .map_err(fail)?;
    let dashboard = domain::service::events::dashboard(&ctx.db, ctx.now())
        .await
        .map_err(fail)?;
    Ok((todo, dashboard))
}
