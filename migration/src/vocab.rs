//! The allowed values of every enumerated column, as stored (snake_case TEXT).
//!
//! Migrations turn these lists into CHECK constraints; the `domain` crate owns the matching
//! Rust enums and can test its `as_str()` values against these lists.
//! Changing a list here after a migration has run changes nothing in existing databases:
//! add a new migration instead.

pub const USER_ROLES: &[&str] = &["admin", "coordinator", "staff"];

pub const SECTORS: &[&str] = &[
    "government",
    "cso_ngo",
    "trade_union",
    "migrant_workers_association",
    "academic_research",
    "intergovernmental",
    "employer",
    "media",
    "donor",
    "other",
];

pub const GENDERS: &[&str] = &["female", "male", "non_binary", "other", "prefer_not_to_say"];

pub const EVENT_KINDS: &[&str] = &[
    "training",
    "consultation_meeting",
    "workshop",
    "forum",
    "symposium",
    "side_event",
    "general_conference",
];

pub const EVENT_STATUSES: &[&str] = &["draft", "published", "closed", "archived"];

pub const EVENT_VISIBILITIES: &[&str] = &["public", "invite_only"];

pub const REGISTRATION_MODES: &[&str] = &["open", "application", "invitation"];

pub const EVENT_ORGANISATION_ROLES: &[&str] = &["organiser", "co_organiser", "supporter", "funder"];

pub const SESSION_KINDS: &[&str] = &[
    "opening",
    "plenary",
    "presentation",
    "panel",
    "group_work",
    "report_back",
    "qa",
    "break",
    "meal",
    "field_visit",
    "closing",
];

pub const SESSION_ROLES: &[&str] = &[
    "speaker",
    "panelist",
    "moderator",
    "facilitator",
    "resource_person",
    "rapporteur",
];

pub const REGISTRATION_STATUSES: &[&str] = &[
    "applied",
    "invited",
    "confirmed",
    "waitlisted",
    "declined",
    "withdrawn",
    "rejected",
];

pub const REGISTRATION_ROLES: &[&str] = &[
    "participant",
    "trainee",
    "speaker",
    "panelist",
    "moderator",
    "facilitator",
    "resource_person",
    "organiser",
    "observer",
    "interpreter",
];

// Lists declared by later migrations next to the tables they constrain, gathered here so that
// every enumerated column's allowed values are found (and tested against the domain's enums)
// in one place.
pub use crate::m20261123_000006_create_documentation::RECOMMENDATION_STATUSES;
pub use crate::m20261123_000010_create_event_questions::QUESTION_KINDS;
pub use crate::m20261123_000011_create_selection::{INVITATION_STATES, TARGET_DIMENSIONS};
pub use crate::m20261123_000013_add_privacy::PRIVACY_ACTIONS;
pub use crate::m20261123_000014_create_content_translations::OWNER_KINDS;
pub use crate::m20261206_000100_create_series::{NETWORK_ROLES, PROGRAMMES};
pub use crate::m20261206_000110_create_delegations::DELEGATION_ROLES;
pub use crate::m20261206_000120_add_recommendation_tracking::{BODIES, TRACKING_STATUSES};
