//! Configuration from the environment, checked once at start with messages a person can act on.
use std::collections::HashMap;
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/sala.db?mode=rwc";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub base_url: String,
    /// Cookies get `Secure` when the site is served over https.
    pub secure_cookies: bool,
    /// Public form submissions (registrations, changes) allowed per client address per
    /// minute; private-link page views get five times as many. 0 turns the limit off.
    pub public_rate_limit: u32,
    /// Take the client address from `X-Forwarded-For` when the connection comes from
    /// this machine (Sala behind a reverse proxy on the same host).
    pub trust_proxy: bool,
    /// Where e-mail goes; None keeps messages in the outbox for staff to read.
    pub smtp: Option<SmtpConfig>,
    /// What `/privacy` says about this deployment: `SALA_DATA_CONTROLLER` (who is responsible,
    /// e.g. the organisation's name and address), `SALA_PRIVACY_CONTACT`, and optionally
    /// `SALA_PRIVACY_PURPOSES` and `SALA_PRIVACY_RETENTION` to replace the standard texts.
    pub privacy: app::features::privacy::api::PrivacyNotice,
    /// `LEPTOS_SITE_ROOT`: the folder holding `pkg/` (stylesheet, script, wasm).
    pub site_root: Option<String>,
    /// Daily backups of the SQLite database (`SALA_BACKUP_DIR`, `SALA_BACKUP_KEEP`).
    pub backup: Option<BackupConfig>,
}

/// Where `sala serve` writes a backup each day, and how many it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupConfig {
    pub dir: std::path::PathBuf,
    /// The newest this many backups stay; older ones are removed (at least 1).
    pub keep: usize,
}

/// Backups kept when `SALA_BACKUP_KEEP` is not set: two weeks of daily ones.
pub const DEFAULT_BACKUP_KEEP: usize = 14;

/// `SMTP_URL` and `MAIL_FROM`, both checked at start.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// `smtp://user:password@host:587?tls=required`, `smtps://…`, `smtp://host:25`.
    pub url: String,
    /// The sender, e.g. `Mekong Migration Network <events@example.org>`.
    pub from: String,
}

/// Never prints the password inside the URL.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = match self.url.split_once('@') {
            Some((scheme_and_user, host)) => {
                let scheme = scheme_and_user.split("://").next().unwrap_or_default();
                format!("{scheme}://…@{host}")
            }
            None => self.url.clone(),
        };
        f.debug_struct("SmtpConfig")
            .field("url", &shown)
            .field("from", &self.from)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

fn error(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        message: message.into(),
    }
}

impl Config {
    pub fn from_process_env() -> Result<Self, ConfigError> {
        Self::from_map(&std::env::vars().collect())
    }

    pub fn from_map(env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |k: &str| {
            env.get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(error(
                "DATABASE_URL",
                "must start with sqlite: (e.g. sqlite://data/sala.db?mode=rwc) or postgres:// (e.g. postgres://sala:secret@localhost/sala)",
            ));
        }

        let (addr_var, addr_text) = match (get("SALA_ADDR"), get("LEPTOS_SITE_ADDR")) {
            (Some(a), _) => ("SALA_ADDR", a),
            (None, Some(a)) => ("LEPTOS_SITE_ADDR", a),
            (None, None) => ("SALA_ADDR", "127.0.0.1:3000".to_owned()),
        };
        let addr: SocketAddr = addr_text.parse().map_err(|_| {
            error(
                addr_var,
                format!("{addr_text:?} is not an address like 127.0.0.1:3000"),
            )
        })?;

        let base_url = get("SALA_BASE_URL").unwrap_or_else(|| format!("http://{addr}"));
        let base_url = base_url.trim_end_matches('/').to_owned();
        let rest = base_url
            .strip_prefix("https://")
            .or_else(|| base_url.strip_prefix("http://"))
            .ok_or_else(|| {
                error(
                    "SALA_BASE_URL",
                    "must start with http:// or https:// (e.g. https://events.example.org)",
                )
            })?;
        if rest.is_empty() || rest.contains(' ') {
            return Err(error(
                "SALA_BASE_URL",
                "must name a host (e.g. https://events.example.org)",
            ));
        }
        let secure_cookies = base_url.starts_with("https://");

        let public_rate_limit = match get("SALA_PUBLIC_RATE_LIMIT") {
            None => 20,
            Some(v) => v.parse().map_err(|_| {
                error(
                    "SALA_PUBLIC_RATE_LIMIT",
                    "must be a whole number of requests per minute (0 turns it off)",
                )
            })?,
        };
        let trust_proxy = match get("SALA_TRUST_PROXY").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(_) => return Err(error("SALA_TRUST_PROXY", "must be 1 or 0")),
        };

        let smtp = smtp_config(get("SMTP_URL"), get("MAIL_FROM"))?;

        let privacy = app::features::privacy::api::PrivacyNotice {
            controller: get("SALA_DATA_CONTROLLER").unwrap_or_default(),
            contact: get("SALA_PRIVACY_CONTACT").unwrap_or_default(),
            purposes: get("SALA_PRIVACY_PURPOSES").unwrap_or_default(),
            retention: get("SALA_PRIVACY_RETENTION").unwrap_or_default(),
        };

        let backup = backup_config(
            &database_url,
            get("SALA_BACKUP_DIR"),
            get("SALA_BACKUP_KEEP"),
        )?;

        Ok(Config {
            site_root: get("LEPTOS_SITE_ROOT"),
            backup,
            privacy,
            smtp,
            database_url,
            addr,
            base_url,
            secure_cookies,
            public_rate_limit,
            trust_proxy,
        })
    }
}

fn backup_config(
    database_url: &str,
    dir: Option<String>,
    keep: Option<String>,
) -> Result<Option<BackupConfig>, ConfigError> {
    let keep = match keep {
        None => DEFAULT_BACKUP_KEEP,
        Some(v) => v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
            error(
                "SALA_BACKUP_KEEP",
                "must be a whole number of backups to keep, at least 1 (e.g. 14)",
            )
        })?,
    };
    let Some(dir) = dir else {
        return Ok(None);
    };
    if sqlite_path(database_url).is_none() {
        return Err(error(
            "SALA_BACKUP_DIR",
            "backs up a SQLite database file; on PostgreSQL leave it unset and use pg_dump \
             (see `sala backup`)",
        ));
    }
    Ok(Some(BackupConfig {
        dir: dir.into(),
        keep,
    }))
}

/// The file of a SQLite `DATABASE_URL` (None for PostgreSQL and in-memory databases).
pub fn sqlite_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

fn smtp_config(
    url: Option<String>,
    from: Option<String>,
) -> Result<Option<SmtpConfig>, ConfigError> {
    use lettre::{AsyncSmtpTransport, Tokio1Executor};
    let Some(url) = url else {
        return Ok(None);
    };
    // The error text of a URL parser may quote the URL, password included: not shown.
    if AsyncSmtpTransport::<Tokio1Executor>::from_url(&url).is_err() {
        return Err(error(
            "SMTP_URL",
            "must look like smtp://user:password@host:587?tls=required, \
             smtps://user:password@host:465 or smtp://host:25",
        ));
    }
    let from = from.ok_or_else(|| {
        error(
            "MAIL_FROM",
            "must be set when SMTP_URL is: the sender's address, \
             e.g. Mekong Migration Network <events@example.org>",
        )
    })?;
    if from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(error(
            "MAIL_FROM",
            "must be an address like events@example.org or Name <events@example.org>",
        ));
    }
    Ok(Some(SmtpConfig { url, from }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults() {
        let c = Config::from_map(&env(&[])).expect("defaults are valid");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert!(!c.secure_cookies);
    }

    #[test]
    fn leptos_site_addr_is_honoured_and_sala_addr_wins() {
        let c = Config::from_map(&env(&[("LEPTOS_SITE_ADDR", "0.0.0.0:8080")])).expect("valid");
        assert_eq!(c.addr.port(), 8080);
        let c = Config::from_map(&env(&[
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("SALA_ADDR", "127.0.0.1:9000"),
        ]))
        .expect("valid");
        assert_eq!(c.addr.port(), 9000);
    }

    #[test]
    fn https_base_url_makes_cookies_secure() {
        let c = Config::from_map(&env(&[("SALA_BASE_URL", "https://events.example.org/")]))
            .expect("valid");
        assert!(c.secure_cookies);
        assert_eq!(c.base_url, "https://events.example.org");
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("DATABASE_URL", "mysql://x"),
            ("SALA_ADDR", "localhost"),
            ("SALA_BASE_URL", "events.example.org"),
            ("SALA_BASE_URL", "https://"),
            ("SALA_PUBLIC_RATE_LIMIT", "lots"),
            ("SALA_TRUST_PROXY", "maybe"),
            ("SMTP_URL", "mail.example.org:25"),
            ("SALA_BACKUP_KEEP", "0"),
            ("SALA_BACKUP_KEEP", "two weeks"),
        ] {
            let err = Config::from_map(&env(&[(var, value)])).expect_err("must be refused");
            assert_eq!(err.variable, var);
            assert!(err.to_string().contains(var));
        }
    }

    #[test]
    fn daily_backups_need_a_folder_and_a_sqlite_file() {
        let c = Config::from_map(&env(&[])).expect("valid");
        assert_eq!(c.backup, None, "no SALA_BACKUP_DIR: no daily backups");
        let c = Config::from_map(&env(&[("SALA_BACKUP_DIR", "/var/backups/sala")])).expect("valid");
        assert_eq!(
            c.backup,
            Some(BackupConfig {
                dir: "/var/backups/sala".into(),
                keep: DEFAULT_BACKUP_KEEP
            })
        );
        let c = Config::from_map(&env(&[
            ("SALA_BACKUP_DIR", "backups"),
            ("SALA_BACKUP_KEEP", "3"),
        ]))
        .expect("valid");
        assert_eq!(c.backup.map(|b| b.keep), Some(3));
        let err = Config::from_map(&env(&[
            ("SALA_BACKUP_DIR", "backups"),
            ("DATABASE_URL", "postgres://sala@localhost/sala"),
        ]))
        .expect_err("PostgreSQL has pg_dump");
        assert_eq!(err.variable, "SALA_BACKUP_DIR");
        assert!(err.to_string().contains("pg_dump"));
    }

    #[test]
    fn smtp_needs_a_sender_and_hides_its_password() {
        let c = Config::from_map(&env(&[])).expect("valid");
        assert_eq!(c.smtp, None, "no SMTP_URL: the outbox is read on screen");

        let err = Config::from_map(&env(&[("SMTP_URL", "smtp://mail.example.org:25")]))
            .expect_err("MAIL_FROM is required");
        assert_eq!(err.variable, "MAIL_FROM");
        let err = Config::from_map(&env(&[
            ("SMTP_URL", "smtp://mail.example.org:25"),
            ("MAIL_FROM", "not an address"),
        ]))
        .expect_err("MAIL_FROM must be an address");
        assert_eq!(err.variable, "MAIL_FROM");

        for url in [
            "smtp://sala:s3cret@mail.example.org:587?tls=required",
            "smtps://sala:s3cret@mail.example.org",
            "smtp://127.0.0.1:2525",
        ] {
            let c = Config::from_map(&env(&[
                ("SMTP_URL", url),
                ("MAIL_FROM", "Mekong Migration Network <events@example.org>"),
            ]))
            .expect(url);
            let smtp = c.smtp.expect("configured");
            assert_eq!(smtp.url, url);
            assert!(!format!("{smtp:?}").contains("s3cret"));
        }
    }
}
