//! `/manage/events/{slug}/travel`: everyone taking part with their travel (where from,
//! nationality, visa, arrival and departure in the event's local time, who books), the
//! arrivals list to print or export, and one person's form at a time (`?edit=ID`, passport
//! number included) as a plain form.
use domain::travel_types::{EventTravel, TravelForm, TravelRow};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_event_travel, SaveTravel};
use super::fields::TravelFields;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{t, t_args};

#[component]
pub fn TravelPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (slug(), query.read().get("draft")),
        |(slug, draft)| load_event_travel(slug, draft),
    );
    let edit = move || query.read().get("edit").and_then(|e| e.parse::<i64>().ok());
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="travel" />
        <Title text=t("travel-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((travel, typed)) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("travel-saved")}</p> })}
                        {travel_view(slug(), travel, edit(), typed)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn travel_view(
    slug: String,
    travel: EventTravel,
    edit: Option<i64>,
    typed: Option<TravelForm>,
) -> impl IntoView {
    let editing = edit.and_then(|id| {
        travel
            .rows
            .iter()
            .find(|r| r.registration_id == id)
            .cloned()
    });
    view! {
        <h1>{t("travel-title")} ": " {travel.event.title.clone()}</h1>
        <p class="muted">{t_args("travel-local-time", &[("zone", &travel.event.timezone)])}</p>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/events/{slug}/arrivals.pdf")>{t("travel-arrivals-pdf")}</a>
            <a class="btn btn-secondary" href=format!("/events/{slug}/arrivals.xlsx")>{t("travel-arrivals-xlsx")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/travel/rooms")>{t("rooms-title")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/travel/payments")>{t("travel-payments")}</a>
        </p>
        {editing.map(|row| {
            let form = typed.unwrap_or_else(|| row.form.clone());
            view! {
                <section class="card" id="edit">
                    <h2>{t_args("travel-editing", &[("name", &row.name)])}</h2>
                    <form method="post" action=SaveTravel::url() class="form" novalidate>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <input type="hidden" name="registration_id" value=row.registration_id.to_string() />
                        <TravelFields form id=format!("t{}", row.registration_id) staff=true />
                        <button type="submit" class="btn btn-primary">{t("travel-save")}</button>
                    </form>
                </section>
            }
        })}
        <h2>{t("travel-people")}</h2>
        {travel.rows.is_empty().then(|| view! { <p class="muted">{t("travel-none")}</p> })}
        <div class="table-scroll">
            <table class="table travel-list">
                <thead><tr>
                    <th>{t("doc-col-name")}</th>
                    <th>{t("travel-from")}</th>
                    <th>{t("travel-visa")}</th>
                    <th>{t("travel-arrival")}</th>
                    <th>{t("travel-departure")}</th>
                    <th>{t("travel-arrangement")}</th>
                    <th></th>
                </tr></thead>
                <tbody>{travel.rows.into_iter().map(|r| row_view(&slug, r)).collect_view()}</tbody>
            </table>
        </div>
        <super::visa::VisaSection slug=slug.clone() />
    }
}

fn leg(date: &str, time: &str, means: &str, number: &str) -> String {
    let how = if means.is_empty() {
        String::new()
    } else {
        t(&format!("travel-means-{means}"))
    };
    [date, time, how.as_str(), number]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn row_view(slug: &str, r: TravelRow) -> impl IntoView {
    let f = &r.form;
    let from = [f.from_city.as_str(), f.from_country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let visa = if f.visa_needed.is_some() {
        t("travel-visa-yes")
    } else {
        String::new()
    };
    let passport = r
        .has_passport_number
        .then(|| view! { <br /><span class="muted">{t("travel-passport-on-file")}</span> });
    let id = r.registration_id;
    let arrangement = if f.arrangement.is_empty() {
        String::new()
    } else {
        t(&format!("travel-arrangement-{}", f.arrangement))
    };
    view! {
        <tr id=format!("r{id}")>
            <td>{r.name.clone()} {(!r.name_native.is_empty() && r.name_native != r.name).then(|| view! { <br /><span>{r.name_native.clone()}</span> })}</td>
            <td>{from} {(!f.nationality.is_empty()).then(|| view! { <br /><span class="muted">{f.nationality.clone()}</span> })}</td>
            <td>{visa}{passport}{f.visa_needed.is_some().then(|| view! { <br /><a href=format!("/events/{slug}/visa-letters.pdf?registration={id}")>{t("visa-letter")}</a> })}</td>
            <td>{leg(&f.arrival_date, &f.arrival_time, &f.arrival_means, &f.arrival_number)}</td>
            <td>{leg(&f.departure_date, &f.departure_time, &f.departure_means, &f.departure_number)}</td>
            <td>{arrangement}</td>
            <td><a class="btn btn-small btn-secondary" href=format!("/manage/events/{slug}/travel?edit={id}#edit")>{t("travel-edit")}</a></td>
        </tr>
    }
}
