//! Coordinators' screens: the list of all events and the event form.
use domain::forms::EventForm;
use domain::forum_types::NetworkRole;
use domain::types::{EventKind, RegistrationMode, Visibility};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::manage_api::{
    country_options, load_event_form, new_event_form, staff_events, SaveEvent, SetEventStatus,
};
use crate::components::form::{FieldError, FormError};
use crate::components::not_found::ErrorNotice;
use crate::error::AppError;
use crate::features::agenda::pages::AgendaEditorSection;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

/// Time zones of the region, offered first.
pub const ZONES: &[&str] = &[
    "Asia/Bangkok",
    "Asia/Yangon",
    "Asia/Phnom_Penh",
    "Asia/Vientiane",
    "Asia/Ho_Chi_Minh",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Manila",
    "Asia/Jakarta",
    "Asia/Makassar",
    "Asia/Kuala_Lumpur",
    "Asia/Singapore",
    "Asia/Dhaka",
    "Asia/Colombo",
    "Asia/Kolkata",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Europe/Oslo",
    "Europe/Amsterdam",
    "UTC",
];

#[component]
pub fn ManageEventsPage() -> impl IntoView {
    let events = Resource::new(|| (), |_| staff_events());
    view! {
        <Title text=t("manage-title") />
        <section class="page-header">
            <h1>{t("manage-title")}</h1>
            <p class="actions"><a class="btn btn-primary" href="/manage/events/new">{t("manage-new")}</a></p>
        </section>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => view! {
                        <div class="table-wrap"><table class="table">
                            <thead><tr><th>{t("field-title")}</th><th>{t("field-kind")}</th><th>{t("field-dates")}</th><th>{t("field-status")}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| view! {
                                    <tr>
                                        <td><a href=format!("/manage/events/{}", e.slug)>{e.title.clone()}</a></td>
                                        <td>{t(&format!("kind-{}", e.kind.as_str()))}</td>
                                        <td>{format!("{} – {}", e.local_start, e.local_end)}</td>
                                        <td><span class=format!("pill pill-status-{}", e.status.as_str())>{t(&format!("status-{}", e.status.as_str()))}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewEventPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("draft"),
        |draft| async move {
            Ok::<_, AppError>((new_event_form(draft).await?, country_options().await?))
        },
    );
    view! {
        <Title text=t("manage-new") />
        <h1>{t("manage-new")}</h1>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((form, countries)) => view! { <EventFormView id=None form countries /> }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(
        move || (slug(), query.read().get("draft")),
        |(slug, draft)| async move {
            let (id, form) = load_event_form(slug, draft).await?;
            let countries = country_options().await?;
            Ok::<_, AppError>((id, form, countries))
        },
    );
    let status = ServerAction::<SetEventStatus>::new();
    view! {
        <WorkspaceNav here="details" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((id, form, countries)) => view! {
                        <Title text=form.title.clone() />
                        <section class="page-header">
                            <h1>{form.title.clone()}</h1>
                            <div class="status-actions">
                                <span class="status-label">{t("ws-status")}</span>
                                {["published", "closed", "archived", "draft"].into_iter().map(|s| view! {
                                    <ActionForm action=status attr:class="inline">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="status" value=s />
                                        <button type="submit" class="btn btn-small">{t(&format!("status-set-{s}"))}</button>
                                    </ActionForm>
                                }).collect_view()}
                            </div>
                            <FormError key=Signal::derive(move || status.value().get().and_then(Result::err).map(|e| e.message_key())) />
                        </section>
                        <details open=query.read().get("draft").is_some()>
                            <summary>{t("manage-edit-details")}</summary>
                            <EventFormView id=Some(id) form countries />
                        </details>
                        <AgendaEditorSection slug=slug() />
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn options(values: Vec<(String, String)>, selected: String) -> impl IntoView {
    values
        .into_iter()
        .map(|(value, label)| {
            let is = value == selected;
            view! { <option value=value selected=is>{label}</option> }
        })
        .collect_view()
}

#[component]
fn EventFormView(
    id: Option<i64>,
    form: EventForm,
    countries: Vec<(String, String)>,
) -> impl IntoView {
    let save = ServerAction::<SaveEvent>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let banner = Signal::derive(move || error.get().map(|e| e.message_key()));
    let kinds = EventKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), t(&format!("kind-{}", k.as_str()))))
        .collect();
    let modes = RegistrationMode::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), t(&format!("mode-{}", k.as_str()))))
        .collect();
    let visibilities = Visibility::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                t(&format!("visibility-{}", k.as_str())),
            )
        })
        .collect();
    let mut country_list = vec![(String::new(), "—".to_owned())];
    country_list.extend(countries);
    let text = move |name: &'static str, label: &'static str, value: String, kind: &'static str| {
        view! {
            <div class="field">
                <label for=format!("ev-{name}")>{t(label)}</label>
                <input id=format!("ev-{name}") name=format!("form[{name}]") type=kind value=value />
                <FieldError field=name error=error />
            </div>
        }
    };
    let area = move |name: &'static str, label: &'static str, hint: &'static str, value: String| {
        view! {
            <div class="field">
                <label for=format!("ev-{name}")>{t(label)}</label>
                <textarea id=format!("ev-{name}") name=format!("form[{name}]") rows="4">{value}</textarea>
                <p class="hint">{t(hint)}</p>
                <FieldError field=name error=error />
            </div>
        }
    };
    let select = move |name: &'static str,
                       label: &'static str,
                       values: Vec<(String, String)>,
                       value: String| {
        view! {
            <div class="field">
                <label for=format!("ev-{name}")>{t(label)}</label>
                <select id=format!("ev-{name}") name=format!("form[{name}]")>{options(values, value)}</select>
                <FieldError field=name error=error />
            </div>
        }
    };
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate=true>
            <FormError key=banner />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {text("title", "field-title", form.title, "text")}
            {text("slug", "field-slug", form.slug, "text")}
            {select("kind", "field-kind", kinds, form.kind)}
            <fieldset class="field-group" id="ev-network_role">
                <legend>{t("field-network-role")}</legend>
                {NetworkRole::ALL.iter().map(|role| {
                    let value = role.as_str();
                    let checked = form.network_role == value;
                    view! {
                        <label class="check">
                            <input type="radio" name="form[network_role]" value=value checked=checked />
                            " " {t(&format!("network-role-choice-{value}"))}
                        </label>
                    }
                }).collect_view()}
                <FieldError field="network_role" error=error />
            </fieldset>
            {area("summary", "field-summary", "hint-summary", form.summary)}
            {area("description", "field-description", "hint-description", form.description)}
            {area("objectives", "field-objectives", "hint-objectives", form.objectives)}
            <div class="field">
                <label for="ev-timezone">{t("field-timezone")}</label>
                <input id="ev-timezone" name="form[timezone]" list="zones" value=form.timezone />
                <datalist id="zones">{ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
                <FieldError field="timezone" error=error />
            </div>
            {text("starts_at", "field-starts-at", form.starts_at, "datetime-local")}
            {text("ends_at", "field-ends-at", form.ends_at, "datetime-local")}
            {text("venue_name", "field-venue-name", form.venue_name, "text")}
            {text("venue_address", "field-venue-address", form.venue_address, "text")}
            {text("city", "field-city", form.city, "text")}
            {select("country_code", "field-country", country_list, form.country_code)}
            {area("organisations", "field-organisations", "hint-organisations", form.organisations)}
            {text("working_languages", "field-working-languages", form.working_languages, "text")}
            {text("interpretation_languages", "field-interpretation-languages", form.interpretation_languages, "text")}
            {text("capacity", "field-capacity", form.capacity, "number")}
            {select("registration_mode", "field-registration-mode", modes, form.registration_mode)}
            {text("registration_opens_at", "field-registration-opens", form.registration_opens_at, "datetime-local")}
            {text("registration_closes_at", "field-registration-closes", form.registration_closes_at, "datetime-local")}
            {select("visibility", "field-visibility", visibilities, form.visibility)}
            {text("parent_slug", "field-parent", form.parent_slug, "text")}
            <div class="field">
                <label for="ev-retention_months">{t("field-retention-months")}</label>
                <input id="ev-retention_months" name="form[retention_months]" type="number" min="1" max="1200" value=form.retention_months />
                <p class="hint">{t("hint-retention-months")}</p>
                <FieldError field="retention_months" error=error />
            </div>
            <button type="submit" class="btn btn-primary">{t("save")}</button>
        </ActionForm>
    }
}
