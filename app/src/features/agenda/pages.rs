//! The agenda editor: sessions by day with their people, warnings, and copying an agenda.
use domain::forms::AgendaWarning;
use domain::types::{AgendaSession, SessionKind, SessionRole};
use leptos::prelude::*;

use super::api::{
    agenda_editor, AddSpeaker, AgendaEditorData, CopyAgenda, SaveSession, SessionAction,
    SessionPerson,
};
use crate::components::form::{FieldError, FormError};
use crate::components::not_found::ErrorNotice;
use crate::features::events::detail::long_date;
use crate::i18n::{t, t_args};

/// The actions of the editor, shared by its parts; any of them reloads the agenda.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveSession>,
    act: ServerAction<SessionAction>,
    person: ServerAction<SessionPerson>,
    copy: ServerAction<CopyAgenda>,
    speaker: ServerAction<AddSpeaker>,
}

#[component]
pub fn AgendaEditorSection(slug: String) -> impl IntoView {
    let actions = Actions {
        save: ServerAction::new(),
        act: ServerAction::new(),
        person: ServerAction::new(),
        copy: ServerAction::new(),
        speaker: ServerAction::new(),
    };
    let editor = Resource::new(
        move || {
            (
                slug.clone(),
                actions.save.version().get(),
                actions.act.version().get(),
                actions.person.version().get(),
                actions.copy.version().get(),
                actions.speaker.version().get(),
            )
        },
        |(slug, ..)| agenda_editor(slug),
    );
    view! {
        <section class="agenda agenda-editor">
            <h2>{t("agenda-title")}</h2>
            <Transition fallback=|| view! { <p class="muted">{t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match editor.await {
                        Ok(data) => view! { <Editor data actions /> }.into_any(),
                        Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn warning_text(w: &AgendaWarning, sessions: &[AgendaSession]) -> String {
    let title = |id: i64| {
        sessions
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    match w {
        AgendaWarning::PersonDoubleBooked {
            person,
            sessions: (a, b),
        } => t_args(
            "warning-person",
            &[
                ("person", person),
                ("first", &title(*a)),
                ("second", &title(*b)),
            ],
        ),
        AgendaWarning::RoomDoubleBooked {
            room,
            sessions: (a, b),
        } => t_args(
            "warning-room",
            &[
                ("room", room),
                ("first", &title(*a)),
                ("second", &title(*b)),
            ],
        ),
        AgendaWarning::OutsideEvent { session } => {
            t_args("warning-outside", &[("session", &title(*session))])
        }
    }
}

#[component]
fn Editor(data: AgendaEditorData, actions: Actions) -> impl IntoView {
    let warnings = (!data.warnings.is_empty()).then(|| {
        let sessions = data.event.sessions.clone();
        view! {
            <div class="alert alert-info" role="status">
                <strong>{t("agenda-warnings")}</strong>
                <ul>{data.warnings.iter().map(|w| view! { <li>{warning_text(w, &sessions)}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let errors = Signal::derive(move || {
        [
            actions.act.value().get().and_then(Result::err),
            actions.person.value().get().and_then(Result::err),
            actions.copy.value().get().and_then(Result::err),
            actions.speaker.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|e| e.message_key())
    });
    let empty = data.event.sessions.is_empty();
    let event_id = data.event_id;
    let first_day = data.event.summary.local_start.clone();
    let people = data.people.clone();
    let sessions = data.event.sessions.clone();
    view! {
        {warnings}
        <FormError key=errors />
        {sessions.into_iter().map(|s| view! { <SessionEditor s=s people=people.clone() actions /> }).collect_view()}
        <h3>{t("agenda-add-session")}</h3>
        <SessionFormView event_id session=None default_day=first_day actions />
        {empty.then(|| view! {
            <h3>{t("agenda-copy")}</h3>
            <ActionForm action=actions.copy attr:class="form">
                <input type="hidden" name="event_id" value=event_id />
                <div class="field">
                    <label for="copy-from">{t("agenda-copy-from")}</label>
                    <select id="copy-from" name="from_slug">
                        {data.sources.iter().map(|(slug, title)| view! { <option value=slug.clone()>{title.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-secondary">{t("agenda-copy-submit")}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn SessionEditor(s: AgendaSession, people: Vec<(i64, String)>, actions: Actions) -> impl IntoView {
    let id = s.id;
    let heading = format!(
        "{} · {}–{} · {}",
        long_date(&s.local_day),
        s.local_start,
        s.local_end,
        s.title
    );
    let named = s.people.clone();
    let class = format!("card agenda-session kind-{}", s.kind.as_str());
    let (day, start) = (s.local_day.clone(), s.local_start.clone());
    view! {
        <details class=class>
            <summary>{heading}</summary>
            <ul class="agenda-people">
                {named.into_iter().map(|p| view! {
                    <li>{t(&format!("session-role-{}", p.role.as_str()))} ": " {p.name.clone()}</li>
                }).collect_view()}
            </ul>
            <div class="actions">
                {["duplicate", "delete"].into_iter().map(|a| view! {
                    <ActionForm action=actions.act attr:class="inline">
                        <input type="hidden" name="session_id" value=id />
                        <input type="hidden" name="action" value=a />
                        <button type="submit" class="btn btn-small btn-secondary">{t(&format!("session-{a}"))}</button>
                    </ActionForm>
                }).collect_view()}
                <ActionForm action=actions.act attr:class="inline">
                    <input type="hidden" name="session_id" value=id />
                    <input type="hidden" name="action" value="move" />
                    <input type="date" name="day" value=day aria-label=t("field-day") />
                    <input type="time" name="start" value=start aria-label=t("field-start") />
                    <button type="submit" class="btn btn-small btn-secondary">{t("session-move")}</button>
                </ActionForm>
            </div>
            <ActionForm action=actions.person attr:class="inline">
                <input type="hidden" name="session_id" value=id />
                <select name="person_id" aria-label=t("field-person")>
                    {people.into_iter().map(|(pid, label)| view! { <option value=pid>{label}</option> }).collect_view()}
                </select>
                <select name="role" aria-label=t("field-role")>
                    {SessionRole::ALL.iter().map(|r| view! { <option value=r.as_str()>{t(&format!("session-role-{}", r.as_str()))}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-small">{t("session-add-person")}</button>
            </ActionForm>
            <ActionForm action=actions.speaker attr:class="inline new-speaker">
                <input type="hidden" name="session_id" value=id />
                <input name="speaker[name_latin]" placeholder=t("field-name-latin") aria-label=t("field-name-latin") />
                <input name="speaker[name_native]" placeholder=t("field-name-native") aria-label=t("field-name-native") />
                <input name="speaker[organisation]" placeholder=t("field-organisation") aria-label=t("field-organisation") />
                <input name="speaker[country_code]" placeholder=t("field-country-code") aria-label=t("field-country-code") size="4" />
                <select name="role" aria-label=t("field-role")>
                    {SessionRole::ALL.iter().map(|r| view! { <option value=r.as_str()>{t(&format!("session-role-{}", r.as_str()))}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-small">{t("session-add-new-person")}</button>
            </ActionForm>
            <SessionFormView event_id=0 session=Some(s) default_day=String::new() actions />
        </details>
    }
}

#[component]
fn SessionFormView(
    event_id: i64,
    session: Option<AgendaSession>,
    default_day: String,
    actions: Actions,
) -> impl IntoView {
    let error = Signal::derive(move || actions.save.value().get().and_then(Result::err));
    let id = session.as_ref().map(|s| s.id);
    let prefix = id.map_or("new".to_owned(), |i| i.to_string());
    let s = session.unwrap_or(AgendaSession {
        id: 0,
        kind: SessionKind::Presentation,
        title: String::new(),
        description: String::new(),
        room: String::new(),
        language: String::new(),
        starts_at: Default::default(),
        ends_at: Default::default(),
        local_day: default_day,
        local_start: "09:00".into(),
        local_end: "10:00".into(),
        people: vec![],
        interpreted: vec![],
    });
    let field =
        move |name: &'static str, label: &'static str, kind: &'static str, value: String| {
            let fid = format!("s{prefix}-{name}");
            view! {
                <div class="field">
                    <label for=fid.clone()>{t(label)}</label>
                    <input id=fid name=format!("form[{name}]") type=kind value=value />
                    <FieldError field=name error=error />
                </div>
            }
        };
    let kind_now = s.kind;
    view! {
        <ActionForm action=actions.save attr:class="form form-session" attr:novalidate=true>
            <input type="hidden" name="event_id" value=event_id />
            {id.map(|id| view! { <input type="hidden" name="session_id" value=id /> })}
            {field("day", "field-day", "date", s.local_day.clone())}
            {field("start", "field-start", "time", s.local_start.clone())}
            {field("end", "field-end", "time", s.local_end.clone())}
            <div class="field">
                <label>{t("field-kind")}
                    <select name="form[kind]">
                        {SessionKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=*k == kind_now>{t(&format!("session-kind-{}", k.as_str()))}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {field("title", "field-title", "text", s.title.clone())}
            {field("room", "field-room", "text", s.room.clone())}
            {field("language", "field-language", "text", s.language.clone())}
            <div class="field">
                <label>{t("field-description")}
                    <textarea name="form[description]" rows="3">{s.description.clone()}</textarea>
                </label>
            </div>
            <button type="submit" class="btn btn-primary">{t("save")}</button>
        </ActionForm>
    }
}
