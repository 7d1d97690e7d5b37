//! Pieces the series pages share: a labelled field with its message, the series' own
//! fields, and the banner for a refusal that names no field (e.g. `forbidden`).
use domain::series_types::{SeriesForm, MAX_ACRONYM, MAX_SERIES_NAME, MAX_SERIES_SLUG};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::ErrorFor;
use crate::i18n::t;

/// A labelled input: `id` for the label, `input` the control, `error` the field its
/// message is filed under.
pub fn field(id: String, label: String, input: AnyView, error: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            <ErrorFor field=error />
        </div>
    }
}

/// A single-line text input named `form[{name}]`.
pub fn text_input(id: &str, name: &str, value: String, max: usize) -> AnyView {
    view! {
        <input id=id.to_owned() name=format!("form[{name}]") type="text" value=value maxlength=max.to_string() />
    }
    .into_any()
}

/// Name, address, acronym and description; messages filed under `{prefix}{field}`.
pub fn series_fields(prefix: &'static str, form: SeriesForm) -> impl IntoView {
    let id = |name: &str| format!("{prefix}sf-{name}");
    let err = |name: &str| format!("{prefix}{name}");
    view! {
        {field(id("name"), t("series-name"), text_input(&id("name"), "name", form.name, MAX_SERIES_NAME), err("name"))}
        <div class="field">
            <label for=id("slug")>{t("series-slug")}</label>
            <input id=id("slug") name="form[slug]" type="text" value=form.slug maxlength=MAX_SERIES_SLUG.to_string() />
            <p class="hint">{t("series-slug-hint")}</p>
            <ErrorFor field=err("slug") />
        </div>
        {field(id("acronym"), t("series-acronym"), text_input(&id("acronym"), "acronym", form.acronym, MAX_ACRONYM), err("acronym"))}
        <div class="field">
            <label for=id("description")>{t("field-description")}</label>
            <textarea id=id("description") name="form[description]" rows="4">{form.description}</textarea>
            <ErrorFor field=err("description") />
        </div>
    }
}

/// The message of a refused post that names no field (`?error=<code>` without `field=`).
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let query = use_query_map();
    let message = move || {
        let q = query.read();
        if q.get("field").is_some() {
            return None;
        }
        q.get("error")
            .filter(|code| code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            .map(|code| format!("error-{code}"))
    };
    move || message().map(|key| view! { <p class="alert alert-error" role="alert">{t(&key)}</p> })
}
