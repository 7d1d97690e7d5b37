//! What the staff pages of forum series send and show: a series' own form, its editions
//! (each an event with a number and a theme), the ways to add one (a new event, or an
//! existing event not yet in a series), and the organisation Sala works for.
//!
//! Forms are text as the browser sends it; `service::series_admin` and
//! `service::organisations` check and convert it.
use serde::{Deserialize, Serialize};

use crate::forum_types::NetworkRole;
use crate::types::EventStatus;

/// Longest series name (the column holds 300).
pub const MAX_SERIES_NAME: usize = 300;
/// Longest series address (`/series/{slug}`).
pub const MAX_SERIES_SLUG: usize = 80;
/// Longest acronym ("AFML", "ACSC/APF").
pub const MAX_ACRONYM: usize = 40;
/// Longest series description (characters).
pub const MAX_SERIES_DESCRIPTION: usize = 4_000;
/// Longest edition theme (characters).
pub const MAX_THEME: usize = 500;
/// Highest edition number (the table's check constraint says the same).
pub const MAX_EDITION_NUMBER: i64 = 1_000;
/// Most events offered for linking as an edition (newest first).
pub const MAX_CANDIDATES: u64 = 300;
/// Most series listed on the staff page.
pub const MAX_SERIES: u64 = 500;

/// A series' own fields. An empty slug is derived from the name (or the acronym).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeriesForm {
    pub name: String,
    pub slug: String,
    pub acronym: String,
    pub description: String,
}

/// A new event that becomes an edition: the event form's essentials plus the edition's
/// number and theme. Dates and times are local to `timezone` (`YYYY-MM-DDTHH:MM`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewEditionForm {
    pub title: String,
    pub number: String,
    pub country_code: String,
    pub city: String,
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub theme: String,
}

/// An existing event (by its address) made an edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkEditionForm {
    pub event_slug: String,
    pub number: String,
    pub theme: String,
}

/// An edition's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditionForm {
    pub number: String,
    pub theme: String,
}

/// A series as the staff list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub editions: u64,
}

/// The staff list of series, and whether the caller may create one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesList {
    pub series: Vec<SeriesSummary>,
    pub can_write: bool,
}

/// An edition as the series' staff page lists it (dates local to the event's zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionRow {
    pub event_slug: String,
    pub title: String,
    pub number: i32,
    pub theme: String,
    pub city: String,
    pub country: String,
    pub local_start: String,
    pub local_end: String,
    pub status: EventStatus,
    pub network_role: NetworkRole,
    /// Whether the public series page shows it (published or closed, and public).
    pub shown: bool,
}

/// An event that may be linked as an edition: (slug, title, local first day).
pub type Candidate = (String, String, String);

/// The staff page of one series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesAdmin {
    pub slug: String,
    pub form: SeriesForm,
    /// Newest first.
    pub editions: Vec<EditionRow>,
    /// Events not in any series (and not side events), newest first.
    pub candidates: Vec<Candidate>,
    /// The next free number (one past the highest).
    pub next_number: i32,
    /// Countries a new edition may be hosted in: (code, name), by name.
    pub countries: Vec<(String, String)>,
    pub can_write: bool,
}

/// The organisation Sala works for, and the organisations it may be chosen from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOrganisation {
    /// (id, name) of the current one.
    pub current: Option<(i64, String)>,
    /// (id, name), by name.
    pub options: Vec<(i64, String)>,
}

/// Choosing the organisation Sala works for: an existing one (`organisation_id`), or a
/// name (an organisation of that name is used, or created).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HomeForm {
    pub organisation_id: String,
    pub name: String,
}
