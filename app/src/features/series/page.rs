//! `/manage/series/{slug}`: one series for staff. Its editions newest first, each with its
//! dates, place, theme and whether the public page shows it, and links to the edition's
//! forum schedule, delegation and event page; for coordinators, forms to change an
//! edition's number and theme or unlink it, to add an edition (a new event or an existing
//! one) and to edit the series itself. Plain forms: it works without JavaScript.
use domain::series_types::{EditionRow, SeriesAdmin};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_series_admin, Drafts, UpdateSeries};
use super::editions::{edition_controls, link_form, new_edition_form};
use super::form::{series_fields, ErrorBanner};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::forum::series_page::date_range;
use crate::i18n::{t, t_args};

#[component]
pub fn SeriesAdminPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("slug").unwrap_or_default(),
                q.get("draft"),
                q.get("which"),
            )
        },
        |(slug, draft, which)| load_series_admin(slug, draft, which),
    );
    let saved = move || query.read().get("saved").is_some();
    let added = move || query.read().get("added");
    view! {
        <p class="breadcrumb"><a href="/manage/series">{t("series-admin-title")}</a></p>
        <ErrorBanner />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((page, drafts)) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("series-saved")}</p> })}
                        {added().map(|event| view! {
                            <p class="alert alert-success" role="status">
                                {t("series-edition-added")} " "
                                <a href=format!("/manage/events/{event}")>{t("series-open-edition")}</a>
                            </p>
                        })}
                        {page_view(page, drafts)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn page_view(page: SeriesAdmin, (typed_series, typed_new, typed_link): Drafts) -> impl IntoView {
    let slug = page.slug.clone();
    let title = if page.form.acronym.is_empty() {
        page.form.name.clone()
    } else {
        format!("{} ({})", page.form.name, page.form.acronym)
    };
    let can_write = page.can_write;
    let editions = page
        .editions
        .iter()
        .cloned()
        .map(|e| edition_view(&slug, e, can_write))
        .collect_view();
    view! {
        <Title text=page.form.name.clone() />
        <h1>{title}</h1>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/series/{slug}")>{t("series-public-page")}</a>
            <a class="btn btn-secondary" href=format!("/manage/recommendations?series={slug}")>{t("nav-recommendations")}</a>
        </p>
        {(!can_write).then(|| view! { <p class="lead">{page.form.description.clone()}</p> })}
        <section id="editions">
            <h2>{t("series-editions")}</h2>
            <p class="muted">{t("series-shown-hint")}</p>
            {page.editions.is_empty().then(|| view! { <p class="empty">{t("series-no-editions")}</p> })}
            <ol class="edition-list">{editions}</ol>
        </section>
        {can_write.then(|| view! {
            <section class="card" id="new-edition">
                <h2>{t("series-add-new")}</h2>
                <p class="muted">{t("series-add-new-hint")}</p>
                {new_edition_form(&slug, page.next_number, &page.countries, typed_new)}
            </section>
            <section class="card" id="link-edition">
                <h2>{t("series-add-existing")}</h2>
                {link_form(&slug, page.next_number, &page.candidates, typed_link)}
            </section>
            <section class="card" id="series-details">
                <h2>{t("series-details")}</h2>
                <form method="post" action=UpdateSeries::url() class="form" novalidate>
                    <input type="hidden" name="slug" value=slug.clone() />
                    {series_fields("series-", typed_series.unwrap_or(page.form.clone()))}
                    <button type="submit" class="btn btn-primary">{t("save")}</button>
                </form>
            </section>
        })}
    }
}

fn edition_view(series: &str, e: EditionRow, can_write: bool) -> impl IntoView {
    let place = [e.city.clone(), e.country.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let status = e.status.as_str();
    let event = e.event_slug.clone();
    view! {
        <li class="card edition-admin" id=format!("ed-{event}") value=e.number.to_string()>
            <h3>
                {t_args("series-edition-number", &[("n", &e.number.to_string())])} " · "
                <a href=format!("/manage/events/{event}")>{e.title.clone()}</a>
            </h3>
            <p>
                {date_range(&e.local_start, &e.local_end)}
                {(!place.is_empty()).then(|| format!(" · {place}"))}
            </p>
            {(!e.theme.is_empty()).then(|| view! { <p><strong>{t("series-theme")} ": "</strong> {e.theme.clone()}</p> })}
            <p>
                <span class=format!("pill pill-status-{status}")>{t(&format!("status-{status}"))}</span> " "
                <span class="muted">
                    {t(if e.shown { "series-shown" } else { "series-not-shown" })} " · "
                    {t(&format!("network-role-{}", e.network_role.as_str()))}
                </span>
            </p>
            <p class="inline-list">
                <a href=format!("/manage/events/{event}/forum")>{t("forum-schedule-title")}</a>
                <a href=format!("/manage/events/{event}/delegation")>{t("delegation-title")}</a>
                <a href=format!("/events/{event}")>{t("manage-view-public")}</a>
            </p>
            <ErrorFor field=format!("ed-{event}") />
            {can_write.then(|| edition_controls(series, &e))}
        </li>
    }
}
