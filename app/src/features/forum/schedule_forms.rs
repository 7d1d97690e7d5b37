//! The two forms of the forum schedule page: the network's side event (check by GET, save
//! by POST) and a host session or another organisation's side event.
use domain::forum_types::SideEventForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{AddForumSession, CreateSideEvent};
use crate::components::form::ErrorFor;
use crate::features::events::detail::long_date;
use crate::i18n::t;

fn field(name: &'static str, label: String, input: AnyView) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("se-{name}")>{label}</label>
            {input}
            <ErrorFor field=name />
        </div>
    }
}

pub fn side_event_form(
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

pub fn session_form(slug: &str, days: &[String]) -> impl IntoView {
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
