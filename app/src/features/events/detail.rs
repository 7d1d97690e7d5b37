//! An event's own page with its agenda by day.
use domain::types::{AgendaSession, EventDetail, SessionKind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{event_afterwards, event_children, load_event};
use super::pages::EventList;
use crate::components::not_found::ErrorNotice;
use crate::components::viewer_time::{ViewerTime, ViewerTimeScript};
use crate::features::content::api::event_languages;
use crate::i18n::Locale;
use crate::i18n::{t, t_args};

/// "Monday 13 January 2018" from `2018-01-13`, in the page's language (and era).
pub fn long_date(day: &str) -> String {
    crate::i18n::dates().iso_weekday_day(day)
}

/// The printed programme, with its dates in the page's language (and era) when not English.
fn agenda_pdf_link(slug: &str) -> String {
    let dates = crate::i18n::dates();
    match (dates.locale, dates.uses_buddhist_era()) {
        (crate::i18n::Locale::En, _) => format!("/events/{slug}/agenda.pdf"),
        (l, false) => format!("/events/{slug}/agenda.pdf?lang={}", l.tag()),
        (l, true) => format!("/events/{slug}/agenda.pdf?lang={}&era=be", l.tag()),
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let detail = Resource::new(slug, load_event);
    let children = Resource::new(slug, event_children);
    let languages = Resource::new(slug, event_languages);
    let over = Resource::new(slug, event_afterwards);
    view! {
        <Suspense fallback=|| view! { <p class="muted">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(event) => {
                        let parts = children.await.unwrap_or_default();
                        let languages = languages.await.unwrap_or_default();
                        let over = over.await.ok().flatten();
                        let parts = (!parts.is_empty()).then(|| view! {
                            <section class="no-print">
                                <h2>{t("event-parts")}</h2>
                                <EventList events=parts />
                            </section>
                        });
                        view! { <EventView event=event languages=languages over=over /> {parts} }.into_any()
                    }
                    Err(err) => view! { <ErrorNotice key=err.message_key() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The agenda PDF in the page's language (when the event is translated into it), and one
/// bilingual agenda (English beside the other language) per translated language.
fn agenda_links(slug: &str, languages: &[Locale]) -> impl IntoView {
    // In the reader's language: translated titles where there are some, and its dates.
    let single = agenda_pdf_link(slug);
    let both = languages
        .iter()
        .map(|l| {
            let href = format!("/events/{slug}/agenda.pdf?lang=en&also={}", l.tag());
            let text = t_args("event-print-bilingual", &[("language", l.native_name())]);
            view! { <a class="btn btn-secondary" href=href hreflang=l.tag()>{text}</a> }
        })
        .collect_view();
    view! {
        <a class="btn btn-secondary" href=single>{t("event-print-agenda")}</a>
        {both}
    }
}

#[component]
fn EventView(
    event: EventDetail,
    languages: Vec<Locale>,
    /// Set once the event has ended: whether its proceedings are published.
    over: Option<bool>,
) -> impl IntoView {
    let e = event.summary.clone();
    let dates = if e.local_start == e.local_end {
        long_date(&e.local_start)
    } else {
        format!(
            "{} – {}",
            long_date(&e.local_start),
            long_date(&e.local_end)
        )
    };
    let place = [
        event.venue_name.clone(),
        e.city.clone(),
        event.country_name.clone().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let parent = event.parent.clone().map(|(slug, title)| {
        view! { <p class="muted">{t("event-part-of")} " " <a href=format!("/events/{slug}")>{title}</a></p> }
    });
    let organisers = (!event.organisations.is_empty()).then(|| {
        view! {
            <dl class="organisations">
                {event.organisations.iter().map(|o| view! {
                    <dt>{t(&format!("org-role-{}", o.role))}</dt>
                    <dd>{o.name.clone()}{o.acronym.clone().map(|a| format!(" ({a})"))}</dd>
                }).collect_view()}
            </dl>
        }
    });
    let objectives = (!event.objectives.is_empty()).then(|| {
        view! {
            <h2>{t("event-objectives")}</h2>
            <ol class="objectives">{event.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ol>
        }
    });
    let slug = e.slug.clone();
    view! {
        <Title text=e.title.clone() />
        <article class="event">
            <header class="page-header">
                <span class="pill event-kind">{t(&format!("kind-{}", e.kind.as_str()))}</span>
                <h1>{e.title.clone()}</h1>
                <p class="lead">{dates}</p>
                <p class="event-meta">{place}</p>
                {parent}
                {over.map(|published| view! {
                    <p class="alert alert-info event-over" role="status">
                        {t("event-over")}
                        {published.then(|| view! {
                            " " <a href=format!("/events/{slug}/proceedings.pdf")>{t("event-over-proceedings")}</a>
                        })}
                    </p>
                })}
                <p class="actions no-print">
                    {(over.is_none() && e.status == domain::types::EventStatus::Published).then(|| view! {
                        <a class="btn btn-primary" href=format!("/events/{slug}/register")>{t("event-register")}</a>
                    })}
                    <a class="btn btn-secondary" href=format!("/events/{slug}/calendar.ics")>{t("event-add-calendar")}</a>
                    {agenda_links(&slug, &languages)}
                </p>
            </header>
            <p>{e.summary.clone()}</p>
            {organisers}
            {objectives}
            {(!event.description.is_empty()).then(|| view! { <div class="description">{event.description.clone()}</div> })}
            <Agenda event=event />
        </article>
    }
}

#[component]
fn Agenda(event: EventDetail) -> impl IntoView {
    let mut days: Vec<(String, Vec<AgendaSession>)> = Vec::new();
    for s in event.sessions {
        match days.last_mut() {
            Some((day, list)) if *day == s.local_day => list.push(s),
            _ => days.push((s.local_day.clone(), vec![s])),
        }
    }
    if days.is_empty() {
        return view! { <p class="empty">{t("agenda-none")}</p> }.into_any();
    }
    let zone = format!("{} (UTC{})", event.summary.timezone, event.zone_label);
    let slug = event.summary.slug.clone();
    let offset = zone_minutes(&event.zone_label);
    view! {
        <section class="agenda" data-offset=offset.to_string() data-your-time=t("agenda-your-time")>
            <h2>{t("agenda-title")}</h2>
            <p class="muted">{t_args("agenda-times-in", &[("zone", &zone)])}</p>
            {days.into_iter().map(|(day, sessions)| {
                let slug = slug.clone();
                view! {
                    <section class="agenda-day">
                        <h3>{long_date(&day)}</h3>
                        {sessions.into_iter().map(|s| view! { <SessionRow s=s slug=slug.clone() /> }).collect_view()}
                    </section>
                }
            }).collect_view()}
            <ViewerTimeScript />
        </section>
    }.into_any()
}

#[component]
fn SessionRow(s: AgendaSession, slug: String) -> impl IntoView {
    let class = format!("agenda-session kind-{}", s.kind.as_str());
    let people = (!s.people.is_empty()).then(|| view! {
        <ul class="agenda-people">
            {s.people.iter().map(|p| {
                let mut who = p.name.clone();
                if let Some(native) = &p.name_native { who.push_str(&format!(" ({native})")); }
                let org = [p.organisation.clone(), p.country.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
                view! {
                    <li>
                        <span class="muted">{t(&format!("session-role-{}", p.role.as_str()))} ": "</span>
                        <strong>{who}</strong>
                        {(!org.is_empty()).then(|| format!(", {org}"))}
                    </li>
                }
            }).collect_view()}
        </ul>
    });
    view! {
        <div class=class>
            <div class="agenda-time">
                {format!("{}–{}", s.local_start, s.local_end)}
                <ViewerTime start=s.starts_at end=s.ends_at />
            </div>
            <div class="agenda-body">
                <span class="agenda-kind">{t(&format!("session-kind-{}", s.kind.as_str()))}</span>
                <h4>{s.title.clone()}</h4>
                {(!s.room.is_empty()).then(|| view! { <p class="agenda-room">{t("session-room")} " " {s.room.clone()}</p> })}
                {(!s.description.is_empty()).then(|| view! { <p>{s.description.clone()}</p> })}
                {people}
                {(!s.interpreted.is_empty()).then(|| {
                    let names: Vec<String> = s.interpreted.iter().map(|c| t(&domain::languages::name_key(c))).collect();
                    view! { <p class="agenda-interpretation" data-languages=s.interpreted.join(",")>{t_args("session-interpreted", &[("languages", &names.join(", "))])}</p> }
                })}
                {(!matches!(s.kind, SessionKind::Break | SessionKind::Meal)).then(|| view! {
                    <a class="no-print small" href=format!("/events/{slug}/sessions/{}.ics", s.id)>{t("session-add-calendar")}</a>
                })}
            </div>
        </div>
    }
}

/// Minutes east of UTC from a label like `+06:30` or `-03:00` (0 when unreadable).
fn zone_minutes(label: &str) -> i32 {
    let sign = if label.starts_with('-') { -1 } else { 1 };
    let digits = label.trim_start_matches(['+', '-']);
    let (h, m) = digits.split_once(':').unwrap_or((digits, "0"));
    sign * (h.parse::<i32>().unwrap_or(0) * 60 + m.parse::<i32>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn zone_labels_become_minutes() {
        assert_eq!(super::zone_minutes("+06:30"), 390);
        assert_eq!(super::zone_minutes("+07:00"), 420);
        assert_eq!(super::zone_minutes("-03:30"), -210);
    }
}
