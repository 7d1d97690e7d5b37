//! The participant's travel on their private page `/r/{token}`: a plain form (no JavaScript)
//! with dates and times in the event's local time; a refused post comes back with the
//! message next to the field and what was typed.
use domain::travel_types::MyTravel;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{load_my_travel, SaveMyTravel};
use super::fields::TravelFields;
use crate::error::AppError;
use crate::i18n::{t, t_args};

/// The travel form behind the page's link (with what was typed before a refusal). Create it
/// at the top of the page, not inside a `Suspend`, which may render twice and would read the
/// draft twice.
pub fn travel_resource() -> Resource<Result<Option<MyTravel>, AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    Resource::new(
        move || {
            (
                params.read().get("token").unwrap_or_default(),
                query.read().get("draft"),
            )
        },
        |(token, draft)| load_my_travel(token, draft),
    )
}

#[component]
pub fn MyTravelSection(
    token: String,
    data: Resource<Result<Option<MyTravel>, AppError>>,
) -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.read().get("travel").is_some();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let Ok(Some(mine)) = data.await else { return ().into_any() };
                    view! {
                        <section class="card" id="travel">
                            <h2>{t("travel-section")}</h2>
                            {saved().then(|| view! { <p class="alert alert-success" role="status">{t("travel-saved")}</p> })}
                            <p class="muted">{t_args("travel-lead", &[("zone", &mine.timezone)])}</p>
                            <form method="post" action=SaveMyTravel::url() class="form" novalidate>
                                <input type="hidden" name="token" value=token />
                                <TravelFields form=mine.form id="my-travel".to_owned() staff=false />
                                <button type="submit" class="btn btn-primary">{t("travel-save")}</button>
                            </form>
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}
