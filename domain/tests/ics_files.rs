//! Calendar files (`documents::ics`) checked line by line and read back by independent parsers:
//! the `ical` crate always, Python's `icalendar` package when it is installed.
use std::io::{BufReader, Write as _};
use std::process::{Command, Stdio};

use chrono::{DateTime, TimeZone, Utc};
use domain::documents::ics;
use domain::types::{
    AgendaSession, EventDetail, EventId, EventKind, EventStatus, EventSummary, SessionKind,
    SessionPerson, SessionRole, Visibility,
};

const HOST: &str = "events.mekongmigration.org";
const BASE: &str = "https://events.mekongmigration.org";

/// 66 Burmese characters, about 190 octets: folded at least twice.
const BURMESE_TITLE: &str = "ရွှေ့ပြောင်းအလုပ်သမားများ၏ တရားမျှတမှုရယူခွင့်ဆိုင်ရာ ဒေသဆိုင်ရာ ညှိနှိုင်းအစည်းအဝေး ဖွင့်ပွဲ";
const TRICKY_TITLE: &str = "Group work; Thailand, Cambodia \\ Lao PDR\nReport-back";
/// TRICKY_TITLE as RFC 5545 TEXT, written out by hand rather than by the code under test.
const TRICKY_ESCAPED: &str = "Group work\\; Thailand\\, Cambodia \\\\ Lao PDR\\nReport-back";
const THAI_TITLE: &str = "การฝึกอบรมเรื่องสิทธิแรงงานข้ามชาติและการเข้าถึงความยุติธรรม สำหรับผู้ช่วยทนายความ";

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("valid test instant")
}

fn summary(
    id: i64,
    slug: &str,
    title: &str,
    zone: &str,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    city: &str,
) -> EventSummary {
    EventSummary {
        id: EventId(id),
        slug: slug.into(),
        title: title.into(),
        kind: EventKind::ConsultationMeeting,
        status: EventStatus::Published,
        starts_at: starts,
        ends_at: ends,
        timezone: zone.into(),
        local_start: String::new(),
        local_end: String::new(),
        city: city.into(),
        country: None,
        summary: format!("{title} in {city}."),
    }
}

fn session(
    id: i64,
    title: &str,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    people: Vec<SessionPerson>,
) -> AgendaSession {
    AgendaSession {
        id,
        kind: SessionKind::Plenary,
        title: title.into(),
        description: String::new(),
        room: "Inya Room".into(),
        language: "my".into(),
        starts_at: starts,
        ends_at: ends,
        local_day: String::new(),
        local_start: String::new(),
        local_end: String::new(),
        people,
        interpreted: vec![],
    }
}

fn detail(
    summary: EventSummary,
    sessions: Vec<AgendaSession>,
    venue: &str,
    country: &str,
) -> EventDetail {
    EventDetail {
        description: format!(
            "{}: regional discussion, with partners; 2 days.",
            summary.title
        ),
        summary,
        objectives: vec![],
        venue_name: venue.into(),
        venue_address: String::new(),
        country_name: Some(country.into()),
        visibility: Visibility::Public,
        organisations: vec![],
        parent: None,
        working_languages: vec![],
        interpretation_languages: vec![],
        sessions,
        zone_label: String::new(),
    }
}

/// The Yangon consultation, 13–14 January 2018, 09:00 local (+06:30) = 02:30 UTC.
fn yangon() -> EventDetail {
    let moderator = SessionPerson {
        role: SessionRole::Moderator,
        name: "Thet Thet Aung".into(),
        name_native: Some("သက်သက်အောင်".into()),
        organisation: Some("MMN".into()),
        country: Some("Myanmar".into()),
        country_code: Some("MM".into()),
    };
    let s = summary(
        7,
        "yangon-consultation-2018",
        "Regional Consultation on Access to Justice",
        "Asia/Yangon",
        utc(2018, 1, 13, 2, 30),
        utc(2018, 1, 14, 10, 30),
        "Yangon",
    );
    let sessions = vec![
        session(
            101,
            BURMESE_TITLE,
            utc(2018, 1, 13, 2, 30),
            utc(2018, 1, 13, 4, 0),
            vec![moderator],
        ),
        session(
            102,
            TRICKY_TITLE,
            utc(2018, 1, 13, 7, 0),
            utc(2018, 1, 13, 8, 30),
            vec![],
        ),
    ];
    detail(s, sessions, "Chatrium Hotel Royal Lake", "Myanmar")
}

fn bangkok() -> EventDetail {
    let mut s = summary(
        8,
        "bangkok-paralegal-training-2019",
        THAI_TITLE,
        "Asia/Bangkok",
        utc(2019, 3, 4, 2, 0),
        utc(2019, 3, 6, 10, 0),
        "Bangkok",
    );
    s.kind = EventKind::Training;
    let sessions = vec![session(
        201,
        "វគ្គបណ្តុះបណ្តាល: សិទ្ធិពលករចំណាកស្រុក",
        utc(2019, 3, 4, 2, 0),
        utc(2019, 3, 4, 5, 0),
        vec![],
    )];
    detail(s, sessions, "Chulalongkorn University", "Thailand")
}

/// A zone with daylight saving: must fall back to UTC times.
fn oslo() -> EventDetail {
    let s = summary(
        9,
        "oslo-dialogue",
        "Oslo Dialogue",
        "Europe/Oslo",
        utc(2018, 1, 20, 8, 0),
        utc(2018, 1, 20, 15, 0),
        "Oslo",
    );
    detail(s, vec![], "Litteraturhuset", "Norway")
}

fn now() -> DateTime<Utc> {
    utc(2017, 12, 1, 12, 0)
}

/// Physical layout: CRLF everywhere, ≤ 75 octets, continuation lines start with a space.
fn assert_layout(ics: &str) {
    assert!(ics.ends_with("\r\n"), "file must end with CRLF");
    let body = &ics[..ics.len() - 2];
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty(), "empty line");
    }
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
}

/// Unfold per RFC 5545 §3.1: remove every CRLF followed by one space or tab.
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split_terminator("\r\n")
        .map(str::to_owned)
        .collect()
}

fn has_line(lines: &[String], wanted: &str) -> bool {
    lines.iter().any(|l| l == wanted)
}

fn count(lines: &[String], wanted: &str) -> usize {
    lines.iter().filter(|l| *l == wanted).count()
}

/// Reverse TEXT escaping, for comparing what a reader sees with the original.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn parse(ics: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("ical parses the file");
    assert!(calendars.next().is_none(), "exactly one VCALENDAR");
    calendar
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> &'a ical::property::Property {
    props
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn value<'a>(props: &'a [ical::property::Property], name: &str) -> &'a str {
    prop(props, name).value.as_deref().unwrap_or("")
}

fn tzid(p: &ical::property::Property) -> Option<&str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == "TZID")
        .map(|(_, v)| v[0].as_str())
}

#[test]
fn event_calendar_layout_and_headers() {
    let ics = ics::event_calendar(&yangon(), HOST, BASE, now());
    assert_layout(&ics);
    let lines = unfold(&ics);
    for header in [
        "VERSION:2.0",
        "PRODID:-//Sala//Sala events//EN",
        "METHOD:PUBLISH",
    ] {
        assert!(has_line(&lines, header), "missing {header}");
    }
    assert_eq!(count(&lines, "BEGIN:VEVENT"), 3);
    assert_eq!(count(&lines, "DTSTAMP:20171201T120000Z"), 3);
    assert!(has_line(&lines, "UID:event-7@events.mekongmigration.org"));
    assert!(has_line(
        &lines,
        "UID:session-101@events.mekongmigration.org"
    ));
    assert!(has_line(
        &lines,
        "UID:session-102@events.mekongmigration.org"
    ));
    assert!(has_line(
        &lines,
        "URL:https://events.mekongmigration.org/events/yangon-consultation-2018"
    ));
    // The Burmese title is long enough to be folded, and unfolding gives it back whole.
    assert!(ics.contains("\r\n "), "nothing was folded");
    assert!(has_line(&lines, &format!("SUMMARY:{BURMESE_TITLE}")));
    assert!(has_line(&lines, &format!("SUMMARY:{TRICKY_ESCAPED}")));
    assert!(has_line(
        &lines,
        "LOCATION:Inya Room\\, Chatrium Hotel Royal Lake\\, Yangon\\, Myanmar"
    ));
}

#[test]
fn yangon_times_are_local_with_a_correct_vtimezone() {
    let ics = ics::event_calendar(&yangon(), HOST, BASE, now());
    let lines = unfold(&ics);
    // 2018-01-13T02:30Z is 09:00 in Yangon (+06:30).
    assert!(has_line(&lines, "DTSTART;TZID=Asia/Yangon:20180113T090000"));
    assert!(has_line(&lines, "DTEND;TZID=Asia/Yangon:20180114T170000"));
    assert!(has_line(&lines, "DTSTART;TZID=Asia/Yangon:20180113T133000"));
    let vtimezone = "BEGIN:VTIMEZONE\r\nTZID:Asia/Yangon\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
                     TZOFFSETFROM:+0630\r\nTZOFFSETTO:+0630\r\nTZNAME:+0630\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    assert_eq!(ics.matches(vtimezone).count(), 1, "{ics}");
    assert!(ics.find("END:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
}

#[test]
fn uids_are_stable_and_only_dtstamp_changes() {
    let a = ics::event_calendar(&yangon(), HOST, BASE, now());
    let b = ics::event_calendar(&yangon(), HOST, BASE, utc(2025, 6, 1, 0, 0));
    let uids = |s: &str| {
        unfold(s)
            .into_iter()
            .filter(|l| l.starts_with("UID:"))
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&a), uids(&b));
    let without_stamp = |s: &str| {
        unfold(s)
            .into_iter()
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .collect::<Vec<_>>()
    };
    assert_eq!(without_stamp(&a), without_stamp(&b));
    assert_ne!(a, b);
}

#[test]
fn ical_crate_reads_the_event_calendar() {
    let event = yangon();
    let cal = parse(&ics::event_calendar(&event, HOST, BASE, now()));
    assert_eq!(value(&cal.properties, "PRODID"), "-//Sala//Sala events//EN");
    assert_eq!(cal.events.len(), 3);
    assert_eq!(cal.timezones.len(), 1);
    let tz = &cal.timezones[0];
    assert_eq!(value(&tz.properties, "TZID"), "Asia/Yangon");
    assert_eq!(tz.transitions.len(), 1);
    assert_eq!(value(&tz.transitions[0].properties, "TZOFFSETTO"), "+0630");
    assert_eq!(
        value(&tz.transitions[0].properties, "TZOFFSETFROM"),
        "+0630"
    );

    let whole = &cal.events[0].properties;
    assert_eq!(value(whole, "UID"), "event-7@events.mekongmigration.org");
    assert_eq!(tzid(prop(whole, "DTSTART")), Some("Asia/Yangon"));
    assert_eq!(value(whole, "DTSTART"), "20180113T090000");

    let burmese = &cal.events[1].properties;
    assert_eq!(value(burmese, "SUMMARY"), BURMESE_TITLE);
    assert_eq!(tzid(prop(burmese, "DTSTART")), Some("Asia/Yangon"));
    assert_eq!(value(burmese, "DTEND"), "20180113T103000");
    assert_eq!(
        value(burmese, "RELATED-TO"),
        "event-7@events.mekongmigration.org"
    );
    let description = unescape(value(burmese, "DESCRIPTION"));
    assert!(
        description.contains("Moderator: Thet Thet Aung (သက်သက်အောင်), MMN, Myanmar"),
        "{description}"
    );

    let tricky = &cal.events[2].properties;
    assert_eq!(value(tricky, "SUMMARY"), TRICKY_ESCAPED);
    assert_eq!(unescape(value(tricky, "SUMMARY")), TRICKY_TITLE);
}

#[test]
fn session_calendar_holds_one_session() {
    let event = yangon();
    let ics = ics::session_calendar(&event, 102, HOST, BASE, now()).expect("session 102 exists");
    assert_layout(&ics);
    let expected = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sala//Sala events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{TRICKY_ESCAPED}"),
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Yangon",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0630",
        "TZOFFSETTO:+0630",
        "TZNAME:+0630",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:session-102@events.mekongmigration.org",
        "DTSTAMP:20171201T120000Z",
        "DTSTART;TZID=Asia/Yangon:20180113T133000",
        "DTEND;TZID=Asia/Yangon:20180113T150000",
        &format!("SUMMARY:{TRICKY_ESCAPED}"),
        "DESCRIPTION:Regional Consultation on Access to Justice\\nhttps://events.mekongmigration.org/events/yangon-consultation-2018",
        "LOCATION:Inya Room\\, Chatrium Hotel Royal Lake\\, Yangon\\, Myanmar",
        "URL:https://events.mekongmigration.org/events/yangon-consultation-2018",
        "RELATED-TO:event-7@events.mekongmigration.org",
        "END:VEVENT",
        "END:VCALENDAR",
    ];
    assert_eq!(unfold(&ics), expected);
    let cal = parse(&ics);
    assert_eq!(cal.events.len(), 1);
    assert!(ics::session_calendar(&event, 999, HOST, BASE, now()).is_none());
    assert!(
        ics::session_calendar(&event, 201, HOST, BASE, now()).is_none(),
        "another event's session"
    );
}

#[test]
fn zones_with_daylight_saving_or_unknown_names_fall_back_to_utc() {
    let ics = ics::event_calendar(&oslo(), HOST, BASE, now());
    assert_layout(&ics);
    let lines = unfold(&ics);
    assert!(!ics.contains("VTIMEZONE") && !ics.contains("TZID"), "{ics}");
    assert!(has_line(&lines, "DTSTART:20180120T080000Z"));
    assert!(has_line(&lines, "DTEND:20180120T150000Z"));

    let mut unknown = yangon();
    unknown.summary.timezone = "Mars/Olympus_Mons".into();
    let ics = ics::event_calendar(&unknown, HOST, BASE, now());
    assert!(!ics.contains("VTIMEZONE") && !ics.contains("TZID"));
    assert!(has_line(&unfold(&ics), "DTSTART:20180113T023000Z"));
    assert_eq!(parse(&ics).events.len(), 3);
}

#[test]
fn feed_lists_events_with_one_vtimezone_per_zone() {
    let events = [
        yangon().summary,
        bangkok().summary,
        oslo().summary,
        bangkok().summary,
    ];
    let ics = ics::feed(&events, HOST, BASE, now());
    assert_layout(&ics);
    let lines = unfold(&ics);
    assert!(has_line(&lines, "X-WR-CALNAME:Sala events"));
    assert!(has_line(&lines, &format!("SUMMARY:{THAI_TITLE}")));
    assert!(has_line(
        &lines,
        "DTSTART;TZID=Asia/Bangkok:20190304T090000"
    ));
    assert!(has_line(&lines, "DTSTART:20180120T080000Z"));
    let cal = parse(&ics);
    assert_eq!(cal.events.len(), 4);
    let zones: Vec<(&str, &str)> = cal
        .timezones
        .iter()
        .map(|tz| {
            (
                value(&tz.properties, "TZID"),
                value(&tz.transitions[0].properties, "TZOFFSETTO"),
            )
        })
        .collect();
    assert_eq!(zones, [("Asia/Yangon", "+0630"), ("Asia/Bangkok", "+0700")]);
    assert_eq!(value(&cal.events[1].properties, "SUMMARY"), THAI_TITLE);
    assert_eq!(
        value(&cal.events[1].properties, "UID"),
        "event-8@events.mekongmigration.org"
    );
}

/// A registrant's own calendar: the event and only the sessions they have a part in, each with
/// the registration's standing, and a refresh hint for subscribing apps (before any component).
#[test]
fn personal_calendar_holds_the_event_and_the_persons_sessions() {
    let event = yangon();
    let ics = ics::personal_calendar(&event, &[102], ics::Standing::Tentative, HOST, BASE, now());
    assert_layout(&ics);
    let lines = unfold(&ics);
    let refresh = lines
        .iter()
        .position(|l| l == "REFRESH-INTERVAL;VALUE=DURATION:PT6H")
        .expect("a refresh hint");
    let first_component = lines
        .iter()
        .position(|l| l.starts_with("BEGIN:V") && l != "BEGIN:VCALENDAR");
    assert!(first_component.is_some_and(|c| refresh < c), "{lines:?}");
    assert!(has_line(&lines, "X-PUBLISHED-TTL:PT6H"));
    let cal = parse(&ics);
    let uids: Vec<&str> = cal
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    assert_eq!(
        uids,
        [
            "event-7@events.mekongmigration.org",
            "session-102@events.mekongmigration.org"
        ]
    );
    assert!(cal
        .events
        .iter()
        .all(|e| value(&e.properties, "STATUS") == "TENTATIVE"));
    assert_eq!(
        value(&cal.events[1].properties, "DTSTART"),
        "20180113T133000"
    );

    let none = ics::personal_calendar(&event, &[], ics::Standing::Cancelled, HOST, BASE, now());
    let cal = parse(&none);
    assert_eq!(cal.events.len(), 1, "the event alone");
    assert_eq!(value(&cal.events[0].properties, "STATUS"), "CANCELLED");
    // The public files say nothing of anyone's standing.
    assert!(!ics::event_calendar(&event, HOST, BASE, now()).contains("STATUS:"));
}

/// Python's `icalendar` resolves TZID against real zone data and converts to UTC: the times
/// we wrote must mean the instants we started from.
#[test]
fn python_icalendar_reads_the_files() {
    const SCRIPT: &str = r#"
import sys
try:
    import icalendar
except ImportError:
    print("SKIP")
    sys.exit(0)
from datetime import timezone
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
print("TZ", ",".join(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")))
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART").astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    print("EV", ev["UID"], start, ev["SUMMARY"].replace("\n", "\\n"))
"#;
    let python = |input: &str| -> Option<String> {
        let mut child = Command::new("python3")
            .args(["-c", SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(input.as_bytes()).ok()?;
        let out = child.wait_with_output().ok()?;
        assert!(
            out.status.success(),
            "python icalendar failed to read the file"
        );
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(out) = python(&ics::event_calendar(&yangon(), HOST, BASE, now())) else {
        domain::service::testing::skip_unless_ci("python3 not available");
        return;
    };
    if out.trim() == "SKIP" {
        domain::service::testing::skip_unless_ci(
            "the Python icalendar package is not installed (pip install icalendar)",
        );
        return;
    }
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "TZ Asia/Yangon");
    assert_eq!(lines[1], "EV event-7@events.mekongmigration.org 20180113T023000Z Regional Consultation on Access to Justice");
    assert_eq!(
        lines[2],
        format!("EV session-101@events.mekongmigration.org 20180113T023000Z {BURMESE_TITLE}")
    );
    assert_eq!(
        lines[3],
        format!(
            "EV session-102@events.mekongmigration.org 20180113T070000Z {}",
            TRICKY_TITLE.replace('\n', "\\n")
        )
    );
    assert_eq!(lines.len(), 4);

    let feed = python(&ics::feed(
        &[bangkok().summary, oslo().summary],
        HOST,
        BASE,
        now(),
    ))
    .unwrap_or_default();
    assert_eq!(
        feed.lines().collect::<Vec<_>>(),
        [
            "TZ Asia/Bangkok",
            &format!("EV event-8@events.mekongmigration.org 20190304T020000Z {THAI_TITLE}"),
            "EV event-9@events.mekongmigration.org 20180120T080000Z Oslo Dialogue",
        ]
    );
}

/// Property tests: any text in any field, any instant and any zone chrono-tz knows give a
/// calendar that the `ical` crate reads back as what was written.
mod properties {
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use chrono_tz::Tz;
    use proptest::prelude::*;

    use super::*;

    fn config(cases: u32) -> ProptestConfig {
        ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    /// RFC 5545 §3.3.11 TEXT as the module documents it, written out independently: `\`, `;`
    /// and `,` escaped, every line break (CRLF, CR or LF) as `\n`, tab kept, other control
    /// characters dropped.
    fn as_text(value: &str) -> String {
        let mut out = String::new();
        for c in value.replace("\r\n", "\n").replace('\r', "\n").chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push('\t'),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    /// What the `ical` crate gives back for a TEXT value written as `escaped`: it trims the end
    /// of every physical line and drops every `:` that starts a value, both its own habits.
    /// A fold lands next to whitespace only inside a run of whitespace longer than a line, so
    /// the comparison is made only without such runs.
    fn as_ical_reads(escaped: &str) -> Option<String> {
        let longest_run = escaped
            .split(|c: char| !c.is_whitespace())
            .map(|run| run.len())
            .max()
            .unwrap_or(0);
        (longest_run < 60).then(|| escaped.trim_start_matches(':').trim_end().to_owned())
    }

    /// Any text, weighted towards what TEXT escapes and folding must survive: line breaks,
    /// commas, semicolons, backslashes, colons, several scripts, and very long values.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z ,;:\\\\\"\r\n\t\u{0}\u{85}\u{2028}\u{1000}-\u{109f}\u{0e00}-\u{0e7f}]{0,60}",
            ("\\PC{1,8}", 1..80usize).prop_map(|(s, n)| s.repeat(n)),
            // Short words between spaces: every place to fold touches a space.
            "(\\PC{1,2} {1,2}){1,80}",
        ]
    }

    fn zone() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec()).prop_map(|tz| tz.name().to_owned()),
            2 => prop::sample::select(vec!["Asia/Yangon", "Asia/Bangkok", "Asia/Phnom_Penh", "Asia/Vientiane", "Asia/Ho_Chi_Minh", "Asia/Shanghai"]).prop_map(str::to_owned),
            1 => Just("Mars/Olympus_Mons".to_owned()),
        ]
    }

    /// An instant in whole seconds between 1971 and 2099.
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (31_536_000i64..4_102_444_800)
            .prop_map(|s| Utc.timestamp_opt(s, 0).single().expect("in range"))
    }

    fn session_of(at: DateTime<Utc>) -> impl Strategy<Value = AgendaSession> {
        (0..40 * 86_400i64, -3_600..36_000i64, text(), text(), text()).prop_map(
            move |(offset, length, title, description, room)| {
                let starts = at + Duration::seconds(offset);
                let mut s = session(
                    0,
                    &title,
                    starts,
                    starts + Duration::seconds(length),
                    vec![],
                );
                s.description = description;
                s.room = room;
                s
            },
        )
    }

    fn event() -> impl Strategy<Value = EventDetail> {
        let texts = (text(), text(), text(), text(), text(), text());
        (
            1..1_000_000_000i64,
            instant(),
            -86_400..40 * 86_400i64,
            zone(),
            texts,
        )
            .prop_flat_map(|(id, starts, length, zone, texts)| {
                let sessions = prop::collection::vec(session_of(starts), 0..4);
                (Just((id, starts, length, zone, texts)), sessions)
            })
            .prop_map(
                |(
                    (
                        id,
                        starts,
                        length,
                        zone,
                        (title, summary_text, description, venue, address, city),
                    ),
                    sessions,
                )| {
                    let ends = starts + Duration::seconds(length);
                    let mut s = summary(id, "an-event", &title, &zone, starts, ends, &city);
                    s.summary = summary_text;
                    let sessions = sessions
                        .into_iter()
                        .enumerate()
                        .map(|(i, x)| AgendaSession {
                            id: id + 1 + i as i64,
                            ..x
                        })
                        .collect();
                    let mut event = detail(s, sessions, &venue, "Myanmar");
                    event.description = description;
                    event.venue_address = address;
                    event
                },
            )
    }

    /// The instant a DTSTART/DTEND property of a VEVENT means: local in its TZID, else UTC.
    fn instant_of(p: &ical::property::Property) -> Option<DateTime<Utc>> {
        let raw = p.value.as_deref()?;
        match tzid(p) {
            Some(zone) => {
                let tz: Tz = zone.parse().ok()?;
                let local = chrono::NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S").ok()?;
                tz.from_local_datetime(&local)
                    .single()
                    .map(|t| t.with_timezone(&Utc))
            }
            None => chrono::NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%SZ")
                .ok()
                .map(|t| t.and_utc()),
        }
    }

    /// One VEVENT read back: its UID, its summary as written, and its times.
    fn check_vevent(
        props: &[ical::property::Property],
        uid: &str,
        title: &str,
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
        zone: &str,
    ) -> Result<(), TestCaseError> {
        prop_assert_eq!(value(props, "UID"), uid);
        if let Some(read) = as_ical_reads(&as_text(title)) {
            prop_assert_eq!(value(props, "SUMMARY"), read);
        }
        let start = prop(props, "DTSTART");
        prop_assert!(tzid(start).is_none_or(|z| z == zone));
        prop_assert_eq!(instant_of(start), Some(starts));
        match props.iter().find(|p| p.name == "DTEND") {
            Some(end) => prop_assert_eq!(instant_of(end), Some(ends)),
            None => prop_assert!(ends <= starts, "DTEND left out"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config(256))]

        /// The whole event and its sessions: lines of at most 75 octets; unfolded, every
        /// summary is its text escaped; read by `ical`, the same number of events with the
        /// same UIDs, summaries and instants, and the location names every part given.
        #[test]
        fn event_calendars_read_back_as_written(event in event()) {
            let ics = ics::event_calendar(&event, HOST, BASE, now());
            assert_layout(&ics);
            let lines = unfold(&ics);
            let s = &event.summary;
            let mut titles = vec![format!("SUMMARY:{}", as_text(&s.title))];
            titles.extend(event.sessions.iter().map(|x| format!("SUMMARY:{}", as_text(&x.title))));
            let summaries: Vec<String> = lines.iter().filter(|l| l.starts_with("SUMMARY:")).cloned().collect();
            prop_assert_eq!(summaries, titles);

            let about = if event.description.trim().is_empty() { &s.summary } else { &event.description };
            let description = lines.iter().find(|l| l.starts_with("DESCRIPTION:")).expect("a description");
            prop_assert!(description.contains(&as_text(about.trim())));
            let location = lines.iter().find(|l| l.starts_with("LOCATION:")).expect("a location").to_lowercase();
            for part in [&event.venue_name, &event.venue_address, &s.city] {
                prop_assert!(location.contains(&as_text(part.trim()).to_lowercase()), "{:?} not in {:?}", part, location);
            }

            let cal = parse(&ics);
            prop_assert_eq!(cal.events.len(), 1 + event.sessions.len());
            check_vevent(&cal.events[0].properties, &format!("event-{}@{HOST}", s.id.0), &s.title, s.starts_at, s.ends_at, &s.timezone)?;
            for (read, x) in cal.events[1..].iter().zip(&event.sessions) {
                check_vevent(&read.properties, &format!("session-{}@{HOST}", x.id), &x.title, x.starts_at, x.ends_at, &s.timezone)?;
                prop_assert_eq!(value(&read.properties, "RELATED-TO"), format!("event-{}@{HOST}", s.id.0));
            }
        }

        /// One session's calendar: one event, named after the session.
        #[test]
        fn session_calendars_read_back_as_written(event in event()) {
            let Some(x) = event.sessions.first() else { return Ok(()) };
            let ics = ics::session_calendar(&event, x.id, HOST, BASE, now()).expect("the session exists");
            assert_layout(&ics);
            let name = format!("X-WR-CALNAME:{}", as_text(&x.title));
            prop_assert!(has_line(&unfold(&ics), &name), "no {:?}", name);
            let cal = parse(&ics);
            prop_assert_eq!(cal.events.len(), 1);
            check_vevent(&cal.events[0].properties, &format!("session-{}@{HOST}", x.id), &x.title, x.starts_at, x.ends_at, &event.summary.timezone)?;
        }
    }
}
