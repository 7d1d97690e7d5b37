//! iCalendar (RFC 5545) files for events and their sessions.
//!
//! A calendar file is a pure function of the loaded event (plus "now" for `DTSTAMP`), so two
//! downloads differ only in `DTSTAMP` and calendar clients recognise updates by the stable UIDs
//! (`event-{id}@{host}`, `session-{id}@{host}`).
//!
//! Times are written as local wall-clock times in the event's IANA zone
//! (`DTSTART;TZID=Asia/Yangon:20180113T090000`) with a `VTIMEZONE` we write ourselves. The
//! region's zones have kept one offset for decades, so one `STANDARD` sub-component describes
//! them exactly at every instant the file mentions. A zone that observes daylight saving (or
//! changed its offset) around those instants, or a zone name chrono-tz does not know, gets UTC
//! times (`...Z`) instead: a plain but correct file beats a wrong `VTIMEZONE`.
//!
//! The few lines are written by hand rather than through the `icalendar` crate: that crate cannot
//! write `VTIMEZONE`, fills a missing `DTSTAMP`/`UID` with the clock and a random UUID, and orders
//! properties alphabetically; here escaping and folding are a few lines under our own tests.
use std::fmt::Write as _;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::types::{AgendaSession, EventDetail, EventSummary, SessionPerson, SessionRole};

const PRODID: &str = "-//Sala//Sala events//EN";
/// RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break.
const FOLD_AT: usize = 75;

/// The whole event and each of its sessions, one `VEVENT` each.
pub fn event_calendar(
    event: &EventDetail,
    host: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> String {
    let s = &event.summary;
    let mut instants = vec![s.starts_at, s.ends_at];
    instants.extend(event.sessions.iter().flat_map(|x| [x.starts_at, x.ends_at]));
    let zones = Zones::plan([(s.timezone.as_str(), instants)]);

    let mut ics = Ics::begin(&zones, Some(&s.title));
    let url = event_url(base_url, &s.slug);
    ics.event_vevent(event, host, &url, now, &zones);
    for session in &event.sessions {
        ics.session_vevent(event, session, host, &url, now, &zones);
    }
    ics.finish()
}

/// One session of `event` as its own calendar; `None` when the event has no such session.
pub fn session_calendar(
    event: &EventDetail,
    session_id: i64,
    host: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Option<String> {
    let session = event.sessions.iter().find(|x| x.id == session_id)?;
    let zones = Zones::plan([(
        event.summary.timezone.as_str(),
        vec![session.starts_at, session.ends_at],
    )]);
    let mut ics = Ics::begin(&zones, Some(&session.title));
    let url = event_url(base_url, &event.summary.slug);
    ics.session_vevent(event, session, host, &url, now, &zones);
    Some(ics.finish())
}

/// Where a registrant stands, as their own calendar says it (`STATUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Confirmed: the place is theirs.
    Confirmed,
    /// Waiting list, application or invitation not yet decided.
    Tentative,
    /// Withdrawn, declined or not accepted: the calendar app takes the event away.
    Cancelled,
}

impl Standing {
    fn as_str(self) -> &'static str {
        match self {
            Standing::Confirmed => "CONFIRMED",
            Standing::Tentative => "TENTATIVE",
            Standing::Cancelled => "CANCELLED",
        }
    }
}

/// How often a subscribed calendar app should fetch a personal feed again (RFC 7986
/// `REFRESH-INTERVAL`, and the older `X-PUBLISHED-TTL` that Outlook and Apple read).
const FEED_REFRESH: &str = "PT6H";

/// A registrant's own calendar, for subscribing: the event and the sessions in `parts` (ids of
/// sessions where they have a role), each with the registration's `standing`. Same UIDs as
/// [`event_calendar`], so an app that holds both sees one event.
pub fn personal_calendar(
    event: &EventDetail,
    parts: &[i64],
    standing: Standing,
    host: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> String {
    let s = &event.summary;
    let sessions: Vec<&AgendaSession> = event
        .sessions
        .iter()
        .filter(|x| parts.contains(&x.id))
        .collect();
    let mut instants = vec![s.starts_at, s.ends_at];
    instants.extend(sessions.iter().flat_map(|x| [x.starts_at, x.ends_at]));
    let zones = Zones::plan([(s.timezone.as_str(), instants)]);
    let refresh = [
        ("REFRESH-INTERVAL;VALUE=DURATION", FEED_REFRESH),
        ("X-PUBLISHED-TTL", FEED_REFRESH),
    ];
    let mut ics = Ics::begin_with(&zones, Some(&s.title), &refresh);
    ics.status = Some(standing.as_str());
    let url = event_url(base_url, &s.slug);
    ics.event_vevent(event, host, &url, now, &zones);
    for session in sessions {
        ics.session_vevent(event, session, host, &url, now, &zones);
    }
    ics.finish()
}

/// The subscription feed: one `VEVENT` per listed event (the caller lists only public ones).
pub fn feed(events: &[EventSummary], host: &str, base_url: &str, now: DateTime<Utc>) -> String {
    let zones = Zones::plan(
        events
            .iter()
            .map(|e| (e.timezone.as_str(), vec![e.starts_at, e.ends_at])),
    );
    let mut ics = Ics::begin(&zones, Some("Sala events"));
    for e in events {
        let url = event_url(base_url, &e.slug);
        ics.open_vevent(&format!("event-{}@{host}", e.id.0), now);
        ics.times(&e.timezone, e.starts_at, e.ends_at, &zones);
        ics.text("SUMMARY", &e.title);
        ics.text(
            "DESCRIPTION",
            &join_paragraphs([e.summary.as_str(), url.as_str()]),
        );
        let country = e.country.as_deref().unwrap_or("");
        ics.text("LOCATION", &location([e.city.as_str(), country]));
        ics.raw("URL", &url);
        ics.raw("END", "VEVENT");
    }
    ics.finish()
}

fn event_url(base_url: &str, slug: &str) -> String {
    format!("{}/events/{slug}", base_url.trim_end_matches('/'))
}

/// How each zone's times are written in one calendar.
struct Zones {
    /// Zones written with `TZID` (in order of first use): name and their one offset.
    local: Vec<(String, Tz, chrono_tz::TzOffset)>,
}

impl Zones {
    /// Keep a zone local only when its offset is the same, without daylight saving, at every
    /// instant written and for a year around them, so one `STANDARD` rule is exact there.
    fn plan<'a>(uses: impl IntoIterator<Item = (&'a str, Vec<DateTime<Utc>>)>) -> Zones {
        let mut seen: Vec<(&'a str, Vec<DateTime<Utc>>)> = Vec::new();
        for (name, instants) in uses {
            match seen.iter_mut().find(|(n, _)| *n == name) {
                Some((_, all)) => all.extend(instants),
                None => seen.push((name, instants)),
            }
        }
        let local = seen
            .into_iter()
            .filter_map(|(name, instants)| {
                let tz: Tz = name.parse().ok()?;
                let offset = steady_offset(tz, &instants)?;
                Some((name.to_owned(), tz, offset))
            })
            .collect();
        Zones { local }
    }

    fn get(&self, name: &str) -> Option<Tz> {
        self.local
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, tz, _)| *tz)
    }
}

/// The zone's offset if it is one standard offset at all `instants` and a year around them.
fn steady_offset(tz: Tz, instants: &[DateTime<Utc>]) -> Option<chrono_tz::TzOffset> {
    let first = instants.iter().min()?;
    let last = instants.iter().max()?;
    let year = Duration::days(366);
    let step = Duration::days(14);
    let offset = tz.offset_from_utc_datetime(&first.naive_utc());
    let total = |o: &chrono_tz::TzOffset| o.base_utc_offset() + o.dst_offset();
    let steady = |at: DateTime<Utc>| {
        let o = tz.offset_from_utc_datetime(&at.naive_utc());
        o.dst_offset().is_zero() && total(&o) == total(&offset)
    };
    // Daylight saving lasts months, so fortnightly samples cannot step over a period of it.
    let mut at = *first - year;
    while at < *last + year {
        if !steady(at) {
            return None;
        }
        at += step;
    }
    instants.iter().all(|&i| steady(i)).then_some(offset)
}

/// `+0630`, `-0500`, or with seconds when the offset has them.
fn format_offset(seconds: i64) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A calendar being written: content lines, folded and CRLF-terminated.
struct Ics {
    out: String,
    /// `STATUS` of every `VEVENT` written, when set.
    status: Option<&'static str>,
}

impl Ics {
    fn begin(zones: &Zones, name: Option<&str>) -> Ics {
        Ics::begin_with(zones, name, &[])
    }

    /// Like [`Ics::begin`], with more calendar properties (`extra`: name and raw value), which
    /// RFC 5545 wants before the first component.
    fn begin_with(zones: &Zones, name: Option<&str>, extra: &[(&str, &str)]) -> Ics {
        let mut ics = Ics {
            out: String::new(),
            status: None,
        };
        ics.raw("BEGIN", "VCALENDAR");
        ics.raw("VERSION", "2.0");
        ics.raw("PRODID", PRODID);
        ics.raw("CALSCALE", "GREGORIAN");
        ics.raw("METHOD", "PUBLISH");
        if let Some(name) = name {
            ics.text("X-WR-CALNAME", name);
        }
        for (property, value) in extra {
            ics.raw(property, value);
        }
        for (name, _, offset) in &zones.local {
            let seconds = (offset.base_utc_offset() + offset.dst_offset()).num_seconds();
            let utc_offset = format_offset(seconds);
            ics.raw("BEGIN", "VTIMEZONE");
            ics.text("TZID", name);
            ics.raw("BEGIN", "STANDARD");
            ics.raw("DTSTART", "19700101T000000");
            ics.raw("TZOFFSETFROM", &utc_offset);
            ics.raw("TZOFFSETTO", &utc_offset);
            // chrono-tz gives no abbreviation where tzdata only has a numeric one ("+0630").
            ics.text("TZNAME", offset.abbreviation().unwrap_or(&utc_offset));
            ics.raw("END", "STANDARD");
            ics.raw("END", "VTIMEZONE");
        }
        ics
    }

    fn finish(mut self) -> String {
        self.raw("END", "VCALENDAR");
        self.out
    }

    /// A property whose value is already in its iCalendar form (dates, URIs, enumerations).
    fn raw(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    fn open_vevent(&mut self, uid: &str, now: DateTime<Utc>) {
        self.raw("BEGIN", "VEVENT");
        self.text("UID", uid);
        self.raw("DTSTAMP", &utc_stamp(now));
        if let Some(status) = self.status {
            self.raw("STATUS", status);
        }
    }

    fn times(&mut self, zone: &str, starts: DateTime<Utc>, ends: DateTime<Utc>, zones: &Zones) {
        let mut put = |name: &str, at: DateTime<Utc>| match zones.get(zone) {
            Some(tz) => {
                let local = tz
                    .from_utc_datetime(&at.naive_utc())
                    .format("%Y%m%dT%H%M%S");
                self.raw(&format!("{name};TZID={zone}"), &local.to_string());
            }
            None => self.raw(name, &utc_stamp(at)),
        };
        put("DTSTART", starts);
        // RFC 5545 wants DTEND after DTSTART; without it the event is an instant.
        if ends > starts {
            put("DTEND", ends);
        }
    }

    fn event_vevent(
        &mut self,
        event: &EventDetail,
        host: &str,
        url: &str,
        now: DateTime<Utc>,
        zones: &Zones,
    ) {
        let s = &event.summary;
        self.open_vevent(&format!("event-{}@{host}", s.id.0), now);
        self.times(&s.timezone, s.starts_at, s.ends_at, zones);
        self.text("SUMMARY", &s.title);
        let description = if event.description.trim().is_empty() {
            &s.summary
        } else {
            &event.description
        };
        self.text("DESCRIPTION", &join_paragraphs([description.as_str(), url]));
        self.text("LOCATION", &venue_location(event, None));
        self.raw("URL", url);
        self.raw("END", "VEVENT");
    }

    fn session_vevent(
        &mut self,
        event: &EventDetail,
        session: &AgendaSession,
        host: &str,
        url: &str,
        now: DateTime<Utc>,
        zones: &Zones,
    ) {
        let s = &event.summary;
        self.open_vevent(&format!("session-{}@{host}", session.id), now);
        self.times(&s.timezone, session.starts_at, session.ends_at, zones);
        self.text("SUMMARY", &session.title);
        let people: Vec<String> = session.people.iter().map(person_line).collect();
        let part_of = format!("{}\n{url}", s.title);
        let description =
            join_paragraphs([session.description.as_str(), &people.join("\n"), &part_of]);
        self.text("DESCRIPTION", &description);
        self.text("LOCATION", &venue_location(event, Some(&session.room)));
        self.raw("URL", url);
        // The session belongs to the event (RELTYPE defaults to PARENT).
        self.text("RELATED-TO", &format!("event-{}@{host}", s.id.0));
        self.raw("END", "VEVENT");
    }
}

fn role_label(role: SessionRole) -> &'static str {
    match role {
        SessionRole::Speaker => "Speaker",
        SessionRole::Panelist => "Panelist",
        SessionRole::Moderator => "Moderator",
        SessionRole::Facilitator => "Facilitator",
        SessionRole::ResourcePerson => "Resource person",
        SessionRole::Rapporteur => "Rapporteur",
    }
}

/// `Moderator: Ms Thet Thet (သက်သက်), MMN, Myanmar`
fn person_line(p: &SessionPerson) -> String {
    let mut line = format!("{}: {}", role_label(p.role), p.name);
    if let Some(native) = p
        .name_native
        .as_deref()
        .filter(|n| !n.trim().is_empty() && *n != p.name)
    {
        let _ = write!(line, " ({native})");
    }
    for extra in [&p.organisation, &p.country].into_iter().flatten() {
        if !extra.trim().is_empty() {
            let _ = write!(line, ", {extra}");
        }
    }
    line
}

/// Room, venue, address, city and country, skipping blanks and parts already said
/// (addresses often end with the city).
fn venue_location(event: &EventDetail, room: Option<&str>) -> String {
    let s = &event.summary;
    let country = event
        .country_name
        .as_deref()
        .or(s.country.as_deref())
        .unwrap_or("");
    location([
        room.unwrap_or(""),
        &event.venue_name,
        &event.venue_address,
        &s.city,
        country,
    ])
}

fn location<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let lower = part.to_lowercase();
        if !kept.iter().any(|k| k.to_lowercase().contains(&lower)) {
            kept.push(part);
        }
    }
    kept.join(", ")
}

fn join_paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("\n\n")
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`;
/// other control characters are not allowed in TEXT and are dropped (tab is kept).
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Append one content line folded at 75 octets (RFC 5545 §3.1), each physical line ending in
/// CRLF and continuation lines starting with one space. Folds fall between UTF-8 characters,
/// and where possible not next to whitespace, because some readers trim the ends of lines.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = FOLD_AT;
    while rest.len() > limit {
        let cut = fold_point(rest, limit);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = FOLD_AT - 1; // the leading space counts
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// The byte index at most `limit` to fold `text` at: a character boundary, preferably with no
/// whitespace on either side within a few characters back; else, anywhere on the line, one
/// with no whitespace before it, since what readers trim is the end of a line (in "a b c d"
/// every boundary touches a space); never zero.
fn fold_point(text: &str, limit: usize) -> usize {
    let boundaries = || (1..=limit).rev().filter(|&i| text.is_char_boundary(i));
    let is_space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let before = |i: usize| text[..i].chars().next_back();
    let clean = boundaries()
        .take(12)
        .find(|&i| !is_space(before(i)) && !is_space(text[i..].chars().next()));
    let ends_clean = || boundaries().find(|&i| !is_space(before(i)));
    // A UTF-8 character is at most 4 bytes, so a boundary exists in (limit - 3, limit].
    clean
        .or_else(ends_clean)
        .or_else(|| boundaries().next())
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_format_as_rfc5545_utc_offsets() {
        assert_eq!(format_offset(6 * 3600 + 1800), "+0630");
        assert_eq!(format_offset(-5 * 3600), "-0500");
        assert_eq!(format_offset(0), "+0000");
        assert_eq!(format_offset(3600 + 1), "+010001");
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "မြန်မာ".repeat(40));
        fold_into(&mut out, &line);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= FOLD_AT, "{physical:?}");
        }
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }

    /// Found by the property tests: in words of one character between spaces every fold
    /// touched a space, a line could end with one, and readers that trim line ends lost it.
    #[test]
    fn folds_never_end_a_line_with_a_space_when_another_place_will_do() {
        for text in [
            "a ".repeat(60),
            format!("x{}", "a  ".repeat(40)),
            "\u{1000} ".repeat(60),
        ] {
            let mut out = String::new();
            let line = format!("SUMMARY:{text}end");
            fold_into(&mut out, &line);
            for physical in out.split_terminator("\r\n") {
                assert!(physical.len() <= FOLD_AT, "{physical:?}");
                assert!(!physical.ends_with(' '), "{physical:?}");
            }
            assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        }
    }

    #[test]
    fn escaping_covers_the_reserved_characters() {
        assert_eq!(
            escape_text("a;b,c\\d\r\ne\nf\u{7}"),
            "a\\;b\\,c\\\\d\\ne\\nf"
        );
    }
}
