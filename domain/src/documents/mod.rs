//! Documents are pure functions: loaded data (and a passed-in "now") in, bytes out.
pub mod annual;
pub mod csv;
pub mod ics;
pub mod pdf;
pub mod travel_xlsx;
pub mod xlsx;
