//! Per diems and refunds server functions (thin). Coordinators set rates, add per diems,
//! refunds and corrections; any staff member marks a payment paid (recording who and when).
use domain::travel_types::{PaymentBook, PaymentForm, RateForm};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::{service::travel::payments, types::Role, DomainError};

/// The event's payment book, the form typed before a refusal, and whether the caller may
/// change amounts (coordinators).
#[server(prefix = "/api", endpoint = "load_payments")]
pub async fn load_payments(
    slug: String,
    draft: Option<String>,
) -> Result<(PaymentBook, Option<PaymentForm>, bool), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let book = payments::book(&ctx.db, &slug).await.map_err(fail)?;
    let typed = crate::server::take_draft::<PaymentForm>(draft.as_deref()).await;
    Ok((book, typed, user.role.allows(Role::Coordinator)))
}

fn back(slug: &str, saved: &str) -> String {
    format!("/manage/events/{slug}/travel/payments?saved={saved}")
}

#[server(prefix = "/api", endpoint = "set_per_diem_rate")]
pub async fn set_per_diem_rate(slug: String, form: RateForm) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    payments::set_rate(&ctx()?.db, &slug, &form)
        .await
        .map_err(|e| {
            let field = format!("rate-{}", e.field().unwrap_or(""));
            fail(e.renamed_field(&field))
        })?;
    crate::server::redirect(&back(&slug, "rate"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_per_diems")]
pub async fn add_per_diems(slug: String) -> Result<u32, AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let added = payments::add_per_diems(&ctx.db, &slug, user.id, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/travel/payments?added={added}"
    ));
    Ok(added)
}

/// A refund, or a correction of row `form.corrects` (its refusal named `correct-{id}`).
#[server(prefix = "/api", endpoint = "add_travel_payment")]
pub async fn add_travel_payment(slug: String, form: PaymentForm) -> Result<(), AppError> {
    let user = require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let corrects = form.corrects.trim().to_owned();
    payments::add_payment(&ctx.db, &slug, &form, user.id, ctx.now())
        .await
        .map_err(|e: DomainError| match corrects.is_empty() {
            true => e,
            false => e.renamed_field(&format!("correct-{corrects}")),
        })
        .or_keep(&form, "")
        .await?;
    crate::server::redirect(&back(&slug, "payment"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "mark_payment_paid")]
pub async fn mark_payment_paid(slug: String, payment_id: i64) -> Result<(), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    payments::mark_paid(&ctx.db, &slug, payment_id, user.id, ctx.now())
        .await
        .map_err(|e| fail(e.renamed_field(&format!("paid-{payment_id}"))))?;
    crate::server::redirect(&format!("{}#p{payment_id}", back(&slug, "paid")));
    Ok(())
}
