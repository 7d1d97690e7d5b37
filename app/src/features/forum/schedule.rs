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
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_forum_plan, AddForumSession, CreateSideEvent};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::events::detail::long_date;
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

fn field(name: &'static str, label: String, input: AnyView) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("se-{name}")>{label}</label>
            {input}
            <ErrorFor field=name />
        </div>
    }
}

fn side_event_form(
    slug: &str,
    days: &[String],
    people: &[(i64, String)],
    typed: SideEventForm,
) -> impl IntoView {
    let text = |name: &'static str, kind: &'static str, value: String| {
        view! { <input id=format!("se-{name}") name=format!("form[{name}]") type=kind value=value /> }.into_any()
    };
    let day_select = |id: String, name: &'static str, chosen: String| {
        view! {
            <select id=id name=name>
                {days.iter().map(|d| view! { <option value=d.clone() selected=*d == chosen>{long_date(d)}</option> }).collect_view()}
            </select>
        }
        .into_any()
    };
    let speaker = |name: &'static str, chosen: String| {
        view! {
            <select id=format!("se-{name}") name=format!("form[{name}]")>
                <option value="">{t("forum-no-speaker")}</option>
                {people.iter().map(|(id, label)| {
                    let sel = chosen == id.to_string();
                    view! { <option value=id.to_string() selected=sel>{label.clone()}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        <form method="get" action=format!("/manage/events/{slug}/forum") novalidate>
            <input type="hidden" name="slug" value=slug.to_owned() />
            <input type="hidden" name="check" value="1" />
            {field("title", t("field-title"), text("title", "text", typed.title))}
            {field("day", t("field-day"), day_select("se-day".into(), "form[day]", typed.day))}
            <div class="field-row">
                {field("start", t("field-start"), text("start", "time", typed.start))}
                {field("end", t("field-end"), text("end", "time", typed.end))}
            </div>
            {field("room", t("field-room"), text("room", "text", typed.room))}
            {field("speaker_1", t("forum-speaker"), speaker("speaker_1", typed.speaker_1))}
            {field("speaker_2", t("forum-speaker"), speaker("speaker_2", typed.speaker_2))}
            {field("speaker_3", t("forum-speaker"), speaker("speaker_3", typed.speaker_3))}
            <p class="actions">
                <button type="submit" class="btn btn-secondary">{t("forum-check")}</button>
                <button type="submit" class="btn" formmethod="post" formaction=CreateSideEvent::url()>{t("forum-save-side-event")}</button>
            </p>
        </form>
    }
}

fn session_form(slug: &str, days: &[String]) -> impl IntoView {
    view! {
        <form method="post" action=AddForumSession::url() novalidate>
            <input type="hidden" name="slug" value=slug.to_owned() />
            <div class="field">
                <label for="fs-programme">{t("forum-programme")}</label>
                <select id="fs-programme" name="form[programme]">
                    <option value="host">{t("programme-host")}</option>
                    <option value="other">{t("forum-other-side-event")}</option>
                </select>
                <ErrorFor field="session-programme" />
            </div>
            {[("title", t("field-title")), ("organiser", t("forum-organiser")), ("room", t("field-room"))].into_iter().map(|(name, label)| view! {
                <div class="field">
                    <label for=format!("fs-{name}")>{label}</label>
                    <input id=format!("fs-{name}") name=format!("form[{name}]") />
                    <ErrorFor field=format!("session-{name}") />
                </div>
            }).collect_view()}
            <div class="field">
                <label for="fs-day">{t("field-day")}</label>
                <select id="fs-day" name="form[day]">
                    {days.iter().map(|d| view! { <option value=d.clone()>{long_date(d)}</option> }).collect_view()}
                </select>
                <ErrorFor field="session-day" />
            </div>
            <div class="field-row">
                {["start", "end"].into_iter().map(|name| view! {
                    <div class="field">
                        <label for=format!("fs-{name}")>{t(&format!("field-{name}"))}</label>
                        <input id=format!("fs-{name}") name=format!("form[{name}]") type="time" />
                        <ErrorFor field=format!("session-{name}") />
                    </div>
                }).collect_view()}
            </div>
            <div class="field">
                <label><input type="checkbox" name="form[must_attend]" value="on" /> " " {t("forum-must-attend")}</label>
            </div>
            <button type="submit" class="btn btn-secondary">{t("forum-add-session")}</button>
        </form>
    }
}
