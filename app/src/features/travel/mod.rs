//! Getting people there: travel details on the participant's private page and the staff's
//! travel page, per diems and refunds with the payment sheet.
pub mod api;
pub mod fields;
pub mod mine;
pub mod page;
pub mod payments;
pub mod payments_api;
pub mod rooms;
pub mod rooms_api;
pub mod visa;
