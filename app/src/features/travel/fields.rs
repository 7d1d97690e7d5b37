//! The travel form's fields, shared by the private page and the staff page: plain inputs
//! (native date and time pickers, no JavaScript), each with its error underneath.
use domain::travel_types::{Arrangement, Means, TravelForm};
use leptos::prelude::*;

use crate::components::form::ErrorFor;
use crate::i18n::t;

fn text(
    id: &str,
    name: &'static str,
    label: &'static str,
    value: String,
    kind: &'static str,
) -> impl IntoView {
    let input_id = format!("{id}-{name}");
    view! {
        <div class="field">
            <label for=input_id.clone()>{t(label)}</label>
            <input id=input_id type=kind name=format!("form[{name}]") value=value aria-describedby=format!("{name}-error") />
            <ErrorFor field=name />
        </div>
    }
}

fn means(id: &str, name: &'static str, current: String) -> impl IntoView {
    let input_id = format!("{id}-{name}");
    view! {
        <div class="field">
            <label for=input_id.clone()>{t("travel-means")}</label>
            <select id=input_id name=format!("form[{name}]")>
                <option value="" selected=current.is_empty()>{t("travel-means-none")}</option>
                {Means::ALL.into_iter().map(|m| {
                    let sel = current == m.as_str();
                    view! { <option value=m.as_str() selected=sel>{t(&format!("travel-means-{}", m.as_str()))}</option> }
                }).collect_view()}
            </select>
            <ErrorFor field=name />
        </div>
    }
}

/// The fields of `form`; `id` keeps element ids unique on the page; `staff` adds the
/// passport number.
#[component]
pub fn TravelFields(form: TravelForm, id: String, staff: bool) -> impl IntoView {
    let f = form;
    let visa_id = format!("{id}-visa_needed");
    let arrangement_id = format!("{id}-arrangement");
    let arrangement = f.arrangement.clone();
    view! {
        <div class="grid-2">
            {text(&id, "from_city", "travel-from-city", f.from_city, "text")}
            {text(&id, "from_country", "travel-from-country", f.from_country, "text")}
            {text(&id, "nationality", "travel-nationality", f.nationality, "text")}
            {text(&id, "passport_name", "travel-passport-name", f.passport_name, "text")}
        </div>
        <div class="field check">
            <label>
                <input id=visa_id type="checkbox" name="form[visa_needed]" value="on" checked=f.visa_needed.is_some() />
                " " {t("travel-visa-needed")}
            </label>
        </div>
        {staff.then(|| text(&id, "passport_number", "travel-passport-number", f.passport_number.clone().unwrap_or_default(), "text"))}
        <fieldset class="field-group">
            <legend>{t("travel-arrival")}</legend>
            <div class="grid-2">
                {text(&id, "arrival_date", "travel-arrival-date", f.arrival_date, "date")}
                {text(&id, "arrival_time", "travel-arrival-time", f.arrival_time, "time")}
                {means(&id, "arrival_means", f.arrival_means)}
                {text(&id, "arrival_number", "travel-number", f.arrival_number, "text")}
            </div>
        </fieldset>
        <fieldset class="field-group">
            <legend>{t("travel-departure")}</legend>
            <div class="grid-2">
                {text(&id, "departure_date", "travel-departure-date", f.departure_date, "date")}
                {text(&id, "departure_time", "travel-departure-time", f.departure_time, "time")}
                {means(&id, "departure_means", f.departure_means)}
                {text(&id, "departure_number", "travel-number", f.departure_number, "text")}
            </div>
        </fieldset>
        <div class="field">
            <label for=arrangement_id.clone()>{t("travel-arrangement")}</label>
            <select id=arrangement_id name="form[arrangement]">
                <option value="" selected=arrangement.is_empty()>{t("travel-arrangement-none")}</option>
                {Arrangement::ALL.into_iter().map(|a| {
                    let sel = arrangement == a.as_str();
                    view! { <option value=a.as_str() selected=sel>{t(&format!("travel-arrangement-{}", a.as_str()))}</option> }
                }).collect_view()}
            </select>
            <ErrorFor field="arrangement" />
        </div>
    }
}
