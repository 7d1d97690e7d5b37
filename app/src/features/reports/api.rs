//! The reports page's one server function: who may see it, and the year it proposes.
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, require};

/// The current year for a signed-in staff member (the form's default); refuses anyone else.
#[server(prefix = "/api", endpoint = "report_year")]
pub async fn report_year() -> Result<i32, AppError> {
    use chrono::Datelike;
    require(domain::types::Role::Staff).await?;
    Ok(ctx()?.now().year())
}
