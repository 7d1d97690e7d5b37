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

pub async fn guard(mut req: Request, next: Next) -> Response {
    if is_cross_site_write(req.method(), req.headers()) {
        return (StatusCode::FORBIDDEN, "Cross-site requests are refused.").into_response();
    }
    let addr = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    req.extensions_mut().insert(ClientAddr(addr));
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
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
