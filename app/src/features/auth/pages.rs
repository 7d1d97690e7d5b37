//! The sign-in page: works as a plain HTML form, and better with JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::use_auth;
use crate::components::form::{FieldError, FormError};
use crate::i18n::t;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    // Without JavaScript the server sends the form back here with `?error=…`; a refused
    // field's own message is shown next to it.
    let error_key = move || match auth.login.value().get() {
        Some(Err(err)) if err.field().is_some() => Some("error-validation".to_owned()),
        Some(Err(err)) => Some(err.message_key()),
        _ => query
            .read()
            .get("error")
            .map(|code| format!("error-{code}")),
    };

    let field_error = move || auth.login.value().get().and_then(Result::err);

    view! {
        <Title text=t("login-title") />
        <section class="card narrow">
            <h1>{t("login-title")}</h1>
            <ActionForm action=auth.login attr:class="form" attr:novalidate=true>
                <FormError key=Signal::derive(error_key) />
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{t("field-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" />
                    <FieldError field="email" error=Signal::derive(field_error) />
                </div>
                <div class="field">
                    <label for="password">{t("field-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" />
                    <FieldError field="password" error=Signal::derive(field_error) />
                </div>
                <button type="submit" class="btn btn-primary">{t("login-submit")}</button>
            </ActionForm>
        </section>
    }
}
