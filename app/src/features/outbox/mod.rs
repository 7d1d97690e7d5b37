//! The outbox: every e-mail Sala queues, readable by staff (and forwarded by hand by
//! coordinators when no mail server is set up).
pub mod api;
pub mod page;
