//! Certificates for trainees: one A4 landscape page each, with the name in both scripts,
//! the training's title, dates and place, the days attended, and two signature slots.
use super::layout::{Colour, Doc, Mark, Style, A4_LANDSCAPE};
use super::{Fonts, PdfError, Words};
use crate::attendance_types::Cohort;
use crate::types::{EventDetail, OrganisationRole};
use chrono::{DateTime, Utc};

const MARGIN: f32 = 40.0;
const LABEL: Style = Style::new(12.0).bold().colour(Colour::ACCENT);
const LEAD: Style = Style::new(12.0);
const NAME: Style = Style::new(28.0).bold();
const NATIVE: Style = Style::new(20.0);
const TITLE: Style = Style::new(16.0).bold();
const BODY: Style = Style::new(11.0);
const SIGN: Style = Style::new(9.5).colour(Colour::GREY);

/// One trainee's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Certificate {
    pub registration_id: i64,
    pub name_latin: String,
    pub name_native: String,
    pub days_attended: u32,
    pub total_days: u32,
    pub completed: bool,
}

/// The two people who sign (e.g. the coordinator and the host organisation), as
/// (name or role, organisation); empty strings leave a blank line to fill in by hand.
pub type Signatories = [(String, String); 2];

/// Which certificates are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateChoice {
    /// Trainees who completed the training.
    Completed,
    /// Everyone in the cohort: participation certificates for those who did not complete.
    All,
    /// One registration's, whether completed or not.
    One(i64),
}

/// The certificates `choice` asks for from `cohort`, in cohort order.
pub fn certificates_of(cohort: Cohort, choice: CertificateChoice) -> Vec<Certificate> {
    let total_days = cohort.total_days;
    cohort
        .rows
        .into_iter()
        .filter(|r| match choice {
            CertificateChoice::One(id) => r.roster.registration_id == id,
            CertificateChoice::All => true,
            CertificateChoice::Completed => r.completed,
        })
        .map(|r| Certificate {
            registration_id: r.roster.registration_id,
            name_latin: r.roster.name_latin,
            name_native: r.roster.name_native,
            days_attended: r.days_present,
            total_days,
            completed: r.completed,
        })
        .collect()
}

/// The organisers sign (organiser, then co-organiser, in the event's order); a second line
/// is left blank when there is only one.
pub fn signatories(event: &EventDetail) -> Signatories {
    let mut organisers = event
        .organisations
        .iter()
        .filter(|o| OrganisationRole::parse(&o.role).is_some_and(OrganisationRole::organises))
        .map(|o| (String::new(), o.name.clone()));
    [
        organisers.next().unwrap_or_default(),
        organisers.next().unwrap_or_default(),
    ]
}

pub fn certificates_pdf(
    event: &EventDetail,
    certificates: &[Certificate],
    signatories: &Signatories,
    fonts: &Fonts,
    generated_at: DateTime<Utc>,
    words: Words,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = Doc::new(fonts, A4_LANDSCAPE, MARGIN).in_language(words);
    let (w, h) = doc.page_size();
    let s = &event.summary;
    let country = words.event_country(event);
    let place: Vec<&str> = [event.venue_name.as_str(), s.city.as_str()]
        .into_iter()
        .chain(country.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    for (i, c) in certificates.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        doc.draw([
            Mark::Frame {
                x: 20.0,
                y: 20.0,
                width: w - 40.0,
                height: h - 40.0,
                colour: Colour::ACCENT,
            },
            Mark::Frame {
                x: 26.0,
                y: 26.0,
                width: w - 52.0,
                height: h - 52.0,
                colour: Colour::LIGHT,
            },
        ]);
        let mut b = doc.block();
        let centre = |b: &mut super::block::BlockBuilder<'_, '_>, text: &str, style: Style| {
            b.centred(text, style);
        };
        b.gap(40.0);
        let heading = if c.completed {
            words.t("doc-cert-completion")
        } else {
            words.t("doc-cert-participation")
        };
        centre(&mut b, &heading, LABEL);
        b.gap(18.0);
        centre(&mut b, &words.t("doc-cert-certify"), LEAD);
        b.gap(10.0);
        centre(&mut b, &c.name_latin, NAME);
        let native = c.name_native.trim();
        if !native.is_empty() && native != c.name_latin {
            b.gap(4.0);
            centre(&mut b, native, NATIVE);
        }
        b.gap(14.0);
        let verb = if c.completed {
            words.t("doc-cert-completed")
        } else {
            words.t("doc-cert-took-part")
        };
        centre(&mut b, &verb, LEAD);
        b.gap(8.0);
        centre(&mut b, &s.title, TITLE);
        b.gap(8.0);
        centre(
            &mut b,
            &format!(
                "{} · {}",
                words.range(&s.local_start, &s.local_end),
                place.join(", ")
            ),
            BODY,
        );
        b.gap(4.0);
        centre(
            &mut b,
            &words.f(
                if c.days_attended == 1 {
                    "doc-cert-day-one"
                } else {
                    "doc-cert-days"
                },
                &[
                    ("days", &c.days_attended.to_string()),
                    ("total", &c.total_days.to_string()),
                ],
            ),
            BODY,
        );
        let block = b.build();
        doc.place(block, false);
        // Signature slots near the foot of the page.
        let foot = h - 130.0;
        for (n, (who, org)) in signatories.iter().enumerate() {
            let x = if n == 0 { 110.0 } else { w - 110.0 - 220.0 };
            doc.draw([Mark::Line {
                x1: x,
                y1: foot,
                x2: x + 220.0,
                y2: foot,
                thickness: 0.6,
                colour: Colour::BLACK,
            }]);
            let mut b = super::block::BlockBuilder::new(doc.shaper(), 220.0);
            b.gap(4.0).text(who, SIGN, 0.0).text(org, SIGN, 0.0);
            let marks: Vec<Mark> = b
                .build()
                .marks
                .into_iter()
                .map(|(_, m)| m.shifted(x, foot))
                .collect();
            doc.draw(marks);
        }
    }
    let footer = words.f("doc-cert-footer", &[("title", &s.title)]);
    doc.finish(
        &words.f("doc-cert-title", &[("title", &s.title)]),
        &footer,
        generated_at,
    )
}
