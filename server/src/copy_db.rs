//! `sala copy-db --to postgres://…`: moving from SQLite to PostgreSQL when Sala outgrows one file.
//!
//! The target is brought to the same migrations as the source, must hold nothing but the
//! reference lists the migrations themselves fill ([`REFERENCE_TABLES`]), and is filled in
//! one transaction: a failure leaves it as empty as it was. The source is read inside one
//! read transaction, so a server still running on it is copied as one consistent moment.
//!
//! The tables are copied in an order derived from PostgreSQL's own foreign keys (a parent
//! before its children), so every constraint stays checked on the way in; nothing needs
//! superuser rights to switch triggers off. A column pointing into its own table
//! (`events.parent_id`) is copied empty and filled once the whole table is in. Each value is
//! read as the type the PostgreSQL column has (boolean, integer, timestamp with time zone,
//! date, JSON, bytes, …), so nothing arrives as text; a column of a type not handled here
//! stops the copy rather than guess. Timestamps keep PostgreSQL's microseconds. Finally every
//! id sequence is set past the highest id copied, so new rows get new ids.
mod kind;
mod schema;

use std::collections::BTreeMap;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement,
    TransactionTrait, Value,
};

use kind::Kind;
use schema::{check_same_schema, describe_target, parents_first, refuse_unless_empty, Table};

/// Tables the migrations fill on an empty database; the source's rows replace them.
pub const REFERENCE_TABLES: [&str; 2] = ["countries", "regions"];
/// Rows per INSERT (fewer for wide tables: PostgreSQL takes at most 65,535 parameters).
const BATCH: usize = 500;

/// Why nothing was copied.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the target database already holds data ({}); copy-db fills an empty database only", .0.join(", "))]
    NotEmpty(Vec<String>),
    #[error("the two databases differ: {0}")]
    Schema(String),
    #[error("{table}.{column}: {message}")]
    Value {
        table: String,
        column: String,
        message: String,
    },
    #[error("copy failed: {0}")]
    Database(#[from] DbErr),
}

/// One table copied and its number of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: u64,
}

/// Copies every table of the SQLite `source` into the migrated, empty PostgreSQL `target`.
pub async fn copy(
    source: &DatabaseConnection,
    target: &DatabaseConnection,
) -> Result<Vec<TableCount>, CopyError> {
    if source.get_database_backend() != DbBackend::Sqlite
        || target.get_database_backend() != DbBackend::Postgres
    {
        return Err(CopyError::Schema(
            "copy-db copies a SQLite database into a PostgreSQL one".into(),
        ));
    }
    let tables = describe_target(target).await?;
    check_same_schema(source, target, &tables).await?;
    refuse_unless_empty(target, &tables).await?;
    let order = parents_first(&tables)?;

    let read = source.begin().await?;
    let write = target.begin().await?;
    for name in order.iter().rev() {
        if REFERENCE_TABLES.contains(&name.as_str()) {
            write
                .execute_unprepared(&format!("DELETE FROM {}", quote(name)))
                .await?;
        }
    }
    let mut counts = Vec::new();
    for name in &order {
        let rows = copy_table(&read, &write, name, &tables[name]).await?;
        counts.push(TableCount {
            table: name.clone(),
            rows,
        });
    }
    set_sequences(&write, &tables).await?;
    write.commit().await?;
    read.rollback().await?;
    Ok(counts)
}

async fn copy_table(
    read: &impl ConnectionTrait,
    write: &impl ConnectionTrait,
    name: &str,
    table: &Table,
) -> Result<u64, CopyError> {
    let column_list = table
        .columns
        .iter()
        .map(|(c, _)| quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    let batch = BATCH.min(60_000 / table.columns.len().max(1));
    let select = format!(
        "SELECT rowid, {column_list} FROM {} WHERE rowid > ? ORDER BY rowid LIMIT {batch}",
        quote(name)
    );
    let mut after = i64::MIN;
    let mut copied = 0u64;
    // (primary key, column, value) of self-references, set once every row is in.
    let mut later: Vec<(Vec<Value>, String, Value)> = Vec::new();
    loop {
        let rows = read
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                &select,
                [after.into()],
            ))
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get_by_index(0)?;
        let mut values = Vec::with_capacity(rows.len() * table.columns.len());
        for row in &rows {
            let mut record = Vec::with_capacity(table.columns.len());
            for (i, (column, kind)) in table.columns.iter().enumerate() {
                let value = kind.read(row, i + 1).map_err(|message| CopyError::Value {
                    table: name.to_owned(),
                    column: column.clone(),
                    message,
                })?;
                record.push((column, value));
            }
            let key: Vec<Value> = table
                .primary_key
                .iter()
                .filter_map(|k| record.iter().find(|(c, _)| *c == k))
                .map(|(_, v)| v.clone())
                .collect();
            for (column, value) in record {
                let null = value.as_null();
                if table.self_refs.contains(column) && value != null {
                    later.push((key.clone(), column.clone(), value));
                    values.push(null);
                } else {
                    values.push(value);
                }
            }
        }
        insert(write, name, &column_list, table.columns.len(), values).await?;
        copied += rows.len() as u64;
    }
    for (key, column, value) in later {
        let mut params = vec![value];
        let condition = table
            .primary_key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{} = ${}", quote(k), i + 2))
            .collect::<Vec<_>>()
            .join(" AND ");
        params.extend(key);
        let sql = format!(
            "UPDATE {} SET {} = $1 WHERE {condition}",
            quote(name),
            quote(&column)
        );
        write
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                &sql,
                params,
            ))
            .await?;
    }
    let in_target = count(write, name).await?;
    if in_target != copied {
        return Err(CopyError::Schema(format!(
            "{name}: {copied} rows read but {in_target} in the target"
        )));
    }
    Ok(copied)
}

async fn insert(
    write: &impl ConnectionTrait,
    name: &str,
    column_list: &str,
    width: usize,
    values: Vec<Value>,
) -> Result<(), CopyError> {
    if values.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..values.len() / width)
        .map(|r| {
            let placeholders: Vec<String> =
                (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", placeholders.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({column_list}) VALUES {}",
        quote(name),
        rows.join(", ")
    );
    write
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            &sql,
            values,
        ))
        .await?;
    Ok(())
}

/// Every column filled by a sequence starts past the highest value copied.
async fn set_sequences(
    write: &impl ConnectionTrait,
    tables: &BTreeMap<String, Table>,
) -> Result<(), CopyError> {
    for (name, table) in tables {
        for (column, kind) in &table.columns {
            if !matches!(kind, Kind::I16 | Kind::I32 | Kind::I64) {
                continue;
            }
            let sql = format!(
                "SELECT setval(s, COALESCE((SELECT max({col}) FROM {tab}), 0) + 1, false) \
                 FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL",
                col = quote(column),
                tab = quote(name)
            );
            write
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    &sql,
                    [quote(name).into(), column.clone().into()],
                ))
                .await?;
        }
    }
    Ok(())
}

async fn count(db: &impl ConnectionTrait, table: &str) -> Result<u64, CopyError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT count(*) FROM {}", quote(table)),
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("count(*) returned no row".into()))?;
    let n: i64 = row.try_get_by_index(0)?;
    Ok(u64::try_from(n).unwrap_or_default())
}

async fn query(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<QueryResult>, CopyError> {
    Ok(db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?)
}

async fn strings(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<String>, CopyError> {
    query(db, sql)
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).map_err(CopyError::from))
        .collect()
}

/// `"name"`, with inner quotes doubled: table and column names come from the catalogue.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted() {
        assert_eq!(quote("events"), "\"events\"");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
