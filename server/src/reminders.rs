//! Follow-up reminders: once an hour (and shortly after start) the server queues the reminder
//! e-mails that have fallen due. Each reminder is recorded with its e-mail in one transaction,
//! so a restart or a second pass never sends it twice. The same pass clears uploaded
//! participant lists that were never confirmed.
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often the reminders due are looked for.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the hourly pass in the background.
pub fn spawn(db: DatabaseConnection, base_url: String) {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match domain::service::followup::send_due_reminders(&db, &base_url, chrono::Utc::now())
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "follow-up reminders queued"),
                Err(e) => {
                    tracing::warn!(error = %e, "follow-up reminders failed; retrying next hour")
                }
            }
            // Uploaded participant lists nobody confirmed hold personal data: not kept past
            // their hour.
            if let Err(e) = domain::service::import::purge_expired(&db, chrono::Utc::now()).await {
                tracing::warn!(error = %e, "clearing expired imports failed");
            }
        }
    });
}
