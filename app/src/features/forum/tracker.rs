//! `/manage/recommendations`: every open recommendation (or those of a chosen status) with
//! its history, filtered by body, year, series and status from the query string (a plain
//! GET form); each row's forms are in [`super::tracker_row`].
use domain::forum_types::{Body, TrackerFilter, TrackingStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{load_tracker, TrackerDraft};
use super::tracker_edit::Refused;
use super::tracker_row::row_view;
use crate::components::form::FormError;
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn TrackerScreen() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let text = |k: &str| {
            q.get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        TrackerFilter {
            body: text("body").and_then(|b| Body::parse(&b)),
            year: text("year").and_then(|y| y.parse().ok()),
            series: text("series"),
            status: text("status"),
        }
    };
    let draft = move || query.read().get("draft");
    let data = Resource::new(
        move || (filter(), draft()),
        |(filter, draft)| load_tracker(filter, draft),
    );
    view! {
        <Title text=t("tracker-title") />
        <h1>{t("tracker-title")}</h1>
        // A refusal that names no field (a step or body of another row: not found).
        <FormError key=Signal::derive(move || {
            let q = query.read();
            q.get("error").filter(|e| e != "validation").map(|e| format!("error-{e}"))
        }) />
        {move || filter_form(filter())}
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let current = filter();
                match data.await {
                    Ok((page, typed)) => {
                        let back = query_of(&current);
                        let targets = page.targets.clone();
                        let failed = query.read().get("field");
                        let (step, detail) = match &typed {
                            Some(TrackerDraft::Step(form)) => (Some(form), None),
                            Some(TrackerDraft::Body { detail }) => (None, Some(detail.as_str())),
                            None => (None, None),
                        };
                        let refused = Refused { field: failed.as_deref(), typed: step, detail };
                        view! {
                            <p class="muted">{t_args("tracker-count", &[("count", &page.rows.len().to_string())])}</p>
                            {page.rows.into_iter().map(|r| row_view(r, &targets, &back, refused)).collect_view()}
                        }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The filters as a query string, for forms that come back to the same view.
fn query_of(f: &TrackerFilter) -> String {
    let mut parts = Vec::new();
    if let Some(b) = f.body {
        parts.push(format!("body={}", b.as_str()));
    }
    if let Some(y) = f.year {
        parts.push(format!("year={y}"));
    }
    if let Some(s) = &f.series {
        parts.push(format!(
            "series={}",
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        ));
    }
    if let Some(s) = &f.status {
        parts.push(format!(
            "status={}",
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        ));
    }
    parts.join("&")
}

fn filter_form(f: TrackerFilter) -> impl IntoView {
    let status = f.status.clone().unwrap_or_default();
    view! {
        <form method="get" action="/manage/recommendations" class="filters card">
            <div class="field">
                <label for="tf-body">{t("tracker-body")}</label>
                <select id="tf-body" name="body">
                    <option value="">{t("tracker-any")}</option>
                    {Body::ALL.iter().map(|b| view! { <option value=b.as_str() selected=f.body == Some(*b)>{t(&format!("body-{}", b.as_str()))}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tf-year">{t("tracker-year")}</label>
                <input id="tf-year" name="year" type="number" min="1990" max="2100" value=f.year.map(|y| y.to_string()).unwrap_or_default() />
            </div>
            <div class="field">
                <label for="tf-series">{t("tracker-series")}</label>
                <input id="tf-series" name="series" value=f.series.clone().unwrap_or_default() placeholder="afml" />
            </div>
            <div class="field">
                <label for="tf-status">{t("tracker-status")}</label>
                <select id="tf-status" name="status">
                    <option value="open" selected=status.is_empty() || status == "open">{t("tracking-open")}</option>
                    <option value="all" selected=status == "all">{t("tracker-all")}</option>
                    {TrackingStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=status == s.as_str()>{t(&format!("tracking-{}", s.as_str()))}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">{t("tracker-filter")}</button>
        </form>
    }
}
