//! Who is asking, for the plain axum routes (files, uploads): one extractor that reads the
//! request the way the pages do, through the app's own cookie, sign-in and language
//! readers (`app::server::cookie_in`, `app::server::user_in`, `app::i18n::locale_in`), so
//! a file and the page that links to it agree on the caller's role and language.
use std::collections::HashMap;
use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::documents::pdf::Words;
use domain::service::agenda::Viewer;
use domain::types::{CurrentUser, Role};
use domain::DomainError;
use i18n::Locale;

use super::error;
use crate::AppState;

/// A language asked for by name that Sala does not have: a 400 that lists the seven.
#[derive(Debug)]
pub struct UnknownLanguage(String);

impl IntoResponse for UnknownLanguage {
    fn into_response(self) -> Response {
        (
            StatusCode::BAD_REQUEST,
            format!("{}: one of en, th, my, km, lo, vi, zh", self.0),
        )
            .into_response()
    }
}

/// The caller of a plain route: their request headers, read on demand (the sign-in is
/// looked up only by the routes that ask for it).
pub struct Caller {
    headers: HeaderMap,
    same_origin: bool,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Self {
            same_origin: crate::guard::is_same_origin(&parts.headers, &state.ctx.base_url),
            headers: parts.headers.clone(),
        })
    }
}

impl Caller {
    /// The signed-in staff member, if any (an unreadable session counts as none).
    pub async fn user(&self, state: &AppState) -> Option<CurrentUser> {
        app::server::user_in(&state.ctx.db, &self.headers, state.ctx.now())
            .await
            .ok()
            .flatten()
    }

    /// The caller if they hold `role`; otherwise the 403 refusing them.
    pub async fn require(&self, state: &AppState, role: Role) -> Result<CurrentUser, Response> {
        match self.user(state).await {
            Some(user) if user.role.allows(role) => Ok(user),
            _ => Err(error(DomainError::Forbidden)),
        }
    }

    /// Staff see drafts and private events; everyone else what is published.
    pub async fn viewer(&self, state: &AppState) -> Viewer {
        match self.user(state).await {
            Some(user) if user.role.allows(Role::Staff) => Viewer::Staff,
            _ => Viewer::Public,
        }
    }

    /// Whether the request comes from Sala's own pages (see [`crate::guard::is_same_origin`]).
    pub fn same_origin(&self) -> bool {
        self.same_origin
    }

    /// The language named by `?{param}=` (`lang`, or `also` for a second language); with
    /// `param` `lang` and none named, the caller's own (the `lang` cookie, else
    /// `Accept-Language`). An unknown language asked for by name is the caller's mistake:
    /// the 400 response says so.
    pub fn locale(
        &self,
        query: &HashMap<String, String>,
        param: &str,
    ) -> Result<Option<Locale>, UnknownLanguage> {
        if let Some(tag) = query.get(param).filter(|t| !t.is_empty()) {
            return Locale::from_tag(tag)
                .map(Some)
                .ok_or_else(|| UnknownLanguage(param.to_owned()));
        }
        Ok((param == "lang")
            .then(|| app::i18n::locale_in(&self.headers))
            .flatten())
    }

    /// The reader's words for a document's fixed texts and dates: the language of
    /// [`Caller::locale`] (English when none), Buddhist-era years for Thai with `?era=be`
    /// or, without `?era=`, the `era=be` cookie.
    pub fn words(&self, query: &HashMap<String, String>) -> Result<Words, UnknownLanguage> {
        let locale = self.locale(query, "lang")?.unwrap_or_default();
        let era = match query.get("era") {
            Some(era) => era == "be",
            None => app::i18n::buddhist_era_in(&self.headers),
        };
        Ok(Words::new(
            i18n::dates::DateFormat::new(locale).with_buddhist_era(era),
        ))
    }
}
