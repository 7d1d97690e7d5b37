//! sea-orm entities for Sala's tables, one module per table (compact format).
//!
//! No business logic here: enumerated columns are plain `String`s that the `domain` crate
//! turns into enums, and the schema itself is owned by the `migration` crate.

pub mod application_reviews;
pub mod assessment_answers;
pub mod assessment_questions;
pub mod attendance;
pub mod content_translations;
pub mod countries;
pub mod delegation_members;
pub mod email_changes;
pub mod event_objectives;
pub mod event_organisations;
pub mod event_questions;
pub mod event_sessions;
pub mod events;
pub mod executive_summaries;
pub mod exports;
pub mod followups;
pub mod form_drafts;
pub mod hotels;
pub mod interpretation_assignments;
pub mod invitations;
pub mod letterheads;
pub mod login_sessions;
pub mod organisations;
pub mod outbox;
pub mod pending_imports;
pub mod people;
pub mod per_diem_rates;
pub mod privacy_log;
pub mod recommendation_bodies;
pub mod recommendation_carries;
pub mod recommendation_status_changes;
pub mod recommendations;
pub mod regions;
pub mod registration_answers;
pub mod registration_links;
pub mod registration_status_changes;
pub mod registrations;
pub mod room_assignments;
pub mod rooms;
pub mod selection_targets;
pub mod series;
pub mod series_editions;
pub mod session_roles;
pub mod throttles;
pub mod travel_details;
pub mod travel_payments;
pub mod users;

pub mod prelude {
    pub use super::attendance::Entity as Attendance;
    pub use super::countries::Entity as Countries;
    pub use super::event_objectives::Entity as EventObjectives;
    pub use super::event_organisations::Entity as EventOrganisations;
    pub use super::event_sessions::Entity as EventSessions;
    pub use super::events::Entity as Events;
    pub use super::login_sessions::Entity as LoginSessions;
    pub use super::organisations::Entity as Organisations;
    pub use super::outbox::Entity as Outbox;
    pub use super::people::Entity as People;
    pub use super::regions::Entity as Regions;
    pub use super::registration_status_changes::Entity as RegistrationStatusChanges;
    pub use super::registrations::Entity as Registrations;
    pub use super::session_roles::Entity as SessionRoles;
    pub use super::users::Entity as Users;
}
