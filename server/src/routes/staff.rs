//! What every file of one event (`/events/{slug}/…?lang=…`) starts from. [`EventReader`]: the
//! caller and the language asked for, for the files anyone may ask for (the programme, the
//! published proceedings). [`StaffEvent`]: the request once the caller is known to be
//! signed-in staff, with the event; [`StaffEvent::pdf`] answers with a PDF through
//! [`pdf_response`] and [`StaffEvent::workbook`] with an Excel file to save.
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

/// A request for a file of the event behind `{slug}` that anyone may ask for.
pub struct EventReader {
    pub caller: Caller,
    /// The reader's language (see [`Caller::words`]).
    pub words: Words,
    pub slug: String,
    pub query: HashMap<String, String>,
}

impl FromRequestParts<AppState> for EventReader {
    /// 400 for a language Sala does not have.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Self::read(parts, state, None).await
    }
}

impl EventReader {
    /// Reads the request; with `role`, the caller must hold it (403) before anything else is
    /// looked at.
    async fn read(
        parts: &mut Parts,
        state: &AppState,
        role: Option<Role>,
    ) -> Result<Self, Response> {
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
        if let Some(role) = role {
            caller.require(state, role).await?;
        }
        let words = caller.words(&query).map_err(IntoResponse::into_response)?;
        Ok(Self {
            caller,
            words,
            slug,
            query,
        })
    }
}

/// A request for a staff file of the event behind `{slug}`, from signed-in staff.
pub struct StaffEvent {
    pub event: EventDetail,
    /// The request, its caller known to be staff.
    pub request: EventReader,
}

impl FromRequestParts<AppState> for StaffEvent {
    /// 403 for anyone but staff, 400 for a language Sala does not have, 404 for no such event.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let request = EventReader::read(parts, state, Some(Role::Staff)).await?;
        let event = agenda::by_slug(&state.ctx.db, &request.slug, Viewer::Staff)
            .await
            .map_err(error)?;
        Ok(Self { event, request })
    }
}

impl StaffEvent {
    /// The event's slug, as in the address.
    pub fn slug(&self) -> &str {
        &self.request.slug
    }

    /// The value of `?{name}=`, empty when not given.
    pub fn param(&self, name: &str) -> &str {
        self.request
            .query
            .get(name)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The registration named by `?registration=` (None when not given); Err when it is not
    /// a number.
    pub fn registration(&self) -> Result<Option<i64>, std::num::ParseIntError> {
        self.request
            .query
            .get("registration")
            .map(|v| v.parse::<i64>())
            .transpose()
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
        let words = self.request.words;
        let key = format!("{name}:{}:{options:?}:{words:?}", self.event.summary.id.0);
        let print = fingerprint(&data);
        let now = state.ctx.now();
        pdf_response(
            state,
            key,
            print,
            format!("{}-{name}.pdf", self.slug()),
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
                &format!("{}-{name}.xlsx", self.slug()),
                what,
                build(&data, self.request.words),
            ),
            Err(err) => error(err),
        }
    }
}
