//! `/manage/events/{slug}/forum`: scheduling the network's side events at a forum edition.
//! The forum's days in its own zone (host plenaries, other organisations' side events, the
//! network's side events), a side-event form whose "check" button reloads the page with the
//! clashes listed next to the form (a plain GET, no JavaScript needed) and whose "save"
//! button creates the side event whatever the clashes, and a form for the host's sessions
//! and other organisations' side events.
use domain::forum_types::{
    Clash, ClashWarning, DaySlot, ForumPlan, Programme, SideEventForm, SlotKey,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::load_forum_plan;
use super::schedule_forms::{session_form, side_event_form};
use crate::components::not_found::ErrorNotice;
use crate::features::events::detail::long_date;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

#[component]
pub fn ForumSchedulePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let check = move || {
        let q = query.read();
        q.get("check").map(|_| {
            let v = |name: &str| q.get(&format!("form[{name}]")).unwrap_or_default();
            SideEventForm {
                title: v("title"),
                day: v("day"),
                start: v("start"),
                end: v("end"),
                room: v("room"),
                speaker_1: v("speaker_1"),
                speaker_2: v("speaker_2"),
                speaker_3: v("speaker_3"),
            }
        })
    };
    let created = move || query.read().get("created");
    let data = Resource::new(
        move || (slug(), check(), created()),
        |(slug, check, created)| load_forum_plan(slug, check, created),
    );
    view! {
        <WorkspaceNav here="forum" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let typed = check().unwrap_or_default();
                match data.await {
                    Ok(plan) => plan_view(plan, typed, created()).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn warning_text(w: &ClashWarning) -> String {
    match &w.clash {
        Clash::SameRoom { other, room } => {
            t_args("clash-same-room", &[("other", other), ("room", room)])
        }
        Clash::SpeakerBooked { other, .. } => {
            t_args("clash-speaker", &[("other", other), ("person", &w.person)])
        }
        Clash::MustAttend { other } => t_args("clash-must-attend", &[("other", other)]),
    }
}

fn warnings_view(warnings: Option<Vec<ClashWarning>>) -> impl IntoView {
    warnings.map(|found| {
        if found.is_empty() {
            view! { <p class="alert alert-success" role="status">{t("forum-no-clashes")}</p> }.into_any()
        } else {
            view! {
                <div class="alert alert-warning clash-warnings" role="alert">
                    <p><strong>{t("forum-clashes")}</strong></p>
                    <ul>{found.iter().map(|w| view! { <li>{warning_text(w)}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    })
}

fn plan_view(plan: ForumPlan, typed: SideEventForm, created: Option<String>) -> impl IntoView {
    let slug = plan.slug.clone();
    let days = plan.days.clone();
    view! {
        <Title text=t("forum-schedule-title") />
        <h1>{t("forum-schedule-title")} ": " {plan.title.clone()}</h1>
        <p class="muted">{t_args("forum-times-in-zone", &[("zone", &plan.timezone)])}</p>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/delegation")>{t("delegation-title")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}")>{t("forum-edit-edition")}</a>
            {plan.series.clone().map(|(series, name)| view! {
                <a class="btn btn-secondary" href=format!("/manage/series/{series}")>{name}</a>
            })}
        </p>
        {created.map(|side| view! {
            <p class="alert alert-success" role="status">
                {t("forum-side-event-saved")} " " <a href=format!("/manage/events/{side}")>{t("forum-open-side-event")}</a>
            </p>
        })}
        {days.iter().map(|day| {
            let slots: Vec<DaySlot> = plan.slots.iter().filter(|s| &s.local_day == day).cloned().collect();
            view! {
                <h2>{long_date(day)}</h2>
                {slots.is_empty().then(|| view! { <p class="muted">{t("forum-day-empty")}</p> })}
                <div class="table-wrap">
                    <table class="table forum-day">
                        <tbody>{slots.into_iter().map(slot_row).collect_view()}</tbody>
                    </table>
                </div>
            }
        }).collect_view()}
        <section class="card" id="side-event-form">
            <h2>{t("forum-new-side-event")}</h2>
            {match plan.home_organisation.clone() {
                Some(name) => view! { <p class="muted">{t_args("forum-organised-by-home", &[("name", &name)])}</p> }.into_any(),
                None => view! {
                    <p class="alert alert-info" role="status" id="no-home-organisation">
                        {t("forum-no-home-organisation")} " "
                        <a href="/admin/users#home-organisation">{t("forum-set-home-organisation")}</a>
                    </p>
                }.into_any(),
            }}
            {warnings_view(plan.warnings.clone())}
            {side_event_form(&slug, &days, &plan.people, typed)}
        </section>
        <section class="card" id="forum-session-form">
            <h2>{t("forum-new-session")}</h2>
            {session_form(&slug, &days)}
        </section>
    }
}

fn slot_row(s: DaySlot) -> impl IntoView {
    let whose = match (s.programme, s.key) {
        (Programme::Host, _) => t("programme-host"),
        (Programme::Other, _) => t_args("programme-other", &[("organiser", &s.organiser)]),
        (Programme::Own, SlotKey::SideEvent(_)) | (Programme::Own, _) => t("programme-own"),
    };
    let class = format!("slot programme-{}", s.programme.as_str());
    view! {
        <tr class=class>
            <td class="nowrap">{format!("{}–{}", s.local_start, s.local_end)}</td>
            <td>
                <strong>{s.title.clone()}</strong>
                {s.must_attend.then(|| view! { " " <span class="badge">{t("forum-must-attend")}</span> })}
                <br /><span class="muted">{whose}</span>
                {(!s.speakers.is_empty()).then(|| view! { <br /><span class="muted">{t("forum-speakers")} ": " {s.speakers.join(", ")}</span> })}
            </td>
            <td>{s.room.clone()}</td>
        </tr>
    }
}
