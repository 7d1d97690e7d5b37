//! `/manage/series`: the forum series the network follows, each with its number of editions
//! and links to its staff page and public page; coordinators also get a form to start a
//! new series (a plain form: refused input comes back next to its field, as typed).
use domain::series_types::{SeriesForm, SeriesList};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{load_series_list, CreateSeries};
use super::form::{series_fields, ErrorBanner};
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn SeriesListPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("draft"), load_series_list);
    view! {
        <Title text=t("series-admin-title") />
        <h1>{t("series-admin-title")}</h1>
        <p class="muted">{t("series-admin-intro")}</p>
        <ErrorBanner />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((list, typed)) => list_view(list, typed).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn list_view(list: SeriesList, typed: SeriesForm) -> impl IntoView {
    let rows = list
        .series
        .iter()
        .map(|s| {
            let name = if s.acronym.is_empty() {
                s.name.clone()
            } else {
                format!("{} ({})", s.name, s.acronym)
            };
            view! {
                <li class="card series-item">
                    <h2><a href=format!("/manage/series/{}", s.slug)>{name}</a></h2>
                    <p class="muted">
                        {t_args("series-edition-count", &[("n", &s.editions.to_string())])}
                        " · " <a href=format!("/series/{}", s.slug)>{t("series-public-page")}</a>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        {list.series.is_empty().then(|| view! { <p class="empty">{t("series-none")}</p> })}
        <ul class="series-list">{rows}</ul>
        {list.can_write.then(|| view! {
            <section class="card" id="new-series">
                <h2>{t("series-new")}</h2>
                <form method="post" action=CreateSeries::url() class="form" novalidate>
                    {series_fields("", typed)}
                    <button type="submit" class="btn btn-primary">{t("series-create")}</button>
                </form>
            </section>
        })}
    }
}
