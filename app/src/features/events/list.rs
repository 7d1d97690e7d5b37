//! The public event list (`/events`): upcoming and past events, filtered by year and kind.
use domain::types::EventKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::list_events;
use super::pages::EventList;
use crate::components::not_found::ErrorNotice;
use crate::i18n::t;

#[component]
pub fn EventsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        (
            q.get("year").and_then(|y| y.parse::<i32>().ok()),
            q.get("kind").filter(|k| !k.is_empty()),
        )
    };
    let listing = Resource::new(filters, |(year, kind)| list_events(year, kind));
    view! {
        <Title text=t("events-title") />
        <h1>{t("events-title")}</h1>
        <form method="get" action="/events" class="filters">
            <div class="field">
                <label for="year">{t("filter-year")}</label>
                <input id="year" name="year" type="number" min="2000" max="2100" inputmode="numeric"
                    value=move || filters().0.map(|y| y.to_string()).unwrap_or_default() />
            </div>
            <div class="field">
                <label for="kind">{t("filter-kind")}</label>
                <select id="kind" name="kind">
                    <option value="">{t("filter-any")}</option>
                    {EventKind::ALL.iter().map(|k| {
                        let selected = move || filters().1.as_deref() == Some(k.as_str());
                        view! { <option value=k.as_str() selected=selected>{t(&format!("kind-{}", k.as_str()))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">{t("filter-apply")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok((upcoming, past)) => view! {
                        <h2>{t("home-upcoming")}</h2>
                        <EventList events=upcoming />
                        <h2>{t("events-past")}</h2>
                        <EventList events=past />
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
