//! Documents are pure functions: loaded data (and a passed-in "now") in, bytes out.
pub mod ics;
pub mod pdf;
