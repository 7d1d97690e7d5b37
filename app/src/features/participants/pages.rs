//! `/manage/events/{slug}/participants`: filter form (a plain GET form), table, CSV link.
//! The table is paged ([`PAGE`] people a page, `?page=`), keeping the filters; the exports
//! hold everyone who matches.

/// People in one page of the table.
pub const PAGE: usize = 200;
use domain::participant_types::ParticipantFilter;
use domain::types::{Gender, RegistrationStatus, Sector};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::participant_list;
use crate::components::not_found::ErrorNotice;
use crate::components::pager::{pager, Paging};
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

fn select(
    name: &'static str,
    label: &'static str,
    values: Vec<(String, String)>,
    current: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("f-{name}")>{t(label)}</label>
            <select id=format!("f-{name}") name=name>
                <option value="">{t("filter-any-value")}</option>
                {values.into_iter().map(|(v, l)| { let sel = v == current; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        let filter = ParticipantFilter {
            status: get("status"),
            country: get("country"),
            organisation: get("organisation"),
            sector: get("sector"),
            gender: get("gender"),
            role: get("role"),
        };
        (
            params.read().get("slug").unwrap_or_default(),
            filter,
            q.to_query_string(),
        )
    };
    let data = Resource::new(key, |(slug, filter, _)| participant_list(slug, filter));
    view! {
        <WorkspaceNav here="participants" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let (slug, filter, query_string) = key();
                match data.await {
                    Ok((event, rows)) => {
                        let statuses = RegistrationStatus::ALL.iter().map(|s| (s.as_str().to_owned(), t(&format!("reg-status-{}", s.as_str())))).collect();
                        let sectors = Sector::ALL.iter().map(|s| (s.as_str().to_owned(), t(&format!("sector-{}", s.as_str())))).collect();
                        let genders = Gender::ALL.iter().map(|s| (s.as_str().to_owned(), t(&format!("gender-{}", s.as_str())))).collect();
                        let count = rows.len();
                        let paging = Paging::new(use_query_map().read().get("page").as_deref(), PAGE, count);
                        let first = paging.skip();
                        let rows = paging.slice(rows);
                        let path = format!("/manage/events/{slug}/participants");
                        let export_query = crate::components::pager::without_page(&query_string);
                        let question_labels: Vec<String> = rows
                            .first()
                            .map(|r| r.answers.iter().map(|(l, _)| l.clone()).collect())
                            .unwrap_or_default();
                        view! {
                            <Title text=t("participants-title") />
                            <h1>{t("participants-title")} ": " {event.title.clone()}</h1>
                            <form method="get" class="filters">
                                {select("status", "field-status", statuses, filter.status.clone())}
                                {select("sector", "field-sector", sectors, filter.sector.clone())}
                                {select("gender", "field-gender", genders, filter.gender.clone())}
                                <div class="field">
                                    <label for="f-country">{t("field-country-code")}</label>
                                    <input id="f-country" name="country" size="4" value=filter.country.clone() />
                                </div>
                                <div class="field">
                                    <label for="f-organisation">{t("field-organisation")}</label>
                                    <input id="f-organisation" name="organisation" value=filter.organisation.clone() />
                                </div>
                                <button type="submit" class="btn btn-secondary">{t("filter-apply")}</button>
                            </form>
                            <p class="actions">
                                <span class="muted">{count} " " {t("participants-count")}</span>
                                <a class="btn btn-secondary" href=format!("/manage/events/{slug}/participants.csv{export_query}")>{t("participants-csv")}</a>
                                <a class="btn btn-secondary" href=format!("/manage/events/{slug}/participants.xlsx{export_query}")>{t("participants-xlsx")}</a>
                            </p>
                            <p class="hint">{t("participants-export-logged")}</p>
                            <div class="table-wrap"><table class="table">
                                <thead><tr>
                                    <th>"#"</th><th>{t("field-name-latin")}</th><th>{t("field-name-native")}</th>
                                    <th>{t("field-organisation")}</th><th>{t("field-country")}</th><th>{t("field-status")}</th>
                                    <th>{t("field-phone")}</th><th>{t("field-dietary")}</th>
                                    {question_labels.into_iter().map(|l| view! { <th>{l}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().enumerate().map(|(i, r)| view! {
                                        <tr>
                                            <td class="num">{first + i + 1}</td><td>{r.name_latin}</td><td>{r.name_native}</td>
                                            <td>{r.organisation}</td><td>{r.country}</td>
                                            <td>{t(&format!("reg-status-{}", r.status))}</td>
                                            <td>{r.phone}</td><td>{r.dietary}</td>
                                            {r.answers.into_iter().map(|(_, a)| view! { <td>{yes_no(a)}</td> }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                            {pager(paging, &path, &query_string)}
                        }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A yes/no answer in the reader's language (stored as `yes`/`no`); others as given.
fn yes_no(answer: String) -> String {
    match answer.as_str() {
        "yes" => t("answer-yes"),
        "no" => t("answer-no"),
        _ => answer,
    }
}
