//! Online registration: the public form, the confirmation, and the private page behind `/r/{token}`.
pub mod api;
pub mod pages;
pub mod questions;
pub mod questions_api;
pub mod questions_page;
