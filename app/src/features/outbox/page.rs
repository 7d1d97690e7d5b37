//! `/manage/outbox`: the e-mails Sala has queued, where each stands, and their text (staff).
use domain::registration_types::{OutboxMessage, OutboxState};
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::outbox_messages;
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| outbox_messages());
    view! {
        <Title text=t("outbox-title") />
        <h1>{t("outbox-title")}</h1>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(view) => view! {
                        <p class="muted">{t(if view.sending { "outbox-lead-smtp" } else { "outbox-lead" })}</p>
                        {view.messages.is_empty().then(|| view! { <p class="empty">{t("outbox-empty")}</p> })}
                        {view.messages.into_iter().map(|m| view! { <OutboxItem m /> }).collect_view()}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One message: when, to whom, where it stands (with the last sending error), and its text.
#[component]
fn OutboxItem(m: OutboxMessage) -> impl IntoView {
    let attempts = m.attempts.to_string();
    let (class, state) = match m.state() {
        OutboxState::Sent => ("outbox-sent", t("outbox-sent")),
        OutboxState::Waiting => ("outbox-waiting", t("outbox-waiting")),
        OutboxState::Failing => (
            "outbox-failing",
            t_args("outbox-failing", &[("attempts", &attempts)]),
        ),
        OutboxState::GaveUp => (
            "outbox-gave-up",
            t_args("outbox-gave-up", &[("attempts", &attempts)]),
        ),
    };
    let sent = m.sent_at.map(|at| format!(" {}", crate::i18n::when(at)));
    let error = m.last_error.clone().filter(|_| m.sent_at.is_none());
    view! {
        <article class="card">
            <p class="muted">{crate::i18n::when(m.created_at)} " · " {m.to_email.clone()}
                " · " <strong class=format!("status {class}")>{state}{sent}</strong></p>
            {error.map(|e| view! { <p class="alert alert-error">{t("outbox-last-error")} " " <code>{e}</code></p> })}
            <h3>{m.subject.clone()}</h3>
            <pre class="mail">{m.body.clone()}</pre>
            {m.calendar_file.clone().map(|file| view! { <p class="muted outbox-calendar">{t("outbox-calendar")} " " <a href=file>{t("outbox-calendar-file")}</a></p> })}
        </article>
    }
}
