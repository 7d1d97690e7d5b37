//! The visa letters part of the travel page: the letterhead they are printed on (this event's
//! or everyone's) and the link to print them all.
use domain::travel_types::Letterhead;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::rooms_api::{load_letterhead, SetLetterhead};
use crate::components::form::ErrorFor;
use crate::i18n::t;

#[component]
pub fn VisaSection(slug: String) -> impl IntoView {
    let s = slug.clone();
    let data = Resource::new(move || s.clone(), load_letterhead);
    view! {
        <section class="card" id="letterhead">
            <h2>{t("visa-title")}</h2>
            <p class="muted">{t("visa-lead")}</p>
            <p class="actions"><a class="btn btn-secondary" href=format!("/events/{slug}/visa-letters.pdf")>{t("visa-print-all")}</a></p>
            <Suspense fallback=|| ()>
                {move || {
                    let slug = slug.clone();
                    Suspend::new(async move {
                        let head = data.await.unwrap_or_default();
                        letterhead_form(slug, head)
                    })
                }}
            </Suspense>
        </section>
    }
}

fn letterhead_form(slug: String, h: Letterhead) -> impl IntoView {
    let field = |name: &'static str, label: &'static str, value: String| {
        view! {
            <div class="field">
                <label for=format!("lh-{name}")>{t(label)}</label>
                <input id=format!("lh-{name}") name=format!("form[{name}]") value=value />
                <ErrorFor field=name />
            </div>
        }
    };
    view! {
        <form method="post" action=SetLetterhead::url() class="form" novalidate>
            <input type="hidden" name="slug" value=slug />
            <div class="grid-2">
                {field("organisation", "visa-organisation", h.organisation)}
                {field("address", "rooms-address", h.address)}
                {field("signatory", "visa-signatory", h.signatory)}
                {field("signatory_title", "visa-signatory-title", h.signatory_title)}
            </div>
            <div class="field">
                <label for="lh-scope">{t("visa-scope")}</label>
                <select id="lh-scope" name="form[scope]">
                    <option value="event">{t("visa-scope-event")}</option>
                    <option value="global">{t("visa-scope-global")}</option>
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">{t("visa-save")}</button>
        </form>
    }
}
