pub mod admin;
pub mod agenda;
pub mod auth;
pub mod events;
pub mod participants;
pub mod registration;
