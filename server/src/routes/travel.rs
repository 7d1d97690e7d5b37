//! Staff travel documents: `/events/{slug}/arrivals.pdf` (and `.xlsx`), the arrivals and
//! departures by day for pick-ups, and `/events/{slug}/payments.pdf` (and `.xlsx`), the payment
//! sheet with a signature column; `rooming.pdf` for the hotel and `visa-letters.pdf`. Signed-in
//! staff only ([`StaffEvent`]): they name people, passports and money.
use axum::extract::State;
use axum::response::Response;
use domain::documents::{pdf, travel_xlsx};
use domain::service::travel;
use domain::DomainError;

use super::staff::StaffEvent;
use crate::AppState;

/// `/events/{slug}/arrivals.pdf`
pub async fn arrivals_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let list = travel::movements(&state.ctx.db, staff.slug()).await;
    staff
        .pdf(&state, "arrivals", (), list, pdf::arrivals_pdf)
        .await
}

/// `/events/{slug}/arrivals.xlsx`
pub async fn arrivals_xlsx(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let list = travel::movements(&state.ctx.db, staff.slug()).await;
    staff.workbook("arrivals", "arrivals workbook", list, travel_xlsx::arrivals)
}

/// `/events/{slug}/payments.pdf`
pub async fn payments_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let book = travel::payments::book(&state.ctx.db, staff.slug()).await;
    staff
        .pdf(&state, "payments", (), book, pdf::payments_pdf)
        .await
}

/// `/events/{slug}/payments.xlsx`
pub async fn payments_xlsx(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let book = travel::payments::book(&state.ctx.db, staff.slug()).await;
    staff.workbook("payments", "payments workbook", book, travel_xlsx::payments)
}

/// `/events/{slug}/rooming.pdf`: the rooming list for the hotel.
pub async fn rooming_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let list = travel::rooms::rooming(&state.ctx.db, staff.slug()).await;
    staff
        .pdf(&state, "rooming", (), list, pdf::rooming_pdf)
        .await
}

/// `/events/{slug}/visa-letters.pdf` (`?registration=ID` for one person's letter). Letters
/// are written in English whatever the reader's language.
pub async fn visa_letters_pdf(State(state): State<AppState>, staff: StaffEvent) -> Response {
    let Ok(only) = staff.registration() else {
        return super::error(DomainError::NotFound);
    };
    let letters = travel::visa::letters(&state.ctx.db, staff.slug(), only).await;
    staff
        .pdf(&state, "visa-letters", only, letters, |l, fonts, now, _| {
            pdf::visa_letters_pdf(l, fonts, now)
        })
        .await
}
