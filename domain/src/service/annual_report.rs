//! Loads the network's annual report for a period (see [`crate::report_types`]): the events
//! whose first local day falls in it (drafts left out), their objectives (in the report's
//! language where translated), organisers and head counts; forums and meetings attended
//! with the side events held there; trainings with cohort completion, follow-up check-ins
//! and what trainees who agreed to be quoted said ([`quotes`]); recommendations; and each
//! person on a roster once, for statistics.
//!
//! Events the network organised and those it attended (`events.network_role`) are reported
//! apart: the latter with their delegations ([`forums`]). Recommendations carry their dated
//! follow-up, across the earlier rows they were carried from ([`tracking`]).
//!
//! A handful of queries for the whole period, whatever the number of events (the per-event
//! work is only for trainings, which reuse the cohort and follow-up services).
mod forums;
mod quotes;
mod tracking;

pub use quotes::{MAX_QUOTES, QUOTE_CHARS};

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use entities::{
    attendance, event_objectives, event_organisations, events, organisations, people, registrations,
};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::events::zone;
use super::roster::on_roster;
use crate::followup_types::FollowupState;
use crate::forum_types::NetworkRole;
use crate::report_types::{AnnualReport, ReportEvent, ReportPeriod, ReportPerson, ReportTraining};
use crate::types::{EventKind, EventStatus, OrganisationRole};
use crate::DomainError;
use i18n::Locale;

/// Events one report covers at most (about 25 years of the network's activity): beyond it the
/// request is refused rather than loaded.
pub const MAX_EVENTS: u64 = 1_000;
/// Institutions listed per training from its follow-up answers.
const MAX_ENGAGED: usize = 5;

/// The report for `period`, with event titles and summaries in `lang` where translated.
pub async fn load(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
    lang: Locale,
    now: DateTime<Utc>,
) -> Result<AnnualReport, DomainError> {
    let found = period_events(db, period).await?;
    let ids: Vec<i64> = found.iter().map(|e| e.id).collect();
    let counts = head_counts(db, &ids).await?;
    let mut objectives = objectives(db, &ids).await?;
    super::content::localise_objectives(db, &mut objectives, lang).await?;
    let organisers = organisers(db, &ids).await?;
    let mut summaries = found
        .iter()
        .cloned()
        .map(super::events::to_summary)
        .collect::<Result<Vec<_>, _>>()?;
    super::content::localise_list(db, &mut summaries, lang).await?;
    let countries = country_names(db).await?;
    let mut all = Vec::with_capacity(found.len());
    for (e, s) in found.iter().zip(summaries) {
        let code = e.country_code.clone().unwrap_or_default();
        let (participants, attended) = counts.get(&e.id).copied().unwrap_or_default();
        all.push(ReportEvent {
            id: e.id,
            slug: e.slug.clone(),
            title: s.title,
            summary: s.summary,
            kind: s.kind,
            local_start: s.local_start,
            local_end: s.local_end,
            venue: e.venue_name.clone(),
            city: e.city.clone(),
            country: countries
                .get(&code)
                .cloned()
                .unwrap_or_else(|| code.clone()),
            country_code: code,
            objectives: objectives.get(&e.id).cloned().unwrap_or_default(),
            organisers: organisers.get(&e.id).cloned().unwrap_or_default(),
            participants,
            attended,
            parent_id: e.parent_id,
            network_role: NetworkRole::parse(&e.network_role).unwrap_or(NetworkRole::Organiser),
        });
    }
    let mut trainings = Vec::new();
    for e in found
        .iter()
        .filter(|e| e.kind == EventKind::Training.as_str())
    {
        trainings.push(training(db, e, &all, now).await?);
    }
    let titles: HashMap<i64, String> = all.iter().map(|e| (e.id, e.title.clone())).collect();
    let forums = forums::attended(db, &all, &countries).await?;
    Ok(AnnualReport {
        period,
        recommendations: tracking::recommendations(db, &ids, &titles).await?,
        people: people_of(db, &ids, &countries).await?,
        events: all
            .into_iter()
            .filter(|e| e.network_role == NetworkRole::Organiser)
            .collect(),
        forums,
        trainings,
    })
}

/// Non-draft events whose first local day is in `period`, by start.
async fn period_events(
    db: &impl ConnectionTrait,
    period: ReportPeriod,
) -> Result<Vec<events::Model>, DomainError> {
    // Local days run at most 14 hours either side of UTC: a day's margin catches them all.
    let from = period.from.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
    let to = period.to.and_time(NaiveTime::MIN).and_utc() + Duration::days(2);
    let found = events::Entity::find()
        .filter(events::Column::StartsAt.gte(from))
        .filter(events::Column::StartsAt.lt(to))
        .filter(events::Column::Status.ne(EventStatus::Draft.as_str()))
        .order_by_asc(events::Column::StartsAt)
        .order_by_asc(events::Column::Id)
        .limit(MAX_EVENTS * 2)
        .all(db)
        .await?;
    let mut kept = Vec::with_capacity(found.len());
    for e in found {
        if period.contains(e.starts_at.with_timezone(&zone(&e)?).date_naive()) {
            kept.push(e);
        }
    }
    let found = kept;
    if found.len() as u64 > MAX_EVENTS {
        return Err(DomainError::validation("to", "too-many"));
    }
    Ok(found)
}

/// (people on the roster, of them marked present at least once) by event.
async fn head_counts(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, (usize, usize)>, DomainError> {
    let regs: Vec<(i64, i64, String)> = registrations::Entity::find()
        .select_only()
        .columns([
            registrations::Column::Id,
            registrations::Column::EventId,
            registrations::Column::Status,
        ])
        .filter(registrations::Column::EventId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let present: HashSet<i64> = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::RegistrationId)
        .distinct()
        .filter(
            attendance::Column::RegistrationId.in_subquery(
                Query::select()
                    .column(registrations::Column::Id)
                    .from(registrations::Entity)
                    .and_where(registrations::Column::EventId.is_in(ids.iter().copied()))
                    .to_owned(),
            ),
        )
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut counts: HashMap<i64, (usize, usize)> = HashMap::new();
    for (id, event, _) in regs.into_iter().filter(|r| on_roster(&r.2)) {
        let c = counts.entry(event).or_default();
        c.0 += 1;
        c.1 += usize::from(present.contains(&id));
    }
    Ok(counts)
}

async fn objectives(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, DomainError> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for o in event_objectives::Entity::find()
        .filter(event_objectives::Column::EventId.is_in(ids.iter().copied()))
        .order_by_asc(event_objectives::Column::EventId)
        .order_by_asc(event_objectives::Column::Position)
        .all(db)
        .await?
    {
        out.entry(o.event_id).or_default().push(o.text);
    }
    Ok(out)
}

/// Organisers and co-organisers of each event, "Name (ACRONYM)".
async fn organisers(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, DomainError> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (link, org) in event_organisations::Entity::find()
        .filter(event_organisations::Column::EventId.is_in(ids.iter().copied()))
        .filter(
            event_organisations::Column::Role.is_in(
                OrganisationRole::ALL
                    .iter()
                    .filter(|r| r.organises())
                    .map(|r| r.as_str()),
            ),
        )
        .order_by_asc(event_organisations::Column::EventId)
        .order_by_asc(event_organisations::Column::Role)
        .order_by_asc(event_organisations::Column::OrganisationId)
        .find_also_related(organisations::Entity)
        .all(db)
        .await?
    {
        if let Some(o) = org {
            let name = match o.acronym.filter(|a| !a.trim().is_empty()) {
                Some(a) => format!("{} ({a})", o.name),
                None => o.name,
            };
            out.entry(link.event_id).or_default().push(name);
        }
    }
    Ok(out)
}

pub(super) async fn country_names(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, String>, DomainError> {
    Ok(super::participants::name_lookups(db).await?.1)
}

/// A training's cohort completion and follow-up check-ins (those fallen due by `now`).
async fn training(
    db: &impl ConnectionTrait,
    e: &events::Model,
    all: &[ReportEvent],
    now: DateTime<Utc>,
) -> Result<ReportTraining, DomainError> {
    let cohort = super::attendance_report::cohort(db, &e.slug).await?;
    let followup = super::followup::event_followup(db, &e.slug, now).await?;
    let due: Vec<_> = followup
        .items
        .iter()
        .filter(|i| i.state != FollowupState::Upcoming)
        .collect();
    let mut engaged: BTreeSet<String> = BTreeSet::new();
    for answer in due.iter().filter_map(|i| i.answer.as_ref()) {
        let text = answer.engaged_with.trim();
        if !text.is_empty() && engaged.len() < MAX_ENGAGED {
            engaged.insert(text.chars().take(120).collect());
        }
    }
    let shown = all.iter().find(|r| r.id == e.id);
    Ok(ReportTraining {
        event_id: e.id,
        title: shown.map_or_else(|| e.title.clone(), |r| r.title.clone()),
        local_start: cohort.event.local_start.clone(),
        local_end: cohort.event.local_end.clone(),
        cohort: cohort.rows.len(),
        completed: cohort.rows.iter().filter(|r| r.completed).count(),
        checkins_due: due.len(),
        checkins_answered: due
            .iter()
            .filter(|i| i.state == FollowupState::Answered)
            .count(),
        engaged_with: engaged.into_iter().collect(),
        quotes: quotes::quotes(due.iter().copied()),
    })
}

/// Each person on the roster of any of the events once.
async fn people_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
    countries: &HashMap<String, String>,
) -> Result<Vec<ReportPerson>, DomainError> {
    let found = registrations::Entity::find()
        .filter(registrations::Column::EventId.is_in(ids.iter().copied()))
        .order_by_asc(registrations::Column::PersonId)
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let mut seen = HashSet::new();
    Ok(found
        .into_iter()
        .filter(|(r, _)| on_roster(&r.status))
        .filter_map(|(_, p)| p)
        .filter(|p| seen.insert(p.id))
        .map(|p| {
            let code = p.country_code.unwrap_or_default();
            ReportPerson {
                country: countries
                    .get(&code)
                    .cloned()
                    .unwrap_or_else(|| code.clone()),
                country_code: code,
                gender: p.gender.unwrap_or_default(),
                sector: p.sector.unwrap_or_default(),
            }
        })
        .collect())
}
