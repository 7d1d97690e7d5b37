pub mod api;
pub mod home;
pub mod pages;
