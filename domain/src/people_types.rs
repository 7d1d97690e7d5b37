//! People who may be the same person twice, and what merging them did. Browser-safe types.
use serde::{Deserialize, Serialize};

/// A person as the duplicates list shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonBrief {
    pub id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
    /// How many events they registered for.
    pub registrations: usize,
}

/// Why two records look like one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DuplicateReason {
    /// The same e-mail address written in a different case.
    SameEmail,
    /// The same phone number (digits only).
    SamePhone,
    /// The same name (case, spaces and punctuation aside) with different e-mail addresses.
    SameName,
}

impl DuplicateReason {
    /// The catalogue key that explains the reason.
    pub fn key(self) -> &'static str {
        match self {
            DuplicateReason::SameEmail => "duplicate-same-email",
            DuplicateReason::SamePhone => "duplicate-same-phone",
            DuplicateReason::SameName => "duplicate-same-name",
        }
    }
}

/// Two records that look like one person: `a` is the older (kept by default), `b` the newer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicatePair {
    pub a: PersonBrief,
    pub b: PersonBrief,
    pub reason: DuplicateReason,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOutcome {
    /// Registrations moved to the kept person.
    pub moved: usize,
    /// Events both had registered for: the kept person's registration stays, the other one
    /// (its answers and follow-ups) is removed; attendance the kept one lacked is moved over.
    pub both_registered: Vec<String>,
}
