//! The edition forms of a series' staff page: a new event as an edition, an existing event
//! as an edition, and an edition's own number and theme (with the button that unlinks it).
use domain::series_types::{Candidate, EditionRow, LinkEditionForm, NewEditionForm, MAX_THEME};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{AddNewEdition, LinkEdition, UnlinkEdition, UpdateEdition};
use super::form::{field, text_input};
use crate::features::events::manage::ZONES;
use crate::i18n::t;

fn number_input(id: &str, value: String) -> AnyView {
    view! { <input id=id.to_owned() name="form[number]" type="number" min="1" max="1000" value=value /> }.into_any()
}

fn theme_input(id: &str, value: String) -> AnyView {
    text_input(id, "theme", value, MAX_THEME)
}

/// A new event (a forum the network attends) made an edition; messages under `new-…`.
pub fn new_edition_form(
    slug: &str,
    next: i32,
    countries: &[(String, String)],
    typed: Option<NewEditionForm>,
) -> impl IntoView {
    let form = typed.unwrap_or_else(|| NewEditionForm {
        number: next.to_string(),
        timezone: "Asia/Bangkok".into(),
        ..Default::default()
    });
    let datetime = |name: &'static str, value: String| {
        view! { <input id=format!("ne-{name}") name=format!("form[{name}]") type="datetime-local" value=value /> }.into_any()
    };
    let chosen = form.country_code.clone();
    let country = view! {
        <select id="ne-country_code" name="form[country_code]">
            <option value="">"—"</option>
            {countries.iter().map(|(code, name)| {
                let selected = *code == chosen;
                view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
            }).collect_view()}
        </select>
    }
    .into_any();
    let zone = view! {
        <input id="ne-timezone" name="form[timezone]" list="series-zones" value=form.timezone />
        <datalist id="series-zones">{ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
    }
    .into_any();
    view! {
        <form method="post" action=AddNewEdition::url() class="form" novalidate>
            <input type="hidden" name="slug" value=slug.to_owned() />
            {field("ne-title".into(), t("field-title"), text_input("ne-title", "title", form.title, 200), "new-title".into())}
            {field("ne-number".into(), t("series-number"), number_input("ne-number", form.number), "new-number".into())}
            <div class="field-row">
                {field("ne-country_code".into(), t("series-host-country"), country, "new-country_code".into())}
                {field("ne-city".into(), t("field-city"), text_input("ne-city", "city", form.city, 100), "new-city".into())}
            </div>
            <div class="field-row">
                {field("ne-starts_at".into(), t("field-starts-at"), datetime("starts_at", form.starts_at), "new-starts_at".into())}
                {field("ne-ends_at".into(), t("field-ends-at"), datetime("ends_at", form.ends_at), "new-ends_at".into())}
            </div>
            {field("ne-timezone".into(), t("field-timezone"), zone, "new-timezone".into())}
            {field("ne-theme".into(), t("series-theme"), theme_input("ne-theme", form.theme), "new-theme".into())}
            <button type="submit" class="btn btn-primary">{t("series-add-new-button")}</button>
        </form>
    }
}

/// An existing event (one in no series) made an edition; messages under `link-…`.
pub fn link_form(
    slug: &str,
    next: i32,
    candidates: &[Candidate],
    typed: Option<LinkEditionForm>,
) -> impl IntoView {
    if candidates.is_empty() {
        return view! { <p class="muted">{t("series-no-candidates")}</p> }.into_any();
    }
    let form = typed.unwrap_or_else(|| LinkEditionForm {
        number: next.to_string(),
        ..Default::default()
    });
    let chosen = form.event_slug.clone();
    let events = view! {
        <select id="le-event_slug" name="form[event_slug]">
            {candidates.iter().map(|(slug, title, day)| {
                let selected = *slug == chosen;
                view! { <option value=slug.clone() selected=selected>{format!("{title} ({day})")}</option> }
            }).collect_view()}
        </select>
    }
    .into_any();
    view! {
        <form method="post" action=LinkEdition::url() class="form" novalidate>
            <input type="hidden" name="slug" value=slug.to_owned() />
            {field("le-event_slug".into(), t("series-event"), events, "link-event_slug".into())}
            {field("le-number".into(), t("series-number"), number_input("le-number", form.number), "link-number".into())}
            {field("le-theme".into(), t("series-theme"), theme_input("le-theme", form.theme), "link-theme".into())}
            <button type="submit" class="btn btn-primary">{t("series-link-button")}</button>
        </form>
    }
    .into_any()
}

/// An edition's number and theme, and the button that takes it out of the series.
pub fn edition_controls(series: &str, e: &EditionRow) -> impl IntoView {
    let id = |name: &str| format!("ed-{}-{name}", e.event_slug);
    view! {
        <details class="edition-edit">
            <summary>{t("series-edit-edition")}</summary>
            <form method="post" action=UpdateEdition::url() class="form" novalidate>
                <input type="hidden" name="slug" value=series.to_owned() />
                <input type="hidden" name="event" value=e.event_slug.clone() />
                <div class="field-row">
                    <div class="field">
                        <label for=id("number")>{t("series-number")}</label>
                        {number_input(&id("number"), e.number.to_string())}
                    </div>
                    <div class="field">
                        <label for=id("theme")>{t("series-theme")}</label>
                        {theme_input(&id("theme"), e.theme.clone())}
                    </div>
                </div>
                <button type="submit" class="btn btn-secondary">{t("save")}</button>
            </form>
            <form method="post" action=UnlinkEdition::url() class="form">
                <input type="hidden" name="slug" value=series.to_owned() />
                <input type="hidden" name="event" value=e.event_slug.clone() />
                <p class="muted">{t("series-unlink-hint")}</p>
                <button type="submit" class="btn btn-secondary">{t("series-unlink")}</button>
            </form>
        </details>
    }
}
