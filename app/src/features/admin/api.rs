//! Staff account management and the organisation Sala works for (admins only).
use domain::series_types::{HomeForm, HomeOrganisation};
use domain::types::StaffAccount;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};
#[cfg(feature = "ssr")]
use domain::{types::Role, DomainError};

#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role).ok_or_else(|| fail(DomainError::validation("role", "invalid-choice")))
}

#[server(prefix = "/api", endpoint = "list_staff")]
pub async fn list_staff() -> Result<Vec<StaffAccount>, AppError> {
    require(Role::Admin).await?;
    let ctx = ctx()?;
    domain::service::users::list(&ctx.db).await.map_err(fail)
}

#[server(prefix = "/api", endpoint = "create_staff")]
pub async fn create_staff(
    email: String,
    display_name: String,
    password: String,
    role: String,
) -> Result<StaffAccount, AppError> {
    require(Role::Admin).await?;
    let ctx = ctx()?;
    let input = domain::service::users::NewStaff {
        email: &email,
        display_name: &display_name,
        password: &password,
        role: parse_role(&role)?,
    };
    domain::service::users::create(&ctx.db, input, ctx.now())
        .await
        .map_err(fail)
}

/// Changes a role, or (de)activates an account; `active` is the checkbox value.
#[server(prefix = "/api", endpoint = "update_staff")]
pub async fn update_staff(
    id: i64,
    role: String,
    active: Option<String>,
) -> Result<StaffAccount, AppError> {
    require(Role::Admin).await?;
    let ctx = ctx()?;
    let role = parse_role(&role)?;
    domain::service::users::update(&ctx.db, domain::types::UserId(id), role, active.is_some())
        .await
        .map_err(fail)
}

/// The organisation Sala works for, and the organisations it may be chosen from (admins).
#[server(prefix = "/api", endpoint = "load_home_organisation")]
pub async fn load_home_organisation() -> Result<HomeOrganisation, AppError> {
    require(Role::Admin).await?;
    domain::service::organisations::settings(&ctx()?.db)
        .await
        .map_err(fail)
}

/// Names the organisation Sala works for: chosen from the list or typed (admins).
#[server(prefix = "/api", endpoint = "set_home_organisation")]
pub async fn set_home_organisation(form: HomeForm) -> Result<String, AppError> {
    require(Role::Admin).await?;
    let ctx = ctx()?;
    let name = domain::service::organisations::set_home(&ctx.db, &form, ctx.now())
        .await
        .map_err(|e| {
            let field = format!("home-{}", e.field().unwrap_or(""));
            fail(e.renamed_field(&field))
        })?;
    crate::server::redirect("/admin/users?home=1#home-organisation");
    Ok(name)
}
