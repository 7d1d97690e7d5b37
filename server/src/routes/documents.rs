//! Printed documents of an event: the public programme (agenda) and the staff documents
//! built from its data (sign-in sheets, badges, interpretation plan, certificates; the
//! proceedings for staff, and for anyone once published). All answer through
//! [`pdf_response`].
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::documents::pdf::{self, SheetOptions, SheetsBy, Words};
use domain::participant_types::{RosterOrder, RosterRow};
use domain::service::agenda::{self, Viewer};
use domain::types::{EventDetail, Role};
use domain::DomainError;

use super::pdf::{fingerprint, pdf_response};
use super::{bad_request, error, event_in, Caller};
use crate::AppState;

/// The printed programme, in `?lang=` (else the `lang` cookie, else `Accept-Language`,
/// else English: its content where translated, its fixed texts and dates); with
/// `&also=th` the title and session titles also in that language, side by side. Built off
/// the async runtime: shaping and subsetting are CPU work.
pub async fn agenda_pdf(
    State(state): State<AppState>,
    axum::Extension(client): axum::Extension<app::server::ClientAddr>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    use domain::documents::pdf::programme;
    let words = match caller.words(&query) {
        Ok(words) => words,
        Err(refused) => return refused.into_response(),
    };
    let lang = words.locale();
    let also = match caller.locale(&query, "also") {
        Ok(also) => also,
        Err(refused) => return refused.into_response(),
    };
    let viewer = caller.viewer(&state).await;
    let event = match event_in(&state, &slug, viewer, lang).await {
        Ok(event) => event,
        Err(res) => return res,
    };
    let second = match also.filter(|a| *a != lang) {
        Some(also) => match event_in(&state, &slug, viewer, also).await {
            Ok(second) => Some(second),
            Err(res) => return res,
        },
        None => None,
    };
    // Kept like the staff documents: the same bytes (and so the same ETag, for a 304) until
    // the event changes, and no rebuild for each anonymous request.
    // Only what was understood goes into the key: any other text in `era` (or `lang`) would
    // make each request a new entry, built again and pushing out the rest.
    let dated = (words.locale(), words.dates.uses_buddhist_era());
    let key = format!("agenda:{slug}:{also:?}:{dated:?}:{viewer:?}");
    let fingerprint = fingerprint(&(&event, &second));
    let now = state.ctx.now();
    if !state.documents.has(&key, fingerprint) {
        if let Err(err) = state
            .document_builds
            .hit(&state.ctx.db, &client.0, now)
            .await
        {
            return error(err);
        }
    }
    pdf_response(
        &state,
        key,
        fingerprint,
        format!("{slug}-agenda.pdf"),
        move |fonts| programme(&event, second.as_ref(), fonts, now, Some(words.dates)),
    )
    .await
}

/// The event behind `slug` for a signed-in staff member, and the language its document is
/// asked in (see [`Caller::words`]); or the response refusing it.
pub async fn staff_event(
    state: &AppState,
    caller: &Caller,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<(EventDetail, Words), Response> {
    caller.require(state, Role::Staff).await?;
    let words = caller.words(query).map_err(IntoResponse::into_response)?;
    let event = agenda::by_slug(&state.ctx.db, slug, Viewer::Staff)
        .await
        .map_err(error)?;
    Ok((event, words))
}

/// The event, the document's language, the roster order asked for (`?order=`) and the
/// roster in that order, for a signed-in staff member; otherwise the response refusing the
/// request.
async fn staff_roster(
    state: &AppState,
    caller: &Caller,
    slug: &str,
    query: &HashMap<String, String>,
) -> Result<(EventDetail, Words, RosterOrder, Vec<RosterRow>), Response> {
    let (event, words) = staff_event(state, caller, slug, query).await?;
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
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words, order, rows) = match staff_roster(&state, &caller, &slug, &query).await {
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
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &caller, &slug, &query).await {
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
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words, order, rows) = match staff_roster(&state, &caller, &slug, &query).await {
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
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let words = match caller.words(&query) {
        Ok(words) => words,
        Err(refused) => return refused.into_response(),
    };
    let viewer = caller.viewer(&state).await;
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
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (event, words) = match staff_event(&state, &caller, &slug, &query).await {
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
    let choice = match (one, all) {
        (Some(id), _) => pdf::CertificateChoice::One(id),
        (None, true) => pdf::CertificateChoice::All,
        (None, false) => pdf::CertificateChoice::Completed,
    };
    let certificates = pdf::certificates_of(cohort, choice);
    if certificates.is_empty() {
        return error(DomainError::NotFound);
    }
    let signatories = pdf::signatories(&event);
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
