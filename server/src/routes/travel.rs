//! Staff travel documents: `/events/{slug}/arrivals.pdf` (and `.xlsx`), the arrivals and
//! departures by day for pick-ups, and `/events/{slug}/payments.pdf` (and `.xlsx`), the payment
//! sheet with a signature column; `rooming.pdf` for the hotel and `visa-letters.pdf`. Signed-in
//! staff only: they name people, passports and money.
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::documents::{pdf, travel_xlsx};
use domain::service::travel;
use domain::DomainError;

use super::caller::Caller;
use super::documents::staff_event;
use super::pdf::{fingerprint, pdf_response};
use super::{download, error, XLSX};
use crate::AppState;

/// `/events/{slug}/arrivals.pdf`
pub async fn arrivals_pdf(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let list = match travel::movements(&state.ctx.db, &slug).await {
        Ok(list) => list,
        Err(err) => return error(err),
    };
    let key = format!("arrivals:{}:{words:?}", event.summary.id.0);
    let print = fingerprint(&list);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-arrivals.pdf"),
        move |fonts| pdf::arrivals_pdf(&list, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/arrivals.xlsx`
pub async fn arrivals_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (_, words) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    match travel::movements(&state.ctx.db, &slug).await {
        Ok(list) => download(
            XLSX,
            &format!("{slug}-arrivals.xlsx"),
            "arrivals workbook",
            travel_xlsx::arrivals(&list, words),
        ),
        Err(err) => error(err),
    }
}

/// `/events/{slug}/payments.pdf`
pub async fn payments_pdf(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let book = match travel::payments::book(&state.ctx.db, &slug).await {
        Ok(book) => book,
        Err(err) => return error(err),
    };
    let key = format!("payments:{}:{words:?}", event.summary.id.0);
    let print = fingerprint(&book);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-payments.pdf"),
        move |fonts| pdf::payments_pdf(&book, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/payments.xlsx`
pub async fn payments_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (_, words) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    match travel::payments::book(&state.ctx.db, &slug).await {
        Ok(book) => download(
            XLSX,
            &format!("{slug}-payments.xlsx"),
            "payments workbook",
            travel_xlsx::payments(&book, words),
        ),
        Err(err) => error(err),
    }
}

/// `/events/{slug}/rooming.pdf`: the rooming list for the hotel.
pub async fn rooming_pdf(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let list = match travel::rooms::rooming(&state.ctx.db, &slug).await {
        Ok(list) => list,
        Err(err) => return error(err),
    };
    let key = format!("rooming:{}:{words:?}", event.summary.id.0);
    let print = fingerprint(&list);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-rooming.pdf"),
        move |fonts| pdf::rooming_pdf(&list, fonts, now, words),
    )
    .await
}

/// `/events/{slug}/visa-letters.pdf` (`?registration=ID` for one person's letter).
pub async fn visa_letters_pdf(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, _) = match staff_event(&state, &caller, &slug, &query).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let only = match query.get("registration").map(|v| v.parse::<i64>()) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => return error(DomainError::NotFound),
    };
    let letters = match travel::visa::letters(&state.ctx.db, &slug, only).await {
        Ok(letters) => letters,
        Err(err) => return error(err),
    };
    let key = format!("visa:{}:{only:?}", event.summary.id.0);
    let print = fingerprint(&letters);
    let now = state.ctx.now();
    pdf_response(
        &state,
        key,
        print,
        format!("{slug}-visa-letters.pdf"),
        move |fonts| pdf::visa_letters_pdf(&letters, fonts, now),
    )
    .await
}
