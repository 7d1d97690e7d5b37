//! `sala [serve|migrate|demo|create-admin|backup|restore|copy-db]`.
//!
//! Every command that opens a SQLite database file holds a shared lock on `<db>.lock` while it
//! runs (see [`crate::backup::lock`]), so `sala restore` can tell that none is running.
use std::io::BufRead;
use std::path::{Path, PathBuf};

use domain::service::users::{self, NewStaff};
use domain::types::Role;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::backup::lock::{DatabaseLock, LockError};
use crate::config::{sqlite_path, Config};
use crate::{router, system_clock, AppState};

pub const USAGE: &str = "usage: sala [serve | migrate | demo | create-admin --email EMAIL [--name NAME] [--password PASSWORD]
            | backup [FILE] | restore FILE | copy-db --to postgres://USER:PASSWORD@HOST/DB]
  serve          run migrations, then serve the web app (the default)
  migrate        bring the database schema up to date
  demo           load demonstration events and people into an empty database
  create-admin   create an admin account; without --password the password is read from standard input
  backup         copy the live SQLite database to FILE (default: SALA_BACKUP_DIR, else backups/ beside
                 the database, as sala-YYYYMMDD-HHMMSS.db); never replaces a file
  restore        put a backup in place of the SQLite database (refused while sala serve runs on it);
                 the replaced database is kept as <db>.before-restore-YYYYMMDD-HHMMSS
  copy-db        copy the SQLite database into an empty PostgreSQL database";

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
    Backup {
        file: Option<PathBuf>,
    },
    Restore {
        file: PathBuf,
    },
    CopyDb {
        to: String,
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
        "backup" => match &args[1..] {
            [] => Ok(Command::Backup { file: None }),
            [file] if !file.starts_with('-') => Ok(Command::Backup {
                file: Some(file.into()),
            }),
            _ => Err("backup takes at most one argument: the file to write".into()),
        },
        "restore" => match &args[1..] {
            [file] if !file.starts_with('-') => Ok(Command::Restore { file: file.into() }),
            _ => Err("restore needs one argument: the backup file".into()),
        },
        "copy-db" => {
            let to = match &args[1..] {
                [flag, url] if flag == "--to" => url.clone(),
                [flag] if flag.starts_with("--to=") => flag["--to=".len()..].to_owned(),
                _ => return Err("copy-db needs --to postgres://USER:PASSWORD@HOST/DB".into()),
            };
            if !(to.starts_with("postgres://") || to.starts_with("postgresql://")) {
                return Err("copy-db --to takes a postgres:// URL".into());
            }
            Ok(Command::CopyDb { to })
        }
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

/// The configured database, migrated; for a SQLite file also the shared lock that tells
/// `sala restore` it is in use, to be held for as long as the database is.
async fn connect(config: &Config) -> Result<(DatabaseConnection, Option<DatabaseLock>), String> {
    let mut lock = None;
    if let Some(path) = sqlite_path(&config.database_url) {
        let path = Path::new(&path);
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
        }
        lock = Some(DatabaseLock::shared(path).map_err(|e| match e {
            LockError::Busy(_) => format!(
                "sala restore is replacing {}; try again when it has finished",
                path.display()
            ),
            other => other.to_string(),
        })?);
    }
    let db = domain::service::db::connect_migrated(&config.database_url)
        .await
        .map_err(|e| format!("cannot open or migrate the database at DATABASE_URL: {e}"))?;
    Ok((db, lock))
}

/// The SQLite file a command that works on files needs, or why there is none.
fn sqlite_file(config: &Config, command: &str, on_postgres: &str) -> Result<PathBuf, String> {
    if !domain::service::db::is_sqlite(&config.database_url) {
        return Err(on_postgres.to_owned());
    }
    sqlite_path(&config.database_url)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{command}: DATABASE_URL names an in-memory database"))
}

pub async fn run(command: Command, config: Config) -> Result<(), String> {
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Migrate => {
            let _db = connect(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Demo => {
            let (db, _lock) = connect(&config).await?;
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
            let (db, _lock) = connect(&config).await?;
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
        Command::Backup { file } => backup(&config, file).await,
        Command::Restore { file } => restore(&config, &file).await,
        Command::CopyDb { to } => copy_db(&config, &to).await,
        Command::Serve => {
            // Held until the server stops: `sala restore` refuses while it is.
            let (db, _lock) = connect(&config).await?;
            crate::reminders::spawn(db.clone(), config.base_url.clone());
            crate::retention::spawn(db.clone());
            if let Some(backup) = &config.backup {
                crate::backup::daily::spawn(db.clone(), backup.dir.clone(), backup.keep);
                tracing::info!(
                    dir = %backup.dir.display(),
                    keep = backup.keep,
                    "a backup each day"
                );
            }
            let state = AppState::new(&config, db.clone(), system_clock());
            if let Some(smtp) = &config.smtp {
                let mailer = crate::mail::Mailer::new(smtp, &config.base_url)?;
                crate::mail::Sender::new(db.clone(), mailer, system_clock())
                    .spawn(state.mail_wake.clone());
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
            .with_graceful_shutdown(stop_signal())
            .await
            .map_err(|e| e.to_string())?;
            // Every connection closed: SQLite folds its WAL back into the file and removes it.
            db.close().await.map_err(|e| e.to_string())
        }
    }
}

/// Ctrl-C, or SIGTERM (what systemd and `kill` send): requests under way are finished, then
/// the database is closed cleanly.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("stopping: finishing the requests under way");
}

async fn backup(config: &Config, file: Option<PathBuf>) -> Result<(), String> {
    let database = sqlite_file(config, "backup", crate::backup::PG_DUMP_HINT)?;
    let file = file.unwrap_or_else(|| {
        let dir = config
            .backup
            .as_ref()
            .map(|b| b.dir.clone())
            .unwrap_or_else(|| crate::backup::default_dir(&database));
        dir.join(crate::backup::file_name(chrono::Utc::now()))
    });
    if file.exists() {
        return Err(format!(
            "{} already exists; a backup never replaces a file",
            file.display()
        ));
    }
    let (db, _lock) = connect(config).await?;
    let bytes = crate::backup::backup_to(&db, &file)
        .await
        .map_err(|e| e.to_string())?;
    db.close().await.map_err(|e| e.to_string())?;
    println!(
        "backup written to {} ({} KB)",
        file.display(),
        bytes.div_ceil(1024)
    );
    Ok(())
}

async fn restore(config: &Config, file: &Path) -> Result<(), String> {
    let database = sqlite_file(
        config,
        "restore",
        "sala restore puts back a SQLite backup; on PostgreSQL restore a pg_dump file with
  pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" FILE",
    )?;
    let restored = crate::backup::restore::restore(&database, file, chrono::Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    println!("{} restored into {}", file.display(), database.display());
    if let Some(kept) = restored.kept {
        println!("the database it replaced is kept as {}", kept.display());
    }
    Ok(())
}

async fn copy_db(config: &Config, to: &str) -> Result<(), String> {
    sqlite_file(
        config,
        "copy-db",
        "copy-db copies the SQLite database named by DATABASE_URL; DATABASE_URL names PostgreSQL",
    )?;
    let (source, _lock) = connect(config).await?;
    let target = domain::service::db::connect_migrated(to)
        .await
        .map_err(|e| format!("cannot open or migrate the database given to --to: {e}"))?;
    let counts = crate::copy_db::copy(&source, &target)
        .await
        .map_err(|e| e.to_string())?;
    let width = counts.iter().map(|c| c.table.len()).max().unwrap_or(0);
    for c in &counts {
        println!("{:width$}  {:>8}", c.table, c.rows);
    }
    let total: u64 = counts.iter().map(|c| c.rows).sum();
    println!(
        "copied {total} rows in {} tables; serve from the copy with DATABASE_URL set to the --to URL",
        counts.len()
    );
    target.close().await.map_err(|e| e.to_string())?;
    Ok(())
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
    fn parses_backup_restore_and_copy_db() {
        assert_eq!(
            parse(&args(&["backup"])),
            Ok(Command::Backup { file: None })
        );
        assert_eq!(
            parse(&args(&["backup", "/srv/sala/before-upgrade.db"])),
            Ok(Command::Backup {
                file: Some("/srv/sala/before-upgrade.db".into())
            })
        );
        assert!(parse(&args(&["backup", "a.db", "b.db"])).is_err());
        assert!(parse(&args(&["backup", "--keep"])).is_err());

        assert_eq!(
            parse(&args(&["restore", "data/backups/sala-20261203-020000.db"])),
            Ok(Command::Restore {
                file: "data/backups/sala-20261203-020000.db".into()
            })
        );
        assert!(parse(&args(&["restore"])).is_err(), "which file?");
        assert!(parse(&args(&["restore", "a.db", "b.db"])).is_err());

        let to = "postgres://sala:secret@127.0.0.1/sala";
        assert_eq!(
            parse(&args(&["copy-db", "--to", to])),
            Ok(Command::CopyDb { to: to.into() })
        );
        assert_eq!(
            parse(&args(&["copy-db", &format!("--to={to}")])),
            Ok(Command::CopyDb { to: to.into() })
        );
        assert!(parse(&args(&["copy-db"])).is_err());
        assert!(parse(&args(&["copy-db", "--to"])).is_err());
        assert!(parse(&args(&["copy-db", "--to", "sqlite://other.db"])).is_err());
        assert!(parse(&args(&["copy-db", "--from", to])).is_err());
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
