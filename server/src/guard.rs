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
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return true;
        };
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        return match (origin_host, host) {
            (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
            _ => true,
        };
    }
    false
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

pub async fn guard(
    axum::extract::State(trust_proxy): axum::extract::State<bool>,
    mut req: Request,
    next: Next,
) -> Response {
    if is_cross_site_write(req.method(), req.headers()) {
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
    fn reads_pass_and_cross_site_writes_do_not() {
        assert!(!is_cross_site_write(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "null"), ("host", "a")])
        ));
        assert!(!is_cross_site_write(&Method::POST, &headers(&[])));
    }
}
