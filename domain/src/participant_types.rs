//! An event's participant list as staff see it (never shown on public pages).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Filters from the list's form; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParticipantFilter {
    pub status: String,
    pub country: String,
    /// Part of the organisation's name, any case.
    pub organisation: String,
    pub sector: String,
    pub gender: String,
    pub role: String,
}

/// One registration with the person's details, staff-only fields included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub registration_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    pub position: String,
    pub country: String,
    pub sector: String,
    pub gender: String,
    pub role: String,
    pub status: String,
    pub public_name_consent: bool,
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: bool,
    pub registered_at: DateTime<Utc>,
    /// `(question, answer)` for each of the event's custom questions, in order (the answer
    /// empty when not given; several options joined with "; ").
    pub answers: Vec<(String, String)>,
}

/// How a sign-in sheet (and the screens that follow its numbering) orders people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterOrder {
    /// By Latin name.
    #[default]
    Name,
    /// Grouped by country, then by name.
    Country,
    /// Grouped by organisation, then by name.
    Organisation,
}

impl RosterOrder {
    pub fn parse(value: &str) -> Option<RosterOrder> {
        match value {
            "" | "name" => Some(RosterOrder::Name),
            "country" => Some(RosterOrder::Country),
            "organisation" => Some(RosterOrder::Organisation),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            RosterOrder::Name => "name",
            RosterOrder::Country => "country",
            RosterOrder::Organisation => "organisation",
        }
    }
}

/// One line of an event's roster: the people expected to sign in, numbered as on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RosterRow {
    /// 1-based, in the roster's order (the "No." column of the sign-in sheet).
    pub number: u32,
    pub registration_id: i64,
    pub person_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub organisation: String,
    /// The country's name as stored (English), and its ISO code (documents print the name
    /// in their reader's language from it).
    pub country: String,
    #[serde(default)]
    pub country_code: String,
    pub gender: String,
    pub sector: String,
    pub role: String,
    pub status: String,
    pub public_name_consent: bool,
}

/// The group a row belongs to under `order` (None when not grouped).
pub fn group_of(row: &RosterRow, order: RosterOrder) -> Option<&str> {
    match order {
        RosterOrder::Name => None,
        RosterOrder::Country => Some(row.country.as_str()),
        RosterOrder::Organisation => Some(row.organisation.as_str()),
    }
}
