//! The e-mails registration sends, in English for now. Plain text; every one names the event
//! with its local dates and place.
use chrono_tz::Tz;
use entities::events;

use crate::types::RegistrationStatus;

pub(crate) struct Mail {
    pub subject: String,
    pub body: String,
}

/// "Title, 15–16 March 2027 (Asia/Bangkok), Bangkok".
pub(crate) fn event_line(event: &events::Model) -> String {
    let (start, end) = match event.timezone.parse::<Tz>() {
        Ok(tz) => (
            event.starts_at.with_timezone(&tz).date_naive(),
            event.ends_at.with_timezone(&tz).date_naive(),
        ),
        Err(_) => (event.starts_at.date_naive(), event.ends_at.date_naive()),
    };
    let dates = if start == end {
        start.format("%-d %B %Y").to_string()
    } else {
        format!(
            "{} – {}",
            start.format("%-d %B %Y"),
            end.format("%-d %B %Y")
        )
    };
    let mut line = format!("{}, {dates} ({})", event.title, event.timezone);
    if !event.city.is_empty() {
        line.push_str(", ");
        line.push_str(&event.city);
    }
    line
}

fn standing(status: RegistrationStatus) -> &'static str {
    match status {
        RegistrationStatus::Confirmed => "Your place is confirmed.",
        RegistrationStatus::Waitlisted => {
            "The event is full, so you are on the waiting list. If a place becomes free, \
             the first person on the list gets it and we will write to you."
        }
        RegistrationStatus::Applied => {
            "We have received your application. The organisers will review it and write to you."
        }
        RegistrationStatus::Invited => "You are invited.",
        RegistrationStatus::Declined => "You have declined.",
        RegistrationStatus::Withdrawn => "You have withdrawn.",
        RegistrationStatus::Rejected => "Your application was not accepted.",
    }
}

fn subject(status: RegistrationStatus, title: &str) -> String {
    match status {
        RegistrationStatus::Confirmed => format!("Registration confirmed: {title}"),
        RegistrationStatus::Waitlisted => format!("Waiting list: {title}"),
        RegistrationStatus::Applied => format!("Application received: {title}"),
        _ => format!("Your registration: {title}"),
    }
}

const LINK_NOTE: &str = "Keep this link private: anyone who has it can see and change your \
                         registration.";

pub(super) fn registered(
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Mail {
    Mail {
        subject: subject(status, &event.title),
        body: format!(
            "Dear {name},\n\nThank you for registering for {}.\n\n{}\n\n\
             Your private page, where you can see your registration, correct your details \
             or withdraw:\n{link}\n\n{LINK_NOTE}\n\nMekong Migration Network\n",
            event_line(event),
            standing(status),
        ),
    }
}

/// A new private link after a repeated registration; the old link no longer works.
pub(super) fn new_link(
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Mail {
    Mail {
        subject: format!("Your registration link: {}", event.title),
        body: format!(
            "Dear {name},\n\nSomeone (probably you) registered this e-mail address again for \
             {}. You were already registered, so nothing has changed: {}\n\n\
             Here is a new private link; the link we sent before no longer works:\n{link}\n\n\
             {LINK_NOTE}\n\nMekong Migration Network\n",
            event_line(event),
            standing(status),
        ),
    }
}

pub(super) fn withdrawn(event: &events::Model, name: &str) -> Mail {
    Mail {
        subject: format!("Registration withdrawn: {}", event.title),
        body: format!(
            "Dear {name},\n\nYou have withdrawn your registration for {}. \
             If this was a mistake, please contact the organisers.\n\n\
             Mekong Migration Network\n",
            event_line(event),
        ),
    }
}

pub(super) fn promoted(event: &events::Model, name: &str) -> Mail {
    Mail {
        subject: subject(RegistrationStatus::Confirmed, &event.title),
        body: format!(
            "Dear {name},\n\nA place has become free at {} and you were first on the waiting \
             list: your place is now confirmed.\n\nThe private link in our first e-mail \
             still shows your registration.\n\nMekong Migration Network\n",
            event_line(event),
        ),
    }
}

/// A coordinator's decision: accepted, on the reserve list, or not accepted.
pub(crate) fn decided(
    event: &events::Model,
    name: &str,
    status: RegistrationStatus,
    link: &str,
) -> Mail {
    let (subject, text) = match status {
        RegistrationStatus::Confirmed => (
            format!("You are accepted: {}", event.title),
            "We are glad to tell you that you have been selected: your place is confirmed.",
        ),
        RegistrationStatus::Waitlisted => (
            format!("Reserve list: {}", event.title),
            "You are on the reserve list. If a place becomes free, we will write to you.",
        ),
        _ => (
            format!("Your application: {}", event.title),
            "Thank you for applying. We are sorry that we could not offer you a place this \
             time.",
        ),
    };
    Mail {
        subject,
        body: format!(
            "Dear {name},\n\nAbout {}:\n\n{text}\n\nYour private page:\n{link}\n\n\
             {LINK_NOTE}\n\nMekong Migration Network\n",
            event_line(event),
        ),
    }
}

/// An invitation with its link (`organisation`: the organisation invited through this address).
pub(crate) fn invited(event: &events::Model, organisation: &str, link: &str) -> Mail {
    let whom = if organisation.is_empty() {
        "You are".to_owned()
    } else {
        format!("{organisation} is")
    };
    Mail {
        subject: format!("Invitation: {}", event.title),
        body: format!(
            "Dear colleague,\n\n{whom} invited to {}.\n\nTo register, or to let us know you \
             cannot come, open this link:\n{link}\n\nThe link works once and only for this \
             invitation; please do not share it.\n\nMekong Migration Network\n",
            event_line(event),
        ),
    }
}
