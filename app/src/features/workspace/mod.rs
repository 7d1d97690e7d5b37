//! The staff workspace: the navigation every page of an event shares, and the dashboard of
//! what needs doing.
pub mod api;
pub mod dashboard;
pub mod nav;
