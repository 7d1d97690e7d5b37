//! The navigation every staff page of an event shows, grouped the way the work runs:
//! before the event, on the day, after it, and its people. Each entry says how much waits
//! there where that helps. Plain links: it works without JavaScript.
use domain::workspace_types::EventWorkspace;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::load_workspace;
use crate::i18n::{t, t_args};

/// One entry: where it goes, its label, and what it counts ("" for nothing).
struct Entry {
    key: &'static str,
    href: String,
    label: String,
    note: String,
}

fn count(key: &str, n: u64) -> String {
    if n == 0 {
        String::new()
    } else {
        t_args(key, &[("n", &n.to_string())])
    }
}

fn groups(w: &EventWorkspace) -> Vec<(&'static str, Vec<Entry>)> {
    let base = format!("/manage/events/{}", w.slug);
    let page = |key: &'static str, label: &str, note: String| Entry {
        key,
        href: if key == "details" {
            base.clone()
        } else {
            format!("{base}/{key}")
        },
        label: t(label),
        note,
    };
    let file = |key: &'static str, href: String, label: &str, note: String| Entry {
        key,
        href,
        label: t(label),
        note,
    };
    let slug = &w.slug;
    let people = [
        count("ws-confirmed", w.confirmed),
        count("ws-waiting", w.waitlisted),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    vec![
        (
            "ws-before",
            vec![
                page("details", "ws-details", count("ws-n", w.sessions)),
                page("questions", "questions-title", count("ws-n", w.questions)),
                page(
                    "translations",
                    "translations-title",
                    count("ws-n", w.translations),
                ),
                page("interpretation", "interpretation-title", String::new()),
                page(
                    "invitations",
                    "invitations-title",
                    count("ws-invitations-open", w.invitations_open),
                ),
                page(
                    "selection",
                    "selection-title",
                    count("ws-to-review", w.to_review),
                ),
                page("import", "import-title", String::new()),
                page("forum", "forum-schedule-title", String::new()),
            ],
        ),
        (
            "ws-on-the-day",
            vec![
                page("checkin", "checkin-title", count("ws-present", w.present)),
                page("attendance", "attendance-title", String::new()),
                file(
                    "sheets",
                    format!("/events/{slug}/attendance.pdf"),
                    "ws-sheets",
                    "PDF".into(),
                ),
                file(
                    "badges",
                    format!("/events/{slug}/badges.pdf"),
                    "ws-badges",
                    "PDF".into(),
                ),
            ],
        ),
        (
            "ws-after",
            vec![
                page("documentation", "doc-title", String::new()),
                file(
                    "proceedings",
                    format!("/events/{slug}/proceedings.pdf"),
                    "ws-proceedings",
                    t(if w.proceedings_public {
                        "ws-published"
                    } else {
                        "ws-staff-only"
                    }),
                ),
                page("cohort", "ws-cohort", String::new()),
                page(
                    "followup",
                    "followup-title",
                    count("ws-overdue", w.followups_overdue),
                ),
                page("delegation", "delegation-title", String::new()),
            ],
        ),
        (
            "ws-people",
            vec![
                page("participants", "participants-title", people),
                page("travel", "travel-title", String::new()),
                page("travel/rooms", "rooms-title", String::new()),
                page("travel/payments", "travel-payments", String::new()),
                file(
                    "csv",
                    format!("{base}/participants.csv"),
                    "ws-export-csv",
                    String::new(),
                ),
                file(
                    "xlsx",
                    format!("{base}/participants.xlsx"),
                    "ws-export-xlsx",
                    String::new(),
                ),
                file(
                    "public",
                    format!("/events/{slug}"),
                    "manage-view-public",
                    String::new(),
                ),
            ],
        ),
    ]
}

fn workspace_view(w: EventWorkspace, here: &'static str) -> impl IntoView {
    let status = w.status.as_str();
    let ended = w
        .past
        .then(|| view! { <span class="pill">{t("ws-ended")}</span> });
    let title = w.title.clone();
    let here_label = entries_label(&w, here);
    view! {
        <nav class="workspace no-print" aria-label=t("ws-label")>
            // On a phone the menu folds into one line (the event and the page); from a
            // tablet's width up the stylesheet keeps it open.
            <details class="workspace-menu">
                <summary>
                    <span class="workspace-title">
                        <strong>{title}</strong> " "
                        <span class=format!("pill pill-status-{status}")>{t(&format!("status-{status}"))}</span>
                        " " {ended}
                    </span>
                    <span class="workspace-here">{here_label}</span>
                </summary>
                <div class="workspace-groups">
                    {groups(&w).into_iter().map(|(name, entries)| view! {
                        <div class="workspace-group">
                            <span class="workspace-group-name">{t(name)}</span>
                            <ul>
                                {entries.into_iter().map(|e| {
                                    let current = (e.key == here).then_some("page");
                                    let note = (!e.note.is_empty()).then(|| view! { " " <span class="workspace-note">{e.note}</span> });
                                    view! {
                                        <li data-entry=e.key><a href=e.href aria-current=current>{e.label}</a>{note}</li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    }).collect_view()}
                </div>
            </details>
        </nav>
    }
}

/// The label of the entry `here`, shown beside the folded menu.
fn entries_label(w: &EventWorkspace, here: &str) -> String {
    groups(w)
        .into_iter()
        .flat_map(|(_, entries)| entries)
        .find(|e| e.key == here)
        .map(|e| e.label)
        .unwrap_or_default()
}

/// The workspace navigation of the event in the address (`/manage/events/{slug}/…`), with
/// `here` (the entry's key: "details", "selection", …) marked as the current page.
#[component]
pub fn WorkspaceNav(here: &'static str) -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        load_workspace,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().map(|w| workspace_view(w, here))
            })}
        </Suspense>
    }
}
