//! A real Sala router over a fresh migrated database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set), driven by real HTTP requests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod sala_file;
pub mod smtp;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, Response};
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use server::config::Config;
use server::AppState;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    pub now: Arc<Mutex<DateTime<Utc>>>,
    /// The clock the app reads (`now`).
    pub clock: app::server::Clock,
    /// What the router pokes when e-mail may have been queued.
    pub mail_wake: Arc<tokio::sync::Notify>,
    /// The context every request gets (its limiters and drafts, to look at their size).
    pub ctx: app::server::ServerCtx,
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (PDFs and other binary files).
    pub bytes: axum::body::Bytes,
}

impl Reply {
    pub fn cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("sala_session=") && !c.starts_with("sala_session=;"))
            .map(|c| c.split(';').next().unwrap().to_owned())
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

pub async fn app() -> TestApp {
    app_with_env(&[]).await
}

/// A test app configured with these environment variables (e.g. `SMTP_URL`).
pub async fn app_with_env(env: &[(&str, &str)]) -> TestApp {
    app_with_state(env, |_| {}).await
}

/// A test app configured with these environment variables, its state changed by `adjust`
/// before the router is built (e.g. smaller limits).
pub async fn app_with_state(env: &[(&str, &str)], adjust: impl FnOnce(&mut AppState)) -> TestApp {
    let db = domain::service::testing::fresh_db()
        .await
        .expect("test database");
    let now = Arc::new(Mutex::new(Utc::now()));
    let clock_now = now.clone();
    let clock: app::server::Clock = Arc::new(move || *clock_now.lock().unwrap());
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let config = Config::from_map(&env).expect("valid config");
    let mut state = AppState::new(&config, db.clone(), clock.clone());
    adjust(&mut state);
    TestApp {
        mail_wake: state.mail_wake.clone(),
        ctx: state.ctx.clone(),
        router: server::router(state),
        db,
        now,
        clock,
    }
}

/// A test app with the demo data, its clock set to a fixed day (`2026-11-01`..), so that
/// "upcoming" and "past" never depend on when the tests run.
pub async fn demo_app_at(year: i32, month: u32, day: u32) -> TestApp {
    demo_app_with_env_at(&[], year, month, day).await
}

/// [`demo_app_at`] with environment variables.
pub async fn demo_app_with_env_at(
    env: &[(&str, &str)],
    year: i32,
    month: u32,
    day: u32,
) -> TestApp {
    use chrono::TimeZone;
    let app = app_with_env(env).await;
    migration::seed::load_demo(&app.db)
        .await
        .expect("demo loads");
    *app.now.lock().unwrap() = Utc.with_ymd_and_hms(year, month, day, 0, 0, 0).unwrap();
    app
}

impl TestApp {
    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        // A hang fails the test instead of stalling the run.
        let res: Response<Body> = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            self.router.clone().oneshot(req),
        )
        .await
        .expect("the router answers within a minute")
        .expect("router answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    /// A page or file opened from one of Sala's own pages.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A server-function call as the browser's JavaScript makes it (form-encoded, same origin).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(encode(form))).unwrap()).await
    }

    /// [`TestApp::call`] from the client at `addr` (as the connection's peer).
    pub async fn call_from(&self, addr: &str, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        let peer: std::net::IpAddr = addr.parse().expect("an IP address");
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(encode(form)))
            .unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(
                peer, 40_000,
            )));
        self.send(req).await
    }

    pub async fn create_user(&self, email: &str, password: &str, role: domain::types::Role) {
        domain::service::users::create(
            &self.db,
            domain::service::users::NewStaff {
                email,
                display_name: "Test Person",
                password,
                role,
            },
            Utc::now(),
        )
        .await
        .expect("user created");
    }

    /// Signs in through the login server function and returns the session cookie.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let reply = self
            .call("login", &[("email", email), ("password", password)], None)
            .await;
        assert_eq!(reply.status, 200, "login failed: {}", reply.body);
        reply.cookie().expect("session cookie set")
    }
}

pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", k, urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text of a PDF as `pdftotext` reads it (poppler-utils, installed by scripts/setup.sh).
pub fn pdf_text(pdf: &[u8]) -> String {
    // Tests run in parallel in one process: one file per call.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("sala-test-{}-{n}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8(out.stdout).unwrap()
}

impl TestApp {
    /// The private page `/r/{token}` whose link was last e-mailed to `email` (the public form
    /// hands none back: the browser is told to look in the mailbox).
    pub async fn private_page(&self, email: &str) -> String {
        let token = domain::service::testing::link_sent_to(&self.db, email, "r")
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("a private link e-mailed to {email}"));
        format!("/r/{token}")
    }
}

/// Signs in a new account `email` with `role` (password "a-long-password-1"); its cookie.
pub async fn signed_in(app: &TestApp, email: &str, role: domain::types::Role) -> String {
    app.create_user(email, "a-long-password-1", role).await;
    app.login(email, "a-long-password-1").await
}

/// A form posted from `page` without JavaScript: the browser's plain POST of an HTML form to a
/// server function, which answers with a redirect.
pub async fn post_plain(
    app: &TestApp,
    endpoint: &str,
    page: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://127.0.0.1:3000{page}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(req.body(Body::from(encode(fields))).unwrap())
        .await
}

/// Registers `email` for the event `slug` through the public form posted without JavaScript:
/// a person in Cambodia who consents, with `extra` fields (e.g. `form[gender]`).
pub async fn register_plain(
    app: &TestApp,
    slug: &str,
    name: &str,
    native: &str,
    email: &str,
    extra: &[(&str, &str)],
) {
    let key = format!("submission-key-{}", email.replace(['@', '.'], "-"));
    let mut form = vec![
        ("slug", slug),
        ("form[name_latin]", name),
        ("form[name_native]", native),
        ("form[email]", email),
        ("form[country_code]", "KH"),
    ];
    form.extend_from_slice(extra);
    form.extend([
        ("form[consent]", "on"),
        ("form[submission_key]", key.as_str()),
    ]);
    let page = format!("/events/{slug}/register");
    let reply = post_plain(app, "register", &page, &form, None).await;
    assert!(reply.status < 400, "{}", reply.body);
}

/// The registration of the person whose e-mail is `email` (their only one).
pub async fn registration_of(app: &TestApp, email: &str) -> entities::registrations::Model {
    use entities::{people, registrations};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let person = people::Entity::find()
        .filter(people::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    registrations::Entity::find()
        .filter(registrations::Column::PersonId.eq(person.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Creates the coordinator `coordinator@example.org`, signs them in and returns the cookie.
pub async fn sign_in_coordinator(app: &TestApp) -> String {
    app.create_user(
        "coordinator@example.org",
        "a-long-password-1",
        domain::types::Role::Coordinator,
    )
    .await;
    app.login("coordinator@example.org", "a-long-password-1")
        .await
}
