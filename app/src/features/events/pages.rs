//! The public home page and the event list it shares with the dashboard.
use domain::types::EventSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::upcoming_events;
use crate::components::not_found::ErrorNotice;
use crate::i18n::t;

#[component]
pub fn HomePage() -> impl IntoView {
    let events = Resource::new(|| (), |_| upcoming_events());
    view! {
        <Title text=t("home-title") />
        <section class="page-header">
            <h1>{t("home-heading")}</h1>
            <p class="lead">{t("home-lead")}</p>
        </section>
        <h2>{t("home-upcoming")}</h2>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => view! { <EventList events=list /> }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn date_range(e: &EventSummary) -> String {
    crate::i18n::dates().iso_range(&e.local_start, &e.local_end)
}

#[component]
pub fn EventList(events: Vec<EventSummary>) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="empty">{t("events-none")}</p> }.into_any();
    }
    view! {
        <ul class="event-list">
            {events
                .into_iter()
                .map(|e| {
                    let place = match &e.country {
                        Some(c) if !e.city.is_empty() => format!("{}, {c}", e.city),
                        Some(c) => c.clone(),
                        None => e.city.clone(),
                    };
                    view! {
                        <li class="event-card">
                            <span class="pill event-kind">{t(&format!("kind-{}", e.kind.as_str()))}</span>
                            <h3><a href=format!("/events/{}", e.slug)>{e.title.clone()}</a></h3>
                            <p class="event-meta">
                                {date_range(&e)} " · " {place} " · " {e.timezone.clone()}
                            </p>
                            <p>{e.summary.clone()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
