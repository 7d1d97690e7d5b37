//! How answers travel, through the real router: compression, caching per kind of answer,
//! 304s for calendar files and the public agenda, the Content-Security-Policy on every kind
//! of page, and which pages load the wasm.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::io::Read;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Request};
use common::{demo_app_with_env_at, TestApp};
use domain::types::Role;
use tower::ServiceExt;

const COORD: (&str, &str) = ("coord@example.org", "coord-password-1");
const EVENT: &str = "/events/advocacy-with-asean-2016";

/// A built site as scripts/build.sh leaves it (hashed names, precompressed copies), shared by
/// every test of this binary (the server reads the list of files once per process).
fn site_root() -> &'static str {
    static ROOT: OnceLock<String> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("sala-site-{}", std::process::id()));
        let pkg = root.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let css = "body { color: #123456; }\n".repeat(50);
        std::fs::write(pkg.join("sala.c55.css"), &css).unwrap();
        let mut br = Vec::new();
        brotli::BrotliCompress(
            &mut css.as_bytes(),
            &mut br,
            &brotli::enc::BrotliEncoderParams::default(),
        )
        .unwrap();
        std::fs::write(pkg.join("sala.c55.css.br"), br).unwrap();
        std::fs::write(pkg.join("sala.a99.js"), "export default function(){}\n").unwrap();
        std::fs::write(pkg.join("sala.a99.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(pkg.join("assets.txt"), "app: sala.a99\ncss: sala.c55.css\n").unwrap();
        root.to_string_lossy().into_owned()
    })
}

async fn served(env: &[(&str, &str)]) -> TestApp {
    let mut env = env.to_vec();
    env.push(("LEPTOS_SITE_ROOT", site_root()));
    let app = demo_app_with_env_at(&env, 2016, 6, 1).await;
    app.create_user(COORD.0, COORD.1, Role::Coordinator).await;
    app
}

struct Raw {
    status: u16,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as the browser reads it, decoded from brotli or gzip.
    fn text(&self) -> String {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            Some("br") => {
                brotli::Decompressor::new(&self.body[..], 4096)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .unwrap();
            }
            None => out = self.body.clone(),
            Some(other) => panic!("unexpected encoding {other}"),
        };
        String::from_utf8(out).unwrap()
    }
}

async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Raw {
    let mut req = Request::get(path).header(header::HOST, "127.0.0.1:3000");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app
        .router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Raw {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn text_answers_are_compressed_for_browsers_that_accept_it() {
    let app = served(&[]).await;
    let plain = fetch(&app, EVENT, &[]).await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    for (accept, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
        for path in [EVENT, "/events/advocacy-with-asean-2016/calendar.ics", "/"] {
            let reply = fetch(&app, path, &[("accept-encoding", accept)]).await;
            assert_eq!(reply.status, 200, "{path}");
            assert_eq!(reply.header("content-encoding"), Some(encoding), "{path}");
            assert!(reply
                .header("vary")
                .unwrap_or("")
                .contains("accept-encoding"));
            let text = reply.text();
            if path == EVENT {
                assert!(text.contains("Advocacy with ASEAN"));
                assert!(
                    reply.body.len() * 3 < text.len(),
                    "{} of {}",
                    reply.body.len(),
                    text.len()
                );
            } else if path.ends_with(".ics") {
                assert!(text.starts_with("BEGIN:VCALENDAR"));
            }
        }
    }
    // PDFs are compressed inside already: sent as they are.
    let pdf = fetch(
        &app,
        "/events/advocacy-with-asean-2016/agenda.pdf",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-encoding"), None);
    assert!(pdf.body.starts_with(b"%PDF"));
}

#[tokio::test]
async fn built_files_are_sent_precompressed_and_kept_for_a_year() {
    let app = served(&[]).await;
    let br = fetch(
        &app,
        "/pkg/sala.c55.css",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    let on_disk = std::fs::read(format!("{}/pkg/sala.c55.css.br", site_root())).unwrap();
    assert_eq!(br.body, on_disk, "the precompressed file itself is sent");
    assert!(br.text().contains("#123456"));
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let wasm = fetch(&app, "/pkg/sala.a99.wasm", &[]).await;
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(
        wasm.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let missing = fetch(&app, "/pkg/nothing.css", &[]).await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("cache-control"),
        Some("no-cache"),
        "a 404 is not kept"
    );
}

#[tokio::test]
async fn each_kind_of_answer_is_cached_as_it_may_be() {
    let app = served(&[]).await;
    let cookie = app.login(COORD.0, COORD.1).await;
    let public = fetch(&app, EVENT, &[]).await;
    assert_eq!(public.header("cache-control"), Some("no-cache"));
    for path in [
        "/manage/events",
        "/manage/events/advocacy-with-asean-2016/participants",
        "/manage/events/advocacy-with-asean-2016/participants.csv",
        "/events/advocacy-with-asean-2016/badges.pdf",
        "/events/advocacy-with-asean-2016/attendance.pdf",
        "/dashboard",
        "/admin/users",
    ] {
        let reply = fetch(&app, path, &[("cookie", &cookie)]).await;
        assert!(reply.status < 500, "{path}: {}", reply.status);
        assert_eq!(
            reply.header("cache-control"),
            Some("private, no-store"),
            "{path}"
        );
    }
    let private_link = fetch(&app, "/r/not-a-real-token", &[]).await;
    assert_eq!(
        private_link.header("cache-control"),
        Some("private, no-store")
    );
    // A private link's address never goes to another site (its own forms need it back).
    assert_eq!(private_link.header("referrer-policy"), Some("same-origin"));
    let invitation = fetch(&app, "/i/not-a-real-token", &[]).await;
    assert_eq!(invitation.header("referrer-policy"), Some("same-origin"));
    assert_eq!(public.header("referrer-policy"), Some("same-origin"));
    assert_eq!(public.header("strict-transport-security"), None);
}

#[tokio::test]
async fn calendar_files_and_the_public_agenda_answer_304_when_unchanged() {
    let app = served(&[]).await;
    for path in [
        "/calendar.ics",
        "/events/advocacy-with-asean-2016/calendar.ics",
        "/events/advocacy-with-asean-2016/agenda.pdf",
    ] {
        let first = fetch(&app, path, &[]).await;
        assert_eq!(first.status, 200, "{path}");
        assert_eq!(first.header("cache-control"), Some("no-cache"), "{path}");
        let tag = first.header("etag").expect("an etag").to_owned();
        let again = fetch(&app, path, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(tag.as_str()));
        let other = fetch(&app, path, &[("if-none-match", "W/\"0000\"")]).await;
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(other.body, first.body);
    }
    // Another language is another version.
    let en = fetch(&app, "/events/advocacy-with-asean-2016/agenda.pdf", &[]).await;
    let th = fetch(
        &app,
        "/events/advocacy-with-asean-2016/agenda.pdf?lang=th",
        &[],
    )
    .await;
    assert_ne!(en.header("etag"), th.header("etag"));
}

/// Every `<script` in the page carries the nonce that the page's policy names, or its content
/// is named by its SHA-256 (the same fixed script on every page).
fn assert_scripts_carry_the_policy_nonce(path: &str, reply: &Raw) {
    let policy = reply
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"));
    for must in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(policy.contains(must), "{path}: {policy}");
    }
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
    assert!(nonce.len() >= 16, "{path}: short nonce {nonce}");
    let html = reply.text();
    for script in html.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap_or_default();
        if tag.contains(&format!("nonce=\"{nonce}\"")) {
            continue;
        }
        let content = rest.split("</script>").next().unwrap_or_default();
        let hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(content))
        };
        assert!(
            !content.is_empty() && policy.contains(&format!("'sha256-{hash}'")),
            "{path}: a script neither with the page's nonce nor named by its hash: <script{tag}>"
        );
    }
    assert!(!html.contains(" onclick="), "{path}: inline handler");
}

#[tokio::test]
async fn every_kind_of_page_carries_a_policy_naming_its_scripts_nonce() {
    let app = served(&[]).await;
    let cookie = app.login(COORD.0, COORD.1).await;
    let mut nonces = Vec::new();
    for (path, signed_in) in [
        ("/", false),
        ("/events", false),
        (EVENT, false),
        ("/events/advocacy-with-asean-2016/register", false),
        ("/privacy", false),
        ("/login", false),
        ("/r/not-a-real-token", false),
        ("/no/such/page", false),
        ("/dashboard", true),
        ("/manage/events", true),
        ("/manage/events/advocacy-with-asean-2016", true),
        ("/manage/events/advocacy-with-asean-2016/checkin", true),
        ("/manage/events/advocacy-with-asean-2016/participants", true),
        ("/admin/users", true),
    ] {
        let headers: Vec<(&str, &str)> = if signed_in {
            vec![("cookie", cookie.as_str())]
        } else {
            vec![]
        };
        let reply = fetch(&app, path, &headers).await;
        assert!(
            [200, 403, 404].contains(&reply.status),
            "{path}: {}",
            reply.status
        );
        assert!(reply
            .header("content-type")
            .unwrap_or("")
            .starts_with("text/html"));
        if reply.header("x-cache").is_some() {
            // A public page kept for every visitor: its scripts are named by hash instead.
            assert_scripts_are_allowed_by_hash(&reply);
            continue;
        }
        assert_scripts_carry_the_policy_nonce(path, &reply);
        nonces.push(reply.header("content-security-policy").unwrap().to_owned());
    }
    assert!(nonces.len() >= 10, "pages with a nonce: {}", nonces.len());
    let unique: std::collections::HashSet<_> = nonces.iter().collect();
    assert_eq!(unique.len(), nonces.len(), "a fresh nonce per page");
}

#[tokio::test]
async fn public_pages_load_no_wasm_and_the_check_in_page_does() {
    let app = served(&[]).await;
    for path in [EVENT, "/events/advocacy-with-asean-2016/register", "/"] {
        let html = fetch(&app, path, &[]).await.text();
        assert!(
            html.contains("href=\"/pkg/sala.c55.css\""),
            "{path}: hashed stylesheet"
        );
        assert!(!html.contains(".wasm"), "{path} loads wasm");
        assert!(
            !html.contains("sala.a99.js"),
            "{path} loads the islands' script"
        );
    }
    // The event page shows the visitor's own time with a few lines of script instead.
    let event = fetch(&app, EVENT, &[]).await.text();
    assert!(event.contains("class=\"viewer-time\""));
    assert!(event.contains("<span data-start=\"1465005600000\" data-end=\"1465008300000\""));
    // Outside islands nothing hydrates, so the page's data is not sent along a second time.
    assert!(!event.contains("__RESOLVED_RESOURCES["));
    assert!(event.contains("data-your-time=\"your time { $time }\""));
    let cookie = app.login(COORD.0, COORD.1).await;
    let checkin = fetch(
        &app,
        "/manage/events/advocacy-with-asean-2016/checkin",
        &[("cookie", &cookie)],
    )
    .await
    .text();
    assert!(
        checkin.contains("<leptos-island"),
        "the check-in list is an island"
    );
    assert!(checkin.contains("/pkg/sala.a99.wasm"));
    assert!(checkin.contains("sala.a99"));
}

#[tokio::test]
async fn https_deployments_tell_browsers_to_stay_on_https() {
    let app = served(&[("SALA_BASE_URL", "https://events.example.org")]).await;
    let reply = fetch(&app, EVENT, &[]).await;
    assert_eq!(
        reply.header("strict-transport-security"),
        Some("max-age=31536000")
    );
}

#[tokio::test]
async fn one_address_has_few_public_agendas_built_a_minute_and_kept_ones_are_free() {
    let app = served(&[]).await;
    // Eleven different documents: each language, then bilingual ones.
    let path = |n: usize| {
        let langs = ["en", "th", "my", "km", "lo", "vi", "zh"];
        let lang = langs[n % langs.len()];
        let also = if n < langs.len() {
            String::new()
        } else {
            format!("&also={}", langs[(n + 1) % langs.len()])
        };
        format!("/events/advocacy-with-asean-2016/agenda.pdf?lang={lang}{also}")
    };
    let limit = server::PUBLIC_BUILDS_PER_MINUTE as usize;
    for n in 0..limit {
        assert_eq!(fetch(&app, &path(n), &[]).await.status, 200, "{}", path(n));
    }
    let refused = fetch(&app, &path(limit), &[]).await;
    assert_eq!(refused.status, 429, "one build too many");
    // What was built already is kept and sent again without counting.
    for n in 0..limit {
        assert_eq!(fetch(&app, &path(n), &[]).await.status, 200);
    }
    app.advance(chrono::Duration::seconds(61));
    assert_eq!(
        fetch(&app, &path(limit), &[]).await.status,
        200,
        "a minute later"
    );
}

/// Public pages and calendar files are kept for anonymous visitors, in every encoding, until
/// something is written or half a minute has passed; staff and other languages get their own.
#[tokio::test]
async fn public_pages_are_kept_until_something_changes() {
    let app = served(&[]).await;
    let br = [("accept-encoding", "gzip, br")];
    let first = fetch(&app, EVENT, &br).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-cache"), Some("miss"));
    assert_eq!(first.header("content-encoding"), Some("br"));
    let again = fetch(&app, EVENT, &br).await;
    assert_eq!(again.header("x-cache"), Some("hit"));
    assert_eq!(again.text(), first.text());
    assert!(
        !first.text().contains("nonce=\""),
        "nothing per request in a kept page"
    );
    assert_scripts_are_allowed_by_hash(&first);
    let gzip = fetch(&app, EVENT, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip.text(), first.text());
    let plain = fetch(&app, EVENT, &[]).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), first.text());

    // Another language is another page.
    let thai = fetch(&app, EVENT, &[("cookie", "lang=th")]).await;
    assert_eq!(thai.header("x-cache"), Some("miss"));
    assert_ne!(thai.text(), plain.text());

    // A change in the database, not through this process, shows within half a minute.
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let event = entities::events::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.slug == "advocacy-with-asean-2016")
        .unwrap();
    let mut changed: entities::events::ActiveModel = event.into();
    changed.title = Set("Advocacy with ASEAN, renamed elsewhere".into());
    changed.update(&app.db).await.unwrap();
    assert_eq!(fetch(&app, EVENT, &[]).await.header("x-cache"), Some("hit"));
    app.advance(chrono::Duration::seconds(31));
    let later = fetch(&app, EVENT, &[]).await;
    assert_eq!(later.header("x-cache"), Some("miss"));
    assert!(later.text().contains("renamed elsewhere"));

    // Any write through this process: built again at once.
    assert_eq!(fetch(&app, EVENT, &[]).await.header("x-cache"), Some("hit"));
    let cookie = app.login(COORD.0, COORD.1).await;
    assert_eq!(
        fetch(&app, EVENT, &[]).await.header("x-cache"),
        Some("miss")
    );

    // Staff are never served a kept page, nor is theirs kept.
    let staff = fetch(&app, EVENT, &[("cookie", cookie.as_str())]).await;
    assert_eq!(staff.status, 200);
    assert_eq!(staff.header("x-cache"), None);

    // A calendar file's revalidation is answered from the kept copy.
    let ics = "/events/advocacy-with-asean-2016/calendar.ics";
    let file = fetch(&app, ics, &[]).await;
    let tag = file.header("etag").unwrap().to_owned();
    let revalidated = fetch(&app, ics, &[("if-none-match", &tag)]).await;
    assert_eq!(revalidated.status, 304);
    assert_eq!(revalidated.header("x-cache"), Some("hit"));
    assert!(revalidated.body.is_empty());
}

/// A kept page's policy names no nonce, and every inline script in it by its SHA-256.
fn assert_scripts_are_allowed_by_hash(reply: &Raw) {
    use base64::Engine;
    use sha2::Digest;
    let policy = reply.header("content-security-policy").unwrap();
    assert!(!policy.contains("nonce"), "{policy}");
    let html = reply.text();
    let mut inline = 0;
    for script in html.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap();
        if tag.contains("src=") {
            continue;
        }
        inline += 1;
        let content = rest.split("</script>").next().unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(content));
        assert!(
            policy.contains(&format!("'sha256-{hash}'")),
            "<script{tag}> is not named by {policy}"
        );
    }
    assert!(inline > 0, "a page has its inline scripts");
}
