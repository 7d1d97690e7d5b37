//! Online registration: the public form, the confirmation, and the private page behind `/r/{token}`.
pub mod api;
pub mod pages;
