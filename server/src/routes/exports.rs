//! Exports staff and registrants take away: an event's participants (.csv, .xlsx; staff,
//! from Sala's own pages, every export recorded) and a registrant's own data (.json).
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use domain::DomainError;

use super::{download, error, file, Caller, XLSX};
use crate::AppState;

/// An event's participants as CSV (staff only, from Sala's own pages). Every export is recorded.
pub async fn participants_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<
        domain::participant_types::ParticipantFilter,
    >,
) -> Response {
    use domain::service::participants::ExportFormat;
    participants_file(&state, &caller, &slug, &filter, ExportFormat::Csv).await
}

/// An event's participants as an Excel workbook (staff only, from Sala's own pages). Every
/// export is recorded.
pub async fn participants_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<
        domain::participant_types::ParticipantFilter,
    >,
) -> Response {
    use domain::service::participants::ExportFormat;
    participants_file(&state, &caller, &slug, &filter, ExportFormat::Xlsx).await
}

async fn participants_file(
    state: &AppState,
    caller: &Caller,
    slug: &str,
    filter: &domain::participant_types::ParticipantFilter,
    format: domain::service::participants::ExportFormat,
) -> Response {
    use domain::service::participants::ExportFormat;
    // Every export is logged: a link on another site must not make a staff member's browser
    // write that log (or fetch the list) behind their back.
    if !caller.same_origin() {
        return error(DomainError::Forbidden);
    }
    let user = match caller.require(state, domain::types::Role::Staff).await {
        Ok(user) => user,
        Err(res) => return res,
    };
    let event = match domain::service::events::id_by_slug(&state.ctx.db, slug).await {
        Ok(id) => id,
        Err(err) => return error(err),
    };
    let (content_type, extension) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Xlsx => (XLSX, "xlsx"),
    };
    let db = &state.ctx.db;
    match domain::service::participants::export(db, event, filter, format, user.id, state.ctx.now())
        .await
    {
        Ok(bytes) => download(
            content_type,
            &format!("{slug}-participants.{extension}"),
            "participant export",
            Ok::<_, std::convert::Infallible>(bytes),
        ),
        Err(err) => error(err),
    }
}

/// "Download my data": everything held about the person behind a private link, as a JSON
/// file. Counted against the client's private-link views like the private page itself.
pub async fn my_data_json(
    State(state): State<AppState>,
    axum::Extension(client): axum::Extension<app::server::ClientAddr>,
    Path(token): Path<String>,
) -> Response {
    let now = state.ctx.now();
    if let Err(err) = state
        .ctx
        .public_reads
        .hit(&state.ctx.db, &client.0, now)
        .await
    {
        return error(err);
    }
    let data = match domain::service::privacy::export(&state.ctx.db, &token, now).await {
        Ok(data) => data,
        Err(err) => return error(err),
    };
    let Ok(body) = serde_json::to_vec_pretty(&data) else {
        return error(DomainError::Internal);
    };
    let name = format!("sala-my-data-{}.json", now.format("%Y-%m-%d"));
    let mut res = file("application/json; charset=utf-8", &name, body);
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}
