//! The public home page and the staff dashboard.
use domain::types::EventSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{load_dashboard, upcoming_events};
use crate::components::not_found::ErrorNotice;
use crate::features::auth::use_auth;
use crate::i18n::{t, t_args};

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

#[component]
pub fn DashboardPage() -> impl IntoView {
    let auth = use_auth();
    let data = Resource::new(move || auth.login.version().get(), |_| load_dashboard());
    view! {
        <Title text=t("dashboard-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let name = match auth.user.await {
                    Ok(Some(user)) => user.display_name,
                    _ => String::new(),
                };
                match data.await {
                    Ok(d) => view! {
                        <section class="page-header">
                            <h1>{t("dashboard-title")}</h1>
                            <p class="lead">{t_args("dashboard-welcome", &[("name", &name)])}</p>
                        </section>
                        <div class="grid">
                            <div class="card stat">
                                <span class="stat-value">{d.events_total}</span>
                                <span class="stat-label">{t("stat-events")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.drafts}</span>
                                <span class="stat-label">{t("stat-drafts")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.people_total}</span>
                                <span class="stat-label">{t("stat-people")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.registrations_total}</span>
                                <span class="stat-label">{t("stat-registrations")}</span>
                            </div>
                        </div>
                        <h2>{t("dashboard-upcoming")}</h2>
                        <EventList events=d.upcoming />
                        <h2>{t("dashboard-recent")}</h2>
                        <EventList events=d.recent />
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
