//! The one way a route answers with a PDF ([`pdf_response`]): each document is built off the
//! async runtime and kept in a small cache keyed by a fingerprint of the data it was built
//! from, so a second request (or a retry on a slow line) is answered at once until the
//! event's data changes.
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::documents::pdf::{Fonts, PdfError};
use domain::service::bounded::{BoundedMap, Weigh};
use domain::DomainError;

use super::error;
use crate::AppState;

/// A built document and the fingerprint of the data it was built from. `Bytes` is shared, not
/// copied, by every answer that sends it.
#[derive(Clone)]
struct Built {
    fingerprint: u64,
    bytes: Bytes,
}

impl Weigh for Built {
    fn weight(&self) -> usize {
        self.bytes.len()
    }
}

/// Built documents by (kind, event, options), with the fingerprint of their inputs, bounded
/// by count and by bytes (the oldest go first; a document larger than the byte bound is
/// sent but not kept).
pub struct DocumentCache {
    entries: Mutex<BoundedMap<Built>>,
    /// One document is built at a time: a big event's badges take tens of megabytes while
    /// being built, and several at once would add up on a small server. Others wait.
    building: tokio::sync::Semaphore,
}

/// Documents kept at most.
pub const CACHE_ENTRIES: usize = 64;
/// Bytes of documents kept at most: a few big events' badges and sheets.
pub const CACHE_BYTES: usize = 48 * 1024 * 1024;

impl Default for DocumentCache {
    fn default() -> Self {
        Self::with_bounds(CACHE_ENTRIES, CACHE_BYTES)
    }
}

impl DocumentCache {
    pub fn with_bounds(entries: usize, bytes: usize) -> Self {
        Self {
            entries: Mutex::new(BoundedMap::new(entries, bytes)),
            building: tokio::sync::Semaphore::new(1),
        }
    }

    fn get(&self, key: &str, fingerprint: u64) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|b| b.fingerprint == fingerprint)
            .map(|b| b.bytes.clone())
    }

    /// Whether (`key`, `fingerprint`) is kept, so asking for it builds nothing.
    pub fn has(&self, key: &str, fingerprint: u64) -> bool {
        self.get(key, fingerprint).is_some()
    }

    fn put(&self, key: String, fingerprint: u64, bytes: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, Built { fingerprint, bytes }, |_| false);
        }
    }

    /// Documents and (estimated) bytes kept, for tests and monitoring.
    pub fn held(&self) -> (usize, usize) {
        self.entries.lock().map_or((0, 0), |e| (e.len(), e.bytes()))
    }
}

/// A fingerprint of everything a document is built from (its `Debug` form covers every field).
pub fn fingerprint(parts: &impl std::fmt::Debug) -> u64 {
    let mut h = DefaultHasher::new();
    format!("{parts:?}").hash(&mut h);
    h.finish()
}

/// Answers with the cached PDF for (`key`, `fingerprint`) or builds it with `build`.
pub async fn pdf_response<F>(
    state: &AppState,
    key: String,
    fingerprint: u64,
    filename: String,
    build: F,
) -> Response
where
    F: FnOnce(&Fonts) -> Result<Vec<u8>, PdfError> + Send + 'static,
{
    let _permit = match state.documents.get(&key, fingerprint) {
        Some(_) => None,
        None => state.documents.building.acquire().await.ok(),
    };
    // Asked again after waiting: the build that was running may have been this very one.
    let bytes = match state.documents.get(&key, fingerprint) {
        Some(bytes) => bytes,
        None => {
            // A thread of its own that ends with the build: the allocator gives a finished
            // thread's memory back, where a pooled thread would keep it for its next task.
            let (tx, rx) = tokio::sync::oneshot::channel();
            let spawned = std::thread::Builder::new()
                .name("sala-document".into())
                .spawn(move || {
                    let built = Fonts::shared()
                        .map_err(|e| e.to_string())
                        .and_then(|fonts| build(fonts).map_err(|e| e.to_string()));
                    let _ = tx.send(built);
                });
            let built = match spawned {
                Ok(_) => rx.await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match built {
                Ok(Ok(bytes)) => {
                    let bytes = Bytes::from(bytes);
                    state.documents.put(key, fingerprint, bytes.clone());
                    bytes
                }
                Ok(Err(message)) => {
                    // A missing font is the server's set-up, not the visitor's doing: say so.
                    tracing::error!(%message, "PDF failed");
                    return (
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!("The PDF cannot be produced: {message}"),
                    )
                        .into_response();
                }
                Err(err) => {
                    tracing::error!(%err, "PDF task failed");
                    return error(DomainError::Internal);
                }
            }
        }
    };
    let mut res = Response::new(axum::body::Body::from(bytes));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // Staff documents name people: never kept by shared caches.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_answers_only_for_the_same_data() {
        let cache = DocumentCache::default();
        let key = "attendance:1:name".to_string();
        cache.put(
            key.clone(),
            fingerprint(&("event", 1)),
            Bytes::from_static(&[1, 2, 3]),
        );
        assert_eq!(
            cache.get(&key, fingerprint(&("event", 1))).as_deref(),
            Some(&[1_u8, 2, 3][..])
        );
        assert!(cache.get(&key, fingerprint(&("event", 2))).is_none());
        assert!(cache
            .get("badges:1:name", fingerprint(&("event", 1)))
            .is_none());
    }

    #[test]
    fn the_cache_is_bounded_in_bytes_not_only_in_documents() {
        let cache = DocumentCache::with_bounds(64, 10 * 1024 * 1024);
        let big = Bytes::from(vec![0_u8; 3 * 1024 * 1024]);
        for i in 0..10 {
            cache.put(format!("badges:{i}"), 1, big.clone());
            let (_, bytes) = cache.held();
            assert!(bytes <= 10 * 1024 * 1024, "{bytes} bytes kept");
        }
        assert_eq!(cache.held().0, 3, "the three newest fit");
        assert!(cache.has("badges:9", 1) && !cache.has("badges:0", 1));
        cache.put("huge".into(), 1, Bytes::from(vec![0_u8; 11 * 1024 * 1024]));
        assert!(
            !cache.has("huge", 1),
            "larger than the bound: sent, not kept"
        );
    }
}
