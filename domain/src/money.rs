//! Money without floats: an amount is an integer count of the currency's minor units (satang,
//! cents), with its ISO 4217 code. Parsing reads "1,500.25" digit by digit; formatting puts
//! the decimal point back. Only the currencies the network pays in are accepted.
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// Largest amount accepted, in minor units (a hundred million of the major unit).
pub const MAX_MINOR: i64 = 10_000_000_000;

/// Currencies paid in, with their number of decimal places (ISO 4217 exponent).
pub const CURRENCIES: &[(&str, u32)] = &[
    ("THB", 2),
    ("USD", 2),
    ("EUR", 2),
    ("MMK", 2),
    ("KHR", 2),
    ("LAK", 2),
    ("VND", 0),
    ("CNY", 2),
    ("MYR", 2),
    ("IDR", 2),
    ("PHP", 2),
    ("HKD", 2),
];

/// The currency code as stored (upper case), if accepted.
pub fn currency(field: &str, raw: &str) -> Result<&'static str, DomainError> {
    let code = raw.trim().to_uppercase();
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| *c)
        .ok_or_else(|| DomainError::validation(field, "unknown-currency"))
}

fn exponent(code: &str) -> u32 {
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(2, |(_, e)| *e)
}

/// "1,500.25" in `code` as minor units; `allow_negative` for corrections. Thousands
/// separators (`,`, spaces) are skipped; more decimals than the currency has are refused.
pub fn parse(field: &str, raw: &str, code: &str, allow_negative: bool) -> Result<i64, DomainError> {
    let bad = || DomainError::validation(field, "invalid-amount");
    let text: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Err(DomainError::validation(field, "required"));
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    if negative && !allow_negative {
        return Err(bad());
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let places = exponent(code) as usize;
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > places
        || whole.len() > 12
    {
        return Err(bad());
    }
    let mut minor: i64 = 0;
    for c in whole.chars().chain(fraction.chars()) {
        minor = minor * 10 + i64::from(c.to_digit(10).ok_or_else(bad)?);
    }
    for _ in fraction.len()..places {
        minor *= 10;
    }
    if minor == 0 || minor > MAX_MINOR {
        return Err(DomainError::validation(field, "out-of-range"));
    }
    Ok(if negative { -minor } else { minor })
}

/// Minor units shown with the currency's decimals and thousands separators: "1,500.00".
pub fn format(minor: i64, code: &str) -> String {
    let places = exponent(code);
    let divisor = 10_i64.pow(places);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = abs / divisor.unsigned_abs();
    let fraction = abs % divisor.unsigned_abs();
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if places == 0 {
        format!("{sign}{grouped}")
    } else {
        format!(
            "{sign}{grouped}.{fraction:0width$}",
            width = places as usize
        )
    }
}

/// An amount with its currency, as pages and documents pass it around.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub currency: String,
    pub minor: i64,
}

impl Money {
    /// "1,500.00 THB".
    pub fn display(&self) -> String {
        format!("{} {}", format(self.minor, &self.currency), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_and_print_without_floats() {
        assert_eq!(parse("a", "1,500", "THB", false), Ok(150_000));
        assert_eq!(parse("a", "1500.5", "THB", false), Ok(150_050));
        assert_eq!(parse("a", "0.07", "USD", false), Ok(7));
        assert_eq!(parse("a", "250000", "VND", false), Ok(250_000));
        assert!(parse("a", "1.5", "VND", false).is_err());
        assert!(parse("a", "1.005", "USD", false).is_err());
        assert!(parse("a", "-5", "USD", false).is_err());
        assert_eq!(parse("a", "-5", "USD", true), Ok(-500));
        assert!(parse("a", "1e3", "USD", false).is_err());
        assert!(parse("a", "0", "USD", false).is_err());
        assert_eq!(format(150_050, "THB"), "1,500.50");
        assert_eq!(format(-7, "USD"), "-0.07");
        assert_eq!(format(1_234_567, "VND"), "1,234,567");
    }
}
