//! Online registration as pages see it: the public form (text as typed), the receipt a
//! registrant gets back, and their private page (reached through the link `/r/{token}`).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::{EventSummary, RegistrationStatus};

/// The registration form, and the edit form on the private page. Every field is text as
/// the browser sends it; `service::registration` checks and converts. Checkboxes are
/// `Some(_)` when ticked (browsers send `on`) and absent when not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    /// The name in Latin script, as on a passport.
    pub name_latin: String,
    /// The name in the person's own script (Thai, Khmer, Burmese, ...), optional.
    pub name_native: String,
    pub email: String,
    pub phone: String,
    /// The organisation's name; an unknown one is created.
    pub organisation: String,
    pub position: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// ISO 3166-2 of a region of that country (e.g. `CN-YN`), or empty.
    pub region_code: String,
    /// A [`crate::types::Sector`] value, or empty.
    pub sector: String,
    /// A [`crate::types::Gender`] value, or empty.
    pub gender: String,
    /// Codes of the languages the person speaks ([`crate::languages::LANGUAGES`]),
    /// comma-separated, or one ticked box per language (`form[languages][ms]=on`).
    #[serde(deserialize_with = "crate::languages::codes_or_ticks")]
    pub languages: String,
    /// Codes of the languages they need interpreted, as `languages`.
    #[serde(deserialize_with = "crate::languages::codes_or_ticks")]
    pub interpretation_needed: String,
    pub dietary: String,
    pub accessibility: String,
    pub travel_support: Option<String>,
    /// Agreement to the privacy notice (version `service::registration::CONSENT_VERSION`);
    /// required to register.
    pub consent: Option<String>,
    /// Agreement to have their name shown publicly (participant lists, reports).
    pub public_name_consent: Option<String>,
    /// A random key put in the form when it is shown: a resubmission with the same key
    /// (double click, retry on a flaky network) returns the first registration.
    pub submission_key: String,
    /// Answers to the event's custom questions, keyed by
    /// [`crate::question_types::answer_key`] (or `option_key` for each ticked option).
    pub answers: std::collections::BTreeMap<String, String>,
    /// The language the form was shown in (`th`, `my`, …): e-mails to the registrant are
    /// written in it. Unknown or empty means English.
    pub locale: String,
    /// What to do with Burmese text that looks typed in Zawgyi ([`crate::zawgyi`]): empty
    /// to ask, [`ZAWGYI_CONVERT`] or [`ZAWGYI_KEEP`] once the person chose.
    pub zawgyi: String,
}

/// The person chose to store their Zawgyi text converted to Unicode.
pub const ZAWGYI_CONVERT: &str = "convert";
/// The person chose to keep their text as typed.
pub const ZAWGYI_KEEP: &str = "keep";

impl RegistrationForm {
    /// The fields a person types freely, by field name: names, organisation, position,
    /// notes and the answers to custom questions.
    fn typed_text(&mut self) -> Vec<(String, &mut String)> {
        let mut fields: Vec<(String, &mut String)> = vec![
            ("name_latin".to_owned(), &mut self.name_latin),
            ("name_native".to_owned(), &mut self.name_native),
            ("organisation".to_owned(), &mut self.organisation),
            ("position".to_owned(), &mut self.position),
            ("dietary".to_owned(), &mut self.dietary),
            ("accessibility".to_owned(), &mut self.accessibility),
        ];
        // Only keys shaped like answers (`q12`, `q12_0`): any other key a request carries is
        // no field of the form and is never stored, so it is neither checked nor named.
        fields.extend(
            self.answers
                .iter_mut()
                .filter(|(k, _)| is_answer_key(k))
                .map(|(k, v)| (k.clone(), v)),
        );
        fields
    }

    /// The form with its Zawgyi text settled: converted to Unicode when the person chose
    /// [`ZAWGYI_CONVERT`], kept with [`ZAWGYI_KEEP`]. Before they chose, the first field that
    /// looks like Zawgyi is refused with `zawgyi`, so the page can show the conversion and
    /// ask; nothing is saved until then.
    pub fn settle_zawgyi(&self) -> Result<RegistrationForm, crate::DomainError> {
        use crate::zawgyi::{looks_like_zawgyi, zawgyi_to_unicode};
        let mut form = self.clone();
        let choice = form.zawgyi.clone();
        for (field, value) in form.typed_text() {
            if !looks_like_zawgyi(value) {
                continue;
            }
            match choice.as_str() {
                ZAWGYI_CONVERT => *value = zawgyi_to_unicode(value),
                ZAWGYI_KEEP => {}
                _ => return Err(crate::DomainError::validation(&field, "zawgyi")),
            }
        }
        Ok(form)
    }
}

/// What a registration attempt returns. What the public form shows must not depend on it:
/// it differs between an address on file and a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationReceipt {
    /// The private-link token (`/r/{token}`), only through an invitation's link, and only for
    /// an address not on file. The public form never gets one: its link goes by e-mail.
    pub token: Option<String>,
    pub status: RegistrationStatus,
    pub event_slug: String,
    /// True when this registration existed before the call (same e-mail or same
    /// submission key); nothing new was created and its status did not change.
    pub already: bool,
}

/// The registrant's private page: the event, where they stand, and their details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub event: EventSummary,
    pub status: RegistrationStatus,
    /// 1 for the first in line, while waitlisted.
    pub waitlist_position: Option<u64>,
    pub registered_at: DateTime<Utc>,
    /// The person's current details, ready to fill the edit form (consent fields empty,
    /// no submission key).
    pub details: RegistrationForm,
    /// The privacy-notice version they agreed to, and when.
    pub consent_version: Option<String>,
    pub consented_at: Option<DateTime<Utc>>,
    /// Whether they may still change their details or withdraw (not after the event ends;
    /// nothing to withdraw once withdrawn, declined or rejected).
    pub can_edit: bool,
    pub can_withdraw: bool,
    /// The event's custom questions (their answers are in `details.answers`).
    pub questions: Vec<crate::question_types::Question>,
    /// The assessment and follow-up check-ins, for a trainee.
    pub training: crate::followup_types::MyTraining,
    /// A new e-mail address asked for on this page, waiting for the link sent to it to be
    /// opened (`details.email` is still the current one).
    pub pending_email: Option<String>,
    /// The choices of the edit form: `(code, name)` countries and `(code, country, name)`
    /// regions.
    pub countries: Vec<(String, String)>,
    pub regions: Vec<(String, String, String)>,
    /// The registrant's own calendar feed (`/c/{token}/calendar.ics`: the event and the
    /// sessions where they have a part), while the registration is not withdrawn, declined or
    /// rejected. A path; the page's server function makes it a whole address.
    pub calendar_feed: Option<String>,
}

/// The page that confirms a new e-mail address (`/e/{token}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChangeView {
    pub new_email: String,
    pub event_title: String,
}

/// An e-mail in the outbox, as the staff screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// None while it waits to be sent.
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub attempts: i32,
    /// The event whose calendar file goes with the message (written when it is sent), and
    /// the language of its texts.
    pub calendar_event_id: Option<i64>,
    pub calendar_lang: Option<String>,
    /// On the staff screen: the address of that calendar file (`/events/{slug}/calendar.ics?lang=…`).
    pub calendar_file: Option<String>,
}

/// After this many failed attempts a message is no longer tried (it stays listed).
pub const MAX_SEND_ATTEMPTS: i32 = 10;

/// Where an outbox message stands, as the staff screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    Sent,
    /// Never tried yet (or no mail server is configured).
    Waiting,
    /// Tried and failed; will be tried again.
    Failing,
    /// Failed [`MAX_SEND_ATTEMPTS`] times; no longer tried.
    GaveUp,
}

impl OutboxMessage {
    pub fn state(&self) -> OutboxState {
        if self.sent_at.is_some() {
            OutboxState::Sent
        } else if self.attempts >= MAX_SEND_ATTEMPTS {
            OutboxState::GaveUp
        } else if self.attempts > 0 {
            OutboxState::Failing
        } else {
            OutboxState::Waiting
        }
    }
}

/// The staff outbox screen: whether a worker sends the messages, and the latest ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub sending: bool,
    pub messages: Vec<OutboxMessage>,
}

/// `q<id>` or `q<id>_<index>`: the keys the form gives its questions' answers
/// ([`crate::question_types::answer_key`], [`crate::question_types::option_key`]).
fn is_answer_key(key: &str) -> bool {
    let Some(rest) = key.strip_prefix('q') else {
        return false;
    };
    let (id, index) = rest.split_once('_').unwrap_or((rest, "0"));
    !id.is_empty()
        && !index.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && index.bytes().all(|b| b.is_ascii_digit())
}
