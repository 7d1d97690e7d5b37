//! `/manage/events/{slug}/questions`: the custom questions of an event's registration form.
//! Coordinators add, edit, reorder and delete them; every form is a plain post (works without
//! JavaScript) and an error comes back next to its field.
use domain::question_types::{Question, QuestionForm};
use domain::types::QuestionKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::questions_api::*;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

/// The error for `field` that a failed post sent back in the query string.
#[component]
fn ErrorFor(#[prop(into)] field: String) -> impl IntoView {
    let query = use_query_map();
    let message = move || {
        let q = query.read();
        (q.get("field").as_deref() == Some(field.as_str()))
            .then(|| q.get("message").map(|m| format!("error-{m}")))
            .flatten()
    };
    move || message().map(|key| view! { <p class="field-error" role="alert">{t(&key)}</p> })
}

/// The form for `q` (None: a new question), filled with `typed` when a refused post sent
/// it back, otherwise with the question as saved.
fn question_form(slug: String, q: Option<Question>, typed: Option<QuestionForm>) -> impl IntoView {
    let save = ServerAction::<SaveQuestion>::new();
    let key = q
        .as_ref()
        .map_or_else(|| "new".to_owned(), |q| q.id.to_string());
    let (label, kind, options, required) = match (typed, q.as_ref()) {
        (Some(f), _) => (
            f.label,
            QuestionKind::parse(&f.kind).unwrap_or(QuestionKind::Text),
            f.options,
            f.required.is_some(),
        ),
        (None, Some(q)) => (q.label.clone(), q.kind, q.options.join("\n"), q.required),
        (None, None) => (String::new(), QuestionKind::Text, String::new(), false),
    };
    let kinds = QuestionKind::ALL
        .iter()
        .map(|k| {
            let selected = *k == kind;
            view! { <option value=k.as_str() selected=selected>{t(&format!("question-kind-{}", k.as_str()))}</option> }
        })
        .collect_view();
    let id = move |f: &str| format!("qn-{key}-{f}");
    view! {
        <ActionForm action=save attr:class="form question-form">
            <input type="hidden" name="slug" value=slug />
            {q.as_ref().map(|q| view! { <input type="hidden" name="id" value=q.id /> })}
            <div class="field">
                <label for=id("label")>{if q.is_some() { t("question-label") } else { t("question-new") }}</label>
                <input id=id("label") name="form[label]" value=label />
                <ErrorFor field=id("label") />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=id("kind")>{t("question-kind")}</label>
                    <select id=id("kind") name="form[kind]">{kinds}</select>
                    <ErrorFor field=id("kind") />
                </div>
                <div class="field check">
                    <label><input type="checkbox" name="form[required]" checked=required />" " {t("question-required")}</label>
                </div>
            </div>
            <div class="field">
                <label for=id("options")>{t("question-options")}</label>
                <textarea id=id("options") name="form[options]" rows="3">{options}</textarea>
                <p class="hint">{t("question-options-hint")}</p>
                <ErrorFor field=id("options") />
            </div>
            <button type="submit" class="btn btn-secondary">{if q.is_some() { t("save") } else { t("question-add") }}</button>
        </ActionForm>
    }
}

fn page(data: EventQuestions) -> impl IntoView {
    let slug = data.event.slug.clone();
    let delete = ServerAction::<DeleteQuestion>::new();
    let reorder = ServerAction::<MoveQuestion>::new();
    let empty = data.questions.is_empty();
    let typed = move |id: Option<i64>| {
        data.draft
            .as_ref()
            .filter(|d| d.id == id)
            .map(|d| d.form.clone())
    };
    let new_form = question_form(slug.clone(), None, typed(None));
    let items = data
        .questions
        .into_iter()
        .map(|q| {
            let (slug, id) = (slug.clone(), q.id);
            let s = slug.clone();
            let mover = move |direction: &'static str, text: String| {
                let slug = s.clone();
                view! {
                    <ActionForm action=reorder attr:class="inline">
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="direction" value=direction />
                        <button type="submit" class="btn btn-link">{text}</button>
                    </ActionForm>
                }
            };
            view! {
                <div class="question-item card">
                    {question_form(slug.clone(), Some(q), typed(Some(id)))}
                    <p class="actions">
                        {mover("up", t("question-up"))}
                        {mover("down", t("question-down"))}
                        <ActionForm action=delete attr:class="inline">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="btn btn-link">{t("question-delete")}</button>
                        </ActionForm>
                    </p>
                </div>
            }
        })
        .collect_view();
    view! {
        <Title text=t("questions-title") />
        <h1>{t("questions-title")} ": " {data.event.title.clone()}</h1>
        <p class="lead">{t("questions-lead")}</p>
        {empty.then(|| view! { <p class="empty">{t("questions-empty")}</p> })}
        {items}
        <section class="card">{new_form}</section>
    }
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("draft"),
            )
        },
        |(slug, draft)| load_questions(slug, draft),
    );
    view! {
        <WorkspaceNav here="questions" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => page(d).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
