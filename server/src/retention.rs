//! Retention: once an hour (and shortly after start) the server purges the personal data of
//! events whose retention period has passed (`domain::service::privacy::retention` says the
//! rule). Each pass is one transaction, so a restart never leaves half a purge. The same pass
//! tidies short-lived records: expired sessions and links, drafts, throttling counts
//! (`domain::service::housekeeping`).
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often expired data is looked for.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the hourly pass in the background.
pub fn spawn(db: DatabaseConnection) {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(45)).await;
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            let now = chrono::Utc::now();
            match domain::service::housekeeping::tidy(&db, now).await {
                Ok(report) if report == Default::default() => {}
                Ok(report) => tracing::info!(?report, "expired sessions, links and counts tidied"),
                Err(e) => tracing::warn!(error = %e, "tidying failed; retrying next hour"),
            }
            match domain::service::privacy::purge_expired(&db, chrono::Utc::now()).await {
                Ok(report) if report == Default::default() => {}
                Ok(report) => tracing::info!(
                    events = report.events_purged,
                    people = report.people_anonymised,
                    "expired personal data purged"
                ),
                Err(e) => tracing::warn!(error = %e, "retention purge failed; retrying next hour"),
            }
        }
    });
}
