//! Documentation server functions (staff; publishing the proceedings is the coordinator's).
use domain::documentation_types::Documentation;
use domain::documentation_types::RecommendationForm;
use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{ctx, fail, require};

#[cfg(feature = "ssr")]
async fn event_id(slug: &str) -> Result<domain::types::EventId, AppError> {
    domain::service::events::id_by_slug(&ctx()?.db, slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "load_documentation")]
pub async fn load_documentation(slug: String) -> Result<Documentation, AppError> {
    require(domain::types::Role::Staff).await?;
    domain::service::documentation::load(&ctx()?.db, &slug)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "save_session_notes")]
pub async fn save_session_notes(
    slug: String,
    session_id: i64,
    notes: String,
) -> Result<(), AppError> {
    require(domain::types::Role::Staff).await?;
    let event = event_id(&slug).await?;
    domain::service::documentation::save_session_notes(&ctx()?.db, event, session_id, &notes)
        .await
        .map_err(|e| fail(e.renamed_field(&format!("notes-{session_id}"))))
}

#[server(prefix = "/api", endpoint = "save_proceedings_summary")]
pub async fn save_proceedings_summary(
    slug: String,
    summary: String,
    public: Option<String>,
) -> Result<(), AppError> {
    require(domain::types::Role::Coordinator).await?;
    let event = event_id(&slug).await?;
    domain::service::documentation::save_summary(&ctx()?.db, event, &summary, public.is_some())
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "save_recommendation")]
pub async fn save_recommendation(
    slug: String,
    id: Option<i64>,
    form: RecommendationForm,
) -> Result<i64, AppError> {
    require(domain::types::Role::Staff).await?;
    let event = event_id(&slug).await?;
    let suffix = id.map_or_else(|| "new".to_owned(), |id| id.to_string());
    domain::service::documentation::save_recommendation(&ctx()?.db, event, id, &form)
        .await
        .map_err(|e| {
            let field = e.field().map(|f| format!("rec-{suffix}-{f}"));
            fail(match field {
                Some(field) => e.renamed_field(&field),
                None => e,
            })
        })
}

#[server(prefix = "/api", endpoint = "delete_recommendation")]
pub async fn delete_recommendation(slug: String, id: i64) -> Result<(), AppError> {
    require(domain::types::Role::Staff).await?;
    let event = event_id(&slug).await?;
    domain::service::documentation::delete_recommendation(&ctx()?.db, event, id)
        .await
        .map_err(fail)
}

#[server(prefix = "/api", endpoint = "save_executive_summary")]
pub async fn save_executive_summary(
    slug: String,
    language: String,
    text: String,
) -> Result<(), AppError> {
    require(domain::types::Role::Staff).await?;
    let event = event_id(&slug).await?;
    domain::service::documentation::save_executive_summary(&ctx()?.db, event, &language, &text)
        .await
        .map_err(|e| fail(e.renamed_field(&format!("summary-{language}"))))
}
