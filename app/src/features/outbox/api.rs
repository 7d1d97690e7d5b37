//! The outbox's server function (staff).
use domain::registration_types::OutboxView;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};

/// The messages Sala has queued (staff), and whether they are being sent over SMTP:
/// without it, staff read and forward them here.
#[server(prefix = "/api", endpoint = "outbox_messages")]
pub async fn outbox_messages() -> Result<OutboxView, AppError> {
    let user = require(domain::types::Role::Staff).await?;
    let ctx = ctx()?;
    let mut messages = domain::service::outbox::list(&ctx.db, 200)
        .await
        .map_err(fail)?;
    // Messages are forwarded by hand only when no mail server sends them, and only by
    // coordinators: a private link opens someone's registration, their data download and
    // its erasure. Everyone else sees the links cut.
    let forwards = !ctx.mail_sending && user.role.allows(domain::types::Role::Coordinator);
    for m in &mut messages {
        if !forwards || m.sent_at.is_some() {
            m.body = domain::service::outbox::hide_private_links(&m.body);
        }
    }
    Ok(OutboxView {
        sending: ctx.mail_sending,
        messages,
    })
}
