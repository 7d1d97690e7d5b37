//! `sala [serve|migrate|create-admin|demo]`.
use std::io::BufRead;

use domain::service::users::{self, NewStaff};
use domain::types::Role;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::config::Config;
use crate::{router, system_clock, AppState};

pub const USAGE: &str = "usage: sala [serve | migrate | demo | create-admin --email EMAIL [--name NAME] [--password PASSWORD]]
  serve          run migrations, then serve the web app (the default)
  migrate        bring the database schema up to date
  demo           load demonstration events and people into an empty database
  create-admin   create an admin account; without --password the password is read from standard input";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    Demo,
    CreateAdmin {
        email: String,
        name: Option<String>,
        password: Option<String>,
    },
    Help,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::Serve);
    };
    match first.as_str() {
        "serve" => Ok(Command::Serve),
        "migrate" => Ok(Command::Migrate),
        "demo" => Ok(Command::Demo),
        "help" | "--help" | "-h" => Ok(Command::Help),
        "create-admin" => {
            let (mut email, mut name, mut password) = (None, None, None);
            let mut rest = args[1..].iter();
            while let Some(flag) = rest.next() {
                let value = rest
                    .next()
                    .ok_or_else(|| format!("{flag} needs a value"))?
                    .clone();
                match flag.as_str() {
                    "--email" => email = Some(value),
                    "--name" => name = Some(value),
                    "--password" => password = Some(value).filter(|p| p != "-"),
                    other => return Err(format!("unknown option {other}")),
                }
            }
            let email = email.ok_or("create-admin needs --email")?;
            Ok(Command::CreateAdmin {
                email,
                name,
                password,
            })
        }
        other => Err(format!("unknown command {other}")),
    }
}

async fn connect(config: &Config) -> Result<DatabaseConnection, String> {
    if let Some(path) = sqlite_path(&config.database_url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
        }
    }
    domain::service::db::connect_migrated(&config.database_url)
        .await
        .map_err(|e| format!("cannot open or migrate the database at DATABASE_URL: {e}"))
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

pub async fn run(command: Command, config: Config) -> Result<(), String> {
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Migrate => {
            connect(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Demo => {
            let db = connect(&config).await?;
            let txn = db.begin().await.map_err(|e| e.to_string())?;
            let loaded = migration::seed::load_demo(&txn)
                .await
                .map_err(|e| e.to_string())?;
            txn.commit().await.map_err(|e| e.to_string())?;
            println!(
                "{}",
                if loaded {
                    "demo data loaded"
                } else {
                    "database already has events; demo data not loaded"
                }
            );
            Ok(())
        }
        Command::CreateAdmin {
            email,
            name,
            password,
        } => {
            let password = match password {
                Some(p) => p,
                None => {
                    let mut line = String::new();
                    std::io::stdin()
                        .lock()
                        .read_line(&mut line)
                        .map_err(|e| e.to_string())?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = connect(&config).await?;
            let name =
                name.unwrap_or_else(|| email.split('@').next().unwrap_or("admin").to_owned());
            let input = NewStaff {
                email: &email,
                display_name: &name,
                password: &password,
                role: Role::Admin,
            };
            let account = users::create(&db, input, chrono::Utc::now())
                .await
                .map_err(|e| format!("cannot create the admin: {e}"))?;
            println!("admin {} created", account.email);
            Ok(())
        }
        Command::Serve => {
            let db = connect(&config).await?;
            crate::reminders::spawn(db.clone(), config.base_url.clone());
            crate::retention::spawn(db.clone());
            let state = AppState::new(&config, db.clone(), system_clock());
            if let Some(smtp) = &config.smtp {
                let mailer = crate::mail::Mailer::new(smtp, &config.base_url)?;
                crate::mail::Sender::new(db, mailer, system_clock()).spawn(state.mail_wake.clone());
                tracing::info!("sending e-mail over SMTP from {}", smtp.from);
            } else {
                tracing::info!("SMTP_URL not set: e-mails wait in the outbox for staff");
            }
            let app = router(state);
            let listener = tokio::net::TcpListener::bind(config.addr)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
            tracing::info!("Sala listening on http://{}", config.addr);
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(parse(&[]), Ok(Command::Serve));
        assert_eq!(parse(&args(&["migrate"])), Ok(Command::Migrate));
        assert_eq!(
            parse(&args(&["create-admin", "--email", "a@example.org"])),
            Ok(Command::CreateAdmin {
                email: "a@example.org".into(),
                name: None,
                password: None
            })
        );
        assert!(parse(&args(&["create-admin"])).is_err());
        assert!(parse(&args(&["create-admin", "--email"])).is_err());
        assert!(parse(&args(&["launch"])).is_err());
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_path("sqlite://data/sala.db?mode=rwc").as_deref(),
            Some("data/sala.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x"), None);
    }
}
