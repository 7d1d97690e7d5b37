//! Server-side plumbing shared by every server function: the context the server
//! provides, the caller's identity and role checks, cookies, and error responses.
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::service::{auth, limiter::LoginLimiter};
use domain::types::{CurrentUser, Role};
use domain::DomainError;
use http::{header, request::Parts, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// Name of the staff sign-in cookie.
pub const SESSION_COOKIE: &str = "sala_session";

pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// What the server hands every request: database, limiter, settings, and the clock.
#[derive(Clone)]
pub struct ServerCtx {
    pub db: DatabaseConnection,
    pub limiter: Arc<LoginLimiter>,
    pub secure_cookies: bool,
    pub base_url: String,
    pub clock: Clock,
}

impl ServerCtx {
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }
}

pub fn ctx() -> Result<ServerCtx, AppError> {
    use_context::<ServerCtx>().ok_or_else(|| fail(DomainError::Internal))
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// A cookie of the current request.
pub fn cookie(name: &str) -> Option<String> {
    let parts = parts()?;
    let prefix = format!("{name}=");
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(prefix.as_str()).map(str::to_owned))
}

/// The client's address as the server saw it (set by the server from the connection).
pub fn client_addr() -> String {
    parts()
        .and_then(|p| p.extensions.get::<ClientAddr>().cloned())
        .map(|c| c.0)
        .unwrap_or_default()
}

/// Inserted into request extensions by the server.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

/// The signed-in staff member, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let ctx = ctx()?;
    match cookie(SESSION_COOKIE) {
        Some(token) => auth::user_for_token(&ctx.db, &token, ctx.now())
            .await
            .map_err(fail),
        None => Ok(None),
    }
}

/// The caller, if they hold `role`; otherwise the failure (401/403) is already set on the response.
pub async fn require(role: Role) -> Result<CurrentUser, AppError> {
    let user = current_user().await?;
    auth::require(user.as_ref(), role).cloned().map_err(fail)
}

/// Turns a business failure into the response it deserves:
/// - a server-function call from a plain HTML form (no JavaScript) is sent back to the
///   form's page with `?error=<code>&field=<field>` so the page can show the message;
/// - other server-function calls get the failure's status code (never 500 for bad input);
/// - a page being rendered gets the status too, and an anonymous visitor of a staff page
///   is sent to the sign-in page.
pub fn fail(err: DomainError) -> AppError {
    if let (Some(parts), Some(response)) = (parts(), use_context::<ResponseOptions>()) {
        let is_server_fn = parts.uri.path().starts_with("/api/");
        let accepts_html = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if is_server_fn && accepts_html {
            let back = referer_path(&parts).unwrap_or_else(|| "/".to_owned());
            let mut target = format!("{back}?error={}", err.code());
            if let DomainError::Validation { field, message } = &err {
                target.push_str(&format!("&field={field}&message={message}"));
            }
            leptos_axum::redirect(&target);
        } else if !is_server_fn && err == DomainError::Unauthenticated {
            let next = parts.uri.path().to_owned();
            leptos_axum::redirect(&format!("/login?next={next}"));
        } else {
            response.set_status(
                StatusCode::from_u16(err.status_code())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    AppError::Domain(err)
}

/// The path (without query) of the page a form was posted from, only if it is this site's.
fn referer_path(parts: &Parts) -> Option<String> {
    let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
    let host = parts.headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.starts_with('/') && !path.starts_with("//") {
        Some(path.to_owned())
    } else {
        None
    }
}

/// Sets (or with `None`, clears) the sign-in cookie.
pub fn set_session_cookie(token: Option<&str>, secure: bool) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    let secure = if secure { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            auth::LOGIN_SESSION_DAYS * 24 * 3600
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    if let Ok(value) = header::HeaderValue::from_str(&value) {
        response.append_header(header::SET_COOKIE, value);
    }
}
