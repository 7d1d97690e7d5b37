//! The network's year at forums it attends: the public series page, scheduling side events
//! at an edition with clash warnings, delegations, and the recommendation tracker.
pub mod api;
pub mod delegation;
pub mod schedule;
pub mod schedule_forms;
pub mod series_page;
pub mod tracker;
pub mod tracker_edit;
pub mod tracker_row;
