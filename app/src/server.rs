//! Server-side plumbing shared by every server function: the context the server
//! provides, the caller's identity and role checks, cookies, and error responses.
mod location;

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
pub use domain::service::drafts::Drafts;
pub use location::{encode, failure_location, login_location, redirect, valid_location};

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
    /// Whether a worker sends the outbox over SMTP (`SMTP_URL`); otherwise staff read it.
    pub mail_sending: bool,
    pub clock: Clock,
    /// Forms sent back to a page without JavaScript, so the person's typing is kept.
    pub drafts: Arc<Drafts>,
    /// Public form submissions per client address.
    pub public_writes: Arc<domain::service::limiter::RateLimiter>,
    /// Private-link page views per client address.
    pub public_reads: Arc<domain::service::limiter::RateLimiter>,
    /// What the privacy notice says about this deployment.
    pub privacy: Arc<crate::features::privacy::api::PrivacyNotice>,
}

/// Counts a public request from this client; refuses it (429) when there were too many.
pub async fn limit_public(write: bool) -> Result<(), AppError> {
    let ctx = ctx()?;
    let limiter = if write {
        &ctx.public_writes
    } else {
        &ctx.public_reads
    };
    limiter
        .hit(&ctx.db, &client_addr(), ctx.now())
        .await
        .map_err(fail)
}

/// The refused form of type `T` that a page was sent back with (`draft=` in its address), if
/// it is still there; read once.
pub async fn take_draft<T: serde::de::DeserializeOwned>(draft: Option<&str>) -> Option<T> {
    let ctx = use_context::<ServerCtx>()?;
    ctx.drafts.take(&ctx.db, draft?, ctx.now()).await
}

/// True when the current server-function call is a plain HTML form post (no JavaScript).
pub fn is_plain_form_post() -> bool {
    parts().is_some_and(|p| {
        p.uri.path().starts_with("/api/")
            && p.headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

/// Like [`fail`], and for a plain form post also keeps what was typed: the page it returns
/// to gets `&draft=<id>` to fill the form again.
pub async fn fail_keeping<T: serde::Serialize>(err: DomainError, form: &T) -> AppError {
    fail_keeping_at(err, form, "").await
}

/// Like [`fail_keeping`], adding `extra` (`&name=value…`, already encoded) to the address the
/// page returns to, for pages that read more than the form from it (e.g. the day shown).
pub async fn fail_keeping_at<T: serde::Serialize>(
    err: DomainError,
    form: &T,
    extra: &str,
) -> AppError {
    let draft = match use_context::<ServerCtx>() {
        Some(c) if is_plain_form_post() => c.drafts.put(&c.db, form, c.now()).await,
        _ => None,
    };
    let mut query = draft.map(|d| format!("&draft={d}")).unwrap_or_default();
    query.push_str(extra);
    fail_with(err, &query)
}

/// Turns a refusal into the failure answer, keeping the refused form (see
/// [`fail_keeping_at`]): `service(…).await.or_keep(&form, "").await?`.
pub trait OrKeep<R>: Sized {
    fn or_keep<'a, T: serde::Serialize + Sync>(
        self,
        form: &'a T,
        extra: &'a str,
    ) -> impl std::future::Future<Output = Result<R, AppError>> + Send + 'a
    where
        R: Send + 'a;
}

impl<R> OrKeep<R> for Result<R, DomainError> {
    async fn or_keep<'a, T: serde::Serialize + Sync>(
        self,
        form: &'a T,
        extra: &'a str,
    ) -> Result<R, AppError>
    where
        R: Send + 'a,
    {
        match self {
            Ok(value) => Ok(value),
            Err(err) => Err(fail_keeping_at(err, form, extra).await),
        }
    }
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
    cookie_in(&parts()?.headers, name)
}

/// A cookie among request headers: the one cookie reader of pages, server functions and
/// the server's file routes.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(prefix.as_str()).map(str::to_owned))
}

/// The signed-in staff member behind the session cookie among `headers`, if any.
pub async fn user_in(
    db: &DatabaseConnection,
    headers: &http::HeaderMap,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, DomainError> {
    match cookie_in(headers, SESSION_COOKIE) {
        Some(token) => auth::user_for_token(db, &token, now).await,
        None => Ok(None),
    }
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
    let Some(parts) = parts() else {
        return Ok(None);
    };
    user_in(&ctx.db, &parts.headers, ctx.now())
        .await
        .map_err(fail)
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
    fail_with(err, "")
}

/// Like [`fail`], adding `extra_query` (`&name=value…`, already encoded) to the address a
/// plain form post returns to: for pages whose view depends on their query (filters).
pub fn fail_back(err: DomainError, extra_query: &str) -> AppError {
    fail_with(err, extra_query)
}

fn fail_with(err: DomainError, extra_query: &str) -> AppError {
    if let (Some(parts), Some(response)) = (parts(), use_context::<ResponseOptions>()) {
        let is_server_fn = parts.uri.path().starts_with("/api/");
        let accepts_html = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if is_server_fn && accepts_html {
            let back = referer_path(&parts).unwrap_or_else(|| "/".to_owned());
            redirect(&failure_location(&back, &err, extra_query));
        } else if !is_server_fn && err == DomainError::Unauthenticated {
            redirect(&login_location(parts.uri.path()));
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
