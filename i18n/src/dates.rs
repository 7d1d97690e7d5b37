//! Dates, times and numbers written the way each of Sala's seven languages writes them.
//!
//! Month and weekday names and the order of the parts come from the catalogues (`month-N`,
//! `weekday-N`, `date-medium`, `date-long`, `date-range-month`, `date-range`), so a translator
//! corrects them where they correct everything else, and pages and e-mails agree. (chrono's
//! `unstable-locales` was weighed: it would add a second source of month names, glibc's,
//! for the server only, while the catalogues already carry reviewed names for all seven.)
//!
//! Choices:
//! - Digits are Latin (0-9) in every language: the network's participants read them
//!   everywhere, phones type them, and Thai, Lao, Khmer and Burmese official and NGO
//!   documents mostly use them for dates too.
//! - Thai may count years in the Buddhist era (2026 → 2569), a per-reader choice.
//! - Times are 24-hour (`14:30`), as programmes are printed across the region.
//! - Numbers group thousands with `,` (English, Thai, Burmese, Chinese) or `.` (Vietnamese,
//!   Khmer, Lao), as CLDR records.
use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::{fill, lookup, Locale};

/// How dates read for one reader: the language, and whether Thai years count from the
/// Buddhist era (ignored for the other languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateFormat {
    pub locale: Locale,
    pub buddhist_era: bool,
}

/// The years between the Buddhist and the common era.
const BUDDHIST_ERA_OFFSET: i32 = 543;

impl DateFormat {
    pub fn new(locale: Locale) -> Self {
        DateFormat {
            locale,
            buddhist_era: false,
        }
    }

    pub fn with_buddhist_era(self, buddhist_era: bool) -> Self {
        DateFormat {
            buddhist_era,
            ..self
        }
    }

    /// Whether years are shown in the Buddhist era.
    pub fn uses_buddhist_era(&self) -> bool {
        self.buddhist_era && self.locale == Locale::Th
    }

    fn year(&self, year: i32) -> String {
        if self.uses_buddhist_era() {
            (year + BUDDHIST_ERA_OFFSET).to_string()
        } else {
            year.to_string()
        }
    }

    fn month(&self, d: NaiveDate) -> String {
        lookup(self.locale, &format!("month-{}", d.month()))
    }

    fn pattern(&self, key: &str, d: NaiveDate, extra: &[(&str, &str)]) -> String {
        let mut args: Vec<(&str, &str)> = Vec::with_capacity(5 + extra.len());
        let day = d.day().to_string();
        let month = self.month(d);
        let year = self.year(d.year());
        let weekday = lookup(
            self.locale,
            &format!("weekday-{}", d.weekday().number_from_monday()),
        );
        args.extend([
            ("day", day.as_str()),
            ("month", month.as_str()),
            ("year", year.as_str()),
            ("weekday", weekday.as_str()),
        ]);
        args.extend_from_slice(extra);
        fill(lookup(self.locale, key), &args)
    }

    /// "23 November 2026", "23 พฤศจิกายน 2569", "2026年11月23日", "23 tháng 11 năm 2026".
    pub fn date(&self, d: NaiveDate) -> String {
        self.pattern("date-medium", d, &[])
    }

    /// The date with its weekday: "Monday 23 November 2026", "วันจันทร์ที่ 23 พฤศจิกายน 2026".
    pub fn weekday_date(&self, d: NaiveDate) -> String {
        self.pattern("date-long", d, &[])
    }

    /// From `start` to `end` (inclusive): "16–17 March 2015" within a month,
    /// "30 November 2026 – 2 December 2026" across months; one date when they are equal.
    pub fn range(&self, start: NaiveDate, end: NaiveDate) -> String {
        if start == end {
            return self.date(start);
        }
        if start.year() == end.year() && start.month() == end.month() {
            let (from, to) = (start.day().to_string(), end.day().to_string());
            return self.pattern("date-range-month", end, &[("from", &from), ("to", &to)]);
        }
        fill(
            lookup(self.locale, "date-range"),
            &[("from", &self.date(start)), ("to", &self.date(end))],
        )
    }

    /// "14:30" (24-hour clock in every language).
    pub fn time(&self, t: NaiveTime) -> String {
        t.format("%H:%M").to_string()
    }

    /// A whole number with thousands grouped: "1,234" or "1.234".
    pub fn number(&self, n: i64) -> String {
        let separator = match self.locale {
            Locale::Vi | Locale::Km | Locale::Lo => '.',
            Locale::En | Locale::Th | Locale::My | Locale::Zh => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    /// A `YYYY-MM-DD` day as [`Self::date`] writes it; anything else comes back unchanged.
    pub fn iso_day(&self, day: &str) -> String {
        parse_day(day).map_or_else(|| day.to_owned(), |d| self.date(d))
    }

    /// A `YYYY-MM-DD` day with its weekday; anything else comes back unchanged.
    pub fn iso_weekday_day(&self, day: &str) -> String {
        parse_day(day).map_or_else(|| day.to_owned(), |d| self.weekday_date(d))
    }

    /// Two `YYYY-MM-DD` days as a range; unchanged text when either is not a day.
    pub fn iso_range(&self, start: &str, end: &str) -> String {
        match (parse_day(start), parse_day(end)) {
            (Some(a), Some(b)) => self.range(a, b),
            _ => format!("{start} – {end}"),
        }
    }
}

fn parse_day(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn f(locale: Locale) -> DateFormat {
        DateFormat::new(locale)
    }

    #[test]
    fn a_date_in_each_language() {
        let d = day(2026, 11, 23);
        assert_eq!(f(Locale::En).date(d), "23 November 2026");
        assert_eq!(f(Locale::Th).date(d), "23 พฤศจิกายน 2026");
        assert_eq!(f(Locale::My).date(d), "2026 ခုနှစ် နိုဝင်ဘာလ 23 ရက်");
        assert_eq!(f(Locale::Km).date(d), "23 វិច្ឆិកា 2026");
        assert_eq!(f(Locale::Lo).date(d), "23 ພະຈິກ 2026");
        assert_eq!(f(Locale::Vi).date(d), "23 tháng 11 năm 2026");
        assert_eq!(f(Locale::Zh).date(d), "2026年11月23日");
    }

    #[test]
    fn thai_readers_may_count_years_in_the_buddhist_era() {
        let d = day(2026, 11, 23);
        let be = f(Locale::Th).with_buddhist_era(true);
        assert_eq!(be.date(d), "23 พฤศจิกายน 2569");
        assert_eq!(be.weekday_date(d), "วันจันทร์ที่ 23 พฤศจิกายน 2569");
        assert_eq!(
            be.range(day(2027, 3, 15), day(2027, 3, 16)),
            "15–16 มีนาคม 2570"
        );
        // The choice means nothing in other languages.
        assert_eq!(
            f(Locale::En).with_buddhist_era(true).date(d),
            "23 November 2026"
        );
    }

    #[test]
    fn a_weekday_and_date_in_each_language() {
        let d = day(2026, 11, 23);
        assert_eq!(f(Locale::En).weekday_date(d), "Monday 23 November 2026");
        assert_eq!(f(Locale::Zh).weekday_date(d), "2026年11月23日 星期一");
        assert_eq!(
            f(Locale::Vi).weekday_date(d),
            "Thứ Hai, ngày 23 tháng 11 năm 2026"
        );
        assert!(f(Locale::Km).weekday_date(d).contains("វិច្ឆិកា"));
        assert!(f(Locale::Lo).weekday_date(d).starts_with("ວັນຈັນ"));
        assert!(f(Locale::My).weekday_date(d).starts_with("တနင်္လာနေ့"));
    }

    #[test]
    fn ranges_share_the_month_when_they_can() {
        let (a, b) = (day(2015, 3, 16), day(2015, 3, 17));
        assert_eq!(f(Locale::En).range(a, b), "16–17 March 2015");
        assert_eq!(f(Locale::Zh).range(a, b), "2015年3月16日至17日");
        assert_eq!(f(Locale::Vi).range(a, b), "16–17 tháng 3 năm 2015");
        assert_eq!(f(Locale::En).range(a, a), "16 March 2015");
        assert_eq!(
            f(Locale::En).range(day(2026, 11, 30), day(2026, 12, 2)),
            "30 November 2026 – 2 December 2026"
        );
        assert_eq!(
            f(Locale::Zh).range(day(2026, 11, 30), day(2026, 12, 2)),
            "2026年11月30日至2026年12月2日"
        );
        assert_eq!(
            f(Locale::Km).iso_range("2018-01-13", "2018-01-14"),
            "13–14 មករា 2018"
        );
        assert_eq!(f(Locale::En).iso_range("soon", "later"), "soon – later");
    }

    #[test]
    fn times_and_numbers() {
        let t = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        for l in Locale::ALL {
            assert_eq!(f(*l).time(t), "14:05");
        }
        assert_eq!(f(Locale::En).number(1_234_567), "1,234,567");
        assert_eq!(f(Locale::Th).number(1234), "1,234");
        assert_eq!(f(Locale::Vi).number(1234), "1.234");
        assert_eq!(f(Locale::Km).number(-12345), "-12.345");
        assert_eq!(f(Locale::Zh).number(999), "999");
        assert_eq!(f(Locale::Lo).number(0), "0");
    }

    #[test]
    fn iso_days_are_formatted_and_other_text_is_kept() {
        assert_eq!(f(Locale::Zh).iso_day("2026-11-23"), "2026年11月23日");
        assert_eq!(
            f(Locale::En).iso_weekday_day("2018-01-13"),
            "Saturday 13 January 2018"
        );
        assert_eq!(f(Locale::En).iso_day("TBC"), "TBC");
    }
}
