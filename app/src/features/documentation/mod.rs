//! Documentation screens: rapporteurs' notes, recommendations, summaries; links to the
//! printed documents (sign-in sheets, badges, proceedings).
pub mod api;
pub mod pages;
