//! Form messages: a banner for the whole form and a message next to one field.
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;

/// A banner at the top of a form, shown while `key` names a message.
#[component]
pub fn FormError(#[prop(into)] key: Signal<Option<String>>) -> impl IntoView {
    move || {
        key.get().map(|key| {
            view! { <p class="form-error" role="alert">{t(&key)}</p> }
        })
    }
}

/// The message for one field: from the action's last error (with JavaScript) or from
/// the `field`/`message` query parameters the server adds for plain form posts.
#[component]
pub fn FieldError(
    #[prop(into)] field: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let id = format!("{field}-error");
    let message = move || {
        if let Some(err) = error.get() {
            return (err.field() == Some(field.as_str())).then(|| err.message_key());
        }
        let q = query.read();
        (q.get("field").as_deref() == Some(field.as_str()))
            .then(|| q.get("message").map(|m| format!("error-{m}")))
            .flatten()
    };
    move || {
        message().map(|key| {
            view! { <p class="field-error" role="alert" id=id.clone()>{t(&key)}</p> }
        })
    }
}

/// The error for `field` that a failed post sent back in the query string.
#[component]
pub fn ErrorFor(#[prop(into)] field: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let message = move || {
        let q = query.read();
        (q.get("field").as_deref() == Some(field.as_str()))
            .then(|| q.get("message").map(|m| format!("error-{m}")))
            .flatten()
    };
    move || message().map(|key| view! { <p class="field-error" role="alert">{t(&key)}</p> })
}

/// When `field` was refused because it looks like Burmese typed in Zawgyi: the text converted
/// to Unicode, and the person's choice as two submit buttons of the same form (convert, or
/// keep what they typed). Nothing was saved; either button sends the whole form again.
#[component]
pub fn ZawgyiNotice(
    #[prop(into)] field: String,
    value: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    use domain::registration_types::{ZAWGYI_CONVERT, ZAWGYI_KEEP};
    let query = leptos_router::hooks::use_query_map();
    let asked = move || {
        if let Some(err) = error.get() {
            return err.field() == Some(field.as_str()) && err.message_key() == "error-zawgyi";
        }
        let q = query.read();
        q.get("field").as_deref() == Some(field.as_str())
            && q.get("message").as_deref() == Some("zawgyi")
    };
    let converted = domain::zawgyi::zawgyi_to_unicode(&value);
    move || {
        asked().then(|| {
            view! {
                <div class="zawgyi-notice" role="status">
                    <p>{t("zawgyi-notice")}</p>
                    <p class="zawgyi-converted" lang="my">{converted.clone()}</p>
                    <button type="submit" class="btn btn-primary" name="form[zawgyi]" value=ZAWGYI_CONVERT>{t("zawgyi-use")}</button>
                    " "
                    <button type="submit" class="btn btn-secondary" name="form[zawgyi]" value=ZAWGYI_KEEP>{t("zawgyi-keep")}</button>
                </div>
            }
        })
    }
}
