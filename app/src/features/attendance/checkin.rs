//! `/manage/events/{slug}/checkin`: check people in from a phone; `?r=<registration>` (the
//! address on a badge's QR code) shows that person first; walk-ins are added at the bottom.
//!
//! A big event's list is searched and paged on the server (`?q=`, `?page=`), so a phone gets
//! [`PAGE`] people at a time whatever the event's size; typing filters the page in the browser
//! at once, and the search button asks the server for everyone who matches.
use domain::attendance_types::WalkInForm;
use domain::types::Gender;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_checkin, CheckinData, RecordWalkIn};
use super::checkin_list::{matches, CheckinItem, CheckinLabels, CheckinList};
use super::common::{attendance_links, slot_picker};
use crate::components::form::{FieldError, FormError};
use crate::components::not_found::ErrorNotice;
use crate::components::pager::{pager, Paging};
use crate::error::AppError;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

/// People on one page of the list.
pub const PAGE: usize = 50;

fn labels() -> CheckinLabels {
    CheckinLabels {
        check_in: t("checkin-button"),
        present: t("checkin-present"),
        undo: t("checkin-undo"),
        saving: t("checkin-saving"),
        failed: t("checkin-failed"),
        search: t("checkin-search"),
        search_button: t("checkin-search-button"),
        scan: t("checkin-scan"),
        scanned: t("checkin-scanned"),
        none_found: t("checkin-none-found"),
    }
}

/// What was searched for (`?q=`), decoded as a browser's form sends it (a space as `+`).
fn search_text() -> String {
    let raw = leptos_router::hooks::use_location().search.get_untracked();
    form_urlencoded::parse(raw.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

#[component]
pub fn CheckinPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("slot"),
            q.get("r"),
            q.get("draft"),
        )
    };
    let data = Resource::new(key, |(slug, slot, r, draft)| {
        load_checkin(slug, slot, r, draft)
    });
    view! {
        <WorkspaceNav here="checkin" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let slug = key().0;
                let search = search_text();
                match data.await {
                    Ok(data) => checkin_view(slug, search, data).into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn checkin_view(slug: String, search: String, data: CheckinData) -> impl IntoView {
    let CheckinData {
        sheet,
        highlight,
        unknown_badge,
        countries,
        walk_in,
    } = data;
    let slot = sheet.slot.as_param();
    let present = sheet.rows.iter().filter(|r| r.present).count();
    let total = sheet.rows.len();
    let item = |r: &domain::attendance_types::SheetRow| CheckinItem {
        registration_id: r.roster.registration_id,
        number: r.roster.number,
        name_latin: r.roster.name_latin.clone(),
        name_native: r.roster.name_native.clone(),
        organisation: r.roster.organisation.clone(),
        country: r.roster.country.clone(),
        present: r.present,
    };
    // Who matches the search, then one page of them; the scanned badge's person always.
    let matching: Vec<CheckinItem> = sheet
        .rows
        .iter()
        .map(item)
        .filter(|i| matches(i, &search))
        .collect();
    let paging = Paging::new(
        use_query_map().read().get("page").as_deref(),
        PAGE,
        matching.len(),
    );
    let mut items = paging.slice(matching);
    if let Some(id) = highlight {
        if !items.iter().any(|i| i.registration_id == id) {
            if let Some(row) = sheet.rows.iter().find(|r| r.roster.registration_id == id) {
                items.insert(0, item(row));
            }
        }
    }
    let query_string = format!(
        "?slot={}&q={}",
        form_urlencoded::byte_serialize(slot.as_bytes()).collect::<String>(),
        form_urlencoded::byte_serialize(search.as_bytes()).collect::<String>()
    );
    let pager = pager(
        paging,
        &format!("/manage/events/{slug}/checkin"),
        &query_string,
    );
    let query = use_query_map();
    let banner = Signal::derive(move || {
        query
            .read()
            .get("error")
            .filter(|_| query.read().get("field").is_none())
            .map(|code| format!("error-{code}"))
    });
    view! {
        <Title text=t("checkin-title") />
        <h1 class="checkin-title">{t("checkin-title")} ": " {sheet.event.title.clone()}</h1>
        {slot_picker(&sheet, ())}
        <p class="muted checkin-count">{format!("{present} / {total} {}", t("checkin-count"))}</p>
        <FormError key=banner />
        {unknown_badge.then(|| view! { <p class="form-error" role="alert">{t("checkin-unknown-badge")}</p> })}
        <CheckinList slug=slug.clone() at=slot.clone() items=items highlight=highlight query=search labels=labels() />
        {pager}
        <script nonce=leptos::nonce::use_nonce() inner_html=include_str!("scan_badge.js")></script>
        {walk_in_form(slug.clone(), slot.clone(), walk_in, countries)}
        {attendance_links(&slug, &slot)}
    }
}

fn walk_in_form(
    slug: String,
    slot: String,
    form: WalkInForm,
    countries: Vec<(String, String)>,
) -> impl IntoView {
    let error = Signal::derive(|| None::<AppError>);
    let open = use_query_map().read().get("field").is_some();
    let text = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <div class="field">
                <label for=format!("walk-{name}")>{t(label)}</label>
                <input id=format!("walk-{name}") name=format!("form[{name}]") value=value />
                <FieldError field=name error=error />
            </div>
        }
    };
    view! {
        <details class="walk-in" open=open>
            <summary>{t("walkin-title")}</summary>
            <form method="post" action=RecordWalkIn::url() class="form" novalidate>
                <p class="hint">{t("walkin-hint")}</p>
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="slot" value=slot />
                {text("name_latin", "walkin-name-latin", form.name_latin)}
                {text("name_native", "field-name-native", form.name_native)}
                {text("organisation", "field-organisation", form.organisation)}
                <div class="field">
                    <label for="walk-country">{t("field-country")}</label>
                    <select id="walk-country" name="form[country_code]">
                        <option value="">"—"</option>
                        {countries.into_iter().map(|(code, name)| {
                            let selected = code == form.country_code;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError field="country_code" error=error />
                </div>
                <div class="field">
                    <label for="walk-gender">{t("field-gender")}</label>
                    <select id="walk-gender" name="form[gender]">
                        <option value="">"—"</option>
                        {Gender::ALL.iter().map(|g| {
                            let selected = g.as_str() == form.gender;
                            view! { <option value=g.as_str() selected=selected>{t(&format!("gender-{}", g.as_str()))}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError field="gender" error=error />
                </div>
                <button type="submit" class="btn btn-primary">{t("walkin-submit")}</button>
            </form>
        </details>
    }
}
