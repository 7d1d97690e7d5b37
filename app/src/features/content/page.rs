//! `/manage/events/{slug}/translations?lang=th`: each English original of the event's
//! content beside a field for its translation into the chosen language, saved in one plain
//! form post (works without JavaScript; an error comes back next to its field, with what
//! was typed kept). The languages are listed with how much of each is done.
use domain::content_types::{Field, Owner, TranslationRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_translations, SaveTranslations, TranslationsPage};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

fn what(row: &TranslationRow) -> String {
    match (row.owner, row.field) {
        (Owner::Event, Field::Title) => t("translations-event-title"),
        (Owner::Event, Field::Summary) => t("translations-event-summary"),
        (Owner::Event, Field::Objectives) => t("translations-event-objectives"),
        (Owner::Event, _) => t("translations-event-description"),
        (Owner::Session(_), _) => t("translations-session-title"),
        (Owner::Question(_), Field::Options) => t("translations-question-options"),
        (Owner::Question(_), _) => t("translations-question-label"),
    }
}

fn row_view(row: TranslationRow, typed: Option<String>, lang: &'static str) -> impl IntoView {
    let key = row.key();
    let id = format!("tr-{key}");
    let value = typed.unwrap_or(row.translation.clone());
    let name = format!("form[fields][{key}]");
    let input = if row.field.multiline() {
        let rows = if row.field == Field::Description {
            "6"
        } else {
            "3"
        };
        view! { <textarea id=id.clone() name=name rows=rows lang=lang>{value}</textarea> }
            .into_any()
    } else {
        let max = row.field.max_len();
        view! { <input id=id.clone() name=name value=value lang=lang maxlength=max /> }.into_any()
    };
    view! {
        <div class="field translation">
            <label for=id>{what(&row)}</label>
            <p class="original" lang="en">{row.original.clone()}</p>
            {input}
            {(row.field == Field::Options).then(|| view! { <p class="hint">{t("translations-options-hint")}</p> })}
            {(row.field == Field::Objectives).then(|| view! { <p class="hint">{t("translations-objectives-hint")}</p> })}
            <ErrorFor field=key />
        </div>
    }
}

fn page(data: TranslationsPage, saved: bool) -> impl IntoView {
    let e = data.editor;
    let slug = e.event.slug.clone();
    let lang = e.lang;
    let save = ServerAction::<SaveTranslations>::new();
    let languages = e
        .progress
        .iter()
        .map(|p| {
            let state = if p.complete() {
                t("translations-complete")
            } else if p.partial() {
                t("translations-partial")
            } else {
                t("translations-none")
            };
            let current = (p.lang == lang).then_some("page");
            view! {
                <li>
                    <a href=format!("/manage/events/{slug}/translations?lang={}", p.lang.tag()) aria-current=current>
                        {p.lang.native_name()}
                    </a>
                    " " <span class="muted">{format!("{state} ({}/{})", p.done, p.total)}</span>
                </li>
            }
        })
        .collect_view();
    let typed = data.draft.map(|d| d.fields).unwrap_or_default();
    let rows = e
        .rows
        .into_iter()
        .map(|r| {
            let typed = typed.get(&r.key()).cloned();
            row_view(r, typed, lang.tag())
        })
        .collect_view();
    view! {
        <Title text=t("translations-title") />
        <h1>{t("translations-title")} ": " {e.event.title.clone()}</h1>
        <p class="lead">{t("translations-lead")}</p>
        <nav aria-label=t("translations-languages")><ul class="inline-list">{languages}</ul></nav>
        {saved.then(|| view! { <p class="notice" role="status">{t("translations-saved")}</p> })}
        <ErrorFor field="lang" />
        <ActionForm action=save attr:class="form translations-form">
            <input type="hidden" name="slug" value=slug.clone() />
            <input type="hidden" name="form[lang]" value=lang.tag() />
            <h2>{lang.native_name()}</h2>
            {rows}
            <button type="submit" class="btn btn-primary">{t("translations-save")}</button>
        </ActionForm>
    }
}

#[component]
pub fn TranslationsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("slug").unwrap_or_default(),
                q.get("lang"),
                q.get("draft"),
            )
        },
        |(slug, lang, draft)| load_translations(slug, lang, draft),
    );
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="translations" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => page(d, saved()).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
