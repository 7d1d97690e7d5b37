//! What staff see about the work: the state of one event's workspace (its counts, shown
//! beside the navigation) and the dashboard's list of things that need doing.
use serde::{Deserialize, Serialize};

use crate::types::EventStatus;

/// One event as its workspace navigation shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventWorkspace {
    pub slug: String,
    pub title: String,
    pub status: EventStatus,
    /// The event has ended.
    pub past: bool,
    pub sessions: u64,
    pub questions: u64,
    /// Translated texts (any field, any language).
    pub translations: u64,
    /// Invitations sent and not yet answered.
    pub invitations_open: u64,
    /// Applications nobody has scored yet.
    pub to_review: u64,
    /// Confirmed registrations.
    pub confirmed: u64,
    pub waitlisted: u64,
    /// People recorded present on at least one day.
    pub present: u64,
    /// Follow-up check-ins past their due date without an answer.
    pub followups_overdue: u64,
    pub proceedings_public: bool,
}

/// Something on the dashboard that waits for someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToDo {
    /// Applications to an event nobody has scored yet.
    Review { count: u64 },
    /// People on the waiting list while places are free.
    Waitlist { waiting: u64, free: u64 },
    /// Follow-up check-ins past due and unanswered.
    FollowupsOverdue { count: u64 },
    /// The event starts within [`AGENDA_WARNING_DAYS`] days and its agenda is not public
    /// (the event is not published, or it has no sessions).
    AgendaUnpublished { days: i64 },
    /// The event ended more than [`PROCEEDINGS_AFTER_DAYS`] days ago; its proceedings are
    /// not published.
    ProceedingsUnpublished { days: i64 },
}

impl ToDo {
    /// The workspace page where this is done (after `/manage/events/{slug}`).
    pub fn page(&self) -> &'static str {
        match self {
            ToDo::Review { .. } => "/selection",
            ToDo::Waitlist { .. } => "/participants",
            ToDo::FollowupsOverdue { .. } => "/followup",
            ToDo::AgendaUnpublished { .. } => "",
            ToDo::ProceedingsUnpublished { .. } => "/documentation",
        }
    }
}

/// An item of the dashboard's list: what, for which event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventToDo {
    pub slug: String,
    pub title: String,
    pub todo: ToDo,
}

/// Days before an event within which an unpublished agenda is on the dashboard.
pub const AGENDA_WARNING_DAYS: i64 = 14;
/// Days after an event after which unpublished proceedings are on the dashboard.
pub const PROCEEDINGS_AFTER_DAYS: i64 = 30;
/// Proceedings older than this are no longer asked for (the archive is not a to-do list).
pub const PROCEEDINGS_UNTIL_DAYS: i64 = 365;
/// At most this many items are listed (the rest are counted).
pub const MAX_TODOS: usize = 50;

/// The dashboard's list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToDoList {
    pub items: Vec<EventToDo>,
    /// Items beyond [`MAX_TODOS`], not listed.
    pub more: usize,
    /// Messages that could not be sent and are not being retried successfully.
    pub emails_failing: u64,
}
