//! Selecting trainees (scores, targets, bulk decisions) and invitations by e-mail.
pub mod api;
pub mod invitations;
pub mod page;
