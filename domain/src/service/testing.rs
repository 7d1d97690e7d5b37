//! Fresh, migrated databases for tests: an in-memory SQLite by default, or a new schema
//! in the PostgreSQL database named by `TEST_DATABASE_URL`, so the same suite runs on both.
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// True when tests run against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty())
}

/// A migrated, empty database of its own for one test.
pub async fn fresh_db() -> Result<DatabaseConnection, DbErr> {
    let db = match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) => postgres_schema(&url).await?,
        None => super::db::connect_migrated("sqlite::memory:").await?,
    };
    Ok(db)
}

/// The PostgreSQL database for tests that need one whichever pass runs them: `TEST_DATABASE_URL`,
/// else `TEST_POSTGRES_URL` (which scripts/test.sh also sets for its SQLite pass).
pub fn postgres_url() -> Option<String> {
    ["TEST_DATABASE_URL", "TEST_POSTGRES_URL"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|url| !url.trim().is_empty())
}

/// A new, migrated schema of its own in [`postgres_url`]'s database.
pub async fn fresh_postgres() -> Option<Result<DatabaseConnection, DbErr>> {
    Some(postgres_schema(&postgres_url()?).await)
}

/// A test that cannot run here says so and passes, except on CI (`CI=true`), where a missing
/// tool or database is a failure: a check that silently did not run must not look green.
pub fn skip_unless_ci(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("on CI this must run: {why}");
    }
    eprintln!("skipped: {why}");
}

async fn postgres_schema(url: &str) -> Result<DatabaseConnection, DbErr> {
    let admin = Database::connect(url).await?;
    let schema = format!("t_{}", &super::auth::new_token()[..16]);
    admin
        .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
        .await?;
    admin.close().await?;
    // Migrate on a connection of its own before the pool opens (see db::connect_migrated).
    let options = |max: u32| {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .set_schema_search_path(schema.clone())
            .max_connections(max)
            .sqlx_logging(false);
        options
    };
    let single = Database::connect(options(1)).await?;
    Migrator::up(&single, None).await?;
    single.close().await?;
    Database::connect(options(20)).await
}

/// The token of the newest link `/{prefix}/{token}` (e.g. `r` for a private page) in the
/// e-mails queued for `email`: what its reader would open.
pub async fn link_sent_to(
    db: &impl ConnectionTrait,
    email: &str,
    prefix: &str,
) -> Result<Option<String>, DbErr> {
    use entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let marker = format!("/{prefix}/");
    let mails = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq(email))
        .order_by_desc(outbox::Column::Id)
        .all(db)
        .await?;
    Ok(mails.iter().find_map(|m| {
        let (_, after) = m.body.split_once(&marker)?;
        let token: String = after.chars().take_while(char::is_ascii_hexdigit).collect();
        (token.len() == 64).then_some(token)
    }))
}
