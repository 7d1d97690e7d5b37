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

/// What Sala stores about participants, who sees it and for how long.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Title text=t("privacy-title") />
        <article class="card">
            <h1>{t("privacy-title")}</h1>
            <p>{t("privacy-what")}</p>
            <p>{t("privacy-who")}</p>
            <p>{t("privacy-public")}</p>
            <p>{t("privacy-how-long")}</p>
            <p>{t("privacy-rights")}</p>
        </article>
    }
}
