pub mod api;
pub mod detail;
pub mod pages;
