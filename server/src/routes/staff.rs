//! What every staff file of one event starts from, and how it answers. [`StaffEvent`] is the
//! request (`/events/{slug}/…?lang=…`) once the caller is known to be signed-in staff, with
//! the event and the language its document is asked in; [`StaffEvent::pdf`] answers with a
//! PDF through [`pdf_response`] and [`StaffEvent::workbook`] with an Excel file to save.
use std::collections::HashMap;
use std::fmt::Debug;

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use domain::documents::pdf::{Fonts, PdfError, Words};
use domain::participant_types::{RosterOrder, RosterRow};
use domain::service::agenda::{self, Viewer};
use domain::types::{EventDetail, Role};
use domain::DomainError;

use super::pdf::{fingerprint, pdf_response};
use super::{bad_request, download, error, Caller, XLSX};
use crate::AppState;

/// A request for a staff file of the event behind `{slug}`, from signed-in staff.
pub struct StaffEvent {
    pub event: EventDetail,
    /// The reader's language (see [`Caller::words`]).
    pub words: Words,
    pub slug: String,
    pub query: HashMap<String, String>,
}

impl FromRequestParts<AppState> for StaffEvent {
    /// 403 for anyone but staff, 400 for a language Sala does not have, 404 for no such event.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let caller = match Caller::from_request_parts(parts, state).await {
            Ok(caller) => caller,
            Err(never) => match never {},
        };
        let Path(slug) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Query(query) = Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        caller.require(state, Role::Staff).await?;
        let words = caller.words(&query).map_err(IntoResponse::into_response)?;
        let event = agenda::by_slug(&state.ctx.db, &slug, Viewer::Staff)
            .await
            .map_err(error)?;
        Ok(Self {
            event,
            words,
            slug,
            query,
        })
    }
}

impl StaffEvent {
    /// The value of `?{name}=`, empty when not given.
    pub fn param(&self, name: &str) -> &str {
        self.query.get(name).map(String::as_str).unwrap_or("")
    }

    /// The roster order asked for (`?order=`) and the roster in that order; or the 400
    /// naming the orders there are.
    pub async fn roster(
        &self,
        state: &AppState,
    ) -> Result<(RosterOrder, Vec<RosterRow>), Response> {
        let order = RosterOrder::parse(self.param("order"))
            .ok_or_else(|| bad_request("order: choose name, country or organisation"))?;
        let rows = domain::service::roster::roster(&state.ctx.db, self.event.summary.id, order)
            .await
            .map_err(error)?;
        Ok((order, rows))
    }

    /// The PDF `{slug}-{name}.pdf` built by `build` from `data` (the refusal when loading
    /// it failed), kept for the event, `options` and the language until `data` changes.
    pub async fn pdf<D, F>(
        &self,
        state: &AppState,
        name: &str,
        options: impl Debug,
        data: Result<D, DomainError>,
        build: F,
    ) -> Response
    where
        D: Debug + Send + 'static,
        F: FnOnce(&D, &Fonts, DateTime<Utc>, Words) -> Result<Vec<u8>, PdfError> + Send + 'static,
    {
        let data = match data {
            Ok(data) => data,
            Err(err) => return error(err),
        };
        let words = self.words;
        let key = format!("{name}:{}:{options:?}:{words:?}", self.event.summary.id.0);
        let print = fingerprint(&data);
        let now = state.ctx.now();
        pdf_response(
            state,
            key,
            print,
            format!("{}-{name}.pdf", self.slug),
            move |fonts| build(&data, fonts, now, words),
        )
        .await
    }

    /// The Excel file `{slug}-{name}.xlsx` built by `build` from `data` (the refusal when
    /// loading it failed), to save; `what` names it in the log if building fails.
    pub fn workbook<D, E: std::fmt::Display>(
        &self,
        name: &str,
        what: &str,
        data: Result<D, DomainError>,
        build: impl FnOnce(&D, Words) -> Result<Vec<u8>, E>,
    ) -> Response {
        match data {
            Ok(data) => download(
                XLSX,
                &format!("{}-{name}.xlsx", self.slug),
                what,
                build(&data, self.words),
            ),
            Err(err) => error(err),
        }
    }
}
