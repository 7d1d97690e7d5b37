//! `/manage/people/{id}`: a person's whole history with the network (staff).
use domain::followup_types::{HistoryEntry, PersonHistory};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::load_person_history;
use crate::components::not_found::ErrorNotice;
use crate::features::followup::pages::{answer_view, state_badge};
use crate::features::privacy::pages::AnonymiseSection;
use crate::i18n::{t, t_args};

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let person = Resource::new(id, load_person_history);
    let query = use_query_map();
    let merged = move || {
        let q = query.read();
        q.get("merged")
            .map(|n| (n, q.get("both").unwrap_or_default()))
    };
    view! {
        <Title text=t("person-title") />
        {move || merged().map(|(moved, both)| view! {
            <p class="alert alert-success" role="status">
                {t_args("person-merged", &[("count", &moved)])}
                {(!both.is_empty()).then(|| view! { " " {t_args("person-merged-both", &[("events", &both)])} })}
            </p>
        })}
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(p) => history_view(p).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn percent(score: Option<domain::followup_types::Score>) -> String {
    score
        .and_then(|s| s.percent())
        .map(|p| format!("{p:.0} %"))
        .unwrap_or_else(|| "—".to_owned())
}

fn history_view(p: PersonHistory) -> impl IntoView {
    view! {
        <h1>{p.name_latin.clone()} " " <span class="muted">{p.name_native.clone()}</span></h1>
        <p><a href="/manage/people">{t("duplicates-title")}</a></p>
        <p class="lead">{p.organisation.clone()} " · " {p.country.clone()} " · " {p.email.clone()}</p>
        {p.anonymised_at.map(|at| view! {
            <p class="alert alert-info" role="status">{t_args("person-anonymised", &[("date", &crate::i18n::dates().date(at.date_naive()))])}</p>
        })}
        <p class="person-engagement"><strong>{t_args("person-later-events", &[("count", &p.later_events.to_string())])}</strong></p>
        <h2>{t("person-events")}</h2>
        {p.entries.into_iter().map(entry_view).collect_view()}
        {(!p.delegations.is_empty()).then(|| view! {
            <h2>{t("person-delegations")}</h2>
            <ul class="person-delegations">
                {p.delegations.iter().map(|d| view! {
                    <li>
                        <a href=format!("/manage/events/{}/delegation", d.event_slug)>{d.event_title.clone()}</a>
                        " · " {crate::features::events::detail::long_date(&d.local_start)}
                        " · " {t(&format!("delegation-role-{}", d.role.as_str()))}
                        {(!d.presented.is_empty()).then(|| view! { <br />{t("delegation-presented")} ": " {d.presented.clone()} })}
                        {(!d.outcome.is_empty()).then(|| view! { <br />{t("delegation-outcome")} ": " {d.outcome.clone()} })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(p.can_anonymise && p.anonymised_at.is_none()).then(|| view! { <AnonymiseSection person_id=p.person_id /> })}
    }
}

fn entry_view(e: HistoryEntry) -> impl IntoView {
    let slug = e.event.slug.clone();
    let certificate = (e.completed == Some(true)).then(|| {
        format!(
            "/events/{slug}/certificates.pdf?registration={}",
            e.registration_id
        )
    });
    let has_assessment = e.assessment.pre.is_some() || e.assessment.post.is_some();
    view! {
        <article class="card history-entry">
            <h3><a href=format!("/manage/events/{slug}/participants")>{e.event.title.clone()}</a></h3>
            <p class="muted">{e.event.local_start.clone()} " – " {e.event.local_end.clone()} " · " {e.event.city.clone()}</p>
            <p>
                {t("person-role")} " " <strong>{e.role.clone()}</strong> " · "
                {t("my-status")} " " <strong>{t(&format!("reg-status-{}", e.status))}</strong> " · "
                {t("cohort-days")} " " <strong>{format!("{} / {}", e.days_present, e.total_days)}</strong>
                {e.completed.map(|c| view! { " · " {t("cohort-completed")} " " <strong>{if c { t("cohort-yes") } else { t("cohort-no") }}</strong> })}
                {certificate.map(|href| view! { " · " <a href=href>{t("cohort-certificate")}</a> })}
            </p>
            {has_assessment.then(|| view! {
                <p>{t("assessment-title")} ": " {t("assessment-pre")} " " {percent(e.assessment.pre)}
                   " → " {t("assessment-post")} " " {percent(e.assessment.post)}</p>
            })}
            {(!e.followups.is_empty()).then(|| view! {
                <ul class="history-followups">
                    {e.followups.into_iter().map(|f| view! {
                        <li>
                            {t_args("followup-months", &[("months", &f.months.to_string())])} " (" {crate::i18n::dates().date(f.due_on)} ") "
                            {state_badge(&f)}
                            {answer_view(&f)}
                            {(!f.staff_note.is_empty()).then(|| view! { <p class="muted">{t("followup-note")} ": " {f.staff_note.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
