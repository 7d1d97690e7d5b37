//! Calendar files: an event's and a session's (.ics), the public feed, and a registrant's
//! own subscription.
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::documents::ics;
use domain::service::content;
use domain::DomainError;

use super::{error, event_in, file, Caller};
use crate::AppState;

/// The host part of the base URL, used in calendar UIDs (`event-{id}@{host}`).
pub fn uid_host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

const ICS: &str = "text/calendar; charset=utf-8";

/// `/events/{slug}/calendar.ics` (`?lang=th`: the event's texts in Thai where translated).
pub async fn event_ics(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match caller.locale(&query, "lang") {
        Ok(lang) => lang.unwrap_or_default(),
        Err(refused) => return refused.into_response(),
    };
    let viewer = caller.viewer(&state).await;
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
    caller: Caller,
    Path((slug, file_name)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match caller.locale(&query, "lang") {
        Ok(lang) => lang.unwrap_or_default(),
        Err(refused) => return refused.into_response(),
    };
    let Some(id) = file_name
        .strip_suffix(".ics")
        .and_then(|n| n.parse::<i64>().ok())
    else {
        return error(DomainError::NotFound);
    };
    let viewer = caller.viewer(&state).await;
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
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let lang = match caller.locale(&query, "lang") {
        Ok(lang) => lang.unwrap_or_default(),
        Err(refused) => return refused.into_response(),
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
