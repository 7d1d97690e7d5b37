//! Building an event's agenda: sessions, their people, and warnings about clashes.
pub mod api;
pub mod pages;
