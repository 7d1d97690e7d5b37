//! `/manage/events/{slug}/delegation`: who went to an event the network attends, in which
//! role, what they presented and a short outcome note; plain forms to add and remove.
use domain::forum_types::{DelegationPage, DelegationRole};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_delegation, AddDelegationMember, RemoveDelegationMember};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

#[component]
pub fn DelegationScreen() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_delegation);
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="delegation" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("delegation-saved")}</p> })}
                        {page_view(slug(), page)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn page_view(slug: String, page: DelegationPage) -> impl IntoView {
    let rows = page
        .members
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <td><a href=format!("/manage/people/{}", m.person_id)>{m.person_name.clone()}</a></td>
                    <td>{t(&format!("delegation-role-{}", m.role.as_str()))}</td>
                    <td>{m.presented.clone()}</td>
                    <td>{m.outcome.clone()}</td>
                    <td>
                        <form method="post" action=RemoveDelegationMember::url() class="inline">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="id" value=m.id.to_string() />
                            <button type="submit" class="btn btn-small btn-secondary">{t("delegation-remove")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=t("delegation-title") />
        <h1>{t("delegation-title")} ": " {page.title.clone()}</h1>
        <p class="muted">{t("delegation-intro")}</p>
        {page.members.is_empty().then(|| view! { <p class="muted">{t("delegation-empty")}</p> })}
        <div class="table-wrap">
            <table class="table delegation">
                <thead><tr>
                    <th>{t("field-person")}</th><th>{t("field-role")}</th>
                    <th>{t("delegation-presented")}</th><th>{t("delegation-outcome")}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="card">
            <h2>{t("delegation-add")}</h2>
            <form method="post" action=AddDelegationMember::url() novalidate>
                <input type="hidden" name="slug" value=slug.clone() />
                <div class="field">
                    <label for="dm-person">{t("field-person")}</label>
                    <select id="dm-person" name="form[person_id]">
                        {page.people.iter().map(|(id, label)| view! { <option value=id.to_string()>{label.clone()}</option> }).collect_view()}
                    </select>
                    <ErrorFor field="person_id" />
                </div>
                <div class="field">
                    <label for="dm-role">{t("field-role")}</label>
                    <select id="dm-role" name="form[role]">
                        {DelegationRole::ALL.iter().map(|r| view! { <option value=r.as_str()>{t(&format!("delegation-role-{}", r.as_str()))}</option> }).collect_view()}
                    </select>
                    <ErrorFor field="role" />
                </div>
                <div class="field">
                    <label for="dm-presented">{t("delegation-presented")}</label>
                    <input id="dm-presented" name="form[presented]" />
                    <ErrorFor field="presented" />
                </div>
                <div class="field">
                    <label for="dm-outcome">{t("delegation-outcome")}</label>
                    <textarea id="dm-outcome" name="form[outcome]" rows="3"></textarea>
                    <ErrorFor field="outcome" />
                </div>
                <button type="submit" class="btn">{t("delegation-add")}</button>
            </form>
        </section>
    }
}
