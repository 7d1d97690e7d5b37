//! Online registration: the public form, the confirmation, the private page behind
//! `/r/{token}`, and the confirmation of a new e-mail address behind `/e/{token}`.
pub mod api;
pub mod email_change;
pub mod pages;
pub mod questions;
pub mod questions_api;
pub mod questions_page;
