//! After a training: assessment questions and the follow-up plan (per event), the trainee's
//! answers through the private link and the due/overdue dashboard (a person's history and
//! merging records are in `people`).
pub mod api;
pub mod dashboard;
pub mod mine;
pub mod pages;
