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
}
