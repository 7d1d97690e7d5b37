//! An event's participants for staff: filters, logged CSV and Excel exports, and importing a
//! list from a spreadsheet.
pub mod api;
pub mod import_api;
pub mod import_page;
pub mod pages;
