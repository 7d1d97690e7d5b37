//! `/manage/events/{slug}/interpretation`: how many confirmed participants need each
//! language (for the event and per session), the registered interpreters, and per session a
//! plain form to assign one to a language (coordinators) and buttons to take them off.
use domain::interpretation_types::{InterpretationPlan, Interpreter, SessionInterpretation};
use domain::languages::{name_key, LANGUAGES};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_interpretation, AssignInterpreter, UnassignInterpreter};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

/// "Thai (th)": the language's name in the interface language, with its code.
fn language(code: &str) -> String {
    domain::languages::labelled(code, t)
}

fn participants(n: usize) -> String {
    t_args("interpretation-participants", &[("count", &n.to_string())])
}

#[component]
pub fn InterpretationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_interpretation);
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="interpretation" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((plan, can_edit)) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("interpretation-saved")}</p> })}
                        {plan_view(slug(), plan, can_edit)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn plan_view(slug: String, plan: InterpretationPlan, can_edit: bool) -> impl IntoView {
    let interpreters = plan.interpreters.clone();
    view! {
        <Title text=t("interpretation-title") />
        <h1>{t("interpretation-title")} ": " {plan.event.title.clone()}</h1>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/events/{slug}/interpretation.pdf")>{t("interpretation-print")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/participants")>{t("participants-title")}</a>
        </p>
        <h2>{t("interpretation-needs")}</h2>
        {plan.needs.is_empty().then(|| view! { <p class="muted">{t("interpretation-no-needs")}</p> })}
        <table class="table interpretation-needs">
            <tbody>
                {plan.needs.iter().map(|n| view! {
                    <tr data-language=n.code.clone()><td>{language(&n.code)}</td><td class="num">{participants(n.participants)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>{t("interpretation-interpreters")}</h2>
        {plan.interpreters.is_empty().then(|| view! { <p class="muted">{t("interpretation-no-interpreters")}</p> })}
        <ul class="interpreters">
            {plan.interpreters.iter().map(|i| {
                let spoken: Vec<String> = i.languages.iter().map(|c| t(&name_key(c))).collect();
                view! { <li>{i.name.clone()} <span class="muted">{spoken.join(", ")}</span></li> }
            }).collect_view()}
        </ul>
        <h2>{t("interpretation-sessions")}</h2>
        {plan.sessions.into_iter().map(|s| session_view(&slug, s, &interpreters, can_edit)).collect_view()}
    }
}

fn session_view(
    slug: &str,
    s: SessionInterpretation,
    interpreters: &[Interpreter],
    can_edit: bool,
) -> impl IntoView {
    let id = s.session_id;
    let rows = s
        .languages
        .iter()
        .map(|l| {
            let people = l
                .interpreters
                .iter()
                .map(|i| {
                    let remove = can_edit.then(|| view! {
                        <form method="post" action=UnassignInterpreter::url() class="inline">
                            <input type="hidden" name="slug" value=slug.to_owned() />
                            <input type="hidden" name="form[session_id]" value=id.to_string() />
                            <input type="hidden" name="form[language]" value=l.code.clone() />
                            <input type="hidden" name="form[registration_id]" value=i.registration_id.to_string() />
                            <button type="submit" class="btn btn-small btn-secondary">{t("interpretation-remove")}</button>
                        </form>
                    });
                    view! { <li>{i.name.clone()} " " {remove}</li> }
                })
                .collect_view();
            let none = l
                .interpreters
                .is_empty()
                .then(|| view! { <span class="muted">{t("interpretation-none-yet")}</span> });
            view! {
                <tr data-language=l.code.clone()>
                    <td>{language(&l.code)}</td>
                    <td class="num">{participants(l.participants)}</td>
                    <td>{none}<ul class="plain">{people}</ul></td>
                </tr>
            }
        })
        .collect_view();
    let first_needed = s
        .languages
        .first()
        .map(|l| l.code.clone())
        .unwrap_or_default();
    // Without anyone registered as an interpreter there is nobody to assign: the list of
    // interpreters above says so once.
    let form = (can_edit && !interpreters.is_empty()).then(|| {
        let field = format!("session-{id}");
        view! {
            <form method="post" action=AssignInterpreter::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.to_owned() />
                <input type="hidden" name="form[session_id]" value=id.to_string() />
                <div class="field">
                    <label for=format!("s{id}-language")>{t("interpretation-language")}</label>
                    <select id=format!("s{id}-language") name="form[language]">
                        {LANGUAGES.iter().map(|(code, _)| {
                            let sel = *code == first_needed;
                            view! { <option value=*code selected=sel>{language(code)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("s{id}-interpreter")>{t("interpretation-interpreter")}</label>
                    <select id=format!("s{id}-interpreter") name="form[registration_id]" aria-describedby=format!("{field}-error")>
                        {interpreters.iter().map(|i| view! { <option value=i.registration_id.to_string()>{i.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-secondary">{t("interpretation-assign")}</button>
                <ErrorFor field=field />
            </form>
        }
    });
    view! {
        <section class="card interpretation-session" id=format!("session-{id}")>
            <h3>{format!("{} {}–{} ", crate::i18n::dates().iso_weekday_day(&s.local_day), s.local_start, s.local_end)} {s.title.clone()}</h3>
            {(!s.floor_language.trim().is_empty()).then(|| view! {
                <p class="muted">{t_args("interpretation-floor", &[("language", &language(s.floor_language.trim()))])}</p>
            })}
            {s.languages.is_empty().then(|| view! { <p class="muted">{t("interpretation-none-needed")}</p> })}
            <table class="table"><tbody>{rows}</tbody></table>
            {form}
        </section>
    }
}
