//! Short-lived copies of refused forms, keyed by an unguessable id. Only for the
//! no-JavaScript path: the page the server redirects to reads the draft back once.
//! Each draft remembers the form type it was made from, so that a page with several forms
//! (each asking for its own type) hands the draft to the form it came from and no other.
//!
//! Anyone can have a form refused, as often and as large as a request body allows, so the
//! drafts are bounded by count and bytes (oldest first out, see `domain::service::bounded`);
//! a draft too large to keep is not kept, and the form simply comes back empty.
use std::sync::Mutex;
use std::time::{Duration, Instant};

use domain::service::bounded::{BoundedMap, Weigh};

/// How long a draft waits to be read back.
const TTL: Duration = Duration::from_secs(15 * 60);
/// Default bounds: many people refused at once, at most a few dozen megabytes.
pub const MAX_DRAFTS: usize = 10_000;
pub const MAX_DRAFT_BYTES_TOTAL: usize = 32 * 1024 * 1024;
/// The largest single draft kept: far more than any form typed by hand.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

pub struct Drafts {
    entries: Mutex<BoundedMap<Draft>>,
}

struct Draft {
    at: Instant,
    kind: &'static str,
    json: String,
}

impl Weigh for Draft {
    fn weight(&self) -> usize {
        self.json.len() + std::mem::size_of::<Self>()
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Self::with_bounds(MAX_DRAFTS, MAX_DRAFT_BYTES_TOTAL)
    }
}

impl Drafts {
    pub fn with_bounds(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            entries: Mutex::new(BoundedMap::new(max_entries, max_bytes)),
        }
    }

    /// Keeps `value` and returns its id; `None` when it is too large to keep.
    pub fn put<T: serde::Serialize>(&self, value: &T) -> Option<String> {
        let json = serde_json::to_string(value).ok()?;
        if json.len() > MAX_DRAFT_BYTES {
            return None;
        }
        let id = domain::service::auth::new_token();
        let mut entries = self.entries.lock().ok()?;
        let now = Instant::now();
        let draft = Draft {
            at: now,
            kind: std::any::type_name::<T>(),
            json,
        };
        entries
            .insert(id.clone(), draft, |d| now.duration_since(d.at) >= TTL)
            .then_some(id)
    }

    /// Takes a draft of form type `T` out (it is personal data: read once). A draft of another
    /// type is left for the form it belongs to.
    pub fn take<T: serde::de::DeserializeOwned>(&self, id: &str) -> Option<T> {
        let mut entries = self.entries.lock().ok()?;
        if entries.get(id)?.kind != std::any::type_name::<T>() {
            return None;
        }
        let draft = entries.remove(id)?;
        (draft.at.elapsed() < TTL)
            .then(|| serde_json::from_str(&draft.json).ok())
            .flatten()
    }

    /// Drafts held (for tests and monitoring).
    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Estimated bytes held.
    pub fn bytes(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::Drafts;
    use domain::followup_types::FollowupAnswerForm;
    use domain::registration_types::RegistrationForm;

    #[test]
    fn a_draft_goes_only_to_the_form_type_it_came_from_and_only_once() {
        let drafts = Drafts::default();
        let typed = FollowupAnswerForm {
            advocacy: "Met the ministry".into(),
            ..Default::default()
        };
        let id = drafts.put(&typed).expect("stored");
        // Another form on the same page asks first: it gets nothing, and the draft stays.
        assert_eq!(drafts.take::<RegistrationForm>(&id), None);
        assert_eq!(drafts.take::<FollowupAnswerForm>(&id), Some(typed));
        assert_eq!(drafts.take::<FollowupAnswerForm>(&id), None, "read once");
    }

    #[test]
    fn drafts_stay_within_their_bounds() {
        let drafts = Drafts::with_bounds(50, 200_000);
        let big = FollowupAnswerForm {
            advocacy: "x".repeat(10_000),
            ..Default::default()
        };
        for _ in 0..500 {
            drafts.put(&big);
            assert!(drafts.len() <= 50 && drafts.bytes() <= 200_000);
        }
        let huge = FollowupAnswerForm {
            advocacy: "x".repeat(super::MAX_DRAFT_BYTES),
            ..Default::default()
        };
        assert_eq!(drafts.put(&huge), None, "too large to keep");
        let newest = drafts.put(&big).expect("kept");
        assert!(drafts.take::<FollowupAnswerForm>(&newest).is_some());
    }
}
