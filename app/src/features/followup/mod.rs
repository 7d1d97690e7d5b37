//! After a training: assessment questions and the follow-up plan (per event), the trainee's
//! answers through the private link, the due/overdue dashboard, a person's history, and
//! merging records that are one person twice.
pub mod api;
pub mod dashboard;
pub mod duplicates;
pub mod mine;
pub mod pages;
pub mod people_api;
pub mod person;
