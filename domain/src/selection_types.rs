//! Selecting trainees and inviting people, as pages see it: the forms (text as the browser
//! sends it), their checks (pure functions), and what the selection and invitation screens
//! show.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::{string_enum, EventSummary, Gender, RegistrationStatus, Sector};
use crate::DomainError;

/// Scores go from 1 (weak) to this.
pub const MAX_SCORE: i16 = 5;
pub const MAX_COMMENT: usize = 2_000;
/// Addresses one invitation form may hold.
pub const MAX_INVITES: usize = 300;
const MAX_TARGET: i32 = 10_000;

/// A reviewer's score and comment on one application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub score: String,
    pub comment: String,
}

/// The score (1..=MAX_SCORE) and the trimmed comment.
pub fn check_review(form: &ReviewForm) -> Result<(i16, String), DomainError> {
    let score = form
        .score
        .trim()
        .parse::<i16>()
        .ok()
        .filter(|s| (1..=MAX_SCORE).contains(s))
        .ok_or_else(|| DomainError::validation("score", "invalid-score"))?;
    let comment = form.comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        return Err(DomainError::validation("comment", "too-long"));
    }
    let allowed = |c: char| matches!(c, '\n' | '\r' | '\t');
    if comment.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(DomainError::validation("comment", "invalid-characters"));
    }
    Ok((score, comment.to_owned()))
}

/// What a target counts people by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetDimension {
    Country,
    Gender,
    Sector,
}

impl TargetDimension {
    pub const ALL: &'static [TargetDimension] = &[Self::Country, Self::Gender, Self::Sector];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Gender => "gender",
            Self::Sector => "sector",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|d| d.as_str() == value)
    }
}

/// The targets form: `targets["gender:female"] = "10"`, `targets["country:KH"] = "5"`
/// (an empty number means no target), plus one more country typed by its code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetsForm {
    pub targets: BTreeMap<String, String>,
    pub new_country: String,
    pub new_country_target: String,
}

/// The form field a target's number is typed into (`target-gender-female`).
pub fn target_field(dimension: TargetDimension, value: &str) -> String {
    format!("target-{}-{value}", dimension.as_str())
}

fn target_number(field: &str, raw: &str) -> Result<Option<i32>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i32>()
        .ok()
        .filter(|n| (0..=MAX_TARGET).contains(n))
        .map(Some)
        .ok_or_else(|| DomainError::validation(field, "invalid-number"))
}

/// The targets to store: (dimension, value, number), with gender and sector values from
/// their lists and country codes upper-cased (whether a country exists is the service's check).
pub fn check_targets(
    form: &TargetsForm,
) -> Result<Vec<(TargetDimension, String, i32)>, DomainError> {
    let mut out: Vec<(TargetDimension, String, i32)> = Vec::new();
    let mut put = |d: TargetDimension, v: String, n: i32| {
        out.retain(|(d2, v2, _)| !(*d2 == d && *v2 == v));
        out.push((d, v, n));
    };
    for (key, raw) in &form.targets {
        let (dimension, value) = key
            .split_once(':')
            .and_then(|(d, v)| Some((TargetDimension::parse(d)?, v)))
            .ok_or_else(|| DomainError::validation("targets", "invalid-choice"))?;
        let value = match dimension {
            TargetDimension::Gender => Gender::parse(value).map(|g| g.as_str().to_owned()),
            TargetDimension::Sector => Sector::parse(value).map(|s| s.as_str().to_owned()),
            TargetDimension::Country => country(value),
        }
        .ok_or_else(|| DomainError::validation("targets", "invalid-choice"))?;
        if let Some(n) = target_number(&target_field(dimension, &value), raw)? {
            put(dimension, value, n);
        }
    }
    let code = form.new_country.trim();
    if !code.is_empty() || !form.new_country_target.trim().is_empty() {
        let code = country(code)
            .ok_or_else(|| DomainError::validation("new_country", "unknown-country"))?;
        let n = target_number("new_country_target", &form.new_country_target)?
            .ok_or_else(|| DomainError::validation("new_country_target", "invalid-number"))?;
        put(TargetDimension::Country, code, n);
    }
    Ok(out)
}

fn country(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())).then_some(code)
}

/// A coordinator's decision on many applications at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Reserve,
    Reject,
}

impl Decision {
    pub const ALL: &'static [Decision] = &[Self::Accept, Self::Reserve, Self::Reject];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Reserve => "reserve",
            Self::Reject => "reject",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|d| d.as_str() == value)
    }
    /// The status a decided registration takes.
    pub fn status(self) -> RegistrationStatus {
        match self {
            Self::Accept => RegistrationStatus::Confirmed,
            Self::Reserve => RegistrationStatus::Waitlisted,
            Self::Reject => RegistrationStatus::Rejected,
        }
    }
}

/// The bulk decision form: one checkbox per applicant (`picked[r{id}] = on`), the decision,
/// and whether to tell the people by e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub notify: Option<String>,
    pub picked: BTreeMap<String, String>,
}

/// The checkbox name of an applicant in [`DecisionForm::picked`].
pub fn pick_key(registration_id: i64) -> String {
    format!("r{registration_id}")
}

/// The decision, the ticked registrations (sorted, no repeats) and whether to notify.
pub fn check_decision(form: &DecisionForm) -> Result<(Decision, Vec<i64>, bool), DomainError> {
    let decision = Decision::parse(form.decision.trim())
        .ok_or_else(|| DomainError::validation("decision", "invalid-choice"))?;
    let mut ids = Vec::new();
    for (key, value) in &form.picked {
        if matches!(value.trim(), "" | "off" | "0" | "false") {
            continue;
        }
        let id = key
            .strip_prefix('r')
            .and_then(|n| n.parse::<i64>().ok())
            .ok_or_else(|| DomainError::validation("picked", "invalid-choice"))?;
        ids.push(id);
    }
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(DomainError::validation("picked", "nothing-selected"));
    }
    let notify = form
        .notify
        .as_deref()
        .is_some_and(|v| !matches!(v.trim(), "" | "off" | "0" | "false"));
    Ok((decision, ids, notify))
}

/// One reviewer's score and comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub reviewer_id: i64,
    pub reviewer: String,
    pub score: i16,
    pub comment: String,
    pub updated_at: DateTime<Utc>,
}

/// One application on the selection screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub registration_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    pub position: String,
    pub country_code: String,
    pub country: String,
    pub sector: String,
    pub gender: String,
    pub status: RegistrationStatus,
    pub applied_at: DateTime<Utc>,
    /// `(question, answer)` for each of the event's questions, in order.
    pub answers: Vec<(String, String)>,
    pub reviews: Vec<Review>,
    /// The average score in hundredths (4.25 is 425); None before any review.
    pub average_x100: Option<u32>,
}

/// "4.25" from 425.
pub fn format_average(x100: u32) -> String {
    format!("{}.{:02}", x100 / 100, x100 % 100)
}

/// The average of scores in hundredths, rounded half up.
pub fn average_x100(scores: &[i16]) -> Option<u32> {
    if scores.is_empty() {
        return None;
    }
    let sum: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    let n = i64::try_from(scores.len()).ok()?;
    u32::try_from((sum * 200 + n) / (2 * n)).ok()
}

/// People accepted and applied with one value of a dimension, against the target if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetCount {
    pub dimension: TargetDimension,
    /// The stored value: a country code, or a gender or sector value.
    pub value: String,
    /// The country's name, or the value itself.
    pub label: String,
    pub target: Option<i32>,
    /// Confirmed registrations with this value.
    pub accepted: u64,
    /// Registrations with this value that have not withdrawn or declined.
    pub applied: u64,
}

/// The selection screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionView {
    pub event: EventSummary,
    pub capacity: Option<i32>,
    pub confirmed: u64,
    pub questions: Vec<String>,
    /// Best average first, then unreviewed ones in the order they applied.
    pub applicants: Vec<Applicant>,
    /// By dimension, then targeted values first, then by label.
    pub counts: Vec<TargetCount>,
}

/// The invitation form: one address a line, optionally followed by the organisation's name
/// after a comma, semicolon or tab (`info@union.org, Cambodian Labour Union`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub lines: String,
}

/// (address, organisation) per line, addresses checked and lower-cased, repeats dropped.
pub fn check_invites(form: &InviteForm) -> Result<Vec<(String, String)>, DomainError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in form.lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (email, organisation) = match line.find([',', ';', '\t']) {
            Some(at) => (&line[..at], line[at + 1..].trim()),
            None => (line, ""),
        };
        let email = crate::validate::email("lines", email)
            .map_err(|_| DomainError::validation("lines", "invalid-invite-line"))?;
        if organisation.chars().count() > 200 || organisation.chars().any(char::is_control) {
            return Err(DomainError::validation("lines", "invalid-invite-line"));
        }
        if !out.iter().any(|(e, _)| *e == email) {
            out.push((email, organisation.to_owned()));
        }
    }
    if out.is_empty() {
        return Err(DomainError::validation("lines", "required"));
    }
    if out.len() > MAX_INVITES {
        return Err(DomainError::validation("lines", "too-many-invites"));
    }
    Ok(out)
}

string_enum!(
    /// Where an invitation stands.
    InvitationState { Sent => "sent", Registered => "registered", Declined => "declined" }
);

/// One invitation as the coordinators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub organisation: String,
    pub state: InvitationState,
    pub sent_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    /// The name of the person who registered through it.
    pub registered_name: Option<String>,
}

/// What sending a list of invitations did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteOutcome {
    /// New invitations e-mailed.
    pub sent: u32,
    /// Invitations not answered yet, e-mailed again with a new link.
    pub resent: u32,
    /// Already answered (registered or declined): nothing sent.
    pub skipped: u32,
}

/// What the invitation link shows: the event and what the invitation knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub event: EventSummary,
    pub email: String,
    pub organisation: String,
    pub state: InvitationState,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_one_to_five() {
        let form = |s: &str| ReviewForm {
            score: s.into(),
            comment: " Strong advocacy record \n".into(),
        };
        assert_eq!(
            check_review(&form("4")).unwrap(),
            (4, "Strong advocacy record".into())
        );
        for bad in ["0", "6", "", "four", "-1"] {
            assert_eq!(
                check_review(&form(bad)).err(),
                Some(DomainError::validation("score", "invalid-score")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn averages_in_hundredths() {
        assert_eq!(average_x100(&[]), None);
        assert_eq!(average_x100(&[4, 5]), Some(450));
        assert_eq!(average_x100(&[1, 2, 2]), Some(167));
        assert_eq!(format_average(450), "4.50");
        assert_eq!(format_average(167), "1.67");
    }

    #[test]
    fn targets_are_checked() {
        let mut form = TargetsForm::default();
        form.targets.insert("country:kh".into(), "5".into());
        form.targets.insert("gender:female".into(), "10".into());
        form.targets.insert("sector:trade_union".into(), " ".into());
        form.new_country = "th".into();
        form.new_country_target = "5".into();
        let mut got = check_targets(&form).unwrap();
        got.sort();
        assert_eq!(
            got,
            vec![
                (TargetDimension::Country, "KH".into(), 5),
                (TargetDimension::Country, "TH".into(), 5),
                (TargetDimension::Gender, "female".into(), 10),
            ]
        );
        form.targets.insert("gender:female".into(), "ten".into());
        assert_eq!(
            check_targets(&form).err(),
            Some(DomainError::validation(
                "target-gender-female",
                "invalid-number"
            ))
        );
        let mut odd = TargetsForm::default();
        odd.targets.insert("religion:x".into(), "1".into());
        assert!(check_targets(&odd).is_err());
    }

    #[test]
    fn decisions_need_a_choice_and_someone() {
        let mut form = DecisionForm {
            decision: "accept".into(),
            notify: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(
            check_decision(&form).err(),
            Some(DomainError::validation("picked", "nothing-selected"))
        );
        form.picked.insert(pick_key(12), "on".into());
        form.picked.insert(pick_key(3), "on".into());
        assert_eq!(
            check_decision(&form).unwrap(),
            (Decision::Accept, vec![3, 12], true)
        );
        form.decision = "maybe".into();
        assert!(check_decision(&form).is_err());
    }

    #[test]
    fn invitation_lines() {
        let form = InviteForm {
            lines: "Info@Union.org, Cambodian Labour Union\n\n a@example.org \ninfo@union.org"
                .into(),
        };
        assert_eq!(
            check_invites(&form).unwrap(),
            vec![
                ("info@union.org".into(), "Cambodian Labour Union".into()),
                ("a@example.org".into(), String::new()),
            ]
        );
        let bad = InviteForm {
            lines: "not an address".into(),
        };
        assert_eq!(
            check_invites(&bad).err(),
            Some(DomainError::validation("lines", "invalid-invite-line"))
        );
    }
}
