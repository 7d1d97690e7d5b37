//! "Our organisation" on the admin's page: the organisation Sala works for, which organises
//! the side events scheduled at forums. Chosen from the list or typed (a plain form).
use domain::series_types::HomeOrganisation;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{load_home_organisation, SetHomeOrganisation};
use crate::components::form::ErrorFor;
use crate::i18n::{t, t_args};

#[component]
pub fn HomeOrganisationSection() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(|| (), |_| load_home_organisation());
    let saved = move || query.read().get("home").is_some();
    view! {
        <section class="card admin-section" id="home-organisation">
            <h2>{t("our-org-title")}</h2>
            <p class="muted">{t("our-org-intro")}</p>
            {move || saved().then(|| view! { <p class="alert alert-success" role="status">{t("our-org-saved")}</p> })}
            <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
                {move || Suspend::new(async move { data.await.ok().map(home_form) })}
            </Suspense>
        </section>
    }
}

fn home_form(home: HomeOrganisation) -> impl IntoView {
    let current = home.current.clone();
    let chosen = current.as_ref().map(|(id, _)| *id);
    view! {
        {match &current {
            Some((_, name)) => view! { <p>{t_args("our-org-current", &[("name", name)])}</p> }.into_any(),
            None => view! { <p class="alert alert-info">{t("our-org-none")}</p> }.into_any(),
        }}
        <form method="post" action=SetHomeOrganisation::url() class="form" novalidate>
            <div class="field">
                <label for="home-organisation_id">{t("our-org-choose")}</label>
                <select id="home-organisation_id" name="form[organisation_id]">
                    <option value="">"—"</option>
                    {home.options.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=chosen == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
                <ErrorFor field="home-organisation_id" />
            </div>
            <div class="field">
                <label for="home-name">{t("our-org-or-name")}</label>
                <input id="home-name" name="form[name]" type="text" maxlength="200" />
                <p class="hint">{t("our-org-name-hint")}</p>
                <ErrorFor field="home-name" />
            </div>
            <button type="submit" class="btn btn-primary">{t("save")}</button>
        </form>
    }
}
