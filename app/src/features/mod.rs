pub mod admin;
pub mod agenda;
pub mod attendance;
pub mod auth;
pub mod documentation;
pub mod events;
pub mod participants;
pub mod registration;
