//! Travel server functions (thin: caller, one service call, the answer). Participants post
//! through their private link (rate limited like the other private-link calls); staff read
//! and change everyone's travel.
use domain::travel_types::{EventTravel, MyTravel, TravelForm};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, limit_public, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::{service::travel, types::Role};

/// The participant's travel form (as typed, after a refusal), or `None` when it cannot be
/// changed any more.
#[server(prefix = "/api", endpoint = "my_travel")]
pub async fn load_my_travel(
    token: String,
    draft: Option<String>,
) -> Result<Option<MyTravel>, AppError> {
    limit_public(false).await?;
    let ctx = ctx()?;
    let mine = travel::mine(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)?;
    let typed = crate::server::take_draft::<TravelForm>(draft.as_deref()).await;
    Ok(mine.map(|mut m| {
        if let Some(form) = typed {
            m.form = form;
        }
        m
    }))
}

/// Saves the participant's travel form.
#[server(prefix = "/api", endpoint = "save_my_travel")]
pub async fn save_my_travel(token: String, form: TravelForm) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    travel::save_mine(&ctx.db, &token, &form, ctx.now())
        .await
        .or_keep(&form, "")
        .await?;
    crate::server::redirect(&format!("/r/{token}?travel=saved#travel"));
    Ok(())
}

/// Everyone's travel for the event's travel page (staff).
#[server(prefix = "/api", endpoint = "event_travel")]
pub async fn load_event_travel(
    slug: String,
    draft: Option<String>,
) -> Result<(EventTravel, Option<TravelForm>), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let travel = travel::event_travel(&ctx.db, &slug).await.map_err(fail)?;
    let typed = crate::server::take_draft::<TravelForm>(draft.as_deref()).await;
    Ok((travel, typed))
}

/// Staff save one registration's travel, passport number included.
#[server(prefix = "/api", endpoint = "save_travel")]
pub async fn save_travel(
    slug: String,
    registration_id: i64,
    form: TravelForm,
) -> Result<(), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let back = format!("&edit={registration_id}");
    travel::save_for(&ctx.db, &slug, registration_id, &form, ctx.now())
        .await
        .or_keep(&form, &back)
        .await?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/travel?saved={registration_id}#r{registration_id}"
    ));
    Ok(())
}
