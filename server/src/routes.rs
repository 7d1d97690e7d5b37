//! Plain axum routes for what is not a page: calendars (.ics), printed documents (.pdf),
//! exports (.csv, .xlsx, .json) and the import upload. Each reads its caller through
//! [`Caller`], calls one domain service and answers with a file; PDFs all go through
//! [`pdf::pdf_response`] (cache, build off the runtime, headers).
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::service::agenda::{self, Viewer};
use domain::service::content;
use domain::DomainError;
use i18n::Locale;

use crate::AppState;

pub mod calendars;
pub mod caller;
pub mod documents;
pub mod exports;
pub mod imports;
pub mod pdf;
pub mod reports;
pub mod staff;
pub mod travel;

pub use caller::Caller;

/// A business failure as its status code and reason, nothing more.
pub(crate) fn error(err: DomainError) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, status.canonical_reason().unwrap_or("error")).into_response()
}

pub(crate) fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, message.to_string()).into_response()
}

/// A file shown in the browser (`inline`) under `filename`.
pub(crate) fn file(
    content_type: &'static str,
    filename: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let mut res = Response::new(body.into());
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The media type of the Excel files Sala writes.
pub(crate) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to save (`attachment`) under `filename`, kept by no cache: exports, tables and
/// workbooks of personal data. `built` is the generator's result; its failure is logged under
/// `what` and answered 500.
pub(crate) fn download<E: std::fmt::Display>(
    content_type: &'static str,
    filename: &str,
    what: &str,
    built: Result<Vec<u8>, E>,
) -> Response {
    let bytes = match built {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(%err, what, "file failed");
            return error(DomainError::Internal);
        }
    };
    let mut res = file(content_type, filename, bytes);
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

/// The event behind `slug` as `viewer` may see it, in `lang` where translated.
pub(crate) async fn event_in(
    state: &AppState,
    slug: &str,
    viewer: Viewer,
    lang: Locale,
) -> Result<domain::types::EventDetail, Response> {
    let mut event = agenda::by_slug(&state.ctx.db, slug, viewer)
        .await
        .map_err(error)?;
    content::localise_event(&state.ctx.db, &mut event, lang)
        .await
        .map_err(error)?;
    Ok(event)
}
