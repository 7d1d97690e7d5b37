//! The network's annual report for staff: `/manage/reports/annual.pdf`, `.csv` and `.xlsx`,
//! for `?year=YYYY` or `?from=YYYY-MM-DD&to=YYYY-MM-DD`, in `?lang=` (or the reader's
//! language). A period that cannot be read is a 400 naming the field.
use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::documents::{annual, pdf};
use domain::report_types::{period_message, AnnualReport, ReportPeriod};
use domain::types::Role;
use domain::DomainError;

use super::caller::Caller;
use super::pdf::{fingerprint, pdf_response};
use super::{download, error, XLSX};
use crate::AppState;

/// The report asked for by a signed-in staff member, and its language; or the refusal.
async fn staff_report(
    state: &AppState,
    caller: &Caller,
    query: &HashMap<String, String>,
) -> Result<(AnnualReport, pdf::Words), Response> {
    caller.require(state, Role::Staff).await?;
    let words = caller.words(query).map_err(IntoResponse::into_response)?;
    let arg = |name: &str| query.get(name).map(String::as_str);
    let refuse = |err: DomainError| match err {
        DomainError::Validation { .. } => {
            (StatusCode::BAD_REQUEST, period_message(&err)).into_response()
        }
        other => error(other),
    };
    let period = ReportPeriod::from_query(arg("year"), arg("from"), arg("to")).map_err(refuse)?;
    let lang = words.locale();
    let report = domain::service::annual_report::load(&state.ctx.db, period, lang, state.ctx.now())
        .await
        .map_err(refuse)?;
    Ok((report, words))
}

/// `/manage/reports/annual.pdf`
pub async fn annual_pdf(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (report, words) = match staff_report(&state, &caller, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let key = format!("annual:{:?}:{words:?}", report.period);
    let name = format!("annual-report-{}.pdf", report.period.file_stem());
    let now = state.ctx.now();
    pdf_response(&state, key, fingerprint(&report), name, move |fonts| {
        pdf::annual_report_pdf(&report, fonts, now, words)
    })
    .await
}

/// `/manage/reports/annual.csv`: every table in one file (see [`annual::csv`]).
pub async fn annual_csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (report, words) = match staff_report(&state, &caller, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let name = format!("annual-report-{}.csv", report.period.file_stem());
    let bytes = annual::csv(&annual::tables(&report, words));
    download(
        "text/csv; charset=utf-8",
        &name,
        "annual report tables",
        bytes,
    )
}

/// `/manage/reports/annual.xlsx`: one sheet per table.
pub async fn annual_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (report, words) = match staff_report(&state, &caller, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let name = format!("annual-report-{}.xlsx", report.period.file_stem());
    let bytes = annual::xlsx(&annual::tables(&report, words));
    download(XLSX, &name, "annual report workbook", bytes)
}
