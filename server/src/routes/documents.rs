//! Printed documents of an event: the public programme (agenda) and the staff documents
//! built from its data (sign-in sheets, badges, interpretation plan, certificates; the
//! proceedings for staff, and for anyone once published). All answer through
//! [`pdf_response`].
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::documents::pdf::{self, SheetOptions, SheetsBy};
use domain::DomainError;

use super::pdf::{fingerprint, pdf_response};
use super::staff::{EventReader, StaffEvent};
use super::{bad_request, error, event_in};
use crate::AppState;

/// The printed programme, in `?lang=` (else the `lang` cookie, else `Accept-Language`,
/// else English: its content where translated, its fixed texts and dates); with
/// `&also=th` the title and session titles also in that language, side by side. Built off
/// the async runtime: shaping and subsetting are CPU work.
pub async fn agenda_pdf(
    State(state): State<AppState>,
    axum::Extension(client): axum::Extension<app::server::ClientAddr>,
    reader: EventReader,
) -> Response {
    use domain::documents::pdf::programme;
    let EventReader {
        caller,
        words,
        slug,
        query,
    } = reader;
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

/// `/events/{slug}/attendance.pdf?by=day|session&order=name|country|organisation&blank=N`
pub async fn attendance_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let (order, rows) = match staff.roster(&state).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let Some(by) = SheetsBy::parse(staff.param("by")) else {
        return bad_request("by: choose day or session");
    };
    let blank_rows = match staff.param("blank") {
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
    let data = Ok((staff.event.clone(), rows));
    staff
        .pdf(
            &state,
            "sign-in",
            options,
            data,
            move |(event, rows), fonts, now, words| {
                pdf::attendance_pdf(event, rows, options, fonts, now, words)
            },
        )
        .await
}

/// `/events/{slug}/interpretation.pdf`: every session with the languages its participants
/// need, how many need each, and the interpreters assigned.
pub async fn interpretation_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let plan = domain::service::interpretation::plan(&state.ctx.db, staff.slug()).await;
    staff
        .pdf(&state, "interpretation", (), plan, pdf::interpretation_pdf)
        .await
}

/// `/events/{slug}/badges.pdf`: one badge per person on the roster, in roster order.
pub async fn badges_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let (order, rows) = match staff.roster(&state).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let base = format!(
        "{}/manage/events/{}/checkin?r=",
        state.ctx.base_url.trim_end_matches('/'),
        staff.slug()
    );
    let data = Ok((staff.event.clone(), rows, base));
    staff
        .pdf(
            &state,
            "badges",
            order,
            data,
            |(event, rows, base), fonts, now, words| {
                pdf::badges_pdf(event, rows, base, fonts, now, words)
            },
        )
        .await
}

/// `/events/{slug}/proceedings.pdf`: staff always; anyone once the coordinator publishes.
pub async fn proceedings_pdf(State(state): State<AppState>, reader: EventReader) -> Response {
    let EventReader {
        caller,
        words,
        slug,
        ..
    } = reader;
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
pub async fn certificates_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let cohort = match domain::service::attendance_report::cohort(&state.ctx.db, staff.slug()).await
    {
        Ok(cohort) => cohort,
        Err(err) => return error(err),
    };
    let Ok(one) = staff.registration() else {
        return bad_request("registration: a registration number");
    };
    let all = staff.param("all") == "1";
    let choice = match (one, all) {
        (Some(id), _) => pdf::CertificateChoice::One(id),
        (None, true) => pdf::CertificateChoice::All,
        (None, false) => pdf::CertificateChoice::Completed,
    };
    let certificates = pdf::certificates_of(cohort, choice);
    if certificates.is_empty() {
        return error(DomainError::NotFound);
    }
    let signatories = pdf::signatories(&staff.event);
    let data = Ok((staff.event.clone(), certificates, signatories));
    staff
        .pdf(
            &state,
            "certificates",
            (one, all),
            data,
            |(event, certificates, signatories), fonts, now, words| {
                pdf::certificates_pdf(event, certificates, signatories, fonts, now, words)
            },
        )
        .await
}
