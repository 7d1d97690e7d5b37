//! Attendance as staff record it: on an event-local day as a whole, or at one session of
//! that day; what the check-in, paper-sheet and cohort screens receive; and the completion
//! rule (present on at least N % of the event's days).
use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::participant_types::{RosterOrder, RosterRow};
use crate::types::EventSummary;
use crate::DomainError;

/// What a mark is for: a whole event-local day, or one session on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttendanceSlot {
    pub day: NaiveDate,
    pub session_id: Option<i64>,
}

impl AttendanceSlot {
    pub fn whole_day(day: NaiveDate) -> Self {
        Self {
            day,
            session_id: None,
        }
    }

    /// Reads the URL and form form: `2016-06-04` (whole day) or `2016-06-04@12` (session 12).
    pub fn parse(value: &str) -> Result<Self, DomainError> {
        let bad = || DomainError::validation("slot", "invalid-date");
        let (day, session) = match value.trim().split_once('@') {
            Some((day, session)) => (day, Some(session.parse::<i64>().map_err(|_| bad())?)),
            None => (value.trim(), None),
        };
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| bad())?;
        Ok(Self {
            day,
            session_id: session,
        })
    }

    /// The inverse of [`AttendanceSlot::parse`].
    pub fn as_param(&self) -> String {
        match self.session_id {
            Some(id) => format!("{}@{id}", self.day.format("%Y-%m-%d")),
            None => self.day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A session that attendance can be taken for, with its local times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotSession {
    pub id: i64,
    pub day: NaiveDate,
    pub title: String,
    pub local_start: String,
    pub local_end: String,
}

/// A roster line with its mark for the chosen slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    pub roster: RosterRow,
    pub present: bool,
    pub walk_in: bool,
}

/// The roster of an event for one slot: what the check-in and paper-sheet screens show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSheet {
    pub event: EventSummary,
    pub slot: AttendanceSlot,
    pub order: RosterOrder,
    /// Every event-local day, first to last.
    pub days: Vec<NaiveDate>,
    pub sessions: Vec<SlotSession>,
    pub rows: Vec<SheetRow>,
    pub completion_percent: u8,
}

/// Head counts, overall and by country, gender and sector ("" = not given).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub total: u32,
    pub by_country: Vec<(String, u32)>,
    pub by_gender: Vec<(String, u32)>,
    pub by_sector: Vec<(String, u32)>,
}

/// Attendance figures of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceStats {
    /// People present on each day (a whole-day mark or any session that day).
    pub per_day: Vec<(NaiveDate, u32)>,
    /// People present at each session: (session, count).
    pub per_session: Vec<(SlotSession, u32)>,
    /// Who was present in the chosen slot.
    pub selected: Breakdown,
    /// Distinct people present at any time during the event.
    pub overall: Breakdown,
}

/// One trainee's days present and whether that completes the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortRow {
    pub roster: RosterRow,
    pub days_present: u32,
    pub completed: bool,
    /// Assessment scores before and after (when answered).
    pub assessment: crate::followup_types::AssessmentResult,
}

/// The cohort page: trainees (or the whole roster when nobody is a trainee) and completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub event: EventSummary,
    pub total_days: u32,
    pub completion_percent: u8,
    pub rows: Vec<CohortRow>,
    pub completed_count: u32,
    /// The mean change from before to after, in percentage points, over those who answered both.
    pub average_change: Option<f64>,
}

/// The most days an event counts (an event cannot sensibly have more sheets or columns).
pub const MAX_DAYS: usize = 62;

/// The calendar days from `first` to `last`, both included, at most [`MAX_DAYS`]: the days
/// of an event for the check-in screens, the cohort and the printed sign-in sheets alike.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(MAX_DAYS)
        .collect()
}

/// A person registered at the door.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WalkInForm {
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    pub country_code: String,
    pub gender: String,
}

/// The days on which someone counts as attended: any whole-day mark or any session mark.
pub fn days_attended(marks: impl IntoIterator<Item = AttendanceSlot>) -> BTreeSet<NaiveDate> {
    marks.into_iter().map(|m| m.day).collect()
}

/// The completion rule: present on at least `percent` % of `total_days` days.
pub fn completed(days_present: u32, total_days: u32, percent: u8) -> bool {
    total_days > 0 && u64::from(days_present) * 100 >= u64::from(percent) * u64::from(total_days)
}

/// Reads a completion percentage typed into the rule's field (1-100).
pub fn parse_completion_percent(raw: &str) -> Result<u8, DomainError> {
    let field = "completion_percent";
    let value: i64 = raw
        .trim()
        .parse()
        .map_err(|_| DomainError::validation(field, "invalid-number"))?;
    match u8::try_from(value) {
        Ok(p) if (1..=100).contains(&p) => Ok(p),
        _ => Err(DomainError::validation(field, "out-of-range")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2016, 6, d).expect("valid date")
    }

    #[test]
    fn an_events_days_are_counted_both_ends_included_and_capped() {
        assert_eq!(
            days_between(day(4), day(8)),
            (4..=8).map(day).collect::<Vec<_>>()
        );
        assert_eq!(days_between(day(4), day(4)), vec![day(4)]);
        assert!(days_between(day(8), day(4)).is_empty());
        let year_later = NaiveDate::from_ymd_opt(2017, 6, 4).expect("valid date");
        assert_eq!(days_between(day(4), year_later).len(), MAX_DAYS);
    }

    #[test]
    fn four_of_five_days_complete_at_eighty_percent_three_do_not() {
        assert!(completed(4, 5, 80));
        assert!(completed(5, 5, 80));
        assert!(!completed(3, 5, 80));
        assert!(completed(3, 5, 60));
        assert!(completed(1, 1, 100));
        assert!(!completed(0, 5, 1));
        assert!(
            !completed(0, 0, 80),
            "an event without days completes nobody"
        );
    }

    #[test]
    fn a_day_counts_with_a_whole_day_mark_or_any_session_mark() {
        let marks = [
            AttendanceSlot::whole_day(day(4)),
            AttendanceSlot {
                day: day(5),
                session_id: Some(7),
            },
            AttendanceSlot {
                day: day(5),
                session_id: Some(8),
            },
            AttendanceSlot {
                day: day(6),
                session_id: Some(9),
            },
            AttendanceSlot::whole_day(day(6)),
        ];
        let days = days_attended(marks);
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            [day(4), day(5), day(6)]
        );
        assert!(completed(days_attended(marks).len() as u32, 5, 60));
        assert!(!completed(days_attended(marks).len() as u32, 5, 80));
    }

    #[test]
    fn slots_read_and_write_their_url_form() {
        let whole = AttendanceSlot::parse("2016-06-04").expect("day");
        assert_eq!(whole, AttendanceSlot::whole_day(day(4)));
        assert_eq!(whole.as_param(), "2016-06-04");
        let session = AttendanceSlot::parse("2016-06-05@12").expect("session");
        assert_eq!(session.session_id, Some(12));
        assert_eq!(session.as_param(), "2016-06-05@12");
        assert!(AttendanceSlot::parse("2016-13-01").is_err());
        assert!(AttendanceSlot::parse("2016-06-05@x").is_err());
        assert!(AttendanceSlot::parse("").is_err());
    }

    #[test]
    fn completion_percent_is_a_whole_number_from_1_to_100() {
        assert_eq!(parse_completion_percent(" 80 "), Ok(80));
        assert_eq!(parse_completion_percent("100"), Ok(100));
        for bad in ["0", "101", "-5", "300"] {
            assert_eq!(
                parse_completion_percent(bad),
                Err(DomainError::validation(
                    "completion_percent",
                    "out-of-range"
                ))
            );
        }
        assert_eq!(
            parse_completion_percent("eighty"),
            Err(DomainError::validation(
                "completion_percent",
                "invalid-number"
            ))
        );
    }
}
