//! Server functions of the interpretation page (thin: role, one service call, the answer).
use domain::interpretation_types::{AssignmentForm, InterpretationPlan};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::{service::interpretation, types::Role, DomainError};

/// The plan, and whether the caller may assign interpreters (coordinators).
#[server(prefix = "/api", endpoint = "load_interpretation")]
pub async fn load_interpretation(slug: String) -> Result<(InterpretationPlan, bool), AppError> {
    let user = require(Role::Staff).await?;
    let plan = interpretation::plan(&ctx()?.db, &slug)
        .await
        .map_err(fail)?;
    Ok((plan, user.role.allows(Role::Coordinator)))
}

/// A refusal named after the session's form on the page (`session-{id}`), so the message
/// shows next to the form that was sent.
#[cfg(feature = "ssr")]
fn at_session(err: DomainError, form: &AssignmentForm) -> DomainError {
    match form.session_id.trim().parse::<i64>() {
        Ok(id) => err.renamed_field(&format!("session-{id}")),
        Err(_) => err,
    }
}

/// Assigns an interpreter to a session and language (coordinators).
#[server(prefix = "/api", endpoint = "assign_interpreter")]
pub async fn assign_interpreter(slug: String, form: AssignmentForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    interpretation::assign(&ctx.db, &slug, &form, ctx.now())
        .await
        .map_err(|e| fail(at_session(e, &form)))?;
    crate::server::redirect(&format!("/manage/events/{slug}/interpretation?saved=1"));
    Ok(())
}

/// Takes an interpreter off a session's language (coordinators).
#[server(prefix = "/api", endpoint = "unassign_interpreter")]
pub async fn unassign_interpreter(slug: String, form: AssignmentForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    interpretation::unassign(&ctx()?.db, &slug, &form)
        .await
        .map_err(|e| fail(at_session(e, &form)))?;
    crate::server::redirect(&format!("/manage/events/{slug}/interpretation?saved=1"));
    Ok(())
}
