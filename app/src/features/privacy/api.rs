//! Privacy server functions: the notice's settings (public), erasure through the private link
//! (rate limited like the other private-link calls) and staff anonymisation (coordinators).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, limit_public, require};
#[cfg(feature = "ssr")]
use domain::{service::privacy, service::registration, types::Role, DomainError};

/// What the deployment says in its privacy notice (`SALA_DATA_CONTROLLER`,
/// `SALA_PRIVACY_CONTACT`, `SALA_PRIVACY_PURPOSES`, `SALA_PRIVACY_RETENTION`); an empty value
/// shows the standard text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyNotice {
    pub controller: String,
    pub contact: String,
    pub purposes: String,
    pub retention: String,
}

#[server(prefix = "/api", endpoint = "privacy_notice")]
pub async fn load_privacy_notice() -> Result<PrivacyNotice, AppError> {
    Ok(ctx()?.privacy.as_ref().clone())
}

/// A form's confirmation box must be ticked.
#[cfg(feature = "ssr")]
fn confirmed(confirm: &Option<String>) -> Result<(), AppError> {
    match confirm.as_deref() {
        Some(v) if !v.is_empty() => Ok(()),
        _ => Err(fail(DomainError::validation("confirm", "confirm-required"))),
    }
}

/// "Erase my data": the person behind `token` is anonymised at once, their coming registrations
/// withdrawn and their links ended; then the notice says it is done.
#[server(prefix = "/api", endpoint = "erase_my_data")]
pub async fn erase_my_data(token: String, confirm: Option<String>) -> Result<(), AppError> {
    limit_public(true).await?;
    confirmed(&confirm)?;
    let ctx = ctx()?;
    registration::erase(&ctx.db, &token, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect("/privacy?erased=1");
    Ok(())
}

/// Staff anonymisation of a person (coordinators), after ticking the confirmation.
#[server(prefix = "/api", endpoint = "anonymise_person")]
pub async fn anonymise_person(person_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    let user = require(Role::Coordinator).await?;
    confirmed(&confirm)?;
    let ctx = ctx()?;
    privacy::anonymise(&ctx.db, person_id, user.id, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/manage/people/{person_id}?anonymised=1"));
    Ok(())
}
