//! Server functions of the series staff pages (thin: role, one service call, the answer).
//! Staff read; coordinators write. A refused plain form post goes back to its page with the
//! message next to the field (the field named after its form: `series-…`, `new-…`,
//! `link-…`, or `ed-{event}` for an edition's row) and what was typed kept as a draft.
use domain::series_types::{
    EditionForm, LinkEditionForm, NewEditionForm, SeriesAdmin, SeriesForm, SeriesList,
};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, redirect, require, take_draft, OrKeep};
#[cfg(feature = "ssr")]
use domain::{service::series_admin, types::Role, DomainError};

/// The refusal with its field named after the form it came from (`{form}-{field}`).
#[cfg(feature = "ssr")]
fn within(form: &str) -> impl Fn(DomainError) -> DomainError + '_ {
    move |e| {
        let field = format!("{form}-{}", e.field().unwrap_or(""));
        e.renamed_field(&field)
    }
}

/// Every series, and the create form (empty, or what was typed before a refusal).
#[server(prefix = "/api", endpoint = "load_series_list")]
pub async fn load_series_list(draft: Option<String>) -> Result<(SeriesList, SeriesForm), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let list = series_admin::list(&ctx.db, user.role.allows(Role::Coordinator))
        .await
        .map_err(fail)?;
    let typed = take_draft::<SeriesForm>(draft.as_deref()).await;
    Ok((list, typed.unwrap_or_default()))
}

/// Creates a series and goes to its staff page (coordinators).
#[server(prefix = "/api", endpoint = "create_series")]
pub async fn create_series(form: SeriesForm) -> Result<String, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let slug = series_admin::create(&ctx.db, &form, ctx.now())
        .await
        .or_keep(&form, "")
        .await?;
    redirect(&format!("/manage/series/{slug}?saved=1"));
    Ok(slug)
}

/// The typed forms a refused post left behind, by the form they belong to.
pub type Drafts = (
    Option<SeriesForm>,
    Option<NewEditionForm>,
    Option<LinkEditionForm>,
);

/// One series' staff page, and the form a refusal sent back (`which`: series, new or link).
#[server(prefix = "/api", endpoint = "load_series_admin")]
pub async fn load_series_admin(
    slug: String,
    draft: Option<String>,
    which: Option<String>,
) -> Result<(SeriesAdmin, Drafts), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let can_write = user.role.allows(Role::Coordinator);
    let page = series_admin::admin_page(&ctx.db, &slug, can_write)
        .await
        .map_err(fail)?;
    let draft = draft.as_deref();
    let drafts = match which.as_deref() {
        Some("series") => (take_draft(draft).await, None, None),
        Some("new") => (None, take_draft(draft).await, None),
        Some("link") => (None, None, take_draft(draft).await),
        _ => (None, None, None),
    };
    Ok((page, drafts))
}

/// Saves a series' own fields and goes to its (perhaps new) address (coordinators).
#[server(prefix = "/api", endpoint = "update_series")]
pub async fn update_series(slug: String, form: SeriesForm) -> Result<String, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let saved = series_admin::update(&ctx.db, &slug, &form)
        .await
        .map_err(within("series"))
        .or_keep(&form, "&which=series")
        .await?;
    redirect(&format!("/manage/series/{saved}?saved=1"));
    Ok(saved)
}

/// Creates an event as a new edition of the series (coordinators).
#[server(prefix = "/api", endpoint = "add_new_edition")]
pub async fn add_new_edition(slug: String, form: NewEditionForm) -> Result<String, AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let event = series_admin::add_new_edition(&ctx.db, &slug, &form, user.id, ctx.now())
        .await
        .map_err(within("new"))
        .or_keep(&form, "&which=new")
        .await?;
    redirect(&format!("/manage/series/{slug}?added={event}#editions"));
    Ok(event)
}

/// Makes an existing event an edition of the series (coordinators).
#[server(prefix = "/api", endpoint = "link_edition")]
pub async fn link_edition(slug: String, form: LinkEditionForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    series_admin::link_edition(&ctx.db, &slug, &form)
        .await
        .map_err(within("link"))
        .or_keep(&form, "&which=link")
        .await?;
    redirect(&format!("/manage/series/{slug}?saved=1#editions"));
    Ok(())
}

/// Changes an edition's number and theme (coordinators).
#[server(prefix = "/api", endpoint = "update_edition")]
pub async fn update_edition(
    slug: String,
    event: String,
    form: EditionForm,
) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    series_admin::update_edition(&ctx.db, &slug, &event, &form)
        .await
        .map_err(|e| fail(e.renamed_field(&format!("ed-{event}"))))?;
    redirect(&format!("/manage/series/{slug}?saved=1#editions"));
    Ok(())
}

/// Takes an event out of the series; the event stays (coordinators).
#[server(prefix = "/api", endpoint = "unlink_edition")]
pub async fn unlink_edition(slug: String, event: String) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    series_admin::unlink_edition(&ctx()?.db, &slug, &event)
        .await
        .map_err(fail)?;
    redirect(&format!("/manage/series/{slug}?saved=1#editions"));
    Ok(())
}
