//! Travel as the pages and documents see it: the details a participant gives (where from,
//! nationality, visa, arrival and departure in the event's local time, who books the ticket),
//! the staff's list, and the day-by-day arrivals and departures for airport pick-ups.
//! Browser-safe: no database types.
use serde::{Deserialize, Serialize};

use crate::types::EventSummary;
use crate::DomainError;

/// Longest city, country or nationality, in characters.
pub const MAX_PLACE: usize = 120;
/// Longest flight or bus number.
pub const MAX_NUMBER: usize = 40;
/// Longest name as in a passport.
pub const MAX_PASSPORT_NAME: usize = 160;
/// Longest passport number.
pub const MAX_PASSPORT_NUMBER: usize = 40;
/// How far before the event starts or after it ends a travel date may be.
pub const TRAVEL_WINDOW_DAYS: i64 = 30;

/// How a person travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Means {
    Flight,
    Bus,
    Train,
    Car,
    Boat,
    Other,
}

impl Means {
    pub const ALL: [Means; 6] = [
        Means::Flight,
        Means::Bus,
        Means::Train,
        Means::Car,
        Means::Boat,
        Means::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Means::Flight => "flight",
            Means::Bus => "bus",
            Means::Train => "train",
            Means::Car => "car",
            Means::Boat => "boat",
            Means::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Means> {
        Means::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Who pays the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arrangement {
    /// The network buys the ticket.
    NetworkBooks,
    /// The person buys it and the network refunds it.
    Refund,
    /// The person (or their organisation) pays.
    OwnCost,
}

impl Arrangement {
    pub const ALL: [Arrangement; 3] = [
        Arrangement::NetworkBooks,
        Arrangement::Refund,
        Arrangement::OwnCost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Arrangement::NetworkBooks => "network_books",
            Arrangement::Refund => "refund",
            Arrangement::OwnCost => "self",
        }
    }

    pub fn parse(s: &str) -> Option<Arrangement> {
        Arrangement::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// The travel form as posted (participant's private page and staff page alike). Dates and
/// times are local to the event (`YYYY-MM-DD`, `HH:MM`); empty means not known yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelForm {
    #[serde(default)]
    pub from_city: String,
    #[serde(default)]
    pub from_country: String,
    #[serde(default)]
    pub nationality: String,
    /// `on` when ticked.
    #[serde(default)]
    pub visa_needed: Option<String>,
    #[serde(default)]
    pub arrival_date: String,
    #[serde(default)]
    pub arrival_time: String,
    #[serde(default)]
    pub arrival_means: String,
    #[serde(default)]
    pub arrival_number: String,
    #[serde(default)]
    pub departure_date: String,
    #[serde(default)]
    pub departure_time: String,
    #[serde(default)]
    pub departure_means: String,
    #[serde(default)]
    pub departure_number: String,
    #[serde(default)]
    pub arrangement: String,
    #[serde(default)]
    pub passport_name: String,
    /// Staff only: `None` leaves the stored number as it is, an empty text clears it.
    #[serde(default)]
    pub passport_number: Option<String>,
}

/// What the participant's private page shows of their travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTravel {
    pub form: TravelForm,
    /// The event's IANA zone, in which the dates and times are read.
    pub timezone: String,
}

/// One registration's travel on the staff page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelRow {
    pub registration_id: i64,
    pub name: String,
    pub name_native: String,
    pub gender: String,
    pub form: TravelForm,
    /// Whether staff entered a passport number (the number itself is shown only in the form).
    pub has_passport_number: bool,
}

/// The event's travel page: everyone taking part and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTravel {
    pub event: EventSummary,
    pub rows: Vec<TravelRow>,
}

/// Arriving or leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Arrival,
    Departure,
}

/// One arrival or departure on the list for pick-ups, in the event's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    /// `YYYY-MM-DD`, local.
    pub day: String,
    /// `HH:MM`, local.
    pub time: String,
    pub direction: Direction,
    pub name: String,
    pub means: String,
    pub number: String,
    /// "City, Country" they come from.
    pub from: String,
}

/// The arrivals and departures list, by day and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movements {
    pub event: EventSummary,
    pub rows: Vec<Movement>,
}

/// An optional single-line text, trimmed, at most `max` characters, no control characters.
pub fn optional_text(field: &str, raw: &str, max: usize) -> Result<String, DomainError> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(DomainError::validation(field, "too-long"));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value.to_owned())
}

/// A name as printed in a passport's machine-readable part: Latin letters (accents allowed),
/// spaces, hyphens, apostrophes and dots.
pub fn passport_name(field: &str, raw: &str) -> Result<String, DomainError> {
    let value = optional_text(field, raw, MAX_PASSPORT_NAME)?;
    let latin = value.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c, ' ' | '-' | '\'' | '.' | ',')
            || (('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}')
    });
    if latin {
        Ok(value)
    } else {
        Err(DomainError::validation(field, "passport-name-latin"))
    }
}

/// A passport number: letters and digits only (spaces dropped), upper case.
pub fn passport_number(field: &str, raw: &str) -> Result<String, DomainError> {
    let value: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if value.chars().count() > MAX_PASSPORT_NUMBER {
        return Err(DomainError::validation(field, "too-long"));
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(DomainError::validation(field, "invalid-characters"));
    }
    Ok(value)
}

/// How per-diem days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// Days the person was marked present.
    Attendance,
    /// Arrival day to departure day, both counted, in the event's zone.
    Travel,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Attendance => "attendance",
            Basis::Travel => "travel",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        [Basis::Attendance, Basis::Travel]
            .into_iter()
            .find(|b| b.as_str() == s)
    }
}

/// A payment's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentKind {
    PerDiem,
    Refund,
}

impl PaymentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::PerDiem => "per_diem",
            PaymentKind::Refund => "refund",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentKind> {
        [PaymentKind::PerDiem, PaymentKind::Refund]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The per-diem rate form (amount as typed, e.g. "1,200").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateForm {
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub basis: String,
}

/// An event's per-diem rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub currency: String,
    /// Minor units per day.
    pub daily: i64,
    pub basis: Basis,
}

/// A travel refund (or, with `corrects`, a correction of an earlier row) as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    pub registration_id: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub receipt: String,
    /// The row this one corrects (the amount is then the signed difference).
    #[serde(default)]
    pub corrects: String,
}

/// One payment row, never changed once written (apart from being marked paid once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: i64,
    pub registration_id: i64,
    pub name: String,
    pub kind: PaymentKind,
    pub currency: String,
    /// Minor units; negative only on a correction.
    pub amount: i64,
    pub days: Option<i32>,
    pub receipt: String,
    pub corrects: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub paid_at: Option<chrono::DateTime<chrono::Utc>>,
    pub paid_by: Option<String>,
}

/// What one person is owed in one currency, for the payment sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub registration_id: i64,
    pub name: String,
    pub name_native: String,
    pub days: Option<i32>,
    pub per_diem: i64,
    pub refund: i64,
    /// Receipt numbers of the refunds, comma separated.
    pub receipts: String,
    pub total: i64,
    /// Whether every row in the line is marked paid.
    pub paid: bool,
}

/// The sheet's lines in one currency, with their total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyGroup {
    pub currency: String,
    pub lines: Vec<SheetLine>,
    pub total: i64,
    pub paid: i64,
}

/// An event's per diems and refunds: rates, every row (history included), and the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentBook {
    pub event: EventSummary,
    pub rates: Vec<Rate>,
    /// Every row, oldest first.
    pub payments: Vec<Payment>,
    pub groups: Vec<CurrencyGroup>,
    /// Registrations taking part, for the forms: (id, name).
    pub people: Vec<(i64, String)>,
}

/// The organiser's details a visa letter is printed on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    pub organisation: String,
    pub address: String,
    pub signatory: String,
    pub signatory_title: String,
}

/// The letterhead form; `scope` is `event` (this event only) or `global` (every event
/// without its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterheadForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub signatory: String,
    #[serde(default)]
    pub signatory_title: String,
    #[serde(default)]
    pub scope: String,
}

/// One visa invitation letter's person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisaLetter {
    pub registration_id: i64,
    /// As in the passport (Latin letters); the registered Latin name when not given.
    pub passport_name: String,
    /// The name in the person's own script, when different.
    pub name_native: String,
    pub nationality: String,
    pub passport_number: String,
    pub arrangement: String,
}

/// The letters of an event (everyone who needs a visa, or one person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisaLetters {
    pub event: EventSummary,
    pub venue: String,
    /// "Chiang Mai, Thailand".
    pub place: String,
    pub letterhead: Letterhead,
    pub letters: Vec<VisaLetter>,
}
