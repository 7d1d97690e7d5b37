//! Staff documents built from an event's data: sign-in sheets and badges (proceedings in
//! [`proceedings`]). Each is built off the async runtime and kept in a small cache keyed by
//! a fingerprint of the data it was built from, so a second request (or a retry on a slow
//! line) is answered at once until the event's data changes.
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::documents::pdf::{self, Fonts, PdfError, SheetOptions, SheetsBy, Words};
use domain::participant_types::{RosterOrder, RosterRow};
use domain::service::agenda::{self, Viewer};
use domain::service::bounded::{BoundedMap, Weigh};
use domain::types::{EventDetail, Role};
use domain::DomainError;

use crate::downloads::{error, signed_in};
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

/// The event behind `slug` for a signed-in staff member, and the language its document is
/// asked in (see [`crate::downloads::document_words`]); or the response refusing it.
pub async fn staff_event(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<(EventDetail, Words), Response> {
    match signed_in(state, headers).await {
        Some(user) if user.role.allows(Role::Staff) => {}
        _ => return Err(error(DomainError::Forbidden)),
    }
    let words = crate::downloads::document_words(headers, query).map_err(|res| *res)?;
    let event = agenda::by_slug(&state.ctx.db, slug, Viewer::Staff)
        .await
        .map_err(error)?;
    Ok((event, words))
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

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, message.to_string()).into_response()
}

/// The event, the document's language, the roster order asked for (`?order=`) and the
/// roster in that order, for a signed-in staff member; otherwise the response refusing the
/// request.
async fn staff_roster(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<(EventDetail, Words, RosterOrder, Vec<RosterRow>), Response> {
    let (event, words) = staff_event(state, headers, slug, query).await?;
    let param = query.get("order").map(String::as_str).unwrap_or("");
    let order = RosterOrder::parse(param)
        .ok_or_else(|| bad_request("order: choose name, country or organisation"))?;
    let rows = domain::service::roster::roster(&state.ctx.db, event.summary.id, order)
        .await
        .map_err(error)?;
    Ok((event, words, order, rows))
}

/// `/events/{slug}/attendance.pdf?by=day|session&order=name|country|organisation&blank=N`
pub async fn attendance_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words, order, rows) = match staff_roster(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let param = |name: &str| query.get(name).map(String::as_str).unwrap_or("");
    let Some(by) = SheetsBy::parse(param("by")) else {
        return bad_request("by: choose day or session");
    };
    let blank_rows = match param("blank") {
        "" => 10,
        text => match text.parse::<u32>() {
            Ok(n) if n <= pdf::sheets::MAX_BLANK_ROWS => n,
            _ => {
                return bad_request(&format!(
                    "blank: a number of empty rows from 0 to {}",
                    pdf::sheets::MAX_BLANK_ROWS
                ))
            }
        },
    };
    let options = SheetOptions {
        by,
        order,
        blank_rows,
    };
    let key = format!("attendance:{}:{options:?}:{words:?}", event.summary.id.0);
    let print = fingerprint(&(&event, &rows));
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-sign-in.pdf"),
        move |fonts| pdf::attendance_pdf(&event, &rows, options, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/interpretation.pdf`: every session with the languages its participants
/// need, how many need each, and the interpreters assigned.
pub async fn interpretation_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let plan = match domain::service::interpretation::plan(&state.ctx.db, &slug).await {
        Ok(plan) => plan,
        Err(err) => return error(err),
    };
    let key = format!("interpretation:{}:{words:?}", event.summary.id.0);
    let print = fingerprint(&plan);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-interpretation.pdf"),
        move |fonts| pdf::interpretation_pdf(&plan, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/badges.pdf`: one badge per person on the roster, in roster order.
pub async fn badges_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words, order, rows) = match staff_roster(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let base = format!(
        "{}/manage/events/{slug}/checkin?r=",
        state.ctx.base_url.trim_end_matches('/')
    );
    let key = format!("badges:{}:{order:?}:{words:?}", event.summary.id.0);
    let print = fingerprint(&(&event, &rows, &base));
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-badges.pdf"),
        move |fonts| pdf::badges_pdf(&event, &rows, &base, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/proceedings.pdf`: staff always; anyone once the coordinator publishes.
pub async fn proceedings_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let words = match crate::downloads::document_words(&headers, &query) {
        Ok(words) => words,
        Err(res) => return *res,
    };
    let viewer = match signed_in(&state, &headers).await {
        Some(user) if user.role.allows(Role::Staff) => Viewer::Staff,
        _ => Viewer::Public,
    };
    let data = match domain::service::documentation::proceedings(&state.ctx.db, &slug, viewer).await
    {
        Ok(data) => data,
        Err(err) => return error(err),
    };
    let key = format!("proceedings:{}:{words:?}", data.event.summary.id.0);
    let print = fingerprint(&data);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-proceedings.pdf"),
        move |fonts| pdf::proceedings_pdf(&data, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/certificates.pdf`: trainees who completed (`?all=1`: everyone in the
/// cohort, participation certificates for the others; `?registration=ID`: one person).
pub async fn certificates_pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &headers, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let cohort = match domain::service::attendance_report::cohort(&state.ctx.db, &slug).await {
        Ok(cohort) => cohort,
        Err(err) => return error(err),
    };
    let one = match query.get("registration").map(|v| v.parse::<i64>()) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => return bad_request("registration: a registration number"),
    };
    let all = query.get("all").is_some_and(|v| v == "1");
    let certificates: Vec<pdf::Certificate> = cohort
        .rows
        .into_iter()
        .filter(|r| match one {
            Some(id) => r.roster.registration_id == id,
            None => all || r.completed,
        })
        .map(|r| pdf::Certificate {
            registration_id: r.roster.registration_id,
            name_latin: r.roster.name_latin,
            name_native: r.roster.name_native,
            days_attended: r.days_present,
            total_days: cohort.total_days,
            completed: r.completed,
        })
        .collect();
    if certificates.is_empty() {
        return error(DomainError::NotFound);
    }
    // The organisers sign; a second line is left blank when there is only one.
    let mut organisers = event
        .organisations
        .iter()
        .filter(|o| o.role == "organiser" || o.role == "co_organiser")
        .map(|o| (String::new(), o.name.clone()));
    let signatories = [
        organisers.next().unwrap_or_default(),
        organisers.next().unwrap_or_default(),
    ];
    let key = format!(
        "certificates:{}:{one:?}:{all}:{words:?}",
        event.summary.id.0
    );
    let print = fingerprint(&(&event, &certificates, &signatories));
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-certificates.pdf"),
        move |fonts| pdf::certificates_pdf(&event, &certificates, &signatories, fonts, now, words),
    )
    .await
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
