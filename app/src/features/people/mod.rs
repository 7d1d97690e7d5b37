//! People across events: a person's whole history with the network (`/manage/people/{id}`)
//! and the records that look like one person twice, merged by coordinators (`/manage/people`).
pub mod api;
pub mod duplicates;
pub mod person;
