//! The registration form (works without JavaScript, keeps what was typed on errors) and the
//! private registration page.
use domain::registration_types::RegistrationForm;
use domain::types::{Gender, RegistrationStatus, Sector};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    load_my_registration, load_registration_page, Register, UpdateRegistration,
    WithdrawRegistration,
};
use super::questions::QuestionFields;
use crate::components::form::{FieldError, FormError, ZawgyiNotice};
use crate::components::not_found::ErrorNotice;
use crate::error::AppError;
use crate::i18n::{dates, t, t_args, CurrentLocale, Locale};

/// "Region or province": every region of every listed country, grouped by country (so it
/// works without JavaScript); with JavaScript, [`REGION_SCRIPT`] shows only the chosen
/// country's group.
fn region_choice(
    countries: &[(String, String)],
    regions: Vec<(String, String, String)>,
    value: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name_of = |code: &str| {
        countries
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_owned(), |(_, n)| n.clone())
    };
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (code, country, name) in regions {
        match groups.last_mut() {
            Some((c, list)) if *c == country => list.push((code, name)),
            _ => groups.push((country, vec![(code, name)])),
        }
    }
    groups.sort_by_key(|(c, _)| name_of(c));
    let groups = groups
        .into_iter()
        .map(|(country, list)| {
            let label = name_of(&country);
            view! {
                <optgroup label=label data-country=country>
                    {list.into_iter().map(|(code, name)| {
                        let selected = code == value;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="r-region_code">{t("field-region")}</label>
            <select id="r-region_code" name="form[region_code]" aria-describedby="region_code-error">
                <option value="">"—"</option>
                {groups}
            </select>
            <FieldError field="region_code" error=error />
            <script inner_html=REGION_SCRIPT></script>
        </div>
    }
}

/// Shows only the chosen country's regions, and forgets a region of another country when
/// the country changes. (No `<`, `>` or `&` in it: it is written into the page as it is;
/// the Content-Security-Policy names it by its SHA-256.)
pub const REGION_SCRIPT: &str = r#"(function () {
  var form = document.currentScript.closest("form");
  if (!form) return;
  var country = form.querySelector("[name='form[country_code]']");
  var region = form.querySelector("[name='form[region_code]']");
  if (!country || !region) return;
  var show = function () {
    region.querySelectorAll("optgroup").forEach(function (group) {
      var mine = group.dataset.country === country.value;
      group.hidden = !mine;
      group.disabled = !mine;
    });
    var chosen = region.options[region.selectedIndex];
    if (chosen.parentNode.disabled) region.value = "";
  };
  country.addEventListener("change", show);
  show();
})();"#;

/// One checkbox per language of the fixed list (`form[{name}][{code}]`), ticked for the codes
/// in `chosen`; works without JavaScript and comes back ticked after an error.
fn language_boxes(
    name: &'static str,
    label: &'static str,
    chosen: &str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let chosen = domain::languages::split(chosen);
    let boxes = domain::languages::LANGUAGES
        .iter()
        .map(|(code, own)| {
            let on = chosen.iter().any(|c| c.eq_ignore_ascii_case(code));
            let text = t(&domain::languages::name_key(code));
            let own = (!text.contains(own)).then(|| view! { " " <span lang=*code>"(" {*own} ")"</span> });
            view! {
                <label class="check"><input type="checkbox" name=format!("form[{name}][{code}]") value="on" checked=on />" " {text}{own}</label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field languages" id=format!("r-{name}") aria-describedby=format!("{name}-error")>
            <legend>{t(label)}</legend>
            {boxes}
            <FieldError field=name error=error />
        </fieldset>
    }
}

/// The form's fields; `prefix` names the server function argument (`form`).
#[component]
pub(crate) fn RegistrationFields(
    form: RegistrationForm,
    countries: Vec<(String, String)>,
    regions: Vec<(String, String, String)>,
    error: Signal<Option<AppError>>,
    with_consent: bool,
) -> impl IntoView {
    let region = region_choice(&countries, regions, form.region_code.clone(), error);
    let input = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: String,
                      required: bool| {
        view! {
            <div class="field">
                <label for=format!("r-{name}")>{t(label)}{required.then_some(" *")}</label>
                <input id=format!("r-{name}") name=format!("form[{name}]") type=kind value=value.clone()
                    aria-describedby=format!("{name}-error") />
                <FieldError field=name error=error />
                <ZawgyiNotice field=name value=value error=error />
            </div>
        }
    };
    let choice = move |name: &'static str,
                       label: &'static str,
                       values: Vec<(String, String)>,
                       value: String| {
        view! {
            <div class="field">
                <label for=format!("r-{name}")>{t(label)}</label>
                <select id=format!("r-{name}") name=format!("form[{name}]")>
                    <option value="">"—"</option>
                    {values.into_iter().map(|(v, l)| { let sel = v == value; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                </select>
                <FieldError field=name error=error />
            </div>
        }
    };
    let check = move |name: &'static str, label: String, on: bool| {
        view! {
            <div class="field check">
                <label><input type="checkbox" name=format!("form[{name}]") checked=on />" " {label}</label>
                <FieldError field=name error=error />
            </div>
        }
    };
    let sectors = Sector::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), t(&format!("sector-{}", s.as_str()))))
        .collect();
    let genders = Gender::ALL
        .iter()
        .map(|g| (g.as_str().to_owned(), t(&format!("gender-{}", g.as_str()))))
        .collect();
    view! {
        <input type="hidden" name="form[submission_key]" value=form.submission_key.clone() />
        // The language the form is shown in: e-mails to the registrant are written in it.
        <input type="hidden" name="form[locale]" value=Locale::current().tag() />
        // A choice made about Zawgyi text stays with the form when it comes back for another reason.
        {(!form.zawgyi.is_empty()).then(|| view! { <input type="hidden" name="form[zawgyi]" value=form.zawgyi.clone() /> })}
        {input("name_latin", "field-name-latin", "text", form.name_latin.clone(), true)}
        {input("name_native", "field-name-native", "text", form.name_native.clone(), false)}
        {input("email", "field-email", "email", form.email.clone(), true)}
        {input("phone", "field-phone", "tel", form.phone.clone(), false)}
        {input("organisation", "field-organisation", "text", form.organisation.clone(), false)}
        {input("position", "field-position", "text", form.position.clone(), false)}
        {choice("country_code", "field-country", countries, form.country_code.clone())}
        {region}
        {choice("sector", "field-sector", sectors, form.sector.clone())}
        {choice("gender", "field-gender", genders, form.gender.clone())}
        {language_boxes("languages", "field-languages", &form.languages, error)}
        {language_boxes("interpretation_needed", "field-interpretation", &form.interpretation_needed, error)}
        {input("dietary", "field-dietary", "text", form.dietary.clone(), false)}
        {input("accessibility", "field-accessibility", "text", form.accessibility.clone(), false)}
        {check("travel_support", t("field-travel-support"), form.travel_support.is_some())}
        {with_consent.then(|| view! {
            <div class="card consent">
                <p>{t("consent-statement")}</p>
                {check("consent", t("consent-agree"), form.consent.is_some())}
            </div>
        })}
        {check("public_name_consent", t("consent-public-name"), form.public_name_consent.is_some())}
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.read().get("slug").unwrap_or_default(),
            query.read().get("draft"),
        )
    };
    let page = Resource::new(key, |(slug, draft)| load_registration_page(slug, draft));
    let register = ServerAction::<Register>::new();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    let banner = Signal::derive(move || match error.get() {
        Some(e) => Some(e.message_key()),
        None => query
            .read()
            .get("error")
            .map(|_| match query.read().get("message") {
                Some(m) => format!("error-{m}"),
                None => format!("error-{}", query.read().get("error").unwrap_or_default()),
            }),
    });
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => view! {
                        <Title text=t_args("register-title", &[("event", &data.event.title)]) />
                        <h1>{t_args("register-title", &[("event", &data.event.title)])}</h1>
                        <p class="lead">{format!("{} · {}", dates().iso_range(&data.event.local_start, &data.event.local_end), data.event.city)}</p>
                        // After a registration, whoever the address belongs to: the same words.
                        {sent().then(|| view! {
                            <section class="card" role="status">
                                <h2>{t("register-check-email")}</h2>
                                <p>{t("register-link-emailed")}</p>
                                <p>{t("register-check-email-text")}</p>
                                <p><a href=format!("/events/{}/register", data.event.slug)>{t("register-another")}</a></p>
                            </section>
                        })}
                        {data.invitation_only.then(|| view! { <p class="alert alert-info" role="status">{t("error-invitation-only")}</p> })}
                        // Not shown again after a registration: the page then holds nothing
                        // that differs from one registration to the next.
                        {(!sent()).then(move || view! {
                            <ActionForm action=register attr:class="form" attr:novalidate=true attr:hidden=data.invitation_only>
                                <FormError key=banner />
                                <input type="hidden" name="slug" value=data.event.slug.clone() />
                                <RegistrationFields form=data.form.clone() countries=data.countries regions=data.regions error=error with_consent=true />
                                <QuestionFields questions=data.questions answers=data.form.answers error=error />
                                <p class="hint">{t("register-required-note")} " " <a href="/privacy">{t("privacy-link")}</a></p>
                                <button type="submit" class="btn btn-primary">{t("register-submit")}</button>
                            </ActionForm>
                        })}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn MyRegistrationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let update = ServerAction::<UpdateRegistration>::new();
    let withdraw = ServerAction::<WithdrawRegistration>::new();
    let mine = Resource::new(
        move || {
            (
                token(),
                query.read().get("draft"),
                update.version().get(),
                withdraw.version().get(),
            )
        },
        |(token, draft, ..)| load_my_registration(token, draft),
    );
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved =
        move || matches!(update.value().get(), Some(Ok(_))) || query.read().get("saved").is_some();
    let followup_draft = crate::features::followup::mine::draft_resource();
    let travel = crate::features::travel::mine::travel_resource();
    view! {
        <Title text=t("my-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(me) => {
                        let status = me.status;
                        let position = me.waitlist_position.map(|p| t_args("my-waitlist-position", &[("position", &dates().number(i64::try_from(p).unwrap_or(i64::MAX)))]));
                        view! {
                            <h1>{me.event.title.clone()}</h1>
                            <p class="muted">{format!("{} · {}", dates().iso_range(&me.event.local_start, &me.event.local_end), me.event.city)}</p>
                            {query.read().get("welcome").map(|_| view! { <p class="alert alert-success" role="status">{t("my-welcome")}</p> })}
                            {move || saved().then(|| view! { <p class="alert alert-success" role="status">{t("my-saved")}</p> })}
                            {me.pending_email.clone().map(|email| view! { <p class="alert alert-info" role="status">{t_args("my-email-pending", &[("email", &email)])}</p> })}
                            <p class="lead">
                                {t("my-status")} " " <strong class=format!("status status-{}", status.as_str())>{t(&format!("reg-status-{}", status.as_str()))}</strong>
                                {position.map(|p| format!(" · {p}"))}
                            </p>
                            <p class="actions">
                                <a class="btn btn-secondary" href=format!("/events/{}", me.event.slug)>{t("my-event-page")}</a>
                                <a class="btn btn-secondary" href=format!("/events/{}/calendar.ics", me.event.slug)>{t("event-add-calendar")}</a>
                            </p>
                            {me.calendar_feed.clone().map(|feed| view! { <CalendarFeed feed /> })}
                            <crate::features::followup::mine::TrainingSection token=token() training=me.training.clone() draft=followup_draft />
                            {me.can_edit.then(|| view! {
                                <h2>{t("my-details")}</h2>
                                <ActionForm action=update attr:class="form" attr:novalidate=true>
                                    <FormError key=Signal::derive(move || error.get().map(|e| e.message_key())) />
                                    <input type="hidden" name="token" value=token() />
                                    <RegistrationFields form=me.details.clone() countries=me.countries.clone() regions=me.regions.clone() error=error with_consent=false />
                                    <QuestionFields questions=me.questions.clone() answers=me.details.answers.clone() error=error />
                                    <button type="submit" class="btn btn-primary">{t("save")}</button>
                                </ActionForm>
                            })}
                            {(me.can_withdraw && status != RegistrationStatus::Withdrawn).then(|| view! {
                                <h2>{t("my-withdraw")}</h2>
                                <p>{t("my-withdraw-text")}</p>
                                <ActionForm action=withdraw>
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="btn btn-danger">{t("my-withdraw-submit")}</button>
                                </ActionForm>
                            })}
                            <crate::features::travel::mine::MyTravelSection token=token() data=travel />
                            <crate::features::privacy::pages::MyDataSection token=token() />
                        }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The registrant's own calendar feed: a `webcal:` link that calendar apps subscribe to, and
/// the address itself to paste into those that ask for it.
#[component]
fn CalendarFeed(feed: String) -> impl IntoView {
    let webcal = match feed.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => feed.clone(),
    };
    view! {
        <section class="calendar-feed">
            <h2>{t("my-calendar-title")}</h2>
            <p>{t("my-calendar-text")}</p>
            <p class="actions"><a class="btn btn-secondary" href=webcal rel="nofollow">{t("my-calendar-subscribe")}</a></p>
            <div class="form">
                <label for="calendar-feed">{t("my-calendar-address")}</label>
                <input id="calendar-feed" type="url" readonly=true value=feed />
            </div>
        </section>
    }
}
