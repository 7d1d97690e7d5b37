//! Attendance server functions (staff; the completion rule: coordinators). Each one reads
//! its input, checks the caller's role and calls one service of `domain::service::attendance`.
use std::collections::BTreeMap;

use domain::attendance_types::{AttendanceSheet, AttendanceStats, Cohort, WalkInForm};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::{
    participant_types::RosterOrder,
    service::{attendance, attendance_report},
    types::Role,
    DomainError,
};

/// What the check-in page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinData {
    pub sheet: AttendanceSheet,
    /// The badge that was scanned (`?r=`), when it is on this event's roster.
    pub highlight: Option<i64>,
    /// A badge was scanned but is not on this roster (another event, or withdrawn).
    pub unknown_badge: bool,
    pub countries: Vec<(String, String)>,
    /// The walk-in form: empty, or what was typed before a refusal.
    pub walk_in: WalkInForm,
}

#[server(prefix = "/api", endpoint = "load_checkin")]
pub async fn load_checkin(
    slug: String,
    slot: Option<String>,
    r: Option<String>,
    draft: Option<String>,
) -> Result<CheckinData, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let sheet = attendance::sheet(
        &ctx.db,
        &slug,
        slot.as_deref(),
        RosterOrder::Name,
        ctx.now(),
    )
    .await
    .map_err(fail)?;
    let scanned = r.and_then(|r| r.trim().parse::<i64>().ok());
    let highlight = scanned.filter(|id| {
        sheet
            .rows
            .iter()
            .any(|row| row.roster.registration_id == *id)
    });
    let countries = domain::service::reference::countries(&ctx.db)
        .await
        .map_err(fail)?;
    let walk_in = crate::server::take_draft::<WalkInForm>(draft.as_deref())
        .await
        .unwrap_or_default();
    Ok(CheckinData {
        unknown_badge: scanned.is_some() && highlight.is_none(),
        highlight,
        sheet,
        countries,
        walk_in,
    })
}

/// Sets one person's mark (`present` true or false) for a day (`2016-06-04`) or a session
/// (`2016-06-04@12`). Idempotent: a retried request cannot undo a later one's meaning.
#[server(prefix = "/api", endpoint = "set_attendance")]
pub async fn set_attendance(
    slug: String,
    registration_id: i64,
    slot: String,
    present: bool,
) -> Result<bool, AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    attendance::set(
        &ctx.db,
        &slug,
        registration_id,
        &slot,
        present,
        user.id,
        ctx.now(),
    )
    .await
    .map_err(fail)
}

/// Registers a walk-in and marks them present, then shows them at the top of the check-in list.
#[server(prefix = "/api", endpoint = "record_walk_in")]
pub async fn record_walk_in(slug: String, slot: String, form: WalkInForm) -> Result<i64, AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    // Back to the same day or session after a refusal (the slot is checked: plain text).
    let back = domain::attendance_types::AttendanceSlot::parse(&slot)
        .map(|s| format!("&slot={}", s.as_param()))
        .unwrap_or_default();
    let id = attendance::walk_in(&ctx.db, &slug, &slot, &form, user.id, ctx.now())
        .await
        .or_keep(&form, &back)
        .await?;
    let slot = crate::server::encode(&slot);
    crate::server::redirect(&format!("/manage/events/{slug}/checkin?slot={slot}&r={id}"));
    Ok(id)
}

/// What the attendance (paper sheet) page needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetData {
    pub sheet: AttendanceSheet,
    pub stats: AttendanceStats,
}

#[server(prefix = "/api", endpoint = "attendance_sheet")]
pub async fn load_attendance_sheet(
    slug: String,
    slot: Option<String>,
    order: Option<String>,
) -> Result<SheetData, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let order = RosterOrder::parse(order.as_deref().unwrap_or_default())
        .ok_or_else(|| fail(DomainError::validation("order", "invalid-choice")))?;
    let sheet = attendance::sheet(&ctx.db, &slug, slot.as_deref(), order, ctx.now())
        .await
        .map_err(fail)?;
    let stats = attendance_report::stats(&ctx.db, &slug, &sheet.slot.as_param())
        .await
        .map_err(fail)?;
    Ok(SheetData { sheet, stats })
}

/// Saves a paper sheet: exactly the ticked lines (`present[<registration id>]=on`) are
/// present in `slot` afterwards.
#[server(prefix = "/api", endpoint = "save_attendance_sheet")]
pub async fn save_attendance_sheet(
    slug: String,
    slot: String,
    order: Option<String>,
    present: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let ticked = present
        .unwrap_or_default()
        .keys()
        .map(|k| k.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            fail(DomainError::validation(
                "registration",
                "unknown-registration",
            ))
        })?;
    attendance::save_sheet(&ctx.db, &slug, &slot, &ticked, user.id, ctx.now())
        .await
        .map_err(fail)?;
    // `order` is whatever the form sent: encoded, so it cannot reshape the address.
    let (slot, order) = (
        crate::server::encode(&slot),
        crate::server::encode(&order.unwrap_or_default()),
    );
    crate::server::redirect(&format!(
        "/manage/events/{slug}/attendance?slot={slot}&order={order}&saved=1"
    ));
    Ok(())
}

/// The cohort, and whether the caller may change the completion rule.
#[server(prefix = "/api", endpoint = "cohort")]
pub async fn load_cohort(slug: String) -> Result<(Cohort, bool), AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let cohort = attendance_report::cohort(&ctx.db, &slug)
        .await
        .map_err(fail)?;
    Ok((cohort, user.role.allows(Role::Coordinator)))
}

/// Changes the completion rule (coordinators): present on at least `percent` % of the days.
#[server(prefix = "/api", endpoint = "set_completion_rule")]
pub async fn set_completion_rule(slug: String, percent: String) -> Result<u8, AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    let saved = attendance_report::set_completion_percent(&ctx.db, &slug, &percent)
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/manage/events/{slug}/cohort?saved=1"));
    Ok(saved)
}
