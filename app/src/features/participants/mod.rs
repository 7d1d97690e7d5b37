//! An event's participants for staff: filters and a logged CSV export.
pub mod api;
pub mod pages;
