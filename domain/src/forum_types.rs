//! The network's year at forums it does not organise: series and their numbered editions,
//! the host's programme and other organisations' side events, clash warnings while a side
//! event is scheduled, delegations, and recommendations followed across years.
//!
//! Clash rules are pure ([`clashes`]): a side event's slot clashes with another slot of the
//! same forum when their times overlap and (a) they use the same room, (b) a speaker is in
//! both, or (c) the other is a host session the delegation must attend. Warnings never block
//! saving: a coordinator may knowingly double-book.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::types::string_enum;

string_enum!(
    /// Whether the network organises an event or attends someone else's.
    NetworkRole { Organiser => "organiser", Attendee => "attendee" }
);

string_enum!(
    /// Whose agenda session it is.
    Programme { Own => "own", Host => "host", Other => "other" }
);

string_enum!(
    /// A delegation member's part at an attended event.
    DelegationRole { Delegate => "delegate", Speaker => "speaker", Panelist => "panelist" }
);

string_enum!(
    /// Whom a recommendation is addressed to.
    Body {
        Afml => "afml",
        Aichr => "aichr",
        Acmw => "acmw",
        Acwc => "acwc",
        Slom => "slom",
        Government => "government",
        Other => "other",
    }
);

string_enum!(
    /// A dated step in a recommendation's follow-up.
    TrackingStatus {
        Raised => "raised",
        Acknowledged => "acknowledged",
        NoResponse => "no_response",
        Reflected => "reflected",
        Implemented => "implemented",
        Carried => "carried",
        Dropped => "dropped",
    }
);

impl TrackingStatus {
    /// Whether a recommendation whose latest step is this one is still followed up. A carried
    /// one lives on in the later event's row; implemented and dropped ones are closed.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            TrackingStatus::Implemented | TrackingStatus::Carried | TrackingStatus::Dropped
        )
    }
}

/// Longest note, outcome or presentation text accepted (characters).
pub const MAX_NOTE: usize = 4_000;
/// Most slots a forum day's clash check reads; more are refused rather than loaded.
pub const MAX_SLOTS: usize = 500;

/// One slot of a forum as the clash check sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// A side event's event id or a session's id, to leave the slot itself out.
    pub key: SlotKey,
    pub title: String,
    pub programme: Programme,
    pub must_attend: bool,
    pub room: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// People booked to speak (person ids).
    pub speakers: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SlotKey {
    SideEvent(i64),
    Session(i64),
}

/// Why a slot clashes with another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clash {
    SameRoom { other: String, room: String },
    SpeakerBooked { other: String, person_id: i64 },
    MustAttend { other: String },
}

fn overlaps(a: &Slot, b: &Slot) -> bool {
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

fn same_room(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// The clashes of `slot` with `others` (the slot itself, by key, is skipped), in the order
/// of `others`; a slot touching another end to start does not clash.
pub fn clashes(slot: &Slot, others: &[Slot]) -> Vec<Clash> {
    let mut found = Vec::new();
    for other in others
        .iter()
        .filter(|o| o.key != slot.key && overlaps(slot, o))
    {
        if same_room(&slot.room, &other.room) {
            found.push(Clash::SameRoom {
                other: other.title.clone(),
                room: other.room.trim().to_owned(),
            });
        }
        for person in slot.speakers.iter().filter(|p| other.speakers.contains(p)) {
            found.push(Clash::SpeakerBooked {
                other: other.title.clone(),
                person_id: *person,
            });
        }
        if other.programme == Programme::Host && other.must_attend {
            found.push(Clash::MustAttend {
                other: other.title.clone(),
            });
        }
    }
    found
}

/// A clash as a page shows it: a message key with its arguments already resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClashWarning {
    pub clash: Clash,
    /// The booked speaker's name, for `SpeakerBooked`.
    pub person: String,
}

/// A slot of the forum's day as the scheduling page lists it, times in the forum's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlot {
    pub key: SlotKey,
    pub title: String,
    pub programme: Programme,
    pub must_attend: bool,
    pub organiser: String,
    pub room: String,
    pub local_day: String,
    pub local_start: String,
    pub local_end: String,
    pub speakers: Vec<String>,
}

/// An edition as the series page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    pub event_slug: String,
    pub number: i32,
    pub title: String,
    pub theme: String,
    pub city: String,
    pub country: String,
    pub local_start: String,
    pub local_end: String,
    pub timezone: String,
    /// The network's side events: (slug, title, local day).
    pub side_events: Vec<(String, String, String)>,
    /// Published recommendations of the edition and its side events.
    pub recommendations: Vec<TrackedRecommendation>,
}

/// The public series page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPage {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub description: String,
    /// Newest first.
    pub editions: Vec<Edition>,
}

/// A dated step of a recommendation's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStep {
    /// The step's own id (for the forms that correct or remove it).
    pub id: i64,
    /// The row it was recorded on (an earlier row's, for steps carried along).
    pub recommendation_id: i64,
    pub status: TrackingStatus,
    pub noted_on: NaiveDate,
    pub note: String,
    /// The event whose row the step was recorded on (steps of earlier rows are carried along).
    pub event_title: String,
}

/// A recommendation with its bodies, the rows it was carried from and its whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedRecommendation {
    pub id: i64,
    pub number: u32,
    pub text: String,
    pub event_slug: String,
    pub event_title: String,
    pub event_year: i32,
    pub event_starts: DateTime<Utc>,
    pub series_slug: Option<String>,
    pub bodies: Vec<(Body, String)>,
    /// The ids of `bodies`, in the same order (for the forms that edit or remove them).
    pub body_ids: Vec<i64>,
    /// Earlier rows it was carried from, oldest first: (id, event title).
    pub carried_from: Vec<(i64, String)>,
    /// Oldest first, across the rows it was carried from.
    pub history: Vec<StatusStep>,
    /// The latest step of this row (None: nothing recorded yet, still open).
    pub status: Option<TrackingStatus>,
    pub published: bool,
}

impl TrackedRecommendation {
    pub fn is_open(&self) -> bool {
        self.status.is_none_or(TrackingStatus::is_open)
    }
}

/// The tracker's filters, read from the query string (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerFilter {
    pub body: Option<Body>,
    pub year: Option<i32>,
    pub series: Option<String>,
    /// `open` (default when nothing is chosen: every open one), a status, or `all`.
    pub status: Option<String>,
}

/// A delegation member as the staff page and a person's history show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationMember {
    pub id: i64,
    pub event_slug: String,
    pub event_title: String,
    pub local_start: String,
    pub person_id: i64,
    pub person_name: String,
    pub role: DelegationRole,
    pub presented: String,
    pub outcome: String,
}

/// What a step form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepForm {
    pub status: String,
    /// `YYYY-MM-DD`
    pub noted_on: String,
    pub note: String,
}

/// What the delegation form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub person_id: String,
    pub role: String,
    pub presented: String,
    pub outcome: String,
}

/// What the side-event form sends (day `YYYY-MM-DD`, times `HH:MM` in the forum's zone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SideEventForm {
    pub title: String,
    pub day: String,
    pub start: String,
    pub end: String,
    pub room: String,
    /// Person ids, empty when not chosen.
    pub speaker_1: String,
    pub speaker_2: String,
    pub speaker_3: String,
}

/// What the form for a host session or another organisation's side event sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForumSessionForm {
    /// `host` or `other`
    pub programme: String,
    pub title: String,
    pub organiser: String,
    pub day: String,
    pub start: String,
    pub end: String,
    pub room: String,
    /// A checkbox: present when the delegation must attend.
    pub must_attend: Option<String>,
}

/// The scheduling page of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPlan {
    pub slug: String,
    pub title: String,
    pub timezone: String,
    /// The forum's days, `YYYY-MM-DD` in its zone.
    pub days: Vec<String>,
    pub slots: Vec<DaySlot>,
    /// People who may be named as speakers: (id, label).
    pub people: Vec<(i64, String)>,
    /// Clashes of the side event being checked or just saved.
    pub warnings: Option<Vec<ClashWarning>>,
    /// The organisation Sala works for, the organiser of new side events (None: not named yet).
    pub home_organisation: Option<String>,
    /// The series the edition belongs to: (slug, name).
    pub series: Option<(String, String)>,
}

/// The delegation page of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationPage {
    pub title: String,
    pub members: Vec<DelegationMember>,
    /// People who may join: (id, label).
    pub people: Vec<(i64, String)>,
}

/// The tracker page: its rows and the events a recommendation may be carried into
/// (slug, title, start), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerPage {
    pub rows: Vec<TrackedRecommendation>,
    pub targets: Vec<(String, String, DateTime<Utc>)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, h, m, 0)
            .single()
            .unwrap_or_default()
    }

    fn slot(key: SlotKey, from: (u32, u32), to: (u32, u32), room: &str, speakers: &[i64]) -> Slot {
        Slot {
            key,
            title: format!("{key:?}"),
            programme: Programme::Own,
            must_attend: false,
            room: room.into(),
            starts_at: at(from.0, from.1),
            ends_at: at(to.0, to.1),
            speakers: speakers.to_vec(),
        }
    }

    #[test]
    fn same_room_overlapping_clashes_but_touching_does_not() {
        let mine = slot(SlotKey::SideEvent(1), (9, 0), (10, 30), "Room B ", &[]);
        let other = slot(SlotKey::Session(7), (10, 0), (11, 0), "room b", &[]);
        let after = slot(SlotKey::Session(8), (10, 30), (12, 0), "Room B", &[]);
        assert_eq!(
            clashes(&mine, &[other.clone(), after]),
            vec![Clash::SameRoom {
                other: other.title.clone(),
                room: "room b".into()
            }]
        );
        // No room named: no room clash.
        let unnamed = slot(SlotKey::SideEvent(1), (9, 0), (10, 30), " ", &[]);
        let other_unnamed = slot(SlotKey::Session(7), (9, 0), (10, 0), "", &[]);
        assert!(clashes(&unnamed, &[other_unnamed]).is_empty());
    }

    #[test]
    fn a_speaker_booked_twice_clashes_once_per_shared_speaker() {
        let mine = slot(SlotKey::SideEvent(1), (9, 0), (10, 0), "A", &[3, 4, 5]);
        let other = slot(SlotKey::SideEvent(2), (9, 30), (11, 0), "B", &[5, 3]);
        let later = slot(SlotKey::SideEvent(3), (10, 0), (11, 0), "C", &[3]);
        let found = clashes(&mine, &[other, later]);
        assert_eq!(found.len(), 2);
        assert!(found
            .iter()
            .all(|c| matches!(c, Clash::SpeakerBooked { person_id, .. } if *person_id == 3 || *person_id == 5)));
    }

    #[test]
    fn only_host_sessions_the_delegation_must_attend_clash_by_time() {
        let mine = slot(SlotKey::SideEvent(1), (14, 0), (15, 0), "A", &[]);
        let mut plenary = slot(SlotKey::Session(9), (14, 30), (16, 0), "Hall", &[]);
        plenary.programme = Programme::Host;
        let optional = plenary.clone();
        plenary.must_attend = true;
        let mut own_required = slot(SlotKey::Session(10), (14, 0), (15, 0), "Hall", &[]);
        own_required.must_attend = true;
        let found = clashes(&mine, &[optional, own_required, plenary.clone()]);
        assert_eq!(
            found,
            vec![Clash::MustAttend {
                other: plenary.title
            }]
        );
    }

    #[test]
    fn the_slot_itself_is_left_out() {
        let mine = slot(SlotKey::SideEvent(1), (9, 0), (10, 0), "A", &[1]);
        assert!(clashes(&mine, std::slice::from_ref(&mine)).is_empty());
    }

    #[test]
    fn carried_implemented_and_dropped_are_closed() {
        let open: Vec<_> = TrackingStatus::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(
            open,
            vec![
                &TrackingStatus::Raised,
                &TrackingStatus::Acknowledged,
                &TrackingStatus::NoResponse,
                &TrackingStatus::Reflected
            ]
        );
    }
}
