//! The network's annual report: the period it covers and everything it prints, as loaded by
//! `service::annual_report` and printed by `documents::annual` (PDF, CSV, Excel).
//!
//! The report covers a calendar year or any range of days up to [`MAX_PERIOD_DAYS`]; an event
//! belongs to the period when its first local day falls in it.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::forum_types::{DelegationRole, NetworkRole, StatusStep, TrackingStatus};
use crate::types::{EventKind, RecommendationStatus};
use crate::DomainError;

/// The longest period one report covers (three years, leap day included): a longer one would
/// load an unbounded share of the database into one document.
pub const MAX_PERIOD_DAYS: i64 = 3 * 366;

/// First and last day (inclusive) covered by a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ReportPeriod {
    /// The period asked for by `?year=YYYY` or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (empty values
    /// count as absent). Refusals name the field: a year that is not one, a day that is not
    /// one, a range that ends before it starts or spans more than three years, or nothing.
    pub fn from_query(
        year: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<ReportPeriod, DomainError> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let (year, from, to) = (given(year), given(from), given(to));
        if from.is_some() || to.is_some() {
            let day = |field: &str, v: Option<&str>| {
                v.and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                    .filter(|d| (1900..=2200).contains(&d.year()))
                    .ok_or_else(|| DomainError::validation(field, "invalid-date"))
            };
            let (from, to) = (day("from", from)?, day("to", to)?);
            if to < from {
                return Err(DomainError::validation("to", "ends-before-starts"));
            }
            if (to - from).num_days() >= MAX_PERIOD_DAYS {
                return Err(DomainError::validation("to", "too-long"));
            }
            return Ok(ReportPeriod { from, to });
        }
        let year: i32 = year
            .ok_or_else(|| DomainError::validation("year", "required"))?
            .parse()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| DomainError::validation("year", "invalid-number"))?;
        Ok(ReportPeriod::year(year))
    }

    /// 1 January to 31 December of `year` (clamped to chrono's calendar).
    pub fn year(year: i32) -> ReportPeriod {
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
        ReportPeriod {
            from: day(1, 1),
            to: day(12, 31),
        }
    }

    /// The calendar year when the period is exactly one.
    pub fn whole_year(&self) -> Option<i32> {
        (*self == ReportPeriod::year(self.from.year())).then(|| self.from.year())
    }

    /// `2024` for a whole year, `2024-03-01_2024-06-30` otherwise (for file names).
    pub fn file_stem(&self) -> String {
        match self.whole_year() {
            Some(y) => y.to_string(),
            None => format!("{}_{}", self.from, self.to),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// What a refusal of [`ReportPeriod::from_query`] says to a person reading the 400 answer.
pub fn period_message(err: &DomainError) -> String {
    match err {
        DomainError::Validation { field, message } => {
            let why = match message.as_str() {
                "invalid-date" => "give a day as YYYY-MM-DD",
                "ends-before-starts" => "the end comes before the start",
                "too-long" => "a report covers at most three years",
                "too-many" => "too many events in this period; choose a shorter one",
                "invalid-number" => "give a year as four digits, e.g. 2024",
                _ => "give ?year=YYYY or ?from=YYYY-MM-DD&to=YYYY-MM-DD",
            };
            format!("{field}: {why}")
        }
        other => other.to_string(),
    }
}

/// One event of the period as the report lists it (title and summary in the report's
/// language where translated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEvent {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: EventKind,
    /// Local first and last day, `YYYY-MM-DD`.
    pub local_start: String,
    pub local_end: String,
    pub venue: String,
    pub city: String,
    pub country_code: String,
    /// The country's stored (English) name.
    pub country: String,
    pub objectives: Vec<String>,
    /// Organisers and co-organisers, "Name (ACRONYM)".
    pub organisers: Vec<String>,
    /// People on the roster (accepted and attended registrations).
    pub participants: usize,
    /// Of them, people marked present at least once.
    pub attended: usize,
    /// The host forum or series, when the event has one.
    pub parent_id: Option<i64>,
    /// Whether the network organised the event or attended it.
    pub network_role: NetworkRole,
}

/// A member of the network's delegation to a forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegate {
    /// Empty when the person did not agree to be named.
    pub name: String,
    pub organisation: String,
    pub country_code: String,
    pub country: String,
    pub role: DelegationRole,
    /// The member's short outcome note.
    pub outcome: String,
}

/// A forum or meeting the network attended, its delegation, and the side events it held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForum {
    pub event: ReportEvent,
    pub delegation: Vec<Delegate>,
    /// Titles of the period's events held at this forum.
    pub side_events: Vec<String>,
}

/// A training's cohort and what its follow-up check-ins brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTraining {
    pub event_id: i64,
    pub title: String,
    pub local_start: String,
    pub local_end: String,
    pub cohort: usize,
    pub completed: usize,
    /// Check-ins fallen due (answered or not) and answered.
    pub checkins_due: usize,
    pub checkins_answered: usize,
    /// Institutions trainees reported engaging with, as typed, distinct (at most a few).
    pub engaged_with: Vec<String>,
    /// What trainees who agreed to be quoted said they did since the training, without
    /// names (a few, shortened).
    pub quotes: Vec<String>,
}

/// A recommendation made at one of the period's events, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecommendation {
    pub event_id: i64,
    pub event_title: String,
    pub number: u32,
    pub text: String,
    pub addressed_to: String,
    pub status: RecommendationStatus,
    /// Its follow-up, oldest first, across the earlier events' rows it was carried from
    /// (empty where nothing is recorded).
    pub history: Vec<StatusStep>,
    /// The latest step of this row (None: nothing recorded, still open).
    pub tracking: Option<TrackingStatus>,
}

/// One person counted in the statistics (each person once, however many events they came to).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportPerson {
    pub country_code: String,
    /// Stored (English) country name.
    pub country: String,
    pub gender: String,
    pub sector: String,
}

/// Everything the annual report prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub period: ReportPeriod,
    /// Events the network organised, by first day.
    pub events: Vec<ReportEvent>,
    /// Forums and meetings the network attended (`network_role` attendee), by first day.
    pub forums: Vec<ReportForum>,
    pub trainings: Vec<ReportTraining>,
    pub recommendations: Vec<ReportRecommendation>,
    /// The distinct people on the rosters of the period's events.
    pub people: Vec<ReportPerson>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    fn refused(year: Option<&str>, from: Option<&str>, to: Option<&str>) -> (String, String) {
        match ReportPeriod::from_query(year, from, to) {
            Err(DomainError::Validation { field, message }) => (field, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_year_or_a_range_of_up_to_three_years() {
        let year = ReportPeriod::from_query(Some(" 2024 "), None, Some("")).expect("a year");
        assert_eq!((year.from, year.to), (day(2024, 1, 1), day(2024, 12, 31)));
        assert_eq!(year.whole_year(), Some(2024));
        assert_eq!(year.file_stem(), "2024");
        let range = ReportPeriod::from_query(Some("2020"), Some("2024-03-01"), Some("2024-06-30"))
            .expect("the range wins over the year");
        assert_eq!((range.from, range.to), (day(2024, 3, 1), day(2024, 6, 30)));
        assert_eq!(range.whole_year(), None);
        assert_eq!(range.file_stem(), "2024-03-01_2024-06-30");
        assert!(ReportPeriod::from_query(None, Some("2022-01-01"), Some("2024-12-31")).is_ok());
        assert!(ReportPeriod::from_query(None, Some("2024-02-29"), Some("2024-02-29")).is_ok());
    }

    #[test]
    fn unreadable_periods_name_their_field() {
        let cases = [
            (refused(None, None, None), ("year", "required")),
            (refused(Some("abc"), None, None), ("year", "invalid-number")),
            (refused(Some("-5"), None, None), ("year", "invalid-number")),
            (
                refused(None, Some("2024-13-01"), Some("2024-12-01")),
                ("from", "invalid-date"),
            ),
            (
                refused(None, Some("2024-01-01"), None),
                ("to", "invalid-date"),
            ),
            (
                refused(None, Some("2024-05-01"), Some("2024-04-30")),
                ("to", "ends-before-starts"),
            ),
            (
                refused(None, Some("2019-01-01"), Some("2024-01-01")),
                ("to", "too-long"),
            ),
        ];
        for ((field, message), (want_field, want_message)) in cases {
            assert_eq!(
                (field.as_str(), message.as_str()),
                (want_field, want_message)
            );
            let text = period_message(&DomainError::validation(want_field, want_message));
            assert!(text.starts_with(&format!("{want_field}: ")), "{text}");
        }
    }
}
