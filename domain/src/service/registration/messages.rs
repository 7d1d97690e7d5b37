//! The e-mails registration sends, in the language the person registered in (English when
//! unknown). Plain text; every one names the event with its local dates and place. The words
//! come from the catalogues (`email-…` keys in `i18n/locales/*.ftl`), so translators edit them.
use entities::events;
use i18n::dates::DateFormat;
use i18n::Locale;

use crate::service::events::zone;
use crate::service::outbox::CalendarFile;
use crate::types::RegistrationStatus;
use crate::DomainError;

pub(crate) struct Mail {
    pub subject: String,
    pub body: String,
    /// The event's calendar file, attached to confirmations and changes of standing that
    /// leave the person expected (or hoping) to come.
    pub calendar: Option<CalendarFile>,
}

/// The calendar of `event` in `locale`'s language, for a person whose registration `status`
/// still brings them (or may bring them) to the event: none once withdrawn, declined or
/// rejected.
fn calendar(
    locale: Locale,
    event: &events::Model,
    status: RegistrationStatus,
) -> Option<CalendarFile> {
    let gone = matches!(
        status,
        RegistrationStatus::Withdrawn | RegistrationStatus::Declined | RegistrationStatus::Rejected
    );
    (!gone).then_some(CalendarFile {
        event_id: event.id,
        lang: locale,
    })
}

/// "Title, 15–16 March 2027 (Asia/Bangkok), Bangkok", in `locale`.
pub(crate) fn event_line(locale: Locale, event: &events::Model) -> Result<String, DomainError> {
    let tz = zone(event)?;
    let (start, end) = (
        event.starts_at.with_timezone(&tz).date_naive(),
        event.ends_at.with_timezone(&tz).date_naive(),
    );
    let dates = DateFormat::new(locale).range(start, end);
    let args = [
        ("title", event.title.as_str()),
        ("dates", dates.as_str()),
        ("zone", event.timezone.as_str()),
        ("city", event.city.as_str()),
    ];
    Ok(if event.city.is_empty() {
        locale.text_args("email-event-line", &args)
    } else {
        locale.text_args("email-event-line-city", &args)
    })
}

/// Paragraphs: the greeting, `paragraphs`, the signature.
pub(crate) fn letter(locale: Locale, name: &str, paragraphs: &[String]) -> String {
    let mut body = locale.text_args("email-dear", &[("name", name)]);
    for p in paragraphs {
        body.push_str("\n\n");
        body.push_str(p);
    }
    body.push_str("\n\n");
    body.push_str(&locale.text("email-sign-off"));
    body.push('\n');
    body
}

fn standing(locale: Locale, status: RegistrationStatus) -> String {
    locale.text(match status {
        RegistrationStatus::Confirmed => "email-standing-confirmed",
        RegistrationStatus::Waitlisted => "email-standing-waitlisted",
        RegistrationStatus::Applied => "email-standing-applied",
        RegistrationStatus::Invited => "email-standing-invited",
        RegistrationStatus::Declined => "email-standing-declined",
        RegistrationStatus::Withdrawn => "email-standing-withdrawn",
        RegistrationStatus::Rejected => "email-standing-rejected",
    })
}

fn subject(locale: Locale, status: RegistrationStatus, title: &str) -> String {
    let key = match status {
        RegistrationStatus::Confirmed => "email-subject-confirmed",
        RegistrationStatus::Waitlisted => "email-subject-waitlisted",
        RegistrationStatus::Applied => "email-subject-applied",
        _ => "email-subject-other",
    };
    locale.text_args(key, &[("event", title)])
}

pub(super) fn registered(
    locale: Locale,
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    Ok(Mail {
        subject: subject(locale, status, &event.title),
        body: letter(
            locale,
            name,
            &[
                locale.text_args("email-registered-thanks", &[("event", &line)]),
                standing(locale, status),
                format!("{}\n{link}", locale.text("email-private-page")),
                locale.text("email-link-note"),
            ],
        ),
        calendar: calendar(locale, event, status),
    })
}

/// A new private link after a repeated registration; the old link no longer works.
pub(super) fn new_link(
    locale: Locale,
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    let standing = standing(locale, status);
    Ok(Mail {
        subject: locale.text_args("email-new-link-subject", &[("event", &event.title)]),
        body: letter(
            locale,
            name,
            &[
                locale.text_args(
                    "email-new-link-text",
                    &[("event", &line), ("standing", &standing)],
                ),
                format!("{}\n{link}", locale.text("email-new-link-intro")),
                locale.text("email-link-note"),
            ],
        ),
        calendar: calendar(locale, event, status),
    })
}

/// The link that confirms a new address, sent to that address. No greeting by name: the
/// address may be mistyped, or someone else's.
pub(super) fn confirm_email(
    locale: Locale,
    event: &events::Model,
    link: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    let mut body = locale.text("email-dear-colleague");
    for p in [
        locale.text_args("email-confirm-address-text", &[("event", &line)]),
        format!("{}\n{link}", locale.text("email-confirm-address-link")),
        locale.text("email-confirm-address-note"),
        locale.text("email-sign-off"),
    ] {
        body.push_str("\n\n");
        body.push_str(&p);
    }
    body.push('\n');
    Ok(Mail {
        subject: locale.text_args("email-confirm-address-subject", &[("event", &event.title)]),
        body,
        calendar: None,
    })
}

pub(super) fn withdrawn(
    locale: Locale,
    event: &events::Model,
    name: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    Ok(Mail {
        subject: locale.text_args("email-withdrawn-subject", &[("event", &event.title)]),
        body: letter(
            locale,
            name,
            &[locale.text_args("email-withdrawn-text", &[("event", &line)])],
        ),
        calendar: None,
    })
}

pub(super) fn promoted(
    locale: Locale,
    event: &events::Model,
    name: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    Ok(Mail {
        subject: subject(locale, RegistrationStatus::Confirmed, &event.title),
        body: letter(
            locale,
            name,
            &[
                locale.text_args("email-promoted-text", &[("event", &line)]),
                locale.text("email-promoted-link"),
            ],
        ),
        calendar: calendar(locale, event, RegistrationStatus::Confirmed),
    })
}

/// A coordinator's decision: accepted, on the reserve list, or not accepted.
pub(crate) fn decided(
    locale: Locale,
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Result<Mail, DomainError> {
    let (subject, text) = match status {
        RegistrationStatus::Confirmed => {
            ("email-decided-accepted-subject", "email-decided-accepted")
        }
        RegistrationStatus::Waitlisted => {
            ("email-decided-reserve-subject", "email-decided-reserve")
        }
        _ => ("email-decided-rejected-subject", "email-decided-rejected"),
    };
    let line = event_line(locale, event)?;
    Ok(Mail {
        subject: locale.text_args(subject, &[("event", &event.title)]),
        body: letter(
            locale,
            name,
            &[
                locale.text_args("email-decided-about", &[("event", &line)]),
                locale.text(text),
                format!("{}\n{link}", locale.text("email-private-page")),
                locale.text("email-link-note"),
            ],
        ),
        calendar: calendar(locale, event, status),
    })
}

/// An invitation with its link (`organisation`: the organisation invited through this address).
pub(crate) fn invited(
    locale: Locale,
    event: &events::Model,
    organisation: &str,
    link: &str,
) -> Result<Mail, DomainError> {
    let line = event_line(locale, event)?;
    let invited = if organisation.is_empty() {
        locale.text_args("email-invited-you", &[("event", &line)])
    } else {
        locale.text_args(
            "email-invited-organisation",
            &[("event", &line), ("organisation", organisation)],
        )
    };
    let mut body = locale.text("email-dear-colleague");
    for p in [
        invited,
        format!("{}\n{link}", locale.text("email-invited-link")),
        locale.text("email-invited-note"),
        locale.text("email-sign-off"),
    ] {
        body.push_str("\n\n");
        body.push_str(&p);
    }
    body.push('\n');
    Ok(Mail {
        subject: locale.text_args("email-invited-subject", &[("event", &event.title)]),
        body,
        calendar: None,
    })
}
