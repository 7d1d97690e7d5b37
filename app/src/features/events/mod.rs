pub mod api;
pub mod detail;
pub mod list;
pub mod manage;
pub mod manage_api;
pub mod pages;
