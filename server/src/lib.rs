//! The `sala` server: configuration, shared state and the HTTP router.
pub mod backup;
pub mod cli;
pub mod config;
pub mod copy_db;
pub mod guard;
pub mod mail;
pub mod public_cache;
pub mod reminders;
pub mod retention;
pub mod routes;
pub mod web;

use std::sync::Arc;

use app::server::{Clock, ServerCtx};
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use domain::service::limiter::{LoginLimiter, RateLimiter};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::routes::{calendars, documents, exports, imports, reports, travel as travel_documents};

/// Everything a request handler may need.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: ServerCtx,
    /// Whether `X-Forwarded-For` from a local reverse proxy names the client.
    pub trust_proxy: bool,
    /// Built staff documents, kept until their event's data changes.
    pub documents: Arc<routes::pdf::DocumentCache>,
    /// Public pages and calendar files kept for anonymous visitors (`public_cache`).
    pub public_cache: Arc<public_cache::PublicCache>,
    /// Public documents (the agenda PDF) built afresh per client address and minute: a
    /// kept one costs nothing, but each build is CPU work an anonymous visitor can ask for.
    pub document_builds: Arc<RateLimiter>,
    /// Poked after every server-function call that may have queued e-mail, so the
    /// sending worker (when SMTP is configured) looks at the outbox at once.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(config: &Config, db: DatabaseConnection, clock: Clock) -> Self {
        let mut leptos_options = get_configuration(None)
            .map(|c| c.leptos_options)
            .unwrap_or_else(|_| LeptosOptions::builder().output_name("sala").build());
        leptos_options.site_addr = config.addr;
        if let Some(root) = &config.site_root {
            leptos_options.site_root = root.clone().into();
        }
        if leptos_options.output_name.is_empty() {
            leptos_options.output_name = "sala".into();
        }
        AppState {
            trust_proxy: config.trust_proxy,
            documents: Arc::default(),
            public_cache: Arc::new(public_cache::PublicCache::new(clock.clone())),
            document_builds: Arc::new(RateLimiter::new(
                "agenda-builds",
                if config.public_rate_limit == 0 {
                    0
                } else {
                    PUBLIC_BUILDS_PER_MINUTE
                },
                60,
            )),
            mail_wake: Arc::default(),
            leptos_options,
            ctx: ServerCtx {
                db,
                limiter: Arc::new(LoginLimiter::new()),
                secure_cookies: config.secure_cookies,
                base_url: config.base_url.clone(),
                mail_sending: config.smtp.is_some(),
                clock,
                drafts: Arc::new(app::server::Drafts::default()),
                public_writes: Arc::new(RateLimiter::new(
                    "public-writes",
                    config.public_rate_limit,
                    60,
                )),
                public_reads: Arc::new(RateLimiter::new(
                    "public-reads",
                    config.public_rate_limit.saturating_mul(5),
                    60,
                )),
                privacy: Arc::new(config.privacy.clone()),
            },
        }
    }
}

/// Agenda PDFs one client address may have built per minute (kept ones are not counted).
pub const PUBLIC_BUILDS_PER_MINUTE: u32 = 10;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(chrono::Utc::now)
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match domain::service::db::ping(&state.ctx.db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(%err, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// Query parameters that carry a previous failure back to a form page.
const FAILURE_PARAMS: [&str; 4] = ["error", "field", "message", "draft"];

/// A referer without the failure parameters of an earlier attempt, so that a plain form
/// post that succeeds returns to a clean page instead of showing the old error again.
pub fn clean_referer(referer: &str) -> String {
    let Some((path, query)) = referer.split_once('?') else {
        return referer.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !FAILURE_PARAMS.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Around every server-function call (leptos_axum registers their routes itself): the way
/// back for plain form posts drops an earlier failure's parameters, and unreadable arguments
/// answer 400 rather than 500.
async fn server_fn_edges(
    mut req: Request<Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let referer = req
        .headers()
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(clean_referer);
    if let Some(value) = referer.and_then(|r| axum::http::HeaderValue::from_str(&r).ok()) {
        req.headers_mut().insert(axum::http::header::REFERER, value);
    }
    bad_arguments_are_400(next.run(req).await).await
}

/// Server functions answer 500 when a request's arguments cannot be read (a missing or
/// malformed field): that is the caller's mistake, so say 400. Our own failures set their
/// status explicitly and are left alone.
async fn bad_arguments_are_400(res: axum::response::Response) -> axum::response::Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let is_argument_error = ["Args", "MissingArg", "Deserialization"]
        .iter()
        .any(|kind| bytes.starts_with(format!("{{\"ServerFn\":{{\"{kind}\"").as_bytes()));
    if is_argument_error {
        parts.status = StatusCode::BAD_REQUEST;
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

/// After a server-function call that changed something, wakes the e-mail worker: most
/// changes that matter to someone queue a message in the same transaction.
async fn wake_mail(
    State(wake): State<Arc<tokio::sync::Notify>>,
    req: Request<Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let writes = req.method() == axum::http::Method::POST && req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if writes && (res.status().is_success() || res.status().is_redirection()) {
        wake.notify_one();
    }
    res
}

/// `/lang/{tag}`: remembers the chosen language in a cookie (a year) and goes back.
/// A plain link, so the switch works without JavaScript.
async fn choose_language(
    axum::extract::Path(tag): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> impl IntoResponse {
    let cookie = app::i18n::Locale::from_tag(&tag).map(|locale| format!("lang={}", locale.tag()));
    remember_and_go_back(&headers, cookie)
}

/// `/era/{be|ce}`: remembers whether Thai dates count years in the Buddhist era.
async fn choose_era(
    axum::extract::Path(era): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> impl IntoResponse {
    let cookie = matches!(era.as_str(), "be" | "ce").then(|| format!("era={era}"));
    remember_and_go_back(&headers, cookie)
}

/// Goes back to the page the link was on, setting `cookie` (`name=value`) for a year.
fn remember_and_go_back(
    headers: &axum::http::HeaderMap,
    cookie: Option<String>,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    let mut res = axum::response::Redirect::to(&back).into_response();
    if let Some(cookie) = cookie {
        let cookie = format!("{cookie}; Path=/; Max-Age=31536000; SameSite=Lax");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    res
}

/// The app's page routes, listed once per process. Listing them renders the app with a
/// process-wide flag set in leptos that suspends the resources of any page rendering at that
/// moment (leptos issue 4773): a page served meanwhile by another router in the same process
/// (tests build many) would hang. Listed once, under the lock, no page can render meanwhile.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// All of Sala's routes: pages, server functions, health, static files, with the guard around them.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let ctx = state.ctx.clone();
    let options = state.leptos_options.clone();
    let trust_proxy = state.trust_proxy;
    let public_cache = state.public_cache.clone();
    let mail_wake = state.mail_wake.clone();
    let policy = web::Policy {
        hsts: state.ctx.base_url.starts_with("https://"),
        hashed_assets: app::assets::Assets::of_site(&options.site_root).hashed,
    };
    let static_files = web::static_files(&options.site_root);
    Router::new()
        .nest_service("/pkg", static_files)
        .route("/healthz", get(healthz))
        .route("/lang/{tag}", get(choose_language))
        .route("/era/{era}", get(choose_era))
        .route("/calendar.ics", get(calendars::feed_ics))
        .route("/events/{slug}/calendar.ics", get(calendars::event_ics))
        .route("/events/{slug}/agenda.pdf", get(documents::agenda_pdf))
        .route(
            "/events/{slug}/attendance.pdf",
            get(documents::attendance_pdf),
        )
        .route("/events/{slug}/badges.pdf", get(documents::badges_pdf))
        .route(
            "/events/{slug}/interpretation.pdf",
            get(documents::interpretation_pdf),
        )
        .route(
            "/events/{slug}/arrivals.pdf",
            get(travel_documents::arrivals_pdf),
        )
        .route(
            "/events/{slug}/arrivals.xlsx",
            get(travel_documents::arrivals_xlsx),
        )
        .route(
            "/events/{slug}/rooming.pdf",
            get(travel_documents::rooming_pdf),
        )
        .route(
            "/events/{slug}/visa-letters.pdf",
            get(travel_documents::visa_letters_pdf),
        )
        .route(
            "/events/{slug}/payments.pdf",
            get(travel_documents::payments_pdf),
        )
        .route(
            "/events/{slug}/payments.xlsx",
            get(travel_documents::payments_xlsx),
        )
        .route(
            "/events/{slug}/certificates.pdf",
            get(documents::certificates_pdf),
        )
        .route(
            "/events/{slug}/proceedings.pdf",
            get(documents::proceedings_pdf),
        )
        .route(
            "/manage/events/{slug}/participants.csv",
            get(exports::participants_csv),
        )
        .route(
            "/manage/events/{slug}/participants.xlsx",
            get(exports::participants_xlsx),
        )
        .route(
            "/manage/events/{slug}/import/upload",
            axum::routing::post(imports::upload).layer(axum::extract::DefaultBodyLimit::max(
                imports::UPLOAD_BODY_LIMIT,
            )),
        )
        .route("/manage/import-template.csv", get(imports::template))
        .route("/manage/reports/annual.pdf", get(reports::annual_pdf))
        .route("/manage/reports/annual.csv", get(reports::annual_csv))
        .route("/manage/reports/annual.xlsx", get(reports::annual_xlsx))
        .route(
            "/events/{slug}/sessions/{file}",
            get(calendars::session_ics),
        )
        .route("/r/{token}/data.json", get(exports::my_data_json))
        .route("/c/{token}/calendar.ics", get(calendars::personal_ics))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(server_fn_edges))
        .layer(axum::middleware::from_fn_with_state(mail_wake, wake_mail))
        .layer(axum::middleware::from_fn_with_state(policy, web::headers))
        .layer(axum::middleware::from_fn_with_state(
            public_cache,
            public_cache::layer,
        ))
        .layer(web::compression())
        .layer(axum::middleware::from_fn_with_state(
            guard::GuardConfig {
                trust_proxy,
                base_url: state.ctx.base_url.as_str().into(),
            },
            guard::guard,
        ))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::clean_referer;

    #[test]
    fn old_failures_are_dropped_from_the_way_back() {
        assert_eq!(
            clean_referer("http://h/manage/events/x?error=validation&field=title&message=required"),
            "http://h/manage/events/x"
        );
        assert_eq!(
            clean_referer("http://h/events?year=2017&error=x&draft=abc"),
            "http://h/events?year=2017"
        );
        assert_eq!(clean_referer("http://h/r/abc"), "http://h/r/abc");
    }
}
