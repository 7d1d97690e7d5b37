//! Event content in several languages: the coordinators' translations screen, and the
//! visitor's language for the public pages' event content.
pub mod api;
pub mod page;
