//! `/e/{token}`: the page the link sent to a new e-mail address opens. It names the address
//! and the event and asks for one click (a link alone must not change anything: mail
//! scanners open links), then says the address is changed, or why not. Works without
//! JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{email_change_page, ConfirmEmailChange};
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn EmailChangePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    let refused = move || query.read().get("refused").map(|m| format!("error-{m}"));
    let page = Resource::new(token, email_change_page);
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    view! {
        <Title text=t("email-change-title") />
        <h1>{t("email-change-title")}</h1>
        {move || if done() {
            // The link is used up by now: nothing to load.
            view! { <p class="alert alert-success" role="status">{t("email-change-done")}</p> }.into_any()
        } else {
            view! {
                <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(change) => view! {
                                <p class="lead">{t_args("email-change-lead", &[("email", &change.new_email), ("event", &change.event_title)])}</p>
                                {refused().map(|key| view! { <p class="alert alert-error" role="alert">{t(&key)}</p> })}
                                <ActionForm action=confirm>
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="btn btn-primary">{t("email-change-submit")}</button>
                                </ActionForm>
                            }.into_any(),
                            Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                        }
                    })}
                </Suspense>
            }.into_any()
        }}
    }
}
