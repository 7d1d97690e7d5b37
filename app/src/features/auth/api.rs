//! Sign-in server functions.
use domain::types::CurrentUser;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{client_addr, ctx, current_user, fail, set_session_cookie, SESSION_COOKIE};

/// Who is signed in (None for anonymous visitors).
#[server(prefix = "/api", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    current_user().await
}

/// Checks the email and password, sets the session cookie and goes to `next` (or the dashboard).
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let ctx = ctx()?;
    let client = client_addr();
    let user = domain::service::auth::authenticate(
        &ctx.db,
        &ctx.limiter,
        &email,
        &password,
        &client,
        ctx.now(),
    )
    .await
    .map_err(fail)?;
    let token = domain::service::auth::start_login_session(&ctx.db, user.id, ctx.now())
        .await
        .map_err(fail)?;
    set_session_cookie(Some(&token), ctx.secure_cookies);
    crate::server::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// Ends the sign-in and goes home.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let ctx = ctx()?;
    if let Some(token) = crate::server::cookie(SESSION_COOKIE) {
        domain::service::auth::end_login_session(&ctx.db, &token)
            .await
            .map_err(fail)?;
    }
    set_session_cookie(None, ctx.secure_cookies);
    crate::server::redirect("/");
    Ok(())
}

/// Only local paths may follow a sign-in (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && path.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            path.to_owned()
        }
        _ => "/dashboard".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
        assert_eq!(safe_next(Some("/a\nb")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil")), "/dashboard");
    }
}
