//! How answers travel: compressed (brotli or gzip), cached as their kind allows, and with
//! the headers that protect pages.
//!
//! | what | Cache-Control |
//! |---|---|
//! | `/pkg/…` built files with hashed names | `public, max-age=31536000, immutable` |
//! | staff pages, private links, server functions, staff documents, exports | `private, no-store` |
//! | calendar files and the public agenda PDF | `no-cache` with an ETag: a poll that finds nothing new gets 304 |
//! | a registrant's calendar feed `/c/…` | `private, no-cache` with an ETag: the same, kept by no shared cache |
//! | public pages | `no-cache` (always revalidated: they change when an event does) |
//!
//! Every HTML page carries a Content-Security-Policy naming the nonce of the page's own inline
//! scripts (the shell sets it; an HTML answer that did not gets one allowing no script).
use app::assets::csp;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const PRIVATE: &str = "private, no-store";
pub const REVALIDATE: &str = "no-cache";
pub const PRIVATE_REVALIDATE: &str = "private, no-cache";

/// Files larger than this are sent without an ETag (and so never answered with 304).
const ETAG_MAX_BYTES: usize = 32 * 1024 * 1024;

/// How a path's answer may be kept by browsers and proxies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Staff pages, private links, server functions, staff documents and exports.
    Private,
    /// Calendar files and the public agenda: revalidated, with an ETag.
    PublicFile,
    /// A registrant's calendar feed: revalidated with an ETag, never kept by shared caches.
    PrivateFile,
    /// Public pages: revalidated.
    PublicPage,
    /// The built files under `/pkg` (their own service sets their header).
    Static,
}

pub fn kind_of(path: &str) -> Kind {
    const PRIVATE_PREFIXES: [&str; 8] = [
        "/manage",
        "/admin",
        "/r/",
        "/i/",
        "/e/",
        "/api/",
        "/dashboard",
        "/login",
    ];
    const STAFF_DOCUMENTS: [&str; 4] = [
        "/attendance.pdf",
        "/badges.pdf",
        "/certificates.pdf",
        "/proceedings.pdf",
    ];
    if path.starts_with("/pkg/") {
        Kind::Static
    } else if path.starts_with("/c/") {
        Kind::PrivateFile
    } else if PRIVATE_PREFIXES.iter().any(|p| path.starts_with(p))
        || STAFF_DOCUMENTS.iter().any(|d| path.ends_with(d))
        || path == "/healthz"
    {
        Kind::Private
    } else if path.ends_with(".ics") || path.ends_with("/agenda.pdf") {
        Kind::PublicFile
    } else {
        Kind::PublicPage
    }
}

/// What the middleware needs to know of the deployment.
#[derive(Clone, Copy)]
pub struct Policy {
    /// `SALA_BASE_URL` is https: tell browsers to come back only over https.
    pub hsts: bool,
    /// The built files have content-hashed names (`pkg/assets.txt` was found).
    pub hashed_assets: bool,
}

/// Sets caching per [`Kind`], answers revalidations of public files with 304, and adds the
/// page-protecting headers.
pub async fn headers(State(policy): State<Policy>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let kind = kind_of(&path);
    let is_read = matches!(*req.method(), Method::GET | Method::HEAD);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut res = next.run(req).await;
    match kind {
        Kind::Private => set(res.headers_mut(), header::CACHE_CONTROL, PRIVATE),
        Kind::PublicPage => set_if_absent(res.headers_mut(), header::CACHE_CONTROL, REVALIDATE),
        Kind::PublicFile | Kind::PrivateFile => {
            let cache = if kind == Kind::PublicFile {
                REVALIDATE
            } else {
                PRIVATE_REVALIDATE
            };
            set(res.headers_mut(), header::CACHE_CONTROL, cache);
            if is_read && res.status() == StatusCode::OK {
                res = with_etag(res, if_none_match).await;
            }
        }
        // A hashed name always means the same bytes; anything else (a missing file, names
        // without hashes from another build) is checked again.
        Kind::Static => {
            let found = matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
            let cache = if policy.hashed_assets && found {
                IMMUTABLE
            } else {
                REVALIDATE
            };
            set(res.headers_mut(), header::CACHE_CONTROL, cache);
        }
    }
    let headers = res.headers_mut();
    if is_html(headers) && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(headers, header::CONTENT_SECURITY_POLICY, &csp(None));
    }
    if policy.hsts {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000",
        );
    }
    res
}

/// Adds a weak ETag (a hash of the body) and answers 304 when the client has that version.
async fn with_etag(res: Response, if_none_match: Option<HeaderValue>) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ETAG_MAX_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    let tag = format!("W/\"{}\"", &hex::encode(Sha256::digest(&bytes))[..32]);
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| etag_matches(v, &tag));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_DISPOSITION);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `If-None-Match` compares weakly: `W/"x"` and `"x"` name the same version.
pub(crate) fn etag_matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    if_none_match
        .split(',')
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == bare(tag))
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

fn set(headers: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

fn set_if_absent(headers: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if !headers.contains_key(&name) {
        set(headers, name, value);
    }
}

/// Brotli or gzip for every text answer (pages, CSS, scripts, calendar files, JSON, CSV);
/// not for PDFs and spreadsheets, whose contents are compressed already, nor for images.
/// Level 5: most of brotli's gain on HTML at a small part of its top level's CPU.
pub fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("application/zip"));
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(5))
        .compress_when(predicate)
}

/// The built files under `/pkg`: precompressed `.br`/`.gz` beside each are sent as they are
/// ([`headers`] lets browsers keep them for a year).
pub fn static_files(site_root: &str) -> axum::routing::MethodRouter {
    use tower_http::services::ServeDir;
    let dir = std::path::Path::new(site_root).join("pkg");
    axum::routing::get_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_has_its_kind() {
        assert_eq!(kind_of("/pkg/sala.0123.wasm"), Kind::Static);
        for private in [
            "/manage/events",
            "/manage/events/x/participants.csv",
            "/admin/users",
            "/r/abc",
            "/r/abc/data.json",
            "/i/abc",
            "/e/abc",
            "/api/register",
            "/dashboard",
            "/login",
            "/events/x/badges.pdf",
            "/events/x/attendance.pdf",
            "/events/x/certificates.pdf",
            "/events/x/proceedings.pdf",
            "/healthz",
        ] {
            assert_eq!(kind_of(private), Kind::Private, "{private}");
        }
        for file in [
            "/calendar.ics",
            "/events/x/calendar.ics",
            "/events/x/sessions/3.ics",
            "/events/x/agenda.pdf",
        ] {
            assert_eq!(kind_of(file), Kind::PublicFile, "{file}");
        }
        assert_eq!(kind_of("/c/abc/calendar.ics"), Kind::PrivateFile);
        for page in [
            "/",
            "/events",
            "/events/x",
            "/events/x/register",
            "/privacy",
        ] {
            assert_eq!(kind_of(page), Kind::PublicPage, "{page}");
        }
    }

    #[test]
    fn etags_compare_weakly() {
        assert!(etag_matches("W/\"ab\"", "W/\"ab\""));
        assert!(etag_matches("\"ab\"", "W/\"ab\""));
        assert!(etag_matches("\"zz\", W/\"ab\"", "W/\"ab\""));
        assert!(etag_matches("*", "W/\"ab\""));
        assert!(!etag_matches("W/\"ac\"", "W/\"ab\""));
    }
}
