//! `/manage/followups`: check-ins overdue and due across all trainings, and the answers that
//! came in lately, with a button that sends the reminders due now.
use domain::followup_types::FollowupItem;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{load_followup_dashboard, SendDueReminders};
use super::pages::{answer_view, state_badge};
use crate::components::not_found::ErrorNotice;
use crate::i18n::{t, t_args};

#[component]
pub fn FollowupDashboardPage() -> impl IntoView {
    let query = use_query_map();
    let board = Resource::new(|| (), |_| load_followup_dashboard());
    let reminded = move || query.read().get("reminded");
    view! {
        <Title text=t("followups-title") />
        <h1>{t("followups-title")}</h1>
        {move || reminded().map(|n| view! {
            <p class="alert alert-success" role="status">{t_args("followups-reminded", &[("count", &n)])}</p>
        })}
        <form method="post" action=SendDueReminders::url() class="actions">
            <button type="submit" class="btn btn-secondary">{t("followups-send-reminders")}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! {
                        {section("followups-overdue", board.overdue)}
                        {section("followups-due", board.due)}
                        {section("followups-answered", board.answered)}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn section(title: &'static str, items: Vec<FollowupItem>) -> impl IntoView {
    let count = items.len().to_string();
    view! {
        <section class=format!("followup-section {title}")>
            <h2>{t(title)} " (" {count} ")"</h2>
            {if items.is_empty() {
                view! { <p class="empty">{t("followups-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="table">
                        <thead><tr>
                            <th>{t("field-name-latin")}</th><th>{t("followups-training")}</th>
                            <th>{t("followup-checkin")}</th><th>{t("followup-state")}</th><th>{t("followup-answers")}</th>
                        </tr></thead>
                        <tbody>
                            {items.into_iter().map(|item| view! {
                                <tr>
                                    <td><a href=format!("/manage/people/{}", item.person_id)>{item.name_latin.clone()}</a>
                                        <br /><span class="muted">{item.organisation.clone()} " · " {item.country.clone()}</span></td>
                                    <td><a href=format!("/manage/events/{}/followup#r{}-{}", item.event_slug, item.registration_id, item.months)>{item.event_title.clone()}</a></td>
                                    <td>{t_args("followup-months", &[("months", &item.months.to_string())])}
                                        <br /><span class="muted">{crate::i18n::dates().date(item.due_on)}</span></td>
                                    <td>{state_badge(&item)}</td>
                                    <td>{answer_view(&item)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}
