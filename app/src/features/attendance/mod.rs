//! Attendance: check-in from a phone, paper sign-in sheets typed in, walk-ins, statistics
//! and the cohort with its completion rule.
pub mod api;
pub mod checkin;
pub mod checkin_list;
pub mod cohort;
pub mod common;
pub mod sheet;
