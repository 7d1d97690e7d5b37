//! `/series/{slug}`: a forum series' editions, newest first, each with its dates and place,
//! its theme, the network's side events and its published recommendations.
use chrono::NaiveDate;
use domain::forum_types::{Edition, SeriesPage, TrackedRecommendation};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::load_series;
use crate::components::not_found::ErrorNotice;
use crate::i18n::{dates, t};

#[component]
pub fn SeriesPageView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_series);
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => page_view(page).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "24 October 2011 – 25 October 2011" (one date when it is a single day).
pub fn date_range(start: &str, end: &str) -> String {
    let day = |d: &str| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| dates().date(d))
            .unwrap_or_else(|_| d.to_owned())
    };
    if start == end {
        day(start)
    } else {
        format!("{} – {}", day(start), day(end))
    }
}

fn page_view(page: SeriesPage) -> impl IntoView {
    view! {
        <Title text=page.name.clone() />
        <h1>{page.name.clone()} {(!page.acronym.is_empty()).then(|| format!(" ({})", page.acronym))}</h1>
        <p class="lead">{page.description.clone()}</p>
        {page.editions.is_empty().then(|| view! { <p class="muted">{t("series-no-editions")}</p> })}
        {page.editions.into_iter().map(edition_view).collect_view()}
    }
}

fn edition_view(e: Edition) -> impl IntoView {
    let place = [e.city.clone(), e.country.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="card edition" id=format!("edition-{}", e.number)>
            <h2><a href=format!("/events/{}", e.event_slug)>{e.title.clone()}</a></h2>
            <p>{date_range(&e.local_start, &e.local_end)} " · " {place}</p>
            {(!e.theme.is_empty()).then(|| view! { <p><strong>{t("series-theme")} ": "</strong> {e.theme.clone()}</p> })}
            <h3>{t("series-side-events")}</h3>
            {e.side_events.is_empty().then(|| view! { <p class="muted">{t("series-no-side-events")}</p> })}
            <ul class="side-events">
                {e.side_events.iter().map(|(slug, title, day)| view! {
                    <li><a href=format!("/events/{slug}")>{title.clone()}</a> " · " {crate::features::events::detail::long_date(day)}</li>
                }).collect_view()}
            </ul>
            <h3>{t("series-recommendations")}</h3>
            {e.recommendations.is_empty().then(|| view! { <p class="muted">{t("series-no-recommendations")}</p> })}
            <ol class="recommendations">
                {e.recommendations.into_iter().map(recommendation_view).collect_view()}
            </ol>
        </section>
    }
}

/// Bodies as printed: "AFML, Government (Thailand)".
pub fn bodies_label(r: &TrackedRecommendation) -> String {
    r.bodies
        .iter()
        .map(|(body, detail)| {
            let name = t(&format!("body-{}", body.as_str()));
            if detail.is_empty() {
                name
            } else {
                format!("{name} ({detail})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn recommendation_view(r: TrackedRecommendation) -> impl IntoView {
    let status = r
        .status
        .map(|s| t(&format!("tracking-{}", s.as_str())))
        .unwrap_or_else(|| t("tracking-open"));
    let carried = r.carried_from.last().map(|(_, title)| title.clone());
    view! {
        <li value=r.number.to_string()>
            <p>{r.text.clone()}</p>
            <p class="muted">
                {t("tracker-addressed-to")} ": " {bodies_label(&r)} " · " {t("tracker-status")} ": " {status}
                {carried.map(|title| view! { " · " {t("tracker-carried-from")} " " {title} })}
            </p>
        </li>
    }
}
