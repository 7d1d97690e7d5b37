//! Follow-up server functions. Staff read and keep notes; coordinators change the plan and the
//! questions; trainees answer through their private link (rate limited like the other
//! private-link calls). Each reads its input, checks the caller and calls one domain service.
use std::collections::BTreeMap;

use domain::followup_types::{
    AssessmentQuestionForm, EventFollowup, FollowupAnswerForm, FollowupDashboard,
};
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, limit_public, require, OrKeep};
#[cfg(feature = "ssr")]
use domain::{
    service::{assessment, followup},
    types::Role,
};

/// What the event's follow-up page needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowupPageData {
    pub page: EventFollowup,
    /// Whether the caller may change the plan and the questions (coordinators).
    pub can_edit: bool,
    /// The question form as typed before a refusal (no JavaScript).
    pub question: AssessmentQuestionForm,
}

#[server(prefix = "/api", endpoint = "event_followup")]
pub async fn load_event_followup(
    slug: String,
    draft: Option<String>,
) -> Result<FollowupPageData, AppError> {
    let user = require(Role::Staff).await?;
    let ctx = ctx()?;
    let page = followup::event_followup(&ctx.db, &slug, ctx.now())
        .await
        .map_err(fail)?;
    let question = crate::server::take_draft::<AssessmentQuestionForm>(draft.as_deref())
        .await
        .unwrap_or_default();
    Ok(FollowupPageData {
        page,
        can_edit: user.role.allows(Role::Coordinator),
        question,
    })
}

#[server(prefix = "/api", endpoint = "set_followup_plan")]
pub async fn set_followup_plan(slug: String, months: String) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    followup::set_plan(&ctx.db, &slug, &months, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/manage/events/{slug}/followup?saved=plan"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_assessment_question")]
pub async fn add_assessment_question(
    slug: String,
    form: AssessmentQuestionForm,
) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    assessment::add_question(&ctx.db, &slug, &form)
        .await
        .or_keep(&form, "")
        .await?;
    crate::server::redirect(&format!("/manage/events/{slug}/followup?saved=question"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "delete_assessment_question")]
pub async fn delete_assessment_question(slug: String, question_id: i64) -> Result<(), AppError> {
    require(Role::Coordinator).await?;
    let ctx = ctx()?;
    assessment::delete_question(&ctx.db, &slug, question_id)
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/manage/events/{slug}/followup?saved=question"));
    Ok(())
}

/// Saves a staff note on one check-in; an error names `note-{registration}-{months}`.
#[server(prefix = "/api", endpoint = "save_followup_note")]
pub async fn save_followup_note(
    slug: String,
    registration_id: i64,
    months: u8,
    note: String,
) -> Result<(), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    followup::save_note(&ctx.db, &slug, registration_id, months, &note, ctx.now())
        .await
        .map_err(|e| fail(e.renamed_field(&format!("note-{registration_id}-{months}"))))?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/followup?saved=note#r{registration_id}-{months}"
    ));
    Ok(())
}

/// E-mails a trainee a fresh link to one check-in now.
#[server(prefix = "/api", endpoint = "send_followup_link")]
pub async fn send_followup_link(
    slug: String,
    registration_id: i64,
    months: u8,
) -> Result<(), AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    followup::send_link(
        &ctx.db,
        &slug,
        registration_id,
        months,
        &ctx.base_url,
        ctx.now(),
    )
    .await
    .map_err(|e| fail(e.renamed_field(&format!("note-{registration_id}-{months}"))))?;
    crate::server::redirect(&format!(
        "/manage/events/{slug}/followup?saved=link#r{registration_id}-{months}"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "followup_dashboard")]
pub async fn load_followup_dashboard() -> Result<FollowupDashboard, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    followup::dashboard(&ctx.db, ctx.now()).await.map_err(fail)
}

/// Sends the reminders due now (the server also does this every hour by itself).
#[server(prefix = "/api", endpoint = "send_due_reminders")]
pub async fn send_due_reminders() -> Result<u32, AppError> {
    require(Role::Staff).await?;
    let ctx = ctx()?;
    let sent = followup::send_due_reminders(&ctx.db, &ctx.base_url, ctx.now())
        .await
        .map_err(fail)?;
    crate::server::redirect(&format!("/manage/followups?reminded={sent}"));
    Ok(sent)
}

/// A trainee's answers to one check-in; an error names `{field}-{months}`.
#[server(prefix = "/api", endpoint = "answer_followup")]
pub async fn answer_followup(
    token: String,
    months: u8,
    form: FollowupAnswerForm,
) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    followup::answer(&ctx.db, &token, months, &form, ctx.now())
        .await
        .map_err(|e| {
            let field = e.field().map(|f| format!("{f}-{months}"));
            match field {
                Some(f) => e.renamed_field(&f),
                None => e,
            }
        })
        .or_keep(&form, "")
        .await?;
    crate::server::redirect(&format!("/r/{token}?answered={months}#followup-{months}"));
    Ok(())
}

/// A trainee's scores for one phase (`score[<question id>]=<n>`).
#[server(prefix = "/api", endpoint = "answer_assessment")]
pub async fn answer_assessment(
    token: String,
    phase: String,
    score: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    limit_public(true).await?;
    let ctx = ctx()?;
    let score = score.unwrap_or_default();
    assessment::answer(&ctx.db, &token, &phase, &score, ctx.now())
        .await
        .map_err(|e| {
            let field = e.field().map(|f| format!("{phase}-{f}"));
            fail(match field {
                Some(f) => e.renamed_field(&f),
                None => e,
            })
        })?;
    crate::server::redirect(&format!("/r/{token}?assessed={phase}#assessment-{phase}"));
    Ok(())
}

/// The follow-up answers a trainee typed before a refusal (no JavaScript), read once.
#[server(prefix = "/api", endpoint = "followup_draft")]
pub async fn followup_draft(draft: String) -> Result<Option<FollowupAnswerForm>, AppError> {
    limit_public(false).await?;
    Ok(crate::server::take_draft::<FollowupAnswerForm>(Some(&draft)).await)
}
