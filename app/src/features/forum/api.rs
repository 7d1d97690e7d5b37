//! Server functions of the forum pages (thin: role, one service call, the answer).
use domain::forum_types::{
    DelegationPage, ForumPlan, ForumSessionForm, MemberForm, SeriesPage, SideEventForm, StepForm,
    TrackerFilter, TrackerPage,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, redirect, require};
#[cfg(feature = "ssr")]
use domain::{service, types::Role};

/// The public page of a series.
#[server(prefix = "/api", endpoint = "load_series")]
pub async fn load_series(slug: String) -> Result<SeriesPage, AppError> {
    crate::server::limit_public(false).await?;
    service::series::page(&ctx()?.db, &slug).await.map_err(fail)
}

/// An edition's schedule, and the clashes of the side event being checked (`check`) or
/// just saved (`created`, its slug).
#[server(prefix = "/api", endpoint = "load_forum_plan")]
pub async fn load_forum_plan(
    slug: String,
    check: Option<SideEventForm>,
    created: Option<String>,
) -> Result<ForumPlan, AppError> {
    require(Role::Staff).await?;
    service::forum_schedule::page(&ctx()?.db, &slug, check.as_ref(), created.as_deref())
        .await
        .map_err(fail)
}

/// Saves the network's side event at the edition, whatever its clashes (coordinators).
#[server(prefix = "/api", endpoint = "create_side_event")]
pub async fn create_side_event(slug: String, form: SideEventForm) -> Result<String, AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let (side, _) =
        service::forum_schedule::create_side_event(&ctx.db, &slug, &form, user.id, ctx.now())
            .await
            .map_err(fail)?;
    redirect(&format!("/manage/events/{slug}/forum?created={side}"));
    Ok(side)
}

/// Adds a host session or another organisation's side event to the edition (coordinators).
#[server(prefix = "/api", endpoint = "add_forum_session")]
pub async fn add_forum_session(slug: String, form: ForumSessionForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    service::forum_schedule::add_forum_session(&ctx()?.db, &slug, &form)
        .await
        .map_err(|e| {
            let field = format!("session-{}", e.field().unwrap_or(""));
            fail(e.renamed_field(&field))
        })?;
    redirect(&format!("/manage/events/{slug}/forum?saved=1"));
    Ok(())
}

/// The delegation at an event, and the people who may join it.
#[server(prefix = "/api", endpoint = "load_delegation")]
pub async fn load_delegation(slug: String) -> Result<DelegationPage, AppError> {
    require(Role::Staff).await?;
    service::delegations::page(&ctx()?.db, &slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "add_delegation_member")]
pub async fn add_delegation_member(slug: String, form: MemberForm) -> Result<(), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    service::delegations::add(&ctx.db, &slug, &form, ctx.now())
        .await
        .map_err(fail)?;
    redirect(&format!("/manage/events/{slug}/delegation?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_delegation_member")]
pub async fn remove_delegation_member(slug: String, id: i64) -> Result<(), AppError> {
    require(Role::Staff).await?;
    service::delegations::remove(&ctx()?.db, &slug, id)
        .await
        .map_err(fail)?;
    redirect(&format!("/manage/events/{slug}/delegation?saved=1"));
    Ok(())
}

/// A refused tracker correction as typed: a body's detail, or a step's form. (A body's draft
/// is tried first: a step form has no `detail`, while every step field has a default.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TrackerDraft {
    Body { detail: String },
    Step(StepForm),
}

/// The tracker's rows and the events recommendations may be carried into, and the form a
/// refused correction sent back (`draft`), to show it again as typed.
#[server(prefix = "/api", endpoint = "load_tracker")]
pub async fn load_tracker(
    filter: TrackerFilter,
    draft: Option<String>,
) -> Result<(TrackerPage, Option<TrackerDraft>), AppError> {
    require(Role::Staff).await?;
    let page = service::tracking::page(&ctx()?.db, &filter)
        .await
        .map_err(fail)?;
    Ok((page, crate::server::take_draft(draft.as_deref()).await))
}

/// The tracker's filters as a form sent them back (bounded, no fragment).
#[cfg(feature = "ssr")]
fn filters(query: &str) -> String {
    query.chars().filter(|c| *c != '#').take(300).collect()
}

/// Where a tracker form goes back to: the tracker, at the row, with the filters kept.
#[cfg(feature = "ssr")]
fn back(id: i64, query: &str) -> String {
    format!(
        "/manage/recommendations?{}&saved={id}#rec-{id}",
        filters(query)
    )
}

/// A refused tracker form: back to the tracker with the filters kept, so the row whose
/// field is named is still shown.
#[cfg(feature = "ssr")]
fn fail_at(err: domain::DomainError, query: &str) -> AppError {
    crate::server::fail_back(err, &format!("&{}", filters(query)))
}

#[server(prefix = "/api", endpoint = "add_recommendation_step")]
pub async fn add_recommendation_step(
    id: i64,
    form: StepForm,
    query: String,
) -> Result<(), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    service::tracking::add_step(&ctx.db, id, &form, user.id, ctx.now())
        .await
        .map_err(|e| fail(e.renamed_field(&format!("rec-{id}"))))?;
    redirect(&back(id, &query));
    Ok(())
}

#[server(prefix = "/api", endpoint = "carry_recommendation")]
pub async fn carry_recommendation(
    id: i64,
    target: String,
    note: String,
    query: String,
) -> Result<(), AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    service::tracking::carry(&ctx.db, id, &target, &note, user.id, ctx.now())
        .await
        .map_err(|e| fail(e.renamed_field(&format!("rec-{id}"))))?;
    redirect(&back(id, &query));
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_recommendation_body")]
pub async fn add_recommendation_body(
    id: i64,
    body: String,
    detail: String,
    query: String,
) -> Result<(), AppError> {
    require(Role::Staff).await?;
    service::tracking::add_body(&ctx()?.db, id, &body, &detail)
        .await
        .map_err(|e| fail(e.renamed_field(&format!("rec-{id}"))))?;
    redirect(&back(id, &query));
    Ok(())
}

/// Corrects a step of recommendation `id` (a refusal comes back next to that step's field).
#[server(prefix = "/api", endpoint = "edit_recommendation_step")]
pub async fn edit_recommendation_step(
    id: i64,
    step: i64,
    form: StepForm,
    query: String,
) -> Result<(), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    if let Err(e) = service::tracking::edit_step(&ctx.db, id, step, &form, user.id, ctx.now()).await
    {
        // Back with what was typed, next to the step's field, the filters kept.
        let field = format!("step-{step}-{}", e.field().unwrap_or(""));
        let extra = format!("&{}", filters(&query));
        let typed = TrackerDraft::Step(form);
        return Err(crate::server::fail_keeping_at(e.renamed_field(&field), &typed, &extra).await);
    }
    redirect(&back(id, &query));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_recommendation_step")]
pub async fn remove_recommendation_step(id: i64, step: i64, query: String) -> Result<(), AppError> {
    require(Role::Staff).await?;
    service::tracking::remove_step(&ctx()?.db, id, step)
        .await
        .map_err(|e| fail_at(e.renamed_field(&format!("step-{step}-step")), &query))?;
    redirect(&back(id, &query));
    Ok(())
}

#[server(prefix = "/api", endpoint = "edit_recommendation_body")]
pub async fn edit_recommendation_body(
    id: i64,
    body: i64,
    detail: String,
    query: String,
) -> Result<(), AppError> {
    require(Role::Staff).await?;
    if let Err(e) = service::tracking::edit_body(&ctx()?.db, id, body, &detail).await {
        // Back with what was typed, next to the body's field, the filters kept.
        let renamed = e.renamed_field(&format!("body-{body}-detail"));
        let extra = format!("&{}", filters(&query));
        let typed = TrackerDraft::Body { detail };
        return Err(crate::server::fail_keeping_at(renamed, &typed, &extra).await);
    }
    redirect(&back(id, &query));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_recommendation_body")]
pub async fn remove_recommendation_body(id: i64, body: i64, query: String) -> Result<(), AppError> {
    require(Role::Staff).await?;
    service::tracking::remove_body(&ctx()?.db, id, body)
        .await
        .map_err(|e| fail_at(e, &query))?;
    redirect(&back(id, &query));
    Ok(())
}
