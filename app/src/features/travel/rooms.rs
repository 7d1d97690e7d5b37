//! `/manage/events/{slug}/travel/rooms`: hotels and their rooms, who sleeps where (plain
//! forms), warnings when sharers' genders differ or their stays do not overlap, and the
//! rooming list to print for the hotel.
use domain::room_types::{HotelView, RoomView, Rooming};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::rooms_api::{load_rooming, AddHotel, AddRoom, AssignRoom, UnassignRoom};
use crate::components::form::ErrorFor;
use crate::components::not_found::ErrorNotice;
use crate::features::workspace::nav::WorkspaceNav;
use crate::i18n::{dates, t, t_args};

#[component]
pub fn RoomsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_rooming);
    let saved = move || query.read().get("saved").is_some();
    view! {
        <WorkspaceNav here="travel/rooms" />
        <Title text=t("rooms-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rooming) => view! {
                        {saved().then(|| view! { <p class="alert alert-success" role="status">{t("payments-saved")}</p> })}
                        {rooming_view(slug(), rooming)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn rooming_view(slug: String, r: Rooming) -> impl IntoView {
    let unassigned = r.unassigned.clone();
    view! {
        <h1>{t("rooms-title")} ": " {r.event.title.clone()}</h1>
        <p class="actions">
            <a class="btn btn-secondary" href=format!("/events/{slug}/rooming.pdf")>{t("rooms-print")}</a>
            <a class="btn btn-secondary" href=format!("/manage/events/{slug}/travel")>{t("travel-title")}</a>
        </p>
        <p class="muted">{t_args("rooms-unassigned", &[("count", &unassigned.len().to_string())])}</p>
        {r.hotels.into_iter().map(|h| hotel_view(&slug, h, &unassigned)).collect_view()}
        <h2>{t("rooms-add-hotel")}</h2>
        <form method="post" action=AddHotel::url() class="filters" novalidate>
            <input type="hidden" name="slug" value=slug.clone() />
            <div class="field"><label for="hotel-name">{t("rooms-hotel")}</label><input id="hotel-name" name="form[name]" /></div>
            <div class="field"><label for="hotel-address">{t("rooms-address")}</label><input id="hotel-address" name="form[address]" /></div>
            <button type="submit" class="btn btn-secondary">{t("payments-add")}</button>
            <ErrorFor field="hotel" />
        </form>
    }
}

fn hotel_view(slug: &str, h: HotelView, unassigned: &[(i64, String)]) -> impl IntoView {
    let field = format!("hotel-{}", h.id);
    let (anchor, label_id, type_id, capacity_id) = (
        field.clone(),
        format!("{field}-label"),
        format!("{field}-type"),
        format!("{field}-capacity"),
    );
    view! {
        <section class="card" id=anchor>
            <h2>{h.name.clone()}</h2>
            {(!h.address.is_empty()).then(|| view! { <p class="muted">{h.address.clone()}</p> })}
            {h.rooms.into_iter().map(|r| room_view(slug, r, unassigned)).collect_view()}
            <form method="post" action=AddRoom::url() class="filters" novalidate>
                <input type="hidden" name="slug" value=slug.to_owned() />
                <input type="hidden" name="form[hotel_id]" value=h.id.to_string() />
                <div class="field"><label for=label_id.clone()>{t("rooms-room")}</label><input id=label_id name="form[name]" size="6" /></div>
                <div class="field"><label for=type_id.clone()>{t("rooms-type")}</label><input id=type_id name="form[room_type]" size="10" /></div>
                <div class="field"><label for=capacity_id.clone()>{t("rooms-capacity")}</label><input id=capacity_id name="form[capacity]" type="number" min="1" max="8" value="2" /></div>
                <button type="submit" class="btn btn-secondary">{t("rooms-add-room")}</button>
                <ErrorFor field=field />
            </form>
        </section>
    }
}

fn room_view(slug: &str, r: RoomView, unassigned: &[(i64, String)]) -> impl IntoView {
    let id = r.id;
    let full = r.guests.len() >= usize::try_from(r.capacity).unwrap_or(0);
    let field = format!("room-{id}");
    let (anchor, who_id, in_id, out_id) = (
        field.clone(),
        format!("{field}-who"),
        format!("{field}-in"),
        format!("{field}-out"),
    );
    view! {
        <div class="room" id=anchor data-room=r.label.clone()>
            <h3>{t_args("rooms-room-label", &[("room", &r.label), ("type", &r.room_type), ("capacity", &r.capacity.to_string())])}</h3>
            {r.warnings.iter().map(|w| view! { <p class="alert alert-info" role="status">{t(w.key())}</p> }).collect_view()}
            <ul class="plain">
                {r.guests.into_iter().map(|g| view! {
                    <li>{g.name.clone()} " · " {format!("{} → {}", dates().iso_weekday_day(&g.check_in), dates().iso_weekday_day(&g.check_out))} " "
                        <form method="post" action=UnassignRoom::url() class="inline">
                            <input type="hidden" name="slug" value=slug.to_owned() />
                            <input type="hidden" name="registration_id" value=g.registration_id.to_string() />
                            <button type="submit" class="btn btn-small btn-secondary">{t("interpretation-remove")}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            {(!full && !unassigned.is_empty()).then(|| view! {
                <form method="post" action=AssignRoom::url() class="filters" novalidate>
                    <input type="hidden" name="slug" value=slug.to_owned() />
                    <input type="hidden" name="form[room_id]" value=id.to_string() />
                    <div class="field"><label for=who_id.clone()>{t("payments-person")}</label>
                        <select id=who_id name="form[registration_id]">
                            {unassigned.iter().map(|(rid, name)| view! { <option value=rid.to_string()>{name.clone()}</option> }).collect_view()}
                        </select></div>
                    <div class="field"><label for=in_id.clone()>{t("rooms-check-in")}</label><input id=in_id type="date" name="form[check_in]" /></div>
                    <div class="field"><label for=out_id.clone()>{t("rooms-check-out")}</label><input id=out_id type="date" name="form[check_out]" /></div>
                    <button type="submit" class="btn btn-secondary">{t("rooms-assign")}</button>
                </form>
            })}
            <ErrorFor field=field />
        </div>
    }
}
