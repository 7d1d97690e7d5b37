//! `/manage/events/{slug}/cohort`: the trainees, the days each attended, and who completed
//! under the event's rule (which coordinators change here).
use domain::attendance_types::Cohort;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_cohort, SetCompletionRule};
use super::common::attendance_links;
use crate::components::form::FieldError;
use crate::components::not_found::ErrorNotice;
use crate::error::AppError;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

#[component]
pub fn CohortPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_cohort);
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="cohort" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((cohort, can_edit)) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("cohort-rule-saved")}</p> })}
                        {cohort_view(slug(), cohort, can_edit)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn cohort_view(slug: String, cohort: Cohort, can_edit: bool) -> impl IntoView {
    let percent = cohort.completion_percent.to_string();
    let summary = t_args(
        "cohort-summary",
        &[
            ("completed", &cohort.completed_count.to_string()),
            ("total", &cohort.rows.len().to_string()),
        ],
    );
    let rule = t_args(
        "cohort-rule",
        &[
            ("percent", &percent),
            ("days", &cohort.total_days.to_string()),
        ],
    );
    let error = Signal::derive(|| None::<AppError>);
    let total_days = cohort.total_days;
    view! {
        <Title text=t("cohort-title") />
        <h1>{t("cohort-title")} ": " {cohort.event.title.clone()}</h1>
        {attendance_links(&slug, "")}
        <p class="lead">{rule}</p>
        {can_edit.then(|| view! {
            <form method="post" action=SetCompletionRule::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.clone() />
                <div class="field">
                    <label for="completion-percent">{t("cohort-rule-field")}</label>
                    <input id="completion-percent" name="percent" type="number" min="1" max="100" size="4" value=percent.clone() />
                    <FieldError field="completion_percent" error=error />
                </div>
                <button type="submit" class="btn btn-secondary">{t("save")}</button>
            </form>
        })}
        <p class="cohort-summary"><strong>{summary}</strong></p>
        {cohort.average_change.map(|c| view! {
            <p class="cohort-assessment">{t_args("cohort-average-change", &[("change", &signed(c))])}</p>
        })}
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/events/{slug}/certificates.pdf")>{t("cohort-certificates")}</a>
            <a class="btn btn-secondary" href=format!("/events/{slug}/certificates.pdf?all=1")>{t("cohort-certificates-all")}</a>
        </p>
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t("attendance-number")}</th><th>{t("field-name-latin")}</th><th>{t("field-name-native")}</th>
                <th>{t("field-organisation")}</th><th>{t("field-country")}</th>
                <th>{t("cohort-days")}</th><th>{t("cohort-completed")}</th>
                <th>{t("assessment-pre")}</th><th>{t("assessment-post")}</th><th>{t("assessment-change")}</th>
                <th>{t("cohort-certificate")}</th>
            </tr></thead>
            <tbody>
                {cohort.rows.into_iter().map(|r| {
                    let link = format!("/events/{slug}/certificates.pdf?registration={}", r.roster.registration_id);
                    view! {
                    <tr class:completed=r.completed>
                        <td class="num">{r.roster.number}</td>
                        <td><a href=format!("/manage/people/{}", r.roster.person_id)>{r.roster.name_latin}</a></td>
                        <td>{r.roster.name_native}</td>
                        <td>{r.roster.organisation}</td><td>{r.roster.country}</td>
                        <td class="num">{format!("{} / {}", r.days_present, total_days)}</td>
                        <td>{if r.completed { t("cohort-yes") } else { t("cohort-no") }}</td>
                        <td class="num">{score(r.assessment.pre)}</td>
                        <td class="num">{score(r.assessment.post)}</td>
                        <td class="num">{r.assessment.change().map(signed).unwrap_or_default()}</td>
                        <td><a href=link>"PDF"</a></td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table></div>
    }
}

/// "3 / 10" for a phase's points, or a dash.
fn score(score: Option<domain::followup_types::Score>) -> String {
    score
        .map(|s| format!("{} / {}", s.points, s.max))
        .unwrap_or_else(|| "—".to_owned())
}

/// A change in percentage points with its sign, e.g. "+60.0".
fn signed(change: f64) -> String {
    format!("{change:+.1}")
}
