//! Reading the travel form: texts bounded and trimmed, choices from their lists, dates and
//! times read in the event's zone and kept as UTC instants, and back again for the form.
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use entities::{events, travel_details};

use crate::travel_types::{
    optional_text, passport_name, passport_number, Arrangement, Means, TravelForm, MAX_NUMBER,
    MAX_PLACE, TRAVEL_WINDOW_DAYS,
};
use crate::DomainError;

/// The travel details read from a form, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Valid {
    pub from_city: String,
    pub from_country: String,
    pub nationality: String,
    pub visa_needed: bool,
    pub arrival_at: Option<DateTime<Utc>>,
    pub arrival_means: String,
    pub arrival_number: String,
    pub departure_at: Option<DateTime<Utc>>,
    pub departure_means: String,
    pub departure_number: String,
    pub arrangement: String,
    pub passport_name: String,
    /// `None`: not sent (keep what is stored).
    pub passport_number: Option<Option<String>>,
}

/// The event's zone (UTC when the stored name is not one).
pub(crate) fn zone(event: &events::Model) -> Tz {
    event.timezone.parse::<Tz>().unwrap_or(Tz::UTC)
}

fn means(field: &str, raw: &str) -> Result<String, DomainError> {
    match raw.trim() {
        "" => Ok(String::new()),
        s => Means::parse(s)
            .map(|m| m.as_str().to_owned())
            .ok_or_else(|| DomainError::validation(field, "invalid-choice")),
    }
}

/// A local date and time in `tz` as an instant; both empty is `None`.
fn instant(
    prefix: &str,
    date: &str,
    time: &str,
    tz: Tz,
    window: (NaiveDate, NaiveDate),
) -> Result<Option<DateTime<Utc>>, DomainError> {
    let (date_field, time_field) = (format!("{prefix}_date"), format!("{prefix}_time"));
    let (date, time) = (date.trim(), time.trim());
    if date.is_empty() && time.is_empty() {
        return Ok(None);
    }
    if date.is_empty() {
        return Err(DomainError::validation(&date_field, "required"));
    }
    if time.is_empty() {
        return Err(DomainError::validation(&time_field, "required"));
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| DomainError::validation(&date_field, "invalid-date"))?;
    let at = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .map_err(|_| DomainError::validation(&time_field, "invalid-time"))?;
    if day < window.0 || day > window.1 {
        return Err(DomainError::validation(&date_field, "travel-date-far"));
    }
    tz.from_local_datetime(&day.and_time(at))
        .earliest()
        .map(|local| Some(local.with_timezone(&Utc)))
        .ok_or_else(|| DomainError::validation(&time_field, "invalid-time"))
}

/// Reads `form` for `event`. `staff` may set the passport number; a participant's form never
/// touches it.
pub(crate) fn read(
    form: &TravelForm,
    event: &events::Model,
    staff: bool,
) -> Result<Valid, DomainError> {
    let tz = zone(event);
    let window = (
        event.starts_at.with_timezone(&tz).date_naive() - Duration::days(TRAVEL_WINDOW_DAYS),
        event.ends_at.with_timezone(&tz).date_naive() + Duration::days(TRAVEL_WINDOW_DAYS),
    );
    let arrival_at = instant(
        "arrival",
        &form.arrival_date,
        &form.arrival_time,
        tz,
        window,
    )?;
    let departure_at = instant(
        "departure",
        &form.departure_date,
        &form.departure_time,
        tz,
        window,
    )?;
    if let (Some(a), Some(d)) = (arrival_at, departure_at) {
        if d < a {
            return Err(DomainError::validation(
                "departure_date",
                "departure-before-arrival",
            ));
        }
    }
    let arrangement = match form.arrangement.trim() {
        "" => String::new(),
        s => Arrangement::parse(s)
            .map(|a| a.as_str().to_owned())
            .ok_or_else(|| DomainError::validation("arrangement", "invalid-choice"))?,
    };
    let passport_number = match (&form.passport_number, staff) {
        (Some(raw), true) => {
            let n = passport_number("passport_number", raw)?;
            Some((!n.is_empty()).then_some(n))
        }
        _ => None,
    };
    Ok(Valid {
        from_city: optional_text("from_city", &form.from_city, MAX_PLACE)?,
        from_country: optional_text("from_country", &form.from_country, MAX_PLACE)?,
        nationality: optional_text("nationality", &form.nationality, MAX_PLACE)?,
        visa_needed: form.visa_needed.as_deref().is_some_and(|v| !v.is_empty()),
        arrival_at,
        arrival_means: means("arrival_means", &form.arrival_means)?,
        arrival_number: optional_text("arrival_number", &form.arrival_number, MAX_NUMBER)?,
        departure_at,
        departure_means: means("departure_means", &form.departure_means)?,
        departure_number: optional_text("departure_number", &form.departure_number, MAX_NUMBER)?,
        arrangement,
        passport_name: passport_name("passport_name", &form.passport_name)?,
        passport_number,
    })
}

/// Local `(YYYY-MM-DD, HH:MM)` of an instant in `tz`.
pub(crate) fn local(at: DateTime<Utc>, tz: Tz) -> (String, String) {
    let l = at.with_timezone(&tz);
    (
        l.format("%Y-%m-%d").to_string(),
        l.format("%H:%M").to_string(),
    )
}

/// The stored details as the form shows them; `staff` also gets the passport number.
pub(crate) fn to_form(t: &travel_details::Model, tz: Tz, staff: bool) -> TravelForm {
    let (arrival_date, arrival_time) = t.arrival_at.map(|a| local(a, tz)).unwrap_or_default();
    let (departure_date, departure_time) = t.departure_at.map(|a| local(a, tz)).unwrap_or_default();
    TravelForm {
        from_city: t.from_city.clone(),
        from_country: t.from_country.clone(),
        nationality: t.nationality.clone(),
        visa_needed: t.visa_needed.then(|| "on".to_owned()),
        arrival_date,
        arrival_time,
        arrival_means: t.arrival_means.clone(),
        arrival_number: t.arrival_number.clone(),
        departure_date,
        departure_time,
        departure_means: t.departure_means.clone(),
        departure_number: t.departure_number.clone(),
        arrangement: t.arrangement.clone(),
        passport_name: t.passport_name.clone(),
        passport_number: if staff {
            Some(t.passport_number.clone().unwrap_or_default())
        } else {
            None
        },
    }
}
