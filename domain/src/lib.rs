//! Sala's business: browser-safe types (ids, enums, DTOs, validation) always;
//! database services behind the `ssr` feature.
pub mod attendance_types;
pub mod content_types;
pub mod documentation_types;
pub mod error;
pub mod followup_types;
pub mod forms;
pub mod forum_types;
pub mod import_types;
pub mod interpretation_types;
pub mod languages;
pub mod money;
pub mod participant_types;
pub mod people_types;
pub mod question_types;
pub mod registration_types;
pub mod report_types;
pub mod room_types;
pub mod selection_types;
pub mod series_types;
pub mod travel_types;
pub mod types;
pub mod validate;
pub mod workspace_types;
pub mod zawgyi;

#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod service;

pub use error::DomainError;
