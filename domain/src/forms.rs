//! What coordinators type into the event and agenda forms, before checking.
//! Every field is text as the browser sends it; `service::event_admin` checks and converts.
use serde::{Deserialize, Serialize};

/// The event form. Dates and times are local to `timezone` (HTML `datetime-local`: `YYYY-MM-DDTHH:MM`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    /// Empty: derived from the title.
    pub slug: String,
    pub kind: String,
    pub summary: String,
    pub description: String,
    /// One objective per line; numbered in order.
    pub objectives: String,
    pub timezone: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_name: String,
    pub venue_address: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country_code: String,
    /// One organisation per line, each `role: Name` with role organiser, co_organiser, supporter or funder
    /// (a line without a role is an organiser). Unknown organisations are created.
    pub organisations: String,
    /// Comma-separated language names or tags.
    pub working_languages: String,
    pub interpretation_languages: String,
    /// Empty for no limit.
    pub capacity: String,
    pub registration_mode: String,
    pub registration_opens_at: String,
    pub registration_closes_at: String,
    pub visibility: String,
    /// Slug of the host forum (side event) or series, or empty.
    pub parent_slug: String,
    /// Months after the event's end when its personal data is purged; empty keeps it.
    pub retention_months: String,
    /// `organiser` (the network organises the event) or `attendee` (it attends an event
    /// others organise, e.g. a forum). Empty: organiser for a new event, unchanged on edit.
    pub network_role: String,
}

/// One agenda slot. `day` is `YYYY-MM-DD`, `start`/`end` are `HH:MM`, local to the event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub day: String,
    pub start: String,
    pub end: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub room: String,
    pub language: String,
}

/// Something a coordinator should look at; saving still succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgendaWarning {
    /// One person is in two sessions that overlap: (person name, session ids).
    PersonDoubleBooked {
        person: String,
        sessions: (i64, i64),
    },
    /// Two sessions overlap in one room.
    RoomDoubleBooked { room: String, sessions: (i64, i64) },
    /// A session lies (partly) outside the event's dates.
    OutsideEvent { session: i64 },
}

/// A speaker, moderator or other resource person typed into the agenda editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewSpeaker {
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    pub country_code: String,
}
