//! Per diems and travel refunds, and the payment sheet the donor audits.
//!
//! Invariants:
//! - amounts are integers in the currency's minor units (see `crate::money`);
//! - rows are append-only: an amount is never changed; a correction is a new row naming the
//!   row it corrects and carrying the signed difference, refused when it would take the net
//!   below zero;
//! - "paid" is set once per row with who and when (a guarded update: a second mark is
//!   refused, never overwrites the first);
//! - per diems are added once per person and currency: days counted by the rate's basis
//!   (attendance days, or arrival to departure day in the event's zone) times the rate.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entities::{
    attendance, people, per_diem_rates, registrations, travel_details, travel_payments, users,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::{convert, event_by_slug, takes_part};
use crate::money;
use crate::service::events::to_summary;
use crate::travel_types::{
    Basis, CurrencyGroup, Payment, PaymentBook, PaymentForm, PaymentKind, Rate, RateForm, SheetLine,
};
use crate::types::UserId;
use crate::DomainError;

/// Currencies an event may pay per diems in at most.
pub const MAX_RATES: usize = 4;
/// Longest receipt number.
pub const MAX_RECEIPT: usize = 60;

/// Per-diem days counted from travel: the local calendar days from arrival to departure,
/// both included, in the event's zone `tz` (zero when either is missing).
pub fn days_by_travel(
    arrival: Option<DateTime<Utc>>,
    departure: Option<DateTime<Utc>>,
    tz: Tz,
) -> i64 {
    match (arrival, departure) {
        (Some(a), Some(d)) => {
            let first = a.with_timezone(&tz).date_naive();
            let last = d.with_timezone(&tz).date_naive();
            ((last - first).num_days() + 1).max(0)
        }
        _ => 0,
    }
}

/// Sets (or replaces) the event's rate in a currency.
pub async fn set_rate<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    form: &RateForm,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let currency = money::currency("currency", &form.currency)?;
    let daily = money::parse("amount", &form.amount, currency, false)?;
    let basis = Basis::parse(form.basis.trim())
        .ok_or_else(|| DomainError::validation("basis", "invalid-choice"))?;
    let txn = crate::service::db::begin_write(db).await?;
    let rates = per_diem_rates::Entity::find()
        .filter(per_diem_rates::Column::EventId.eq(event.id))
        .all(&txn)
        .await?;
    match rates.iter().find(|r| r.currency == currency) {
        Some(r) => {
            let mut m: per_diem_rates::ActiveModel = r.clone().into();
            m.daily_amount = Set(daily);
            m.basis = Set(basis.as_str().to_owned());
            m.update(&txn).await?;
        }
        None if rates.len() >= MAX_RATES => {
            return Err(DomainError::validation("currency", "too-many"));
        }
        None => {
            per_diem_rates::ActiveModel {
                event_id: Set(event.id),
                currency: Set(currency.to_owned()),
                daily_amount: Set(daily),
                basis: Set(basis.as_str().to_owned()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Per diems for everyone taking part who has none yet in a rate's currency: days by the
/// rate's basis times the rate. Returns how many rows were added.
pub async fn add_per_diems<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<u32, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let tz = convert::zone(&event);
    let txn = crate::service::db::begin_write(db).await?;
    let rates = per_diem_rates::Entity::find()
        .filter(per_diem_rates::Column::EventId.eq(event.id))
        .all(&txn)
        .await?;
    let regs: Vec<registrations::Model> = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|r| takes_part(&r.status))
        .collect();
    let ids: Vec<i64> = regs.iter().map(|r| r.id).collect();
    let have: BTreeSet<(i64, String)> = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.is_in(ids.clone()))
        .filter(travel_payments::Column::Kind.eq(PaymentKind::PerDiem.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.registration_id, p.currency))
        .collect();
    let travel: HashMap<i64, travel_details::Model> = travel_details::Entity::find()
        .filter(travel_details::Column::RegistrationId.is_in(ids.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.registration_id, t))
        .collect();
    let mut present: HashMap<i64, BTreeSet<chrono::NaiveDate>> = HashMap::new();
    for a in attendance::Entity::find()
        .filter(attendance::Column::RegistrationId.is_in(ids))
        .all(&txn)
        .await?
    {
        present.entry(a.registration_id).or_default().insert(a.day);
    }
    let mut added = 0;
    for rate in &rates {
        let basis = Basis::parse(&rate.basis).ok_or(DomainError::Internal)?;
        for r in &regs {
            if have.contains(&(r.id, rate.currency.clone())) {
                continue;
            }
            let days = match basis {
                Basis::Attendance => present.get(&r.id).map_or(0, |d| d.len() as i64),
                Basis::Travel => travel
                    .get(&r.id)
                    .map_or(0, |t| days_by_travel(t.arrival_at, t.departure_at, tz)),
            };
            if days <= 0 {
                continue;
            }
            let amount = rate
                .daily_amount
                .checked_mul(days)
                .filter(|a| *a <= money::MAX_MINOR)
                .ok_or_else(|| DomainError::validation("amount", "out-of-range"))?;
            travel_payments::ActiveModel {
                registration_id: Set(r.id),
                kind: Set(PaymentKind::PerDiem.as_str().to_owned()),
                currency: Set(rate.currency.clone()),
                amount: Set(amount),
                days: Set(i32::try_from(days).ok()),
                receipt: Set(String::new()),
                corrects_id: Set(None),
                created_at: Set(now),
                created_by: Set(Some(by.0)),
                paid_at: Set(None),
                paid_by: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            added += 1;
        }
    }
    txn.commit().await?;
    Ok(added)
}

/// Adds a travel refund, or (with `corrects`) a correction of an earlier row of the event.
pub async fn add_payment<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    form: &PaymentForm,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let receipt = crate::travel_types::optional_text("receipt", &form.receipt, MAX_RECEIPT)?;
    let txn = crate::service::db::begin_write(db).await?;
    let (registration_id, kind, currency, corrects) = if form.corrects.trim().is_empty() {
        let id: i64 = form
            .registration_id
            .trim()
            .parse()
            .map_err(|_| DomainError::validation("registration_id", "unknown-registration"))?;
        let reg = registrations::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|r| r.event_id == event.id && takes_part(&r.status))
            .ok_or_else(|| DomainError::validation("registration_id", "unknown-registration"))?;
        let currency = money::currency("currency", &form.currency)?.to_owned();
        (reg.id, PaymentKind::Refund, currency, None)
    } else {
        let id: i64 = form
            .corrects
            .trim()
            .parse()
            .map_err(|_| DomainError::validation("corrects", "unknown-payment"))?;
        let original = payment_in(&txn, event.id, id).await?;
        let kind = PaymentKind::parse(&original.kind).ok_or(DomainError::Internal)?;
        (original.registration_id, kind, original.currency, Some(id))
    };
    let amount = money::parse("amount", &form.amount, &currency, corrects.is_some())?;
    if let Some(root) = corrects {
        // The net of the corrected row and all its corrections may not go below zero.
        let net: i64 = travel_payments::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(travel_payments::Column::Id.eq(root))
                    .add(travel_payments::Column::CorrectsId.eq(root)),
            )
            .all(&txn)
            .await?
            .iter()
            .map(|p| p.amount)
            .sum();
        if net + amount < 0 {
            return Err(DomainError::validation("amount", "out-of-range"));
        }
    }
    let row = travel_payments::ActiveModel {
        registration_id: Set(registration_id),
        kind: Set(kind.as_str().to_owned()),
        currency: Set(currency),
        amount: Set(amount),
        days: Set(None),
        receipt: Set(receipt),
        corrects_id: Set(corrects),
        created_at: Set(now),
        created_by: Set(Some(by.0)),
        paid_at: Set(None),
        paid_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A payment row of the event (a correction names the row it corrects at the root).
async fn payment_in(
    db: &impl ConnectionTrait,
    event_id: i64,
    id: i64,
) -> Result<travel_payments::Model, DomainError> {
    let row = travel_payments::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::validation("corrects", "unknown-payment"))?;
    let reg = registrations::Entity::find_by_id(row.registration_id)
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    if reg.event_id != event_id {
        return Err(DomainError::validation("corrects", "unknown-payment"));
    }
    match row.corrects_id {
        Some(root) => Box::pin(payment_in(db, event_id, root)).await,
        None => Ok(row),
    }
}

/// Marks a row paid by `by` at `now`; a row already paid is refused and keeps its record.
pub async fn mark_paid<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    slug: &str,
    payment_id: i64,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let event = event_by_slug(db, slug).await?;
    let txn = crate::service::db::begin_write(db).await?;
    let row = travel_payments::Entity::find_by_id(payment_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::validation("payment", "unknown-payment"))?;
    let reg = registrations::Entity::find_by_id(row.registration_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::Internal)?;
    if reg.event_id != event.id {
        return Err(DomainError::validation("payment", "unknown-payment"));
    }
    let done = travel_payments::Entity::update_many()
        .col_expr(travel_payments::Column::PaidAt, Expr::value(Some(now)))
        .col_expr(travel_payments::Column::PaidBy, Expr::value(Some(by.0)))
        .filter(travel_payments::Column::Id.eq(payment_id))
        .filter(travel_payments::Column::PaidAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(DomainError::validation("payment", "already-paid"));
    }
    txn.commit().await?;
    Ok(())
}

/// The event's rates, every payment row and the sheet grouped per currency (staff only).
pub async fn book(db: &impl ConnectionTrait, slug: &str) -> Result<PaymentBook, DomainError> {
    let event = event_by_slug(db, slug).await?;
    let rates = per_diem_rates::Entity::find()
        .filter(per_diem_rates::Column::EventId.eq(event.id))
        .order_by_asc(per_diem_rates::Column::Currency)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Rate {
                basis: Basis::parse(&r.basis).ok_or(DomainError::Internal)?,
                currency: r.currency,
                daily: r.daily_amount,
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    let regs = registrations::Entity::find()
        .filter(registrations::Column::EventId.eq(event.id))
        .find_also_related(people::Entity)
        .all(db)
        .await?;
    let mut names: HashMap<i64, (String, String)> = HashMap::new();
    let mut people_list = Vec::new();
    for (r, p) in &regs {
        let p = p.as_ref().ok_or(DomainError::Internal)?;
        names.insert(
            r.id,
            (
                p.name_latin.clone(),
                p.name_native.clone().unwrap_or_default(),
            ),
        );
        if takes_part(&r.status) {
            people_list.push((r.id, p.name_latin.clone()));
        }
    }
    people_list.sort_by_key(|(_, n)| n.to_lowercase());
    let rows = travel_payments::Entity::find()
        .filter(travel_payments::Column::RegistrationId.is_in(names.keys().copied()))
        .order_by_asc(travel_payments::Column::Id)
        .all(db)
        .await?;
    let payers: HashMap<i64, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().filter_map(|p| p.paid_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let payments = rows
        .into_iter()
        .map(|p| {
            Ok(Payment {
                id: p.id,
                registration_id: p.registration_id,
                name: names
                    .get(&p.registration_id)
                    .map(|n| n.0.clone())
                    .unwrap_or_default(),
                kind: PaymentKind::parse(&p.kind).ok_or(DomainError::Internal)?,
                currency: p.currency,
                amount: p.amount,
                days: p.days,
                receipt: p.receipt,
                corrects: p.corrects_id,
                created_at: p.created_at,
                paid_at: p.paid_at,
                paid_by: p.paid_by.and_then(|u| payers.get(&u).cloned()),
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    let groups = sheet(&payments, &names);
    Ok(PaymentBook {
        event: to_summary(event)?,
        rates,
        payments,
        groups,
        people: people_list,
    })
}

/// One line per person and currency (net of corrections), grouped and totalled per currency.
fn sheet(payments: &[Payment], names: &HashMap<i64, (String, String)>) -> Vec<CurrencyGroup> {
    let mut by: BTreeMap<String, BTreeMap<(String, i64), SheetLine>> = BTreeMap::new();
    let mut paid_sum: BTreeMap<String, i64> = BTreeMap::new();
    for p in payments {
        let (name, native) = names.get(&p.registration_id).cloned().unwrap_or_default();
        let line = by
            .entry(p.currency.clone())
            .or_default()
            .entry((name.to_lowercase(), p.registration_id))
            .or_insert_with(|| SheetLine {
                registration_id: p.registration_id,
                name,
                name_native: native,
                days: None,
                per_diem: 0,
                refund: 0,
                receipts: String::new(),
                total: 0,
                paid: true,
            });
        match p.kind {
            PaymentKind::PerDiem => {
                line.per_diem += p.amount;
                if p.days.is_some() {
                    line.days = p.days;
                }
            }
            PaymentKind::Refund => {
                line.refund += p.amount;
                if !p.receipt.is_empty() && !line.receipts.contains(&p.receipt) {
                    if !line.receipts.is_empty() {
                        line.receipts.push_str(", ");
                    }
                    line.receipts.push_str(&p.receipt);
                }
            }
        }
        line.total += p.amount;
        line.paid &= p.paid_at.is_some();
        if p.paid_at.is_some() {
            *paid_sum.entry(p.currency.clone()).or_default() += p.amount;
        }
    }
    by.into_iter()
        .map(|(currency, lines)| {
            let lines: Vec<SheetLine> = lines.into_values().collect();
            CurrencyGroup {
                total: lines.iter().map(|l| l.total).sum(),
                paid: paid_sum.get(&currency).copied().unwrap_or(0),
                currency,
                lines,
            }
        })
        .collect()
}
