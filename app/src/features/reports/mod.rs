//! Reports for the network as a whole: the annual (or any period's) activity report, as a
//! PDF, CSV and Excel file (built by the server's `/manage/reports/annual.*` routes).
pub mod api;
pub mod page;
