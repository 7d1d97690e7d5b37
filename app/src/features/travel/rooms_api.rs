//! Rooms server functions (thin): staff add hotels and rooms and put people in rooms.
use domain::room_types::{AssignForm, RoomForm, Rooming};
use domain::travel_types::{Letterhead, LetterheadForm};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::{service::travel, types::Role};

fn back(slug: &str) -> String {
    format!("/manage/events/{slug}/travel/rooms?saved=1")
}

#[server(prefix = "/api", endpoint = "load_rooming")]
pub async fn load_rooming(slug: String) -> Result<Rooming, AppError> {
    require(Role::Staff).await?;
    travel::rooms::rooming(&ctx()?.db, &slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "add_hotel")]
pub async fn add_hotel(slug: String, form: RoomForm) -> Result<(), AppError> {
    require(Role::Staff).await?;
    travel::rooms::add_hotel(&ctx()?.db, &slug, &form)
        .await
        .map_err(|e| fail(e.renamed_field("hotel")))?;
    crate::server::redirect(&back(&slug));
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_room")]
pub async fn add_room(slug: String, form: RoomForm) -> Result<(), AppError> {
    require(Role::Staff).await?;
    travel::rooms::add_room(&ctx()?.db, &slug, &form)
        .await
        .map_err(fail)?;
    crate::server::redirect(&back(&slug));
    Ok(())
}

#[server(prefix = "/api", endpoint = "assign_room")]
pub async fn assign_room(slug: String, form: AssignForm) -> Result<(), AppError> {
    require(Role::Staff).await?;
    travel::rooms::assign(&ctx()?.db, &slug, &form)
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("{}#room-{}", back(&slug), form.room_id.trim()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "unassign_room")]
pub async fn unassign_room(slug: String, registration_id: i64) -> Result<(), AppError> {
    require(Role::Staff).await?;
    travel::rooms::unassign(&ctx()?.db, &slug, registration_id)
        .await
        .map_err(fail)?;
    crate::server::redirect(&back(&slug));
    Ok(())
}

#[server(prefix = "/api", endpoint = "load_letterhead")]
pub async fn load_letterhead(slug: String) -> Result<Letterhead, AppError> {
    require(Role::Staff).await?;
    travel::visa::letterhead(&ctx()?.db, &slug)
        .await
        .map_err(fail)
}

/// Saves the visa letters' letterhead for this event or every event (coordinators).
#[server(prefix = "/api", endpoint = "set_letterhead")]
pub async fn set_letterhead(slug: String, form: LetterheadForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    travel::visa::set_letterhead(&ctx()?.db, &slug, &form)
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/travel?saved=letterhead#letterhead"
    ));
    Ok(())
}
