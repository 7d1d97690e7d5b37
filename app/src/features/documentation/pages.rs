//! `/manage/events/{slug}/documentation`: what staff print and write about an event.
//! Every form is a plain post (works without JavaScript); errors come back next to the field.
use domain::documentation_types::{Documentation, Recommendation, SUMMARY_LANGUAGES};
use domain::types::RecommendationStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::*;
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

fn status_options(current: RecommendationStatus) -> impl IntoView {
    RecommendationStatus::ALL
        .iter()
        .map(|s| {
            let selected = *s == current;
            view! { <option value=s.as_str() selected=selected>{t(&format!("rec-status-{}", s.as_str()))}</option> }
        })
        .collect_view()
}

fn recommendation_form(slug: String, rec: Option<Recommendation>) -> impl IntoView {
    let save = ServerAction::<SaveRecommendation>::new();
    let key = rec
        .as_ref()
        .map_or_else(|| "new".to_owned(), |r| r.id.to_string());
    let (text, to, status) = rec.as_ref().map_or(
        (String::new(), String::new(), RecommendationStatus::Proposed),
        |r| (r.text.clone(), r.addressed_to.clone(), r.status),
    );
    let number = rec.as_ref().map(|r| r.number);
    view! {
        <ActionForm action=save attr:class="form recommendation">
            <input type="hidden" name="slug" value=slug />
            {rec.as_ref().map(|r| view! { <input type="hidden" name="id" value=r.id /> })}
            <div class="field">
                <label for=format!("rec-{key}-text")>
                    {match number { Some(n) => format!("{} {n}", t("doc-recommendation")), None => t("doc-recommendation-new") }}
                </label>
                <textarea id=format!("rec-{key}-text") name="form[text]" rows="3">{text}</textarea>
                <ErrorFor field=format!("rec-{key}-text") />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=format!("rec-{key}-to")>{t("doc-addressed-to")}</label>
                    <input id=format!("rec-{key}-to") name="form[addressed_to]" value=to placeholder=t("doc-addressed-to-hint") />
                    <ErrorFor field=format!("rec-{key}-addressed_to") />
                </div>
                <div class="field">
                    <label for=format!("rec-{key}-status")>{t("field-status")}</label>
                    <select id=format!("rec-{key}-status") name="form[status]">{status_options(status)}</select>
                    <ErrorFor field=format!("rec-{key}-status") />
                </div>
            </div>
            <button type="submit" class="btn btn-secondary">{t("doc-save")}</button>
        </ActionForm>
    }
}

fn page(doc: Documentation) -> impl IntoView {
    let slug = doc.event.slug.clone();
    let title = doc.event.title.clone();
    let summary_action = ServerAction::<SaveProceedingsSummary>::new();
    let delete = ServerAction::<DeleteRecommendation>::new();
    let s = slug.clone();
    let recommendations = doc
        .recommendations
        .into_iter()
        .map(|r| {
            let (slug, id) = (slug.clone(), r.id);
            view! {
                <div class="recommendation-item">
                    {recommendation_form(slug.clone(), Some(r))}
                    <ActionForm action=delete attr:class="inline">
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="btn btn-link">{t("doc-delete")}</button>
                    </ActionForm>
                </div>
            }
        })
        .collect_view();
    let new_recommendation = recommendation_form(slug.clone(), None);
    let summaries = SUMMARY_LANGUAGES
        .iter()
        .map(|(code, name)| {
            let slug = slug.clone();
            let action = ServerAction::<SaveExecutiveSummary>::new();
            let text = doc
                .executive_summaries
                .iter()
                .find(|e| e.language == *code)
                .map(|e| e.text.clone())
                .unwrap_or_default();
            view! {
                <ActionForm action=action attr:class="form">
                    <input type="hidden" name="slug" value=slug />
                    <input type="hidden" name="language" value=*code />
                    <div class="field">
                        <label for=format!("summary-{code}")>{*name}</label>
                        <textarea id=format!("summary-{code}") name="text" rows="4" lang=*code>{text}</textarea>
                        <ErrorFor field=format!("summary-{code}") />
                    </div>
                    <button type="submit" class="btn btn-secondary">{t("doc-save")}</button>
                </ActionForm>
            }
        })
        .collect_view();
    let notes = doc
        .sessions
        .into_iter()
        .map(|s| {
            let slug = slug.clone();
            let action = ServerAction::<SaveSessionNotes>::new();
            let id = s.session_id;
            let label = format!("{} {}–{} · {}", s.local_day, s.local_start, s.local_end, s.title);
            view! {
                <ActionForm action=action attr:class="form">
                    <input type="hidden" name="slug" value=slug />
                    <input type="hidden" name="session_id" value=id />
                    <div class="field">
                        <label for=format!("notes-{id}")>{label}</label>
                        <textarea id=format!("notes-{id}") name="notes" rows="5">{s.notes}</textarea>
                        <ErrorFor field=format!("notes-{id}") />
                    </div>
                    <button type="submit" class="btn btn-secondary">{t("doc-save")}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <Title text=t("doc-title") />
        <h1>{t("doc-title")} ": " {title}</h1>
        <section class="card">
            <h2>{t("doc-print")}</h2>
            <ul class="doc-links">
                <li><a href=format!("/events/{s}/attendance.pdf")>{t("doc-sheets-by-day")}</a>
                    " · " <a href=format!("/events/{s}/attendance.pdf?by=session")>{t("doc-sheets-by-session")}</a>
                    " · " <a href=format!("/events/{s}/attendance.pdf?order=country")>{t("doc-sheets-by-country")}</a>
                    " · " <a href=format!("/events/{s}/attendance.pdf?order=organisation")>{t("doc-sheets-by-organisation")}</a></li>
                <li><a href=format!("/events/{s}/badges.pdf")>{t("doc-badges")}</a></li>
                <li><a href=format!("/events/{s}/proceedings.pdf")>{t("doc-proceedings")}</a></li>
                <li><a href=format!("/events/{s}/agenda.pdf")>{t("doc-agenda")}</a></li>
            </ul>
        </section>
        <section class="card">
            <h2>{t("doc-summary")}</h2>
            <ActionForm action=summary_action attr:class="form">
                <input type="hidden" name="slug" value=s.clone() />
                <div class="field">
                    <label for="doc-summary">{t("doc-summary")}</label>
                    <textarea id="doc-summary" name="summary" rows="6">{doc.summary}</textarea>
                    <ErrorFor field="summary" />
                </div>
                <label class="check"><input type="checkbox" name="public" value="on" checked=doc.proceedings_public />" " {t("doc-publish")}</label>
                <p class="hint">{t("doc-publish-hint")}</p>
                <button type="submit" class="btn">{t("doc-save")}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{t("doc-recommendations")}</h2>
            {recommendations}
            {new_recommendation}
        </section>
        <section class="card">
            <h2>{t("doc-executive-summaries")}</h2>
            <p class="hint">{t("doc-executive-hint")}</p>
            {summaries}
        </section>
        <section class="card">
            <h2>{t("doc-session-notes")}</h2>
            <p class="hint">{t("doc-notes-hint")}</p>
            {notes}
        </section>
    }
}

#[component]
pub fn DocumentationPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        load_documentation,
    );
    view! {
        <WorkspaceNav here="documentation" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(doc) => page(doc).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
