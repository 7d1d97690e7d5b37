//! Every request passes here: cross-site writes are refused (a form on another site
//! cannot post to our server functions), the client address is noted, and
//! protective headers are added to every answer.
use std::net::SocketAddr;

use app::server::ClientAddr;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// True for a state-changing request that a browser marks as coming from another site.
///
/// Without `Sec-Fetch-Site`, an `Origin` must be the origin of `base_url` (`SALA_BASE_URL`)
/// or name the `Host` the request came to: behind a reverse proxy that rewrites `Host` (to
/// `127.0.0.1:3000`, say) only the base URL tells our own pages' posts apart.
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap, base_url: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Some(origin) = origin.to_str().ok().and_then(origin_of) else {
            return true;
        };
        if origin_of(base_url).is_some_and(|ours| ours == origin) {
            return false;
        }
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase);
        let origin_host = origin.split_once("://").map(|(_, host)| host);
        let host_default = |h: &str| {
            h.strip_suffix(":443")
                .or_else(|| h.strip_suffix(":80"))
                .unwrap_or(h)
                .to_owned()
        };
        return match (origin_host, host) {
            (Some(o), Some(h)) => host_default(o) != host_default(&h),
            _ => true,
        };
    }
    false
}

/// True when a request shows that it comes from one of Sala's own pages (or was typed into
/// the address bar): the browser's `Sec-Fetch-Site` is `same-origin` or `none`; without that
/// header, `Origin` (else `Referer`) names the origin of `base_url` (`SALA_BASE_URL`). The
/// base URL, not `Host`, because a reverse proxy may rewrite `Host`. A request showing none
/// of these cannot be told apart from a link on another site, and is not same-origin.
///
/// For GET routes with a side effect (an export is written to the audit log): a link on
/// another site opens them with the staff member's cookie (it is `SameSite=Lax`).
pub fn is_same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let theirs = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of);
    match (origin_of(base_url), theirs) {
        (Some(ours), Some(theirs)) => ours == theirs,
        _ => false,
    }
}

/// `scheme://host[:port]` of a URL, lower-cased, without a default port.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let host = authority.strip_suffix(default_port).unwrap_or(&authority);
    if host.is_empty() || host.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// The client's address: the connection's peer, or, behind a trusted local proxy, the
/// last address the proxy added to `X-Forwarded-For`.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    trust_proxy: bool,
) -> String {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    match (peer, forwarded) {
        (Some(ip), Some(client)) if trust_proxy && ip.is_loopback() => client,
        (Some(ip), _) => ip.to_string(),
        (None, _) => String::new(),
    }
}

/// What the guard needs to know about the deployment.
#[derive(Clone)]
pub struct GuardConfig {
    /// Whether `X-Forwarded-For` from a local reverse proxy names the client.
    pub trust_proxy: bool,
    /// `SALA_BASE_URL`: the origin our own pages post from.
    pub base_url: std::sync::Arc<str>,
}

pub async fn guard(
    axum::extract::State(config): axum::extract::State<GuardConfig>,
    mut req: Request,
    next: Next,
) -> Response {
    let trust_proxy = config.trust_proxy;
    if is_cross_site_write(req.method(), req.headers(), &config.base_url) {
        return (StatusCode::FORBIDDEN, "Cross-site requests are refused.").into_response();
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let addr = client_address(peer, req.headers(), trust_proxy);
    req.extensions_mut().insert(ClientAddr(addr));
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // `same-origin`: a private link's address (`/r/…`, `/i/…`) is never sent to another site;
    // Sala's own forms still get it, which is how a form sent without JavaScript finds its
    // way back to the page it came from (`no-referrer` would send the person to `/`).
    // A download that set its own (`no-referrer`) keeps it.
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_client_address_comes_from_a_proxy_only_when_trusted() {
        let h = headers(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7")]);
        let local = Some(std::net::IpAddr::from([127, 0, 0, 1]));
        let remote = Some(std::net::IpAddr::from([192, 0, 2, 1]));
        assert_eq!(client_address(local, &h, true), "198.51.100.7");
        assert_eq!(client_address(local, &h, false), "127.0.0.1");
        assert_eq!(
            client_address(remote, &h, true),
            "192.0.2.1",
            "only a local proxy is believed"
        );
    }

    #[test]
    fn same_origin_is_what_the_browser_says_else_origin_or_referer_against_the_base_url() {
        let base = "https://events.example.org";
        for (pairs, same) in [
            (&[("sec-fetch-site", "same-origin")][..], true),
            (&[("sec-fetch-site", "none")][..], true),
            (&[("sec-fetch-site", "cross-site")][..], false),
            (&[("sec-fetch-site", "same-site")][..], false),
            (
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("referer", "https://events.example.org/x"),
                ][..],
                false,
            ),
            (&[("origin", "https://events.example.org")][..], true),
            (&[("origin", "https://EVENTS.example.org:443")][..], true),
            (&[("origin", "http://events.example.org")][..], false),
            (&[("origin", "null")][..], false),
            (
                &[("referer", "https://events.example.org/manage/x?y")][..],
                true,
            ),
            (
                &[("referer", "https://events.example.org.evil.example/")][..],
                false,
            ),
            (
                &[("referer", "https://evil.example/events.example.org")][..],
                false,
            ),
            // A proxy's rewritten Host does not matter; the base URL does.
            (
                &[
                    ("host", "127.0.0.1:3000"),
                    ("referer", "http://127.0.0.1:3000/"),
                ][..],
                false,
            ),
            (&[][..], false),
        ] {
            assert_eq!(is_same_origin(&headers(pairs), base), same, "{pairs:?}");
        }
    }

    #[test]
    fn reads_pass_and_cross_site_writes_do_not() {
        const BASE: &str = "https://events.example.org";
        assert!(!is_cross_site_write(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            BASE
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")]),
            BASE
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            BASE
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            BASE
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "null"), ("host", "a")]),
            BASE
        ));
        assert!(!is_cross_site_write(&Method::POST, &headers(&[]), BASE));
        // Behind a proxy that rewrites Host: the base URL's origin is ours.
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "https://events.example.org"),
                ("host", "127.0.0.1:3000")
            ]),
            BASE
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "http://events.example.org"),
                ("host", "127.0.0.1:3000")
            ]),
            BASE
        ));
    }
}
