//! Database services: free async functions over a sea-orm connection, one module per aggregate.
pub mod agenda;
pub mod attendance;
pub mod attendance_report;
pub mod auth;
pub mod db;
pub mod documentation;
pub mod event_admin;
pub mod events;
pub mod limiter;
pub mod outbox;
pub mod participants;
pub mod people;
pub mod reference;
pub mod registration;
pub mod roster;
pub mod testing;
pub mod users;
