//! The privacy notice, the private page's "my data" section and the person page's
//! anonymisation form. Every form is a plain POST that works without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{load_privacy_notice, AnonymisePerson, EraseMyData};
use crate::components::form::FieldError;
use crate::i18n::t;

/// What Sala stores about participants, who is responsible, why, who sees it, for how long,
/// and what a person can do about it. The deployment names its data controller.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let query = use_query_map();
    let notice = Resource::new(|| (), |_| load_privacy_notice());
    let or = |value: String, key: &str| if value.is_empty() { t(key) } else { value };
    view! {
        <Title text=t("privacy-title") />
        {move || query.read().get("erased").map(|_| view! {
            <p class="alert alert-success" role="status">{t("privacy-erased")}</p>
        })}
        <article class="card">
            <h1>{t("privacy-title")}</h1>
            <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    let n = notice.await.unwrap_or_default();
                    let contact = (!n.contact.is_empty()).then(|| view! {
                        <p>{t("privacy-contact")} " " <strong>{n.contact.clone()}</strong></p>
                    });
                    view! {
                        <h2>{t("privacy-controller-heading")}</h2>
                        <p class="privacy-controller">{or(n.controller, "privacy-controller-default")}</p>
                        {contact}
                        <h2>{t("privacy-purposes-heading")}</h2>
                        <p class="privacy-purposes">{or(n.purposes, "privacy-purposes-default")}</p>
                        <h2>{t("privacy-retention-heading")}</h2>
                        <p class="privacy-retention">{or(n.retention, "privacy-how-long")}</p>
                    }
                })}
            </Suspense>
            <h2>{t("privacy-data-heading")}</h2>
            <p>{t("privacy-what")}</p>
            <p>{t("privacy-who")}</p>
            <p>{t("privacy-public")}</p>
            <h2>{t("privacy-rights-heading")}</h2>
            <p>{t("privacy-rights-link")}</p>
        </article>
    }
}

/// On the private page: download everything as JSON, or erase it (after ticking a box).
#[component]
pub fn MyDataSection(token: String) -> impl IntoView {
    let erase = ServerAction::<EraseMyData>::new();
    let error = Signal::derive(move || erase.value().get().and_then(Result::err));
    view! {
        <section class="card my-data">
            <h2>{t("my-data")}</h2>
            <p>{t("my-data-text")}</p>
            <p><a class="btn btn-secondary" href=format!("/r/{token}/data.json") download="sala-my-data.json">{t("my-data-download")}</a></p>
            <h3>{t("my-erase")}</h3>
            <p>{t("my-erase-text")}</p>
            <ActionForm action=erase attr:class="form" attr:novalidate=true>
                <input type="hidden" name="token" value=token />
                <div class="field check">
                    <label><input type="checkbox" name="confirm" value="yes" />" " {t("my-erase-confirm")}</label>
                    <FieldError field="confirm" error=error />
                </div>
                <button type="submit" class="btn btn-danger">{t("my-erase-submit")}</button>
            </ActionForm>
            <p class="hint"><a href="/privacy">{t("privacy-link")}</a></p>
        </section>
    }
}

/// On a person's page (coordinators): remove their identity, keeping the counts.
#[component]
pub fn AnonymiseSection(person_id: i64) -> impl IntoView {
    let anonymise = ServerAction::<AnonymisePerson>::new();
    let error = Signal::derive(move || anonymise.value().get().and_then(Result::err));
    view! {
        <section class="card">
            <h2>{t("person-anonymise")}</h2>
            <p>{t("person-anonymise-text")}</p>
            <ActionForm action=anonymise attr:class="form" attr:novalidate=true>
                <input type="hidden" name="person_id" value=person_id.to_string() />
                <div class="field check">
                    <label><input type="checkbox" name="confirm" value="yes" />" " {t("person-anonymise-confirm")}</label>
                    <FieldError field="confirm" error=error />
                </div>
                <button type="submit" class="btn btn-danger">{t("person-anonymise-submit")}</button>
            </ActionForm>
        </section>
    }
}
