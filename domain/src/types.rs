//! Browser-safe vocabulary: ids, kinds, states and the DTOs pages receive.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value stored in the database and used in URLs and forms.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(value: &str) -> Option<Self> {
                match value { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What a staff account may do. Each role includes the ones below it.
    Role { Admin => "admin", Coordinator => "coordinator", Staff => "staff" }
);

impl Role {
    fn rank(self) -> u8 {
        match self {
            Role::Admin => 3,
            Role::Coordinator => 2,
            Role::Staff => 1,
        }
    }

    /// True when a holder of `self` may do what `required` may do.
    pub fn allows(self, required: Role) -> bool {
        self.rank() >= required.rank()
    }
}

string_enum!(EventKind {
    Training => "training",
    ConsultationMeeting => "consultation_meeting",
    Workshop => "workshop",
    Forum => "forum",
    Symposium => "symposium",
    SideEvent => "side_event",
    GeneralConference => "general_conference",
});

string_enum!(EventStatus {
    Draft => "draft",
    Published => "published",
    Closed => "closed",
    Archived => "archived",
});

string_enum!(Visibility { Public => "public", InviteOnly => "invite_only" });

string_enum!(RegistrationMode {
    Open => "open",
    Application => "application",
    Invitation => "invitation",
});

string_enum!(
    /// An organisation's part in an event, in the order the event form lists them.
    OrganisationRole {
        Organiser => "organiser",
        CoOrganiser => "co_organiser",
        Supporter => "supporter",
        Funder => "funder",
    }
);

impl OrganisationRole {
    /// Whether the organisation runs the event (organiser or co-organiser): they sign its
    /// certificates and are named as its organisers in the annual report.
    pub fn organises(self) -> bool {
        matches!(
            self,
            OrganisationRole::Organiser | OrganisationRole::CoOrganiser
        )
    }
}

string_enum!(SessionKind {
    Opening => "opening",
    Plenary => "plenary",
    Presentation => "presentation",
    Panel => "panel",
    GroupWork => "group_work",
    ReportBack => "report_back",
    Qa => "qa",
    Break => "break",
    Meal => "meal",
    FieldVisit => "field_visit",
    Closing => "closing",
});

string_enum!(SessionRole {
    Speaker => "speaker",
    Panelist => "panelist",
    Moderator => "moderator",
    Facilitator => "facilitator",
    ResourcePerson => "resource_person",
    Rapporteur => "rapporteur",
});

string_enum!(RegistrationStatus {
    Applied => "applied",
    Invited => "invited",
    Confirmed => "confirmed",
    Waitlisted => "waitlisted",
    Declined => "declined",
    Withdrawn => "withdrawn",
    Rejected => "rejected",
});

string_enum!(
    /// What a person is at an event (`registrations.role`).
    RegistrationRole {
        Participant => "participant",
        Trainee => "trainee",
        Speaker => "speaker",
        Panelist => "panelist",
        Moderator => "moderator",
        Facilitator => "facilitator",
        ResourcePerson => "resource_person",
        Organiser => "organiser",
        Observer => "observer",
        Interpreter => "interpreter",
    }
);

string_enum!(RecommendationStatus {
    Proposed => "proposed",
    Adopted => "adopted",
    InProgress => "in_progress",
    Implemented => "implemented",
});

string_enum!(Sector {
    Government => "government",
    CsoNgo => "cso_ngo",
    TradeUnion => "trade_union",
    MigrantWorkersAssociation => "migrant_workers_association",
    AcademicResearch => "academic_research",
    Intergovernmental => "intergovernmental",
    Employer => "employer",
    Media => "media",
    Donor => "donor",
    Other => "other",
});

string_enum!(
    /// What kind of answer a custom registration question takes.
    QuestionKind {
        Text => "text",
        Choice => "choice",
        Multi => "multi",
        YesNo => "yes_no",
        Date => "date",
    }
);

impl QuestionKind {
    /// Whether coordinators list the options (one per line).
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Choice | QuestionKind::Multi)
    }
}

string_enum!(Gender {
    Female => "female",
    Male => "male",
    NonBinary => "non_binary",
    Other => "other",
    PreferNotToSay => "prefer_not_to_say",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventId(pub i64);

/// The signed-in staff member, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// A staff account as the admin screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

/// An event as lists show it; `dates` is already formatted in the event's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: EventId,
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    /// Local start and end dates (`YYYY-MM-DD`) in the event's own zone.
    pub local_start: String,
    pub local_end: String,
    pub city: String,
    pub country: Option<String>,
    pub summary: String,
}

/// What the staff dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub upcoming: Vec<EventSummary>,
    pub recent: Vec<EventSummary>,
    pub drafts: u64,
    pub events_total: u64,
    pub people_total: u64,
    pub registrations_total: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest() {
        assert!(Role::Admin.allows(Role::Staff));
        assert!(Role::Coordinator.allows(Role::Coordinator));
        assert!(!Role::Staff.allows(Role::Coordinator));
        assert!(!Role::Coordinator.allows(Role::Admin));
    }

    #[test]
    fn enums_round_trip_their_stored_text() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(
            SessionKind::parse("group_work"),
            Some(SessionKind::GroupWork)
        );
        assert_eq!(Role::parse("root"), None);
    }
}

/// A person named in an agenda slot, as printed: name in Latin script and own script,
/// with organisation and country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPerson {
    pub role: SessionRole,
    pub name: String,
    pub name_native: Option<String>,
    pub organisation: Option<String>,
    pub country: Option<String>,
    /// The country's ISO code, for documents that print its name in their own language.
    #[serde(default)]
    pub country_code: Option<String>,
}

/// One agenda slot (an `event_sessions` row) with its people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaSession {
    pub id: i64,
    pub kind: SessionKind,
    pub title: String,
    pub description: String,
    pub room: String,
    pub language: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Local day (`YYYY-MM-DD`) and times (`HH:MM`) in the event's zone.
    pub local_day: String,
    pub local_start: String,
    pub local_end: String,
    pub people: Vec<SessionPerson>,
    /// Codes of the languages interpreted in the session (an interpreter assigned), in the
    /// order of [`crate::languages::LANGUAGES`].
    #[serde(default)]
    pub interpreted: Vec<String>,
}

/// An organisation's part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventOrganisation {
    pub name: String,
    pub acronym: Option<String>,
    /// An [`OrganisationRole`]'s stored text: organiser, co_organiser, supporter or funder.
    pub role: String,
}

/// Everything the event page, its calendar files and its printed agenda show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub summary: EventSummary,
    pub description: String,
    pub objectives: Vec<String>,
    pub venue_name: String,
    pub venue_address: String,
    pub country_name: Option<String>,
    pub visibility: Visibility,
    pub organisations: Vec<EventOrganisation>,
    /// The host forum of a side event, or the series an event belongs to: (slug, title).
    pub parent: Option<(String, String)>,
    pub working_languages: Vec<String>,
    pub interpretation_languages: Vec<String>,
    /// Sessions in start order.
    pub sessions: Vec<AgendaSession>,
    /// The zone's abbreviation or offset as shown next to times, e.g. "+07" or "+0630".
    pub zone_label: String,
}
