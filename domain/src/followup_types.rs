//! After a training: the assessment (scored questions answered before and after it), the
//! follow-up plan (check-ins some months after its last day) and what staff see of both,
//! plus a person's history with the network. Browser-safe types and pure rules.
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::types::EventSummary;
use crate::DomainError;

/// Before or after the training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AssessmentPhase {
    Pre,
    Post,
}

impl AssessmentPhase {
    pub const ALL: [AssessmentPhase; 2] = [AssessmentPhase::Pre, AssessmentPhase::Post];

    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentPhase::Pre => "pre",
            AssessmentPhase::Post => "post",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pre" => Some(AssessmentPhase::Pre),
            "post" => Some(AssessmentPhase::Post),
            _ => None,
        }
    }
}

/// A question answered on a scale from 0 to `max_score`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentQuestion {
    pub id: i64,
    pub position: i32,
    pub text: String,
    pub max_score: u8,
}

/// The form adding a question (as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentQuestionForm {
    pub text: String,
    pub max_score: String,
}

pub const MAX_QUESTION_LEN: usize = 500;
pub const MAX_ANSWER_LEN: usize = 4_000;

impl AssessmentQuestionForm {
    /// The question's text and top score (2-10), or the field that is wrong.
    pub fn validate(&self) -> Result<(String, u8), DomainError> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err(DomainError::validation("text", "required"));
        }
        if text.chars().count() > MAX_QUESTION_LEN {
            return Err(DomainError::validation("text", "too-long"));
        }
        let max: i64 = self
            .max_score
            .trim()
            .parse()
            .map_err(|_| DomainError::validation("max_score", "invalid-number"))?;
        match u8::try_from(max) {
            Ok(m) if (2..=10).contains(&m) => Ok((text.to_owned(), m)),
            _ => Err(DomainError::validation("max_score", "out-of-range")),
        }
    }
}

/// Reads one answer: a whole number from 0 to `max`.
pub fn parse_score(raw: Option<&str>, max: u8) -> Result<u8, DomainError> {
    let field = "score";
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    let value: i64 = raw
        .parse()
        .map_err(|_| DomainError::validation(field, "invalid-number"))?;
    match u8::try_from(value) {
        Ok(v) if v <= max => Ok(v),
        _ => Err(DomainError::validation(field, "out-of-range")),
    }
}

/// A phase's result: points scored out of the most possible on the questions answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub points: u32,
    pub max: u32,
}

impl Score {
    /// The score as a percentage of the most possible (None without answers).
    pub fn percent(self) -> Option<f64> {
        (self.max > 0).then(|| f64::from(self.points) * 100.0 / f64::from(self.max))
    }
}

/// Change from before to after, in percentage points (None unless both exist).
pub fn change(pre: Option<Score>, post: Option<Score>) -> Option<f64> {
    Some(post?.percent()? - pre?.percent()?)
}

/// The mean of the changes that exist (None when nobody answered both).
pub fn average_change(changes: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let known: Vec<f64> = changes.into_iter().flatten().collect();
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

/// One trainee's scores, as the cohort page shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentResult {
    pub pre: Option<Score>,
    pub post: Option<Score>,
}

impl AssessmentResult {
    pub fn change(&self) -> Option<f64> {
        change(self.pre, self.post)
    }
}

/// The follow-up plan: check-ins this many months after the last day, ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupPlan(pub Vec<u8>);

impl FollowupPlan {
    pub const MAX_CHECKINS: usize = 6;
    pub const MAX_MONTHS: u8 = 36;

    /// Reads "1, 3, 6" (commas or spaces; empty means no follow-up).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let field = "followup_months";
        let mut months = Vec::new();
        for part in raw
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let n: i64 = part
                .parse()
                .map_err(|_| DomainError::validation(field, "invalid-number"))?;
            match u8::try_from(n) {
                Ok(m) if (1..=Self::MAX_MONTHS).contains(&m) => months.push(m),
                _ => return Err(DomainError::validation(field, "out-of-range")),
            }
        }
        months.sort_unstable();
        months.dedup();
        if months.len() > Self::MAX_CHECKINS {
            return Err(DomainError::validation(field, "too-many"));
        }
        Ok(Self(months))
    }

    /// The stored form, "1,3,6".
    pub fn as_stored(&self) -> String {
        self.0
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads the stored form; anything unreadable counts as no plan.
    pub fn from_stored(stored: &str) -> Self {
        Self::parse(stored).unwrap_or_default()
    }
}

/// When a check-in falls due: `months` after the training's last day (the end of a shorter
/// month when that day does not exist, e.g. 31 January + 1 month = 28 or 29 February).
pub fn due_on(last_day: NaiveDate, months: u8) -> NaiveDate {
    last_day
        .checked_add_months(Months::new(u32::from(months)))
        .unwrap_or(NaiveDate::MAX)
}

/// An unanswered check-in is overdue this many days after it fell due.
pub const OVERDUE_AFTER_DAYS: i64 = 30;
/// Reminders go out only this long after the due date: older check-ins are for staff to chase.
pub const REMIND_WITHIN_DAYS: i64 = 60;

/// Where a check-in stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FollowupState {
    Upcoming,
    Due,
    Overdue,
    Answered,
}

impl FollowupState {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowupState::Upcoming => "upcoming",
            FollowupState::Due => "due",
            FollowupState::Overdue => "overdue",
            FollowupState::Answered => "answered",
        }
    }

    pub fn of(due: NaiveDate, today: NaiveDate, answered: bool) -> Self {
        if answered {
            FollowupState::Answered
        } else if today < due {
            FollowupState::Upcoming
        } else if (today - due).num_days() >= OVERDUE_AFTER_DAYS {
            FollowupState::Overdue
        } else {
            FollowupState::Due
        }
    }
}

/// Whether a reminder goes out today: once when a check-in falls due, once more when it turns
/// overdue, and never long after it fell due.
pub fn reminder_due(
    due: NaiveDate,
    today: NaiveDate,
    answered: bool,
    last_reminded: Option<NaiveDate>,
) -> bool {
    let state = FollowupState::of(due, today, answered);
    if !matches!(state, FollowupState::Due | FollowupState::Overdue)
        || (today - due).num_days() > REMIND_WITHIN_DAYS
    {
        return false;
    }
    match last_reminded {
        None => true,
        Some(at) => state == FollowupState::Overdue && (at - due).num_days() < OVERDUE_AFTER_DAYS,
    }
}

/// A trainee's answers at a check-in (as typed into the form, and as stored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowupAnswerForm {
    /// What advocacy they did since the training.
    pub advocacy: String,
    /// Which ASEAN body, government office or other institution they engaged with.
    pub engaged_with: String,
    /// What support they need from the network.
    pub support_needed: String,
    /// They agree that `advocacy` may be quoted, without their name, in the network's reports
    /// (a checkbox sending `true`; unticked, nothing is quoted).
    pub quote_consent: bool,
}

impl FollowupAnswerForm {
    /// The trimmed answers; the first is required, none may be longer than 4,000 characters.
    pub fn validate(&self) -> Result<Self, DomainError> {
        let clean = |field: &str, value: &str| -> Result<String, DomainError> {
            let value = value.trim();
            if value.chars().count() > MAX_ANSWER_LEN {
                return Err(DomainError::validation(field, "too-long"));
            }
            Ok(value.to_owned())
        };
        let form = Self {
            advocacy: clean("advocacy", &self.advocacy)?,
            engaged_with: clean("engaged_with", &self.engaged_with)?,
            support_needed: clean("support_needed", &self.support_needed)?,
            quote_consent: self.quote_consent,
        };
        if form.advocacy.is_empty() {
            return Err(DomainError::validation("advocacy", "required"));
        }
        Ok(form)
    }
}

/// One trainee's check-in, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupItem {
    pub registration_id: i64,
    pub person_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    pub country: String,
    pub has_email: bool,
    pub event_slug: String,
    pub event_title: String,
    pub months: u8,
    pub due_on: NaiveDate,
    pub state: FollowupState,
    pub answer: Option<FollowupAnswerForm>,
    pub answered_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub staff_note: String,
}

/// An event's follow-up page: its assessment questions, its plan, and every trainee's check-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFollowup {
    pub event: EventSummary,
    pub questions: Vec<AssessmentQuestion>,
    pub plan: FollowupPlan,
    pub items: Vec<FollowupItem>,
}

/// Check-ins across all trainings that need attention, and the latest answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupDashboard {
    pub overdue: Vec<FollowupItem>,
    pub due: Vec<FollowupItem>,
    /// Answered in the last [`RECENT_ANSWER_DAYS`] days, newest first.
    pub answered: Vec<FollowupItem>,
}

pub const RECENT_ANSWER_DAYS: i64 = 90;

/// What a trainee sees of the assessment on their private page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAssessment {
    pub questions: Vec<AssessmentQuestion>,
    /// Phases that can be answered now.
    pub open: Vec<AssessmentPhase>,
    /// Their answers so far: (phase, question id, score).
    pub answers: Vec<(AssessmentPhase, i64, u8)>,
}

/// A check-in on the trainee's private page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFollowup {
    pub months: u8,
    pub due_on: NaiveDate,
    /// May be answered (it has fallen due); answers can be corrected later.
    pub open: bool,
    pub answer: Option<FollowupAnswerForm>,
}

/// The trainee part of a private page (empty outside a cohort).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTraining {
    pub assessment: Option<MyAssessment>,
    pub followups: Vec<MyFollowup>,
}

/// One event in a person's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub event: EventSummary,
    pub registration_id: i64,
    pub role: String,
    pub status: String,
    pub registered_at: DateTime<Utc>,
    pub days_present: u32,
    pub total_days: u32,
    /// Whether they met the completion rule (trainees, and everyone at events without trainees).
    pub completed: Option<bool>,
    pub assessment: AssessmentResult,
    pub followups: Vec<FollowupItem>,
}

/// A person's page for staff: who they are and everything they did with the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonHistory {
    pub person_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub email: String,
    pub organisation: String,
    pub country: String,
    /// Oldest first.
    pub entries: Vec<HistoryEntry>,
    /// Events they took part in after their first training (the measure of staying engaged).
    pub later_events: u32,
    /// When their identity was removed (by staff, at their request or by retention).
    pub anonymised_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether the viewer may anonymise them (coordinators); set by the page's server function.
    pub can_anonymise: bool,
    /// Events the network attended where they were in its delegation, earliest first.
    #[serde(default)]
    pub delegations: Vec<crate::forum_types::DelegationMember>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn a_plan_is_read_sorted_without_repeats_and_bounded() {
        assert_eq!(FollowupPlan::parse("6, 1 3,3").unwrap().0, vec![1, 3, 6]);
        assert_eq!(FollowupPlan::parse("  ").unwrap().0, Vec::<u8>::new());
        assert_eq!(FollowupPlan::parse("1,3,6").unwrap().as_stored(), "1,3,6");
        for (raw, message) in [
            ("0", "out-of-range"),
            ("37", "out-of-range"),
            ("-1", "out-of-range"),
            ("three", "invalid-number"),
            ("1,2,3,4,5,6,7", "too-many"),
        ] {
            assert_eq!(
                FollowupPlan::parse(raw).unwrap_err(),
                DomainError::validation("followup_months", message),
                "{raw}"
            );
        }
    }

    #[test]
    fn checkins_fall_due_months_after_the_last_day_clamped_to_short_months() {
        assert_eq!(due_on(d(2016, 6, 8), 1), d(2016, 7, 8));
        assert_eq!(due_on(d(2016, 6, 8), 6), d(2016, 12, 8));
        assert_eq!(due_on(d(2017, 1, 31), 1), d(2017, 2, 28));
    }

    #[test]
    fn a_checkin_is_upcoming_then_due_then_overdue_unless_answered() {
        let due = d(2016, 7, 8);
        assert_eq!(
            FollowupState::of(due, d(2016, 7, 7), false),
            FollowupState::Upcoming
        );
        assert_eq!(FollowupState::of(due, due, false), FollowupState::Due);
        assert_eq!(
            FollowupState::of(due, d(2016, 8, 6), false),
            FollowupState::Due
        );
        assert_eq!(
            FollowupState::of(due, d(2016, 8, 7), false),
            FollowupState::Overdue
        );
        assert_eq!(
            FollowupState::of(due, d(2016, 8, 7), true),
            FollowupState::Answered
        );
    }

    #[test]
    fn reminders_go_once_when_due_once_when_overdue_and_never_late() {
        let due = d(2016, 7, 8);
        assert!(!reminder_due(due, d(2016, 7, 7), false, None), "not before");
        assert!(reminder_due(due, due, false, None), "on the day");
        assert!(
            !reminder_due(due, d(2016, 7, 9), false, Some(due)),
            "not twice"
        );
        assert!(!reminder_due(due, due, true, None), "answered");
        let overdue = d(2016, 8, 7);
        assert!(
            reminder_due(due, overdue, false, Some(due)),
            "again when overdue"
        );
        assert!(
            !reminder_due(due, d(2016, 8, 8), false, Some(overdue)),
            "only once more"
        );
        assert!(
            !reminder_due(due, d(2016, 9, 7), false, None),
            "too late to remind"
        );
    }

    #[test]
    fn scores_become_percentages_and_changes_average_over_those_who_answered_both() {
        let s = |points, max| Some(Score { points, max });
        assert_eq!(s(3, 4).and_then(Score::percent), Some(75.0));
        assert_eq!(change(s(2, 10), s(7, 10)), Some(50.0));
        assert_eq!(change(None, s(7, 10)), None);
        assert_eq!(change(s(0, 0), s(7, 10)), None);
        assert_eq!(average_change([Some(50.0), None, Some(-10.0)]), Some(20.0));
        assert_eq!(average_change([None, None]), None);
    }

    #[test]
    fn questions_and_answers_are_validated() {
        let q = |text: &str, max: &str| AssessmentQuestionForm {
            text: text.into(),
            max_score: max.into(),
        };
        assert_eq!(
            q(" Rights of migrants ", "5").validate().unwrap(),
            ("Rights of migrants".into(), 5)
        );
        assert_eq!(q("", "5").validate().unwrap_err().field(), Some("text"));
        assert_eq!(
            q("x", "11").validate().unwrap_err().field(),
            Some("max_score")
        );
        assert_eq!(
            q("x", "five").validate().unwrap_err().field(),
            Some("max_score")
        );
        assert_eq!(parse_score(Some("4"), 5).unwrap(), 4);
        assert_eq!(parse_score(Some("0"), 5).unwrap(), 0);
        assert!(parse_score(Some("6"), 5).is_err());
        assert!(parse_score(Some("-1"), 5).is_err());
        assert!(parse_score(None, 5).is_err());
        let answer = FollowupAnswerForm {
            advocacy: "  Met the labour ministry ".into(),
            ..Default::default()
        };
        assert_eq!(
            answer.validate().unwrap().advocacy,
            "Met the labour ministry"
        );
        assert_eq!(
            FollowupAnswerForm::default()
                .validate()
                .unwrap_err()
                .field(),
            Some("advocacy")
        );
        let long = FollowupAnswerForm {
            advocacy: "a".into(),
            support_needed: "x".repeat(MAX_ANSWER_LEN + 1),
            ..Default::default()
        };
        assert_eq!(long.validate().unwrap_err().field(), Some("support_needed"));
    }
}
