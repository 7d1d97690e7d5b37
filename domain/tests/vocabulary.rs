//! The promise of `migration/src/vocab.rs`: for every enumerated column whose values the domain
//! names with an enum, the enum's stored texts (`as_str()`) are exactly the migration's list of
//! allowed values, in both directions. A value the enum has and the list lacks would be refused
//! by the database's CHECK constraint; a value the list has and the enum lacks would make a
//! stored row unreadable.
use std::collections::BTreeSet;

use domain::content_types::OwnerKind;
use domain::forum_types::{Body, DelegationRole, NetworkRole, Programme, TrackingStatus};
use domain::selection_types::{InvitationState, TargetDimension};
use domain::service::privacy::Action;
use domain::types::{
    EventKind, EventStatus, Gender, OrganisationRole, QuestionKind, RecommendationStatus,
    RegistrationMode, RegistrationRole, RegistrationStatus, Role, Sector, SessionKind, SessionRole,
    Visibility,
};
use migration::vocab;

/// The stored texts of every value of an enum (each enum has `ALL` and `as_str()`).
macro_rules! texts {
    ($enum:ty) => {
        <$enum>::ALL
            .iter()
            .map(|value| value.as_str())
            .collect::<Vec<&str>>()
    };
}

/// Asserts that `ours` (an enum's texts) and `allowed` (a migration's list) hold the same
/// values, each once.
fn same(column: &str, ours: Vec<&str>, allowed: &[&str]) {
    let enum_set: BTreeSet<&str> = ours.iter().copied().collect();
    let list_set: BTreeSet<&str> = allowed.iter().copied().collect();
    assert_eq!(
        enum_set.len(),
        ours.len(),
        "{column}: the enum repeats a text"
    );
    assert_eq!(
        list_set.len(),
        allowed.len(),
        "{column}: the list repeats a value"
    );
    let missing: Vec<_> = list_set.difference(&enum_set).collect();
    let extra: Vec<_> = enum_set.difference(&list_set).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{column}: allowed by the migration but not in the enum: {missing:?}; \
         in the enum but refused by the migration: {extra:?}"
    );
}

#[test]
fn every_enum_matches_its_columns_allowed_values() {
    same("users.role", texts!(Role), vocab::USER_ROLES);
    same("people.sector", texts!(Sector), vocab::SECTORS);
    same("people.gender", texts!(Gender), vocab::GENDERS);
    same("events.kind", texts!(EventKind), vocab::EVENT_KINDS);
    same("events.status", texts!(EventStatus), vocab::EVENT_STATUSES);
    same(
        "events.visibility",
        texts!(Visibility),
        vocab::EVENT_VISIBILITIES,
    );
    same(
        "events.registration_mode",
        texts!(RegistrationMode),
        vocab::REGISTRATION_MODES,
    );
    same(
        "event_organisations.role",
        texts!(OrganisationRole),
        vocab::EVENT_ORGANISATION_ROLES,
    );
    same(
        "event_sessions.kind",
        texts!(SessionKind),
        vocab::SESSION_KINDS,
    );
    same(
        "session_roles.role",
        texts!(SessionRole),
        vocab::SESSION_ROLES,
    );
    same(
        "registrations.status",
        texts!(RegistrationStatus),
        vocab::REGISTRATION_STATUSES,
    );
    same(
        "registrations.role",
        texts!(RegistrationRole),
        vocab::REGISTRATION_ROLES,
    );
    same(
        "recommendations.status",
        texts!(RecommendationStatus),
        vocab::RECOMMENDATION_STATUSES,
    );
    same(
        "event_questions.kind",
        texts!(QuestionKind),
        vocab::QUESTION_KINDS,
    );
    same(
        "selection_targets.dimension",
        texts!(TargetDimension),
        vocab::TARGET_DIMENSIONS,
    );
    same(
        "invitations.status",
        texts!(InvitationState),
        vocab::INVITATION_STATES,
    );
    same("privacy_log.action", texts!(Action), vocab::PRIVACY_ACTIONS);
    same(
        "content_translations.owner_kind",
        texts!(OwnerKind),
        vocab::OWNER_KINDS,
    );
    same(
        "events.network_role",
        texts!(NetworkRole),
        vocab::NETWORK_ROLES,
    );
    same(
        "event_sessions.programme",
        texts!(Programme),
        vocab::PROGRAMMES,
    );
    same(
        "delegation_members.role",
        texts!(DelegationRole),
        vocab::DELEGATION_ROLES,
    );
    same("recommendation_bodies.body", texts!(Body), vocab::BODIES);
    same(
        "recommendation_status_changes.status",
        texts!(TrackingStatus),
        vocab::TRACKING_STATUSES,
    );
}

#[test]
fn the_check_reports_a_difference_either_way() {
    let too_many = std::panic::catch_unwind(|| same("t", vec!["a", "b"], &["a"]));
    let too_few = std::panic::catch_unwind(|| same("t", vec!["a"], &["a", "b"]));
    let repeated = std::panic::catch_unwind(|| same("t", vec!["a", "a"], &["a"]));
    assert!(too_many.is_err() && too_few.is_err() && repeated.is_err());
    same("t", vec!["b", "a"], &["a", "b"]);
}
