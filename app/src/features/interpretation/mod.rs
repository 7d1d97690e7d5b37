//! Interpretation planned: per event and per session, how many participants need each
//! language, and the interpreters assigned to each session and language.
pub mod api;
pub mod page;
