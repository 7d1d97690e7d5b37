//! Sending the outbox over SMTP (`SMTP_URL`). Messages are written to the outbox in the same
//! transaction as the change they announce; a worker started by `sala serve` sends them,
//! marks each sent or failed, and backs off from a failing message or server. Without
//! `SMTP_URL` nothing here runs and staff read the outbox on screen.
//!
//! A message that names an event (confirmations, changes of standing) carries that event's
//! calendar file, written when it is sent in the language the message records.
//!
//! A message is sent at most once by one worker: after a successful send it is marked sent
//! before anything else is tried, and a send whose mark could not be written is remembered
//! and marked again, never sent again. Its `Message-ID` is derived from its outbox id, so a
//! mail client would also fold any duplicate into one.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::registration_types::OutboxMessage;
use domain::service::outbox;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::config::SmtpConfig;

/// Messages looked at per pass.
const BATCH: u64 = 100;
/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The worker looks at the outbox at least this often, even when nobody wakes it.
const POLL: Duration = Duration::from_secs(60);
/// How long a sender holds a message it is sending before another process may take it (a
/// crashed sender's claim runs out; one SMTP exchange ends well within it).
const CLAIM: Duration = Duration::from_secs(5 * 60);
/// The first wait after a failure; it doubles with each attempt up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(30);
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);
/// The attached calendar's type: what `/events/{slug}/calendar.ics` serves, with the
/// calendar's own `METHOD` as RFC 6047 asks of `text/calendar` in e-mail.
const ICS_ATTACHMENT: &str = "text/calendar; charset=utf-8; method=PUBLISH";

/// An SMTP connection's settings and the sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The host named in `Message-ID`s and in the SMTP greeting.
    host: String,
    /// SALA_BASE_URL, for the addresses and UIDs in attached calendars.
    base_url: String,
}

impl Mailer {
    /// `base_url` (SALA_BASE_URL) gives the host name Sala greets the server with.
    pub fn new(config: &SmtpConfig, base_url: &str) -> Result<Self, String> {
        let host = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest)
            .split(['/', ':'])
            .next()
            .filter(|h| !h.is_empty())
            .unwrap_or("localhost")
            .to_owned();
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)
            .map_err(|_| "SMTP_URL is not a valid smtp:// or smtps:// address".to_owned())?
            .hello_name(ClientId::Domain(host.clone()))
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e| format!("MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            host,
            base_url: base_url.trim_end_matches('/').to_owned(),
        })
    }

    /// The message as it goes on the wire: UTF-8 plain text, or with a calendar file a
    /// `multipart/mixed` of that text and a `text/calendar` attachment (`method=PUBLISH`, as
    /// the file says, so mail clients offer to add the event). lettre encodes a non-ASCII
    /// subject as RFC 2047 words and picks a transfer encoding for each part.
    fn build(
        &self,
        m: &OutboxMessage,
        calendar: Option<outbox::Attachment>,
    ) -> Result<Message, Refusal> {
        let refused = |e: lettre::error::Error| Refusal::Message(format!("message not built: {e}"));
        let to: Mailbox = m
            .to_email
            .parse()
            .map_err(|e| Refusal::Message(format!("recipient address refused: {e}")))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<outbox-{}@{}>", m.id, self.host)));
        let Some(calendar) = calendar else {
            return builder
                .header(ContentType::TEXT_PLAIN)
                .body(m.body.clone())
                .map_err(refused);
        };
        let kind = ContentType::parse(ICS_ATTACHMENT)
            .map_err(|e| Refusal::Message(format!("calendar type refused: {e}")))?;
        let parts = MultiPart::mixed()
            .singlepart(SinglePart::plain(m.body.clone()))
            .singlepart(Attachment::new(calendar.file_name).body(calendar.content, kind));
        builder.multipart(parts).map_err(refused)
    }

    /// The calendar `m` carries, written now. A database failure is this message's failure:
    /// it is retried later rather than sent without its calendar.
    async fn calendar(
        &self,
        db: &DatabaseConnection,
        m: &OutboxMessage,
        now: DateTime<Utc>,
    ) -> Result<Option<outbox::Attachment>, Refusal> {
        let host = crate::routes::calendars::uid_host(&self.base_url);
        outbox::calendar_of(db, m, host, &self.base_url, now)
            .await
            .map_err(|e| Refusal::Message(format!("calendar not written: {e}")))
    }

    async fn send(
        &self,
        m: &OutboxMessage,
        calendar: Option<outbox::Attachment>,
    ) -> Result<(), Refusal> {
        let message = self.build(m, calendar)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            // The server answered with a 4xx or 5xx code: others may still go.
            Err(e) if e.is_transient() || e.is_permanent() => Err(Refusal::Message(e.to_string())),
            // No conversation at all (refused, timed out, TLS): the rest wait.
            Err(e) => Err(Refusal::Server(e.to_string())),
        }
    }
}

enum Refusal {
    Message(String),
    Server(String),
}

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub failed: usize,
    /// Messages left for later: backing off, or not tried because the server is unreachable.
    pub waiting: usize,
    /// The pass found a full batch: more messages may be waiting, so the next pass runs at
    /// once instead of after the next wake or poll (a burst of a thousand registrations
    /// queues a thousand messages, and nothing wakes the worker once the burst is over).
    pub more: bool,
}

/// Sends the outbox, remembering between passes when each failed message may be retried.
pub struct Sender {
    db: DatabaseConnection,
    mailer: Mailer,
    clock: app::server::Clock,
    /// Failed messages and when to try them again.
    retry_at: HashMap<i64, Instant>,
    /// When the server may be tried again after it could not be reached.
    server_retry_at: Option<Instant>,
    /// Sent, but the mark could not be written yet: marked again, never resent.
    unrecorded: HashMap<i64, DateTime<Utc>>,
    /// A moment on both clocks, so a pass's `at` maps to the time written in the database
    /// (claims and backoffs that every process reads).
    origin: (Instant, DateTime<Utc>),
}

fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(16);
    FIRST_BACKOFF
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_BACKOFF)
}

impl Sender {
    pub fn new(db: DatabaseConnection, mailer: Mailer, clock: app::server::Clock) -> Self {
        Sender {
            db,
            mailer,
            retry_at: HashMap::new(),
            server_retry_at: None,
            unrecorded: HashMap::new(),
            origin: (Instant::now(), clock()),
            clock,
        }
    }

    /// `at` on the wall clock the database holds.
    fn wall(&self, at: Instant) -> DateTime<Utc> {
        let since = at.saturating_duration_since(self.origin.0);
        self.origin.1 + chrono::Duration::from_std(since).unwrap_or_default()
    }

    /// One pass over the pending messages, as if the time were `at` (for the backoff).
    pub async fn pass(&mut self, at: Instant) -> Result<Pass, domain::DomainError> {
        let mut report = Pass::default();
        self.record_unrecorded().await;
        if self.server_retry_at.is_some_and(|t| at < t) {
            return Ok(report);
        }
        self.server_retry_at = None;
        let skip: Vec<i64> = self
            .retry_at
            .iter()
            .filter(|(_, t)| at < **t)
            .map(|(id, _)| *id)
            .chain(self.unrecorded.keys().copied())
            .collect();
        report.waiting = skip.len();
        let now = self.wall(at);
        let pending = outbox::pending_except(&self.db, &skip, Some(now), BATCH).await?;
        report.more = pending.len() as u64 == BATCH;
        let mut unreachable = false;
        for m in pending {
            if unreachable {
                report.waiting += 1;
                continue;
            }
            // Another process may be sending it (several `sala serve` on one database).
            let lease = now + chrono::Duration::from_std(CLAIM).unwrap_or_default();
            if !outbox::claim(&self.db, m.id, now, lease).await? {
                continue;
            }
            let sent = match self.mailer.calendar(&self.db, &m, now).await {
                Ok(calendar) => self.mailer.send(&m, calendar).await,
                Err(refusal) => Err(refusal),
            };
            match sent {
                Ok(()) => {
                    report.sent += 1;
                    self.retry_at.remove(&m.id);
                    let now = (self.clock)();
                    if let Err(err) = outbox::mark_sent(&self.db, m.id, now).await {
                        tracing::error!(id = m.id, %err, "e-mail sent but not marked sent yet");
                        self.unrecorded.insert(m.id, now);
                    }
                }
                Err(refusal) => {
                    let (error, server) = match refusal {
                        Refusal::Message(e) => (e, false),
                        Refusal::Server(e) => (format!("SMTP server unreachable: {e}"), true),
                    };
                    tracing::warn!(id = m.id, %error, "e-mail not sent");
                    report.failed += 1;
                    let pause = backoff(m.attempts + 1);
                    let retry_at = now + chrono::Duration::from_std(pause).unwrap_or_default();
                    outbox::mark_failed(&self.db, m.id, &error, retry_at).await?;
                    let wait = at + pause;
                    self.retry_at.insert(m.id, wait);
                    if server {
                        unreachable = true;
                        self.server_retry_at = Some(wait);
                    }
                }
            }
        }
        Ok(report)
    }

    async fn record_unrecorded(&mut self) {
        let marks: Vec<(i64, DateTime<Utc>)> =
            self.unrecorded.iter().map(|(k, v)| (*k, *v)).collect();
        for (id, at) in marks {
            if outbox::mark_sent(&self.db, id, at).await.is_ok() {
                self.unrecorded.remove(&id);
            }
        }
    }

    /// The earliest moment a backed-off message may be retried.
    fn next_retry(&self) -> Option<Instant> {
        self.retry_at
            .values()
            .chain(self.server_retry_at.iter())
            .min()
            .copied()
    }

    /// Runs passes forever: after `wake` is poked (something may have been queued), when a
    /// backed-off message is due, and at least every minute.
    pub fn spawn(mut self, wake: Arc<Notify>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                let started = Instant::now();
                let more = match self.pass(started).await {
                    Ok(pass) => {
                        if pass.sent + pass.failed > 0 {
                            tracing::info!(pass.sent, pass.failed, pass.waiting, "outbox pass");
                        }
                        pass.more
                    }
                    Err(err) => {
                        tracing::error!(%err, "outbox pass failed");
                        false
                    }
                };
                // Forget backoffs of messages that are no longer pending.
                self.retry_at.retain(|_, t| *t > started);
                if more && self.server_retry_at.is_none() {
                    tokio::task::yield_now().await;
                    continue;
                }
                let deadline = self
                    .next_retry()
                    .map_or(started + POLL, |t| t.min(started + POLL))
                    .max(Instant::now() + Duration::from_millis(200));
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep_until(deadline) => {}
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(4), Duration::from_secs(240));
        assert_eq!(backoff(9), MAX_BACKOFF);
        assert_eq!(backoff(i32::MAX), MAX_BACKOFF);
    }
}
