//! `/manage/events/{slug}/attendance`: type in a paper sign-in sheet (same numbering as the
//! printed sheet), and the attendance figures.
use domain::attendance_types::{Breakdown, SheetRow};
use domain::participant_types::RosterOrder;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_attendance_sheet, SaveAttendanceSheet, SheetData};
use super::common::{attendance_links, slot_picker, vocab_label};
use crate::components::form::FormError;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::t;

#[component]
pub fn AttendancePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("slot"),
            q.get("order"),
        )
    };
    let data = Resource::new(key, |(slug, slot, order)| {
        load_attendance_sheet(slug, slot, order)
    });
    let banner = Signal::derive(move || query.read().get("error").map(|c| format!("error-{c}")));
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="attendance" />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let slug = key().0;
                match data.await {
                    Ok(data) => view! {
                        <FormError key=banner />
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("attendance-saved")}</p> })}
                        {sheet_view(slug, data)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn order_field(current: RosterOrder) -> impl IntoView {
    let orders = [
        (RosterOrder::Name, "attendance-order-name"),
        (RosterOrder::Country, "attendance-order-country"),
        (RosterOrder::Organisation, "attendance-order-organisation"),
    ];
    view! {
        <div class="field">
            <label for="order">{t("attendance-order")}</label>
            <select id="order" name="order">
                {orders.into_iter().map(|(o, key)| view! {
                    <option value=o.as_str() selected=o == current>{t(key)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

fn sheet_view(slug: String, data: SheetData) -> impl IntoView {
    let SheetData { sheet, stats } = data;
    let slot = sheet.slot.as_param();
    let order = sheet.order;
    let rows: Vec<SheetRow> = sheet.rows.clone();
    view! {
        <Title text=t("attendance-title") />
        <h1>{t("attendance-title")} ": " {sheet.event.title.clone()}</h1>
        {attendance_links(&slug, &slot)}
        {slot_picker(&sheet, order_field(order))}
        <p class="hint">{t("attendance-paper-hint")}</p>
        <form method="post" action=SaveAttendanceSheet::url() class="attendance-sheet">
            <input type="hidden" name="slug" value=slug.clone() />
            <input type="hidden" name="slot" value=slot.clone() />
            <input type="hidden" name="order" value=order.as_str() />
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t("attendance-number")}</th><th>{t("field-name-latin")}</th><th>{t("field-name-native")}</th>
                    <th>{t("field-organisation")}</th><th>{t("field-country")}</th><th>{t("attendance-present")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let id = format!("present-{}", r.roster.registration_id);
                        view! {
                            <tr>
                                <td class="num">{r.roster.number}</td>
                                <td><label for=id.clone()>{r.roster.name_latin}</label></td>
                                <td>{r.roster.name_native}</td>
                                <td>{r.roster.organisation}</td>
                                <td>{r.roster.country}</td>
                                <td><input type="checkbox" id=id name=format!("present[{}]", r.roster.registration_id) checked=r.present /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
            <button type="submit" class="btn btn-primary">{t("attendance-save")}</button>
        </form>
        <h2>{t("attendance-stats")}</h2>
        <div class="stats-grid">
            <div>
                <h3>{t("attendance-per-day")}</h3>
                {count_table(stats.per_day.iter().map(|(d, n)| (crate::i18n::dates().date(*d), *n)).collect())}
            </div>
            <div>
                <h3>{t("attendance-per-session")}</h3>
                {count_table(stats.per_session.iter().map(|(s, n)| (format!("{} {} {}", crate::i18n::dates().date(s.day), s.local_start, s.title), *n)).collect())}
            </div>
        </div>
        {breakdown_view("attendance-selected", stats.selected)}
        {breakdown_view("attendance-overall", stats.overall)}
    }
}

fn count_table(rows: Vec<(String, u32)>) -> impl IntoView {
    view! {
        <table class="table stats">
            <tbody>
                {rows.into_iter().map(|(label, n)| view! { <tr><td>{label}</td><td class="num">{n}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}

fn breakdown_view(title: &'static str, b: Breakdown) -> impl IntoView {
    let label = |prefix: &'static str| move |(v, n): (String, u32)| (vocab_label(prefix, &v), n);
    let country = |(v, n): (String, u32)| {
        let v = if v.is_empty() {
            t("attendance-not-given")
        } else {
            v
        };
        (v, n)
    };
    view! {
        <h3>{t(title)} ": " <span class="stat-total">{b.total}</span></h3>
        <div class="stats-grid">
            <div><h4>{t("field-country")}</h4>{count_table(b.by_country.into_iter().map(country).collect())}</div>
            <div><h4>{t("field-gender")}</h4>{count_table(b.by_gender.into_iter().map(label("gender")).collect())}</div>
            <div><h4>{t("field-sector")}</h4>{count_table(b.by_sector.into_iter().map(label("sector")).collect())}</div>
        </div>
    }
}
