//! Public pages and calendar files kept ready to send: the event list, an event's page and
//! the calendar files are the same for every anonymous visitor who asks in the same language,
//! and they change only when someone changes data. Each is kept with its brotli and gzip
//! forms, so a visitor costs a lookup, not a page render, a query and a compression.
//!
//! - **What**: `GET` of `/`, `/events`, `/events/{slug}`, `/calendar.ics`,
//!   `/events/{slug}/calendar.ics` and `/events/{slug}/sessions/{file}`, from a visitor
//!   without a staff session, answered 200 and not marked private, with no `Set-Cookie`.
//! - **Nonces**: a page's inline scripts carry the request's nonce, which must not be sent to
//!   anyone else. A kept page has the nonce taken out of its scripts, and its
//!   Content-Security-Policy names each inline script by its SHA-256 instead (they are the
//!   same for every visitor); an inline script that cannot be read that way is not kept.
//! - **Keyed by** the address, the negotiated encoding, and what picks the language and
//!   calendar (the `Cookie` and `Accept-Language` headers).
//! - **Until** any request that may write (anything but `GET`/`HEAD`) passes through this
//!   process, or [`MAX_AGE`] has passed on the server's clock: the bound on how stale a page
//!   may be after a change made through *another* process on the same database, or after the
//!   clock moves past a registration deadline.
//! - **Bounded** by entries and bytes ([`BoundedMap`]), oldest out first.
//!
//! Answers say `x-cache: hit` or `miss`, for monitoring and tests.
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use domain::service::bounded::{BoundedMap, Weigh};

/// How long a kept answer may be sent without being built again.
pub const MAX_AGE: Duration = Duration::from_secs(30);
/// Answers kept at most, and their bytes (all three encodings counted).
pub const MAX_ENTRIES: usize = 2_000;
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// A page larger than this is sent but not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// Keys longer than this (odd cookies, long language lists) are not kept.
const MAX_KEY: usize = 600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn of(headers: &HeaderMap) -> Self {
        let accepted = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let offers = |name: &str| {
            accepted.split(',').any(|part| {
                let mut bits = part.split(';');
                let coding = bits.next().unwrap_or_default().trim();
                let refused =
                    bits.any(|b| matches!(b.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if offers("br") {
            Self::Brotli
        } else if offers("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

struct Kept {
    generation: u64,
    at: DateTime<Utc>,
    status: StatusCode,
    headers: HeaderMap,
    /// The body as the client's encoding wants it.
    body: Bytes,
    encoding: Encoding,
}

impl Weigh for Kept {
    fn weight(&self) -> usize {
        self.body.len() + self.headers.len() * 96
    }
}

/// The kept answers and the write generation they are valid for.
pub struct PublicCache {
    entries: Mutex<BoundedMap<Kept>>,
    generation: AtomicU64,
    clock: app::server::Clock,
}

impl PublicCache {
    pub fn new(clock: app::server::Clock) -> Self {
        Self {
            entries: Mutex::new(BoundedMap::new(MAX_ENTRIES, MAX_BYTES)),
            generation: AtomicU64::new(0),
            clock,
        }
    }

    /// Whether `kept` may still be sent at `now` (a clock set back counts as too old).
    fn fresh(&self, kept: &Kept, now: DateTime<Utc>) -> bool {
        let age = now - kept.at;
        kept.generation == self.generation.load(Ordering::SeqCst)
            && age >= chrono::Duration::zero()
            && age.to_std().is_ok_and(|age| age < MAX_AGE)
    }

    /// Answers kept and their bytes (for tests and monitoring).
    pub fn held(&self) -> (usize, usize) {
        self.entries.lock().map_or((0, 0), |e| (e.len(), e.bytes()))
    }

    /// Forgets every kept answer (a write happened).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// Whether `path` is one of the public addresses kept.
fn cacheable_path(path: &str) -> bool {
    if matches!(path, "/" | "/events" | "/calendar.ics") {
        return true;
    }
    let Some(rest) = path.strip_prefix("/events/") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [slug] => !slug.is_empty(),
        [slug, "calendar.ics"] => !slug.is_empty(),
        [slug, "sessions", file] => !slug.is_empty() && file.ends_with(".ics"),
        _ => false,
    }
}

fn has_session(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains(app::server::SESSION_COOKIE))
        || headers.contains_key(header::AUTHORIZATION)
}

fn key_of(req: &Request, encoding: Encoding) -> Option<String> {
    let header_text = |name: header::HeaderName| {
        req.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let key = format!(
        "{}\n{encoding:?}\n{}\n{}",
        req.uri(),
        header_text(header::COOKIE),
        header_text(header::ACCEPT_LANGUAGE)
    );
    (key.len() <= MAX_KEY).then_some(key)
}

fn compress(raw: &[u8], encoding: Encoding) -> Option<Bytes> {
    match encoding {
        Encoding::Identity => Some(Bytes::copy_from_slice(raw)),
        Encoding::Gzip => {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            out.write_all(raw).ok()?;
            out.finish().ok().map(Bytes::from)
        }
        Encoding::Brotli => {
            let mut out = Vec::new();
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
                writer.write_all(raw).ok()?;
            }
            Some(Bytes::from(out))
        }
    }
}

fn answer(kept: &Kept, if_none_match: Option<&str>) -> Response {
    let mut headers = kept.headers.clone();
    headers.insert("x-cache", HeaderValue::from_static("hit"));
    let etag = headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let (Some(tag), Some(asked)) = (etag, if_none_match) {
        if crate::web::etag_matches(asked, &tag) {
            headers.remove(header::CONTENT_LENGTH);
            headers.remove(header::CONTENT_DISPOSITION);
            headers.remove(header::CONTENT_ENCODING);
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            *res.headers_mut() = headers;
            return res;
        }
    }
    if kept.encoding != Encoding::Identity {
        let value = if kept.encoding == Encoding::Brotli {
            "br"
        } else {
            "gzip"
        };
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(kept.body.len()));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let mut res = Response::new(Body::from(kept.body.clone()));
    *res.status_mut() = kept.status;
    *res.headers_mut() = headers;
    res
}

/// Whether a built answer may be kept for everyone (see the module comment).
fn keepable(res: &Response) -> bool {
    let headers = res.headers();
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("private") || v.contains("no-store"));
    res.status() == StatusCode::OK
        && !private
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
}

/// The middleware (inside compression, around the page-header middleware).
pub async fn layer(
    State(cache): State<std::sync::Arc<PublicCache>>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    if !matches!(method, Method::GET | Method::HEAD) {
        let res = next.run(req).await;
        // After the write: a page built meanwhile was built from the old data and is not kept
        // (its generation is older), and no kept one is sent again.
        cache.invalidate();
        return res;
    }
    if method != Method::GET || !cacheable_path(req.uri().path()) || has_session(req.headers()) {
        return next.run(req).await;
    }
    let encoding = Encoding::of(req.headers());
    let Some(key) = key_of(&req, encoding) else {
        return next.run(req).await;
    };
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let generation = cache.generation.load(Ordering::SeqCst);
    let now = (cache.clock)();
    if let Ok(entries) = cache.entries.lock() {
        if let Some(kept) = entries.get(&key) {
            if cache.fresh(kept, now) {
                return answer(kept, if_none_match.as_deref());
            }
        }
    }
    // Built for this request; the revalidation (304) is answered from the kept copy later.
    let mut req = req;
    req.headers_mut().remove(header::IF_NONE_MATCH);
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(raw) = axum::body::to_bytes(body, usize::MAX).await else {
        let mut res = Response::new(Body::from("internal error"));
        *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        return res;
    };
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A page's nonce is per request: kept pages name their scripts by hash instead.
    let mut headers = parts.headers.clone();
    let shareable: Option<Bytes> = if is_html {
        without_nonce(&raw, &mut headers)
    } else {
        Some(raw.clone())
    };
    let kept = shareable
        .filter(|body| body.len() <= MAX_BODY)
        .and_then(|body| compress(&body, encoding))
        .map(|body| Kept {
            generation,
            at: now,
            status: parts.status,
            headers,
            body,
            encoding,
        });
    match kept {
        Some(kept) => {
            let mut res = answer(&kept, if_none_match.as_deref());
            res.headers_mut()
                .insert("x-cache", HeaderValue::from_static("miss"));
            if cache.generation.load(Ordering::SeqCst) == generation {
                if let Ok(mut entries) = cache.entries.lock() {
                    entries.insert(key, kept, |k| !cache.fresh(k, now));
                }
            }
            res
        }
        None => Response::from_parts(parts, Body::from(raw)),
    }
}

/// The page with its nonce taken out of every script, and `headers`' policy naming each inline
/// script by its SHA-256 instead; None when that cannot be done safely (then it is not kept).
fn without_nonce(raw: &[u8], headers: &mut HeaderMap) -> Option<Bytes> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let html = std::str::from_utf8(raw).ok()?;
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?
        .to_owned();
    let Some(nonce) = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
    else {
        // No nonce: nothing per request in the policy; the page must not hold one either.
        return (!html.contains("nonce=")).then(|| Bytes::copy_from_slice(raw));
    };
    if nonce.is_empty() {
        return None;
    }
    let page = html.replace(&format!(" nonce=\"{nonce}\""), "");
    if page.contains(nonce) {
        return None;
    }
    let mut hashes = Vec::new();
    for script in page.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>')?;
        if tag.contains("src=") {
            continue; // a file from the site: allowed by 'self'
        }
        let content = rest.split_once("</script>")?.0;
        let digest = Sha256::digest(content.as_bytes());
        let source = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        if !hashes.contains(&source) {
            hashes.push(source);
        }
    }
    let policy = policy.replace(&format!("'nonce-{nonce}'"), &hashes.join(" "));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).ok()?,
    );
    Some(Bytes::from(page))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_kept() {
        for path in [
            "/",
            "/events",
            "/events/afml-2026",
            "/calendar.ics",
            "/events/afml-2026/calendar.ics",
            "/events/afml-2026/sessions/12.ics",
        ] {
            assert!(cacheable_path(path), "{path}");
        }
        for path in [
            "/events/afml-2026/register",
            "/events/afml-2026/agenda.pdf",
            "/events/afml-2026/badges.pdf",
            "/events/",
            "/manage/events/afml-2026",
            "/r/abc",
            "/api/register",
        ] {
            assert!(!cacheable_path(path), "{path}");
        }
    }

    #[test]
    fn a_kept_page_names_its_scripts_by_hash_not_by_the_requests_nonce() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "script-src 'self' 'nonce-abc123' 'sha256-x'; object-src 'none'",
            ),
        );
        let page = br#"<p>hi</p><script nonce="abc123">a=1;</script><script src="/pkg/x.js" nonce="abc123"></script><script>b=2;</script>"#;
        let kept = without_nonce(page, &mut headers).unwrap();
        let kept = std::str::from_utf8(&kept).unwrap();
        assert!(!kept.contains("abc123"), "{kept}");
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(!policy.contains("nonce"), "{policy}");
        // sha256("a=1;") and sha256("b=2;"), base64 (computed with Python's hashlib).
        assert!(
            policy.contains("'sha256-mn8GiAzjK7yNSP6r9CMqrNfmfeFGdX9GoUBFSkFq+Ko='"),
            "{policy}"
        );
        assert!(
            policy.contains("'sha256-Ftdm06Ps+eDrjsoRPyvu3KdC7P6uiwr0REhY4Z6A5N0='"),
            "{policy}"
        );
        assert!(policy.contains("'sha256-x'") && policy.contains("object-src 'none'"));
        // A nonce left anywhere else (here in text) means: not kept.
        let mut headers2 = HeaderMap::new();
        headers2.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-abc123'"),
        );
        assert!(without_nonce(b"<p>abc123</p>", &mut headers2).is_none());
    }

    #[test]
    fn the_encoding_follows_what_the_client_accepts() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            Encoding::of(&h)
        };
        assert_eq!(with("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(with("gzip"), Encoding::Gzip);
        assert_eq!(with("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::of(&HeaderMap::new()), Encoding::Identity);
    }
}
