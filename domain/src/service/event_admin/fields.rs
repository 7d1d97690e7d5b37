//! The event form checked field by field, before any database work: text in, typed values out.
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::lists::{languages, objectives, organisations};
use super::to_utc;
use crate::forms::EventForm;
use crate::forum_types::NetworkRole;
use crate::types::{EventKind, RegistrationMode, Visibility};
use crate::{validate, DomainError};

pub(super) const MAX_SLUG: usize = 80;
const MAX_CAPACITY: i64 = 100_000;

/// An event form that passed every check that needs no database.
#[derive(Debug, Clone)]
pub(super) struct EventInput {
    pub title: String,
    /// None: derive one from the title.
    pub slug: Option<String>,
    pub kind: EventKind,
    pub summary: String,
    pub description: String,
    pub objectives: Vec<String>,
    pub timezone: Tz,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue_name: String,
    pub venue_address: String,
    pub city: String,
    pub country_code: Option<String>,
    /// (role, organisation name), without duplicates.
    pub organisations: Vec<(&'static str, String)>,
    pub working_languages: String,
    pub interpretation_languages: String,
    pub capacity: Option<i32>,
    pub registration_mode: RegistrationMode,
    pub registration_opens_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub visibility: Visibility,
    pub parent_slug: Option<String>,
    pub retention_months: Option<i32>,
    /// None: organiser for a new event, unchanged for an edited one.
    pub network_role: Option<NetworkRole>,
}

pub(super) fn check(form: &EventForm) -> Result<EventInput, DomainError> {
    let title = validate::required_text("title", &form.title, validate::MAX_NAME)?;
    let slug = slug(&form.slug)?;
    let kind = choice("kind", &form.kind, EventKind::parse)?;
    let summary = optional_text("summary", &form.summary, 1_000, true)?;
    let description = optional_text("description", &form.description, 20_000, true)?;
    let objectives = objectives(&form.objectives)?;
    let timezone = timezone(&form.timezone)?;
    let starts_at = local_datetime("starts_at", &form.starts_at, timezone)?
        .ok_or_else(|| required("starts_at"))?;
    let ends_at =
        local_datetime("ends_at", &form.ends_at, timezone)?.ok_or_else(|| required("ends_at"))?;
    if ends_at < starts_at {
        return Err(DomainError::validation("ends_at", "ends-before-starts"));
    }
    let registration_opens_at = local_datetime(
        "registration_opens_at",
        &form.registration_opens_at,
        timezone,
    )?;
    let registration_closes_at = local_datetime(
        "registration_closes_at",
        &form.registration_closes_at,
        timezone,
    )?;
    if let (Some(opens), Some(closes)) = (registration_opens_at, registration_closes_at) {
        if closes < opens {
            return Err(DomainError::validation(
                "registration_closes_at",
                "closes-before-opens",
            ));
        }
    }
    Ok(EventInput {
        title,
        slug,
        kind,
        summary,
        description,
        objectives,
        timezone,
        starts_at,
        ends_at,
        venue_name: optional_text("venue_name", &form.venue_name, validate::MAX_NAME, false)?,
        venue_address: optional_text("venue_address", &form.venue_address, 500, true)?,
        city: optional_text("city", &form.city, 100, false)?,
        country_code: country_code(&form.country_code)?,
        organisations: organisations(&form.organisations)?,
        working_languages: languages("working_languages", &form.working_languages)?,
        interpretation_languages: languages(
            "interpretation_languages",
            &form.interpretation_languages,
        )?,
        capacity: capacity(&form.capacity)?,
        registration_mode: choice(
            "registration_mode",
            &form.registration_mode,
            RegistrationMode::parse,
        )?,
        registration_opens_at,
        registration_closes_at,
        visibility: choice("visibility", &form.visibility, Visibility::parse)?,
        parent_slug: Some(form.parent_slug.trim().to_owned()).filter(|s| !s.is_empty()),
        retention_months: retention_months(&form.retention_months)?,
        network_role: match form.network_role.trim() {
            "" => None,
            raw => Some(choice("network_role", raw, NetworkRole::parse)?),
        },
    })
}

fn required(field: &str) -> DomainError {
    DomainError::validation(field, "required")
}

/// One value of a closed list (a select in the form).
pub(super) fn choice<T>(
    field: &str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(required(field));
    }
    parse(raw).ok_or_else(|| DomainError::validation(field, "invalid-choice"))
}

/// Trimmed text that may be empty; `multiline` lets line breaks and tabs through.
pub(crate) fn optional_text(
    field: &str,
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<String, DomainError> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(DomainError::validation(field, "too-long"));
    }
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value.to_owned())
}

/// A typed slug, or None when the field is empty (then one is derived from the title).
pub(crate) fn slug(raw: &str) -> Result<Option<String>, DomainError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.len() > MAX_SLUG {
        return Err(DomainError::validation("slug", "too-long"));
    }
    let shape = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if !shape {
        return Err(DomainError::validation("slug", "invalid-slug"));
    }
    Ok(Some(value.to_owned()))
}

/// Lower-case ASCII letters and digits of the title, words joined by '-'. Other letters
/// (Burmese, Thai, accented) are dropped, not transliterated; the result may be empty.
pub(crate) fn derive_slug(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if !c.is_alphanumeric() {
            gap = true;
        }
    }
    slug.truncate(MAX_SLUG);
    slug.trim_end_matches('-').to_owned()
}

fn timezone(raw: &str) -> Result<Tz, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(required("timezone"));
    }
    crate::service::events::parse_zone(raw)
}

/// An HTML `datetime-local` value read in `tz`; None when empty.
fn local_datetime(field: &str, raw: &str, tz: Tz) -> Result<Option<DateTime<Utc>>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        // Four-digit years only: chrono reads six, which date arithmetic can overflow and
        // PostgreSQL cannot store.
        .filter(|local| (1000..=9999).contains(&chrono::Datelike::year(local)))
        .and_then(|local| to_utc(tz, local))
        .map(Some)
        .ok_or_else(|| DomainError::validation(field, "invalid-datetime"))
}

fn country_code(raw: &str) -> Result<Option<String>, DomainError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(DomainError::validation("country_code", "unknown-country"));
    }
    Ok(Some(code))
}

fn capacity(raw: &str) -> Result<Option<i32>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let value: i64 = raw
        .parse()
        .map_err(|_| DomainError::validation("capacity", "invalid-number"))?;
    if !(1..=MAX_CAPACITY).contains(&value) {
        return Err(DomainError::validation("capacity", "out-of-range"));
    }
    i32::try_from(value)
        .map(Some)
        .map_err(|_| DomainError::validation("capacity", "out-of-range"))
}

/// Whole months, 1 to 1200 (a hundred years), or empty for no limit.
fn retention_months(raw: &str) -> Result<Option<i32>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let value: i64 = raw
        .parse()
        .map_err(|_| DomainError::validation("retention_months", "invalid-number"))?;
    if !(1..=1200).contains(&value) {
        return Err(DomainError::validation("retention_months", "out-of-range"));
    }
    i32::try_from(value)
        .map(Some)
        .map_err(|_| DomainError::validation("retention_months", "out-of-range"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            derive_slug("Advocacy with ASEAN (2016)"),
            "advocacy-with-asean-2016"
        );
        assert_eq!(derive_slug("  Café — Forum!  "), "caf-forum");
        assert_eq!(derive_slug("ရွှေ့ပြောင်း အလုပ်သမား"), "");
        assert_eq!(derive_slug(&"a".repeat(100)).len(), MAX_SLUG);
    }

    #[test]
    fn retention_is_whole_months_or_empty() {
        assert_eq!(retention_months(" "), Ok(None));
        assert_eq!(retention_months("24"), Ok(Some(24)));
        let field = |r: Result<Option<i32>, DomainError>| r.unwrap_err().field().map(str::to_owned);
        assert_eq!(
            field(retention_months("0")),
            Some("retention_months".into())
        );
        assert_eq!(
            field(retention_months("-3")),
            Some("retention_months".into())
        );
        assert_eq!(
            field(retention_months("1.5")),
            Some("retention_months".into())
        );
        assert_eq!(
            field(retention_months("99999999999")),
            Some("retention_months".into())
        );
    }
}
