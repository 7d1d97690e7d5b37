//! Reference lists every database needs (countries, regions) and an optional set of demo
//! data drawn from the network's public record: real event titles, dates, places and
//! organisations, with invented participants (names in their own script and in Latin script).
//!
//! Inserts are plain sea-query statements so this crate stays independent of `entities`.
//! Instants are computed from event-local wall-clock times with chrono-tz and stored in UTC.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::sea_query::{Expr, ExprTrait, OnConflict, Query};

mod demo_events;
mod demo_forum;
mod demo_insert;
mod demo_people;
mod demo_travel;
mod reference;
mod subdivisions;

/// Inserts the countries and regions that are missing; rows already present are kept as
/// they are. Safe to call on every start-up.
pub async fn load_reference(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let mut countries = Query::insert();
    countries
        .into_table("countries")
        .columns(["code", "name"])
        .on_conflict(OnConflict::column("code").do_nothing().to_owned());
    for (code, name) in reference::COUNTRIES {
        countries
            .values([(*code).into(), (*name).into()])
            .map_err(builder_error)?;
    }
    db.execute(&countries).await?;

    let mut regions = Query::insert();
    regions
        .into_table("regions")
        .columns(["code", "country_code", "name"])
        .on_conflict(OnConflict::column("code").do_nothing().to_owned());
    // The network's own names first (an insert never overwrites), then every first-level
    // subdivision of the listed countries.
    for (code, country, name) in reference::REGIONS.iter().chain(subdivisions::SUBDIVISIONS) {
        regions
            .values([(*code).into(), (*country).into(), (*name).into()])
            .map_err(builder_error)?;
    }
    db.execute(&regions).await?;
    Ok(())
}

/// Loads the demo events, organisations, people, agendas, registrations and attendance.
///
/// Does nothing and returns `Ok(false)` when the `events` table already has rows, so it can
/// never mix demo data into a database in use. The caller should run it in a transaction:
/// it issues many inserts and stops at the first error.
pub async fn load_demo(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let any_event = Query::select()
        .column("id")
        .from("events")
        .limit(1)
        .to_owned();
    if db.query_one(&any_event).await?.is_some() {
        return Ok(false);
    }
    load_reference(db).await?;
    let organisations = demo_people::insert_organisations(db).await?;
    demo_people::mark_home(db, &organisations).await?;
    let people = demo_people::insert_people(db, &organisations).await?;
    let ids = Ids {
        organisations,
        people,
    };
    demo_events::insert_all(db, &ids).await?;
    demo_forum::insert_all(db, &ids).await?;
    Ok(true)
}

/// Whether the database has been migrated at least as far as the migration `name`. A database
/// migrated only part of the way (as the tests of earlier migrations do, loading the demo into
/// an older schema) gets the parts of the demo its schema holds.
pub(crate) async fn migrated_to(db: &impl ConnectionTrait, name: &str) -> Result<bool, DbErr> {
    let query = Query::select()
        .column("version")
        .from("seaql_migrations")
        .and_where(Expr::col("version").eq(name))
        .to_owned();
    Ok(db.query_one(&query).await?.is_some())
}

/// Database ids of the demo rows, looked up by a stable key (organisation name, person e-mail).
pub(crate) struct Ids {
    organisations: HashMap<&'static str, i64>,
    people: HashMap<&'static str, i64>,
}

impl Ids {
    fn organisation(&self, name: &str) -> Result<i64, DbErr> {
        self.organisations
            .get(name)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("demo data: unknown organisation {name}")))
    }

    fn person(&self, email: &str) -> Result<i64, DbErr> {
        self.people
            .get(email)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("demo data: unknown person {email}")))
    }
}

/// Inserts one row and returns its generated `id` (RETURNING works on SQLite >= 3.35 and
/// PostgreSQL; `last_insert_id` does not exist on PostgreSQL).
async fn insert_returning_id(
    db: &impl ConnectionTrait,
    table: &'static str,
    columns: &[&'static str],
    values: Vec<Expr>,
) -> Result<i64, DbErr> {
    let mut stmt = Query::insert();
    stmt.into_table(table)
        .columns(columns.iter().copied())
        .values(values)
        .map_err(builder_error)?
        .returning_col("id");
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("demo data: no id returned for {table}")))?;
    row.try_get::<i64>("", "id")
}

/// Inserts one row without reading anything back.
async fn insert_row(
    db: &impl ConnectionTrait,
    table: &'static str,
    columns: &[&'static str],
    values: Vec<Expr>,
) -> Result<(), DbErr> {
    let mut stmt = Query::insert();
    stmt.into_table(table)
        .columns(columns.iter().copied())
        .values(values)
        .map_err(builder_error)?;
    db.execute(&stmt).await?;
    Ok(())
}

fn builder_error(err: sea_orm_migration::sea_query::error::Error) -> DbErr {
    DbErr::Custom(format!("demo data: {err}"))
}

/// The UTC instant of a wall-clock time in `tz`. Demo times are never in a DST gap, but an
/// ambiguous or missing local time is reported rather than guessed.
fn local(tz: Tz, (y, m, d): (i32, u32, u32), (h, min): (u32, u32)) -> Result<DateTime<Utc>, DbErr> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            DbErr::Custom(format!(
                "demo data: {y}-{m:02}-{d:02} {h:02}:{min:02} is not a single time in {tz}"
            ))
        })
}

fn day((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, DbErr> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DbErr::Custom(format!("demo data: invalid date {y}-{m}-{d}")))
}
