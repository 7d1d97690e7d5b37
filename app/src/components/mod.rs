//! Widgets shared by several features.
pub mod form;
pub mod layout;
pub mod not_found;
pub mod pager;
pub mod viewer_time;
