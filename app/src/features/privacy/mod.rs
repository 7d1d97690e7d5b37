//! Privacy: the notice (`/privacy`, naming the deployment's data controller), "download my
//! data" and "erase my data" on the private page, and staff anonymisation of a person.
pub mod api;
pub mod pages;
