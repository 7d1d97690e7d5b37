//! `/dashboard`: what needs doing first (each item a link to where it is done), then the
//! totals and the events coming and just past.
use domain::workspace_types::{EventToDo, ToDo, ToDoList};
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::load_dashboard;
use crate::components::not_found::ErrorNotice;
use crate::features::auth::use_auth;
use crate::features::events::pages::EventList;
use crate::i18n::{t, t_args};

fn todo_text(todo: &ToDo) -> String {
    let n = |v: &u64| v.to_string();
    match todo {
        ToDo::Review { count } => t_args("todo-review", &[("n", &n(count))]),
        ToDo::Waitlist { waiting, free } => t_args(
            "todo-waitlist",
            &[("waiting", &n(waiting)), ("free", &n(free))],
        ),
        ToDo::FollowupsOverdue { count } => t_args("todo-followups", &[("n", &n(count))]),
        ToDo::AgendaUnpublished { days } => t_args("todo-agenda", &[("days", &days.to_string())]),
        ToDo::ProceedingsUnpublished { days } => {
            t_args("todo-proceedings", &[("days", &days.to_string())])
        }
    }
}

fn todo_kind(todo: &ToDo) -> &'static str {
    match todo {
        ToDo::Review { .. } => "review",
        ToDo::Waitlist { .. } => "waitlist",
        ToDo::FollowupsOverdue { .. } => "followups",
        ToDo::AgendaUnpublished { .. } => "agenda",
        ToDo::ProceedingsUnpublished { .. } => "proceedings",
    }
}

fn todo_item(item: EventToDo) -> impl IntoView {
    let href = format!("/manage/events/{}{}", item.slug, item.todo.page());
    view! {
        <li class="todo" data-todo=todo_kind(&item.todo)>
            <a href=href>{todo_text(&item.todo)}</a>
            <span class="todo-event">{item.title}</span>
        </li>
    }
}

fn todo_view(list: ToDoList) -> impl IntoView {
    let failing = (list.emails_failing > 0).then(|| {
        let text = t_args("todo-emails", &[("n", &list.emails_failing.to_string())]);
        view! { <li class="todo" data-todo="emails"><a href="/manage/outbox">{text}</a></li> }
    });
    let more = (list.more > 0).then(
        || view! { <p class="muted">{t_args("todo-more", &[("n", &list.more.to_string())])}</p> },
    );
    if list.items.is_empty() && failing.is_none() {
        return view! { <p class="empty">{t("todo-none")}</p> }.into_any();
    }
    view! {
        <ul class="todo-list">
            {failing}
            {list.items.into_iter().map(todo_item).collect_view()}
        </ul>
        {more}
    }
    .into_any()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let auth = use_auth();
    let data = Resource::new(move || auth.login.version().get(), |_| load_dashboard());
    view! {
        <Title text=t("dashboard-title") />
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                let name = match auth.user.await {
                    Ok(Some(user)) => user.display_name,
                    _ => String::new(),
                };
                match data.await {
                    Ok((todo, d)) => view! {
                        <section class="page-header">
                            <h1>{t("dashboard-title")}</h1>
                            <p class="lead">{t_args("dashboard-welcome", &[("name", &name)])}</p>
                        </section>
                        <h2>{t("todo-title")}</h2>
                        {todo_view(todo)}
                        <div class="grid">
                            <div class="card stat">
                                <span class="stat-value">{d.events_total}</span>
                                <span class="stat-label">{t("stat-events")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.drafts}</span>
                                <span class="stat-label">{t("stat-drafts")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.people_total}</span>
                                <span class="stat-label">{t("stat-people")}</span>
                            </div>
                            <div class="card stat">
                                <span class="stat-value">{d.registrations_total}</span>
                                <span class="stat-label">{t("stat-registrations")}</span>
                            </div>
                        </div>
                        <h2>{t("dashboard-upcoming")}</h2>
                        <EventList events=d.upcoming />
                        <h2>{t("dashboard-recent")}</h2>
                        <EventList events=d.recent />
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
