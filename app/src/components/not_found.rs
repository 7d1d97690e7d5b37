//! The page for addresses that lead nowhere, answered with status 404.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t("not-found-title") />
        <section class="error-page">
            <h1>"404"</h1>
            <p>{t("not-found-text")}</p>
            <a href="/">{t("back-home")}</a>
        </section>
    }
}

/// Shown where a page's data could not be loaded (the status is set by the failing call).
#[component]
pub fn ErrorNotice(key: String) -> impl IntoView {
    view! {
        <section class="error-page">
            <p class="alert alert-error" role="alert">{t(&key)}</p>
            <a href="/">{t("back-home")}</a>
        </section>
    }
}
