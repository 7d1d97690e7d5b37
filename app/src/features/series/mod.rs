//! Staff pages of the forum series the network follows year after year: the list with a
//! form to start one, and each series' page with its editions (events with a number and a
//! theme), the forms to add, change and unlink them, and the series' own fields.
pub mod api;
pub mod editions;
pub mod form;
pub mod list;
pub mod page;
