//! The upload step of a participant-list import: a plain multipart post (works without
//! JavaScript). The file is read, its rows kept server-side under a random key, and the
//! browser is sent back to the import page, which shows the preview for that key.
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use domain::import_types::MAX_IMPORT_BYTES;
use domain::types::Role;
use domain::DomainError;

use super::{error, Caller};
use crate::AppState;

/// The request body limit for the upload route: the file plus room for the form's framing.
pub const UPLOAD_BODY_LIMIT: usize = MAX_IMPORT_BYTES + 64 * 1024;

/// The `file` field's name and bytes, or the error code to show.
async fn read_file(mut form: Multipart) -> Result<(String, Vec<u8>), &'static str> {
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            "file-too-large"
        } else {
            "unreadable-file"
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(too_large)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(too_large)? {
            if bytes.len() + chunk.len() > MAX_IMPORT_BYTES {
                return Err("file-too-large");
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() {
            return Err("empty-file");
        }
        return Ok((name, bytes));
    }
    Err("empty-file")
}

/// `POST /manage/events/{slug}/import/upload` (coordinators).
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match caller.require(&state, Role::Coordinator).await {
        Ok(user) => user,
        Err(res) => return res,
    };
    let db = &state.ctx.db;
    let event = match domain::service::events::id_by_slug(db, &slug).await {
        Ok(id) => id,
        Err(err) => return error(err),
    };
    let back = |query: String| {
        let target = format!("/manage/events/{slug}/import?{query}");
        Redirect::to(&app::server::valid_location(&target)).into_response()
    };
    // Named after the page's file input, next to which the page shows the message.
    let refused = |code: &str| {
        let code = app::server::encode(code);
        back(format!("error=validation&field=import-file&message={code}"))
    };
    let (name, bytes) = match form {
        Ok(form) => match read_file(form).await {
            Ok(file) => file,
            Err(code) => return refused(code),
        },
        Err(_) => return refused("unreadable-file"),
    };
    let now = state.ctx.now();
    match domain::service::import::stage(db, event, user.id, &name, &bytes, now).await {
        Ok(id) => back(format!("preview={id}")),
        Err(DomainError::Validation { message, .. }) => refused(&message),
        Err(err) => error(err),
    }
}

/// `GET /manage/import-template.csv` (coordinators): the expected columns and an example row.
pub async fn template(State(state): State<AppState>, caller: Caller) -> Response {
    if let Err(res) = caller.require(&state, Role::Coordinator).await {
        return res;
    }
    let mut res = Response::new(domain::service::import::template_csv().into());
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"participants-template.csv\""),
    );
    res
}
