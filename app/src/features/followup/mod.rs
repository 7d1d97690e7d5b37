//! After a training: assessment questions and the follow-up plan (per event), the trainee's
//! answers through the private link, the due/overdue dashboard and a person's history.
pub mod api;
pub mod dashboard;
pub mod mine;
pub mod pages;
pub mod person;
