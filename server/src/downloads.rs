//! Plain routes for files: calendars (.ics) and printed documents (.pdf).
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::documents::ics;
use domain::service::agenda::{self, Viewer};
use domain::service::content;
use domain::DomainError;
use i18n::Locale;

use crate::AppState;

/// The host part of the base URL, used in calendar UIDs (`event-{id}@{host}`).
pub fn uid_host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

pub(crate) fn error(err: DomainError) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, status.canonical_reason().unwrap_or("error")).into_response()
}

fn file(content_type: &'static str, filename: &str, body: impl Into<axum::body::Body>) -> Response {
    let mut res = Response::new(body.into());
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

const ICS: &str = "text/calendar; charset=utf-8";

/// The signed-in staff member behind the request's session cookie, if any.
pub(crate) async fn signed_in(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Option<domain::types::CurrentUser> {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(app::server::SESSION_COOKIE)
                .and_then(|r| r.strip_prefix('='))
        })
        .map(str::to_owned)?;
    domain::service::auth::user_for_token(&state.ctx.db, &token, state.ctx.now())
        .await
        .ok()
        .flatten()
}

/// The language of a file's event content: `?lang=` (or, with `param` `also`, the second
/// language), else for `lang` the visitor's `lang` cookie, else English. An unknown
/// language asked for by name is the caller's mistake: the 400 response says so.
fn content_lang(
    headers: &axum::http::HeaderMap,
    query: &HashMap<String, String>,
    param: &str,
) -> Result<Option<Locale>, Box<Response>> {
    if let Some(tag) = query.get(param).filter(|t| !t.is_empty()) {
        return Locale::from_tag(tag).map(Some).ok_or_else(|| {
            Box::new(
                (
                    StatusCode::BAD_REQUEST,
                    format!("{param}: one of en, th, my, km, lo, vi, zh"),
                )
                    .into_response(),
            )
        });
    }
    if param != "lang" {
        return Ok(None);
    }
    Ok(headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))
        .and_then(Locale::from_tag))
}

/// The reader's language for a document's fixed texts and dates: `?lang=` (anything else
/// than the seven tags is a 400), else the `lang` cookie, else `Accept-Language`, else
/// English; Buddhist-era years for Thai with `?era=be` or the `era=be` cookie.
pub(crate) fn document_words(
    headers: &axum::http::HeaderMap,
    query: &HashMap<String, String>,
) -> Result<domain::documents::pdf::Words, Box<Response>> {
    use i18n::Locale;
    let cookie = |name: &str| {
        let prefix = format!("{name}=");
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix(prefix.as_str()).map(str::to_owned))
    };
    let locale = match query.get("lang").filter(|t| !t.is_empty()) {
        Some(tag) => Locale::from_tag(tag).ok_or_else(|| {
            Box::new(
                (
                    StatusCode::BAD_REQUEST,
                    "lang: one of en, th, my, km, lo, vi, zh",
                )
                    .into_response(),
            )
        })?,
        None => cookie("lang")
            .as_deref()
            .and_then(Locale::from_tag)
            .or_else(|| {
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Locale::from_accept_language)
            })
            .unwrap_or_default(),
    };
    let era = query
        .get("era")
        .cloned()
        .or_else(|| cookie("era"))
        .is_some_and(|e| e == "be");
    Ok(domain::documents::pdf::Words::new(
        i18n::dates::DateFormat::new(locale).with_buddhist_era(era),
    ))
}

/// The event behind `slug` as `viewer` may see it, in `lang` where translated.
async fn event_in(
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

async fn viewer(state: &AppState, headers: &axum::http::HeaderMap) -> Viewer {
    match signed_in(state, headers).await {
        Some(user) if user.role.allows(domain::types::Role::Staff) => Viewer::Staff,
        _ => Viewer::Public,
    }
}

/// `/events/{slug}/calendar.ics` (`?lang=th`: the event's texts in Thai where translated).
pub async fn event_ics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match content_lang(&headers, &query, "lang") {
        Ok(lang) => lang.unwrap_or(Locale::En),
        Err(res) => return *res,
    };
    let viewer = viewer(&state, &headers).await;
    match event_in(&state, &slug, viewer, lang).await {
        Ok(event) => {
            let base = &state.ctx.base_url;
            let body = ics::event_calendar(&event, uid_host(base), base, state.ctx.now());
            file(ICS, &format!("{slug}.ics"), body)
        }
        Err(res) => res,
    }
}

pub async fn session_ics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path((slug, file_name)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match content_lang(&headers, &query, "lang") {
        Ok(lang) => lang.unwrap_or(Locale::En),
        Err(res) => return *res,
    };
    let Some(id) = file_name
        .strip_suffix(".ics")
        .and_then(|n| n.parse::<i64>().ok())
    else {
        return error(DomainError::NotFound);
    };
    let viewer = viewer(&state, &headers).await;
    match event_in(&state, &slug, viewer, lang).await {
        Ok(event) => {
            let base = &state.ctx.base_url;
            match ics::session_calendar(&event, id, uid_host(base), base, state.ctx.now()) {
                Some(body) => file(ICS, &format!("{slug}-{id}.ics"), body),
                None => error(DomainError::NotFound),
            }
        }
        Err(res) => res,
    }
}

pub async fn feed_ics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match content_lang(&headers, &query, "lang") {
        Ok(lang) => lang.unwrap_or(Locale::En),
        Err(res) => return *res,
    };
    let now = state.ctx.now();
    match domain::service::events::public_list(&state.ctx.db, now, None, None).await {
        Ok((mut events, past)) => {
            events.extend(past);
            if let Err(err) = content::localise_list(&state.ctx.db, &mut events, lang).await {
                return error(err);
            }
            let base = &state.ctx.base_url;
            file(
                ICS,
                "sala.ics",
                ics::feed(&events, uid_host(base), base, now),
            )
        }
        Err(err) => error(err),
    }
}

/// `/c/{token}/calendar.ics`: a registrant's own calendar (the event and the sessions where
/// they have a part) for a calendar app to subscribe to. The token is the feed's own, not the
/// private page's; an unknown or malformed one is 404. The answer is `private, no-cache` with
/// an ETag (see `web`), so a poll that finds nothing new gets 304 and no shared cache keeps it.
pub async fn personal_ics(
    State(state): State<AppState>,
    token: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    // A token that is not even UTF-8 opens nothing either.
    let Ok(Path(token)) = token else {
        return error(DomainError::NotFound);
    };
    let base = &state.ctx.base_url;
    let now = state.ctx.now();
    match domain::service::calendar::personal_feed(&state.ctx.db, &token, uid_host(base), base, now)
        .await
    {
        Ok(body) => {
            let mut res = file(ICS, "calendar.ics", body);
            res.headers_mut().insert(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            );
            res
        }
        Err(err) => error(err),
    }
}

/// The printed programme, in `?lang=` (else the `lang` cookie, else `Accept-Language`,
/// else English: its content where translated, its fixed texts and dates); with
/// `&also=th` the title and session titles also in that language, side by side. Built off
/// the async runtime: shaping and subsetting are CPU work.
pub async fn agenda_pdf(
    State(state): State<AppState>,
    axum::Extension(client): axum::Extension<app::server::ClientAddr>,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    use domain::documents::pdf::programme;
    let words = match document_words(&headers, &query) {
        Ok(words) => words,
        Err(res) => return *res,
    };
    let lang = words.locale();
    let also = match content_lang(&headers, &query, "also") {
        Ok(also) => also,
        Err(res) => return *res,
    };
    let viewer = viewer(&state, &headers).await;
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
    let fingerprint = crate::documents::fingerprint(&(&event, &second));
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
    crate::documents::pdf_response(
        &state,
        key,
        fingerprint,
        format!("{slug}-agenda.pdf"),
        move |fonts| programme(&event, second.as_ref(), fonts, now, Some(words.dates)),
    )
    .await
}

/// An event's participants as CSV (staff only, from Sala's own pages). Every export is recorded.
pub async fn participants_csv(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<
        domain::participant_types::ParticipantFilter,
    >,
) -> Response {
    use domain::service::participants::ExportFormat;
    participants_file(&state, &headers, &slug, &filter, ExportFormat::Csv).await
}

/// An event's participants as an Excel workbook (staff only, from Sala's own pages). Every
/// export is recorded.
pub async fn participants_xlsx(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(slug): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<
        domain::participant_types::ParticipantFilter,
    >,
) -> Response {
    use domain::service::participants::ExportFormat;
    participants_file(&state, &headers, &slug, &filter, ExportFormat::Xlsx).await
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn participants_file(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    slug: &str,
    filter: &domain::participant_types::ParticipantFilter,
    format: domain::service::participants::ExportFormat,
) -> Response {
    use domain::service::participants::ExportFormat;
    // Every export is logged: a link on another site must not make a staff member's browser
    // write that log (or fetch the list) behind their back.
    if !crate::guard::is_same_origin(headers, &state.ctx.base_url) {
        return error(DomainError::Forbidden);
    }
    let Some(user) = signed_in(state, headers).await else {
        return error(DomainError::Forbidden);
    };
    if !user.role.allows(domain::types::Role::Staff) {
        return error(DomainError::Forbidden);
    }
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
        Ok(bytes) => {
            let name = format!("{slug}-participants.{extension}");
            let mut res = file(content_type, &name, bytes);
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn uid_host_is_the_bare_host() {
        assert_eq!(
            super::uid_host("https://events.example.org"),
            "events.example.org"
        );
        assert_eq!(super::uid_host("http://127.0.0.1:3000"), "127.0.0.1");
    }
}
