//! One recommendation in the tracker: its text, event, bodies, history, and plain forms to
//! record a dated step, address another body and carry it into a later event; its own
//! steps and its bodies can be corrected or removed ([`super::tracker_edit`]).
use chrono::{DateTime, Utc};
use domain::forum_types::{Body, TrackedRecommendation, TrackingStatus};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{AddRecommendationBody, AddRecommendationStep, CarryRecommendation};
use super::series_page::bodies_label;
use super::tracker_edit::{body_forms, step_forms, Refused};
use crate::components::form::ErrorFor;
use crate::i18n::{dates, t};

pub fn row_view(
    r: TrackedRecommendation,
    targets: &[(String, String, DateTime<Utc>)],
    back: &str,
    refused: Refused<'_>,
) -> impl IntoView {
    let failed = refused.field;
    let id = r.id;
    // A refused form of this row's section comes back with the section open.
    let open = failed.is_some_and(|f| {
        f == format!("rec-{id}") || r.body_ids.iter().any(|b| f == format!("body-{b}-detail"))
    });
    let later: Vec<(String, String)> = targets
        .iter()
        .filter(|(_, _, starts)| *starts > r.event_starts)
        .map(|(slug, title, _)| (slug.clone(), title.clone()))
        .collect();
    let status = r
        .status
        .map(|s| t(&format!("tracking-{}", s.as_str())))
        .unwrap_or_else(|| t("tracking-open"));
    let hidden = move || {
        view! {
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="query" value=back.to_owned() />
        }
    };
    view! {
        <section class="card tracked" id=format!("rec-{id}")>
            <h2 class="h3">{format!("{}. ", r.number)} {r.text.clone()}</h2>
            <p class="muted">
                <a href=format!("/manage/events/{}/documentation", r.event_slug)>{r.event_title.clone()}</a>
                {format!(" ({}) · ", r.event_year)} {t("tracker-addressed-to")} ": " {bodies_label(&r)}
                " · " {t("tracker-status")} ": " <strong class="tracking-status">{status}</strong>
            </p>
            {(!r.carried_from.is_empty()).then(|| view! {
                <p class="muted">{t("tracker-carried-from")} " " {r.carried_from.iter().map(|(_, title)| title.clone()).collect::<Vec<_>>().join(" → ")}</p>
            })}
            <ol class="history">
                {r.history.iter().map(|s| view! {
                    // Only the row's own steps are named: an earlier row's show on that row too.
                    <li id=(s.recommendation_id == id).then(|| format!("step-{}", s.id))>
                        <strong>{dates().date(s.noted_on)}</strong> " · " {t(&format!("tracking-{}", s.status.as_str()))}
                        " · " <span class="muted">{s.event_title.clone()}</span>
                        {(!s.note.is_empty()).then(|| view! { <br /> {s.note.clone()} })}
                        // Steps of the rows it was carried from are corrected on those rows.
                        {(s.recommendation_id == id).then(|| step_forms(id, s, back, refused))}
                    </li>
                }).collect_view()}
            </ol>
            <ErrorFor field=format!("rec-{id}") />
            <details open=open>
                <summary>{t("tracker-update")}</summary>
                <form method="post" action=AddRecommendationStep::url() class="filters" novalidate>
                    {hidden()}
                    <select name="form[status]" aria-label=t("tracker-status")>
                        {TrackingStatus::ALL.iter().filter(|s| **s != TrackingStatus::Carried).map(|s| view! { <option value=s.as_str()>{t(&format!("tracking-{}", s.as_str()))}</option> }).collect_view()}
                    </select>
                    <input type="date" name="form[noted_on]" aria-label=t("tracker-noted-on") />
                    <input name="form[note]" aria-label=t("tracker-note") placeholder=t("tracker-note") />
                    <button type="submit" class="btn btn-small">{t("tracker-add-step")}</button>
                </form>
                {body_forms(id, &r.bodies, &r.body_ids, back, refused)}
                <form method="post" action=AddRecommendationBody::url() class="filters" novalidate>
                    {hidden()}
                    <select name="body" aria-label=t("tracker-body")>
                        {Body::ALL.iter().map(|b| view! { <option value=b.as_str()>{t(&format!("body-{}", b.as_str()))}</option> }).collect_view()}
                    </select>
                    <input name="detail" aria-label=t("tracker-body-detail") placeholder=t("tracker-body-detail") />
                    <button type="submit" class="btn btn-small btn-secondary">{t("tracker-add-body")}</button>
                </form>
                {(!later.is_empty()).then(|| view! {
                    <form method="post" action=CarryRecommendation::url() class="filters" novalidate>
                        {hidden()}
                        <select name="target" aria-label=t("tracker-carry-into")>
                            {later.iter().map(|(slug, title)| view! { <option value=slug.clone()>{title.clone()}</option> }).collect_view()}
                        </select>
                        <input name="note" aria-label=t("tracker-note") placeholder=t("tracker-note") />
                        <button type="submit" class="btn btn-small btn-secondary">{t("tracker-carry")}</button>
                    </form>
                })}
            </details>
        </section>
    }
}
