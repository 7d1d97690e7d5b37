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
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement,
    TransactionTrait, Value,
};

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

/// The kinds of PostgreSQL columns copied, each read from SQLite as that type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    I16,
    I32,
    I64,
    F32,
    F64,
    Text,
    TimestampTz,
    Timestamp,
    Date,
    Time,
    Json,
    Bytes,
}

impl Kind {
    fn of(pg_type: &str) -> Option<Kind> {
        Some(match pg_type {
            "bool" => Kind::Bool,
            "int2" => Kind::I16,
            "int4" => Kind::I32,
            "int8" => Kind::I64,
            "float4" => Kind::F32,
            "float8" => Kind::F64,
            "text" | "varchar" | "bpchar" => Kind::Text,
            "timestamptz" => Kind::TimestampTz,
            "timestamp" => Kind::Timestamp,
            "date" => Kind::Date,
            "time" => Kind::Time,
            "json" | "jsonb" => Kind::Json,
            "bytea" => Kind::Bytes,
            _ => return None,
        })
    }

    /// The value in column `i` of a SQLite row, as this kind.
    fn read(self, row: &QueryResult, i: usize) -> Result<Value, String> {
        let e = |e: DbErr| e.to_string();
        Ok(match self {
            Kind::Bool => row.try_get_by_index::<Option<bool>>(i).map_err(e)?.into(),
            Kind::I16 => row.try_get_by_index::<Option<i16>>(i).map_err(e)?.into(),
            Kind::I32 => row.try_get_by_index::<Option<i32>>(i).map_err(e)?.into(),
            Kind::I64 => row.try_get_by_index::<Option<i64>>(i).map_err(e)?.into(),
            Kind::F32 => row.try_get_by_index::<Option<f32>>(i).map_err(e)?.into(),
            Kind::F64 => row.try_get_by_index::<Option<f64>>(i).map_err(e)?.into(),
            Kind::Text => row.try_get_by_index::<Option<String>>(i).map_err(e)?.into(),
            Kind::TimestampTz => row
                .try_get_by_index::<Option<chrono::DateTime<chrono::Utc>>>(i)
                .map_err(e)?
                .into(),
            Kind::Timestamp => row
                .try_get_by_index::<Option<chrono::NaiveDateTime>>(i)
                .map_err(e)?
                .into(),
            Kind::Date => row
                .try_get_by_index::<Option<chrono::NaiveDate>>(i)
                .map_err(e)?
                .into(),
            Kind::Time => row
                .try_get_by_index::<Option<chrono::NaiveTime>>(i)
                .map_err(e)?
                .into(),
            Kind::Json => {
                let text = row.try_get_by_index::<Option<String>>(i).map_err(e)?;
                let json = text
                    .map(|t| serde_json::from_str::<serde_json::Value>(&t))
                    .transpose()
                    .map_err(|e| format!("not JSON: {e}"))?;
                Value::Json(json.map(Box::new))
            }
            Kind::Bytes => row
                .try_get_by_index::<Option<Vec<u8>>>(i)
                .map_err(e)?
                .into(),
        })
    }
}

/// A target table as PostgreSQL describes it.
#[derive(Debug, Default)]
struct Table {
    columns: Vec<(String, Kind)>,
    /// Other tables its foreign keys point to.
    parents: BTreeSet<String>,
    /// Its columns pointing into itself.
    self_refs: BTreeSet<String>,
    primary_key: Vec<String>,
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

/// Tables, columns, foreign keys and primary keys of the target's current schema.
async fn describe_target(
    target: &DatabaseConnection,
) -> Result<BTreeMap<String, Table>, CopyError> {
    let in_schema = "JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
                     AND c.relname <> 'seaql_migrations'";
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    let columns = format!(
        "SELECT c.relname::text, a.attname::text, t.typname::text FROM pg_attribute a \
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid {in_schema} \
         AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum"
    );
    for row in query(target, &columns).await? {
        let (table, column, pg_type): (String, String, String) = row.try_get_many_by_index()?;
        let kind = Kind::of(&pg_type).ok_or_else(|| CopyError::Value {
            table: table.clone(),
            column: column.clone(),
            message: format!("copying a column of type {pg_type} is not supported"),
        })?;
        tables
            .entry(table)
            .or_default()
            .columns
            .push((column, kind));
    }
    let foreign_keys = format!(
        "SELECT c.relname::text, p.relname::text, a.attname::text FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid \
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) \
         {in_schema} AND k.contype = 'f'"
    );
    for row in query(target, &foreign_keys).await? {
        let (child, parent, column): (String, String, String) = row.try_get_many_by_index()?;
        let table = tables.entry(child.clone()).or_default();
        if child == parent {
            table.self_refs.insert(column);
        } else {
            table.parents.insert(parent);
        }
    }
    let primary_keys = format!(
        "SELECT c.relname::text, a.attname::text FROM pg_index i \
         JOIN pg_class c ON c.oid = i.indrelid \
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
         {in_schema} AND i.indisprimary ORDER BY c.relname, a.attnum"
    );
    for row in query(target, &primary_keys).await? {
        let (table, column): (String, String) = row.try_get_many_by_index()?;
        tables.entry(table).or_default().primary_key.push(column);
    }
    for (name, table) in &tables {
        if !table.self_refs.is_empty() && table.primary_key.is_empty() {
            return Err(CopyError::Schema(format!(
                "{name} refers to itself but has no primary key"
            )));
        }
    }
    Ok(tables)
}

/// Same migrations applied, same tables, same columns.
async fn check_same_schema(
    source: &DatabaseConnection,
    target: &DatabaseConnection,
    tables: &BTreeMap<String, Table>,
) -> Result<(), CopyError> {
    let versions = "SELECT version FROM seaql_migrations ORDER BY version";
    let (mine, theirs) = (
        strings(source, versions).await?,
        strings(target, versions).await?,
    );
    if mine != theirs {
        return Err(CopyError::Schema(format!(
            "migrations {mine:?} in the source, {theirs:?} in the target"
        )));
    }
    let source_tables: BTreeSet<String> = strings(
        source,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
    )
    .await?
    .into_iter()
    .collect();
    let target_tables: BTreeSet<String> = tables.keys().cloned().collect();
    if source_tables != target_tables {
        return Err(CopyError::Schema(format!(
            "tables only in the source: {:?}; only in the target: {:?}",
            source_tables.difference(&target_tables).collect::<Vec<_>>(),
            target_tables.difference(&source_tables).collect::<Vec<_>>()
        )));
    }
    for (name, table) in tables {
        let sql = format!(
            "SELECT name FROM pragma_table_info('{}')",
            name.replace('\'', "''")
        );
        let in_source: BTreeSet<String> = strings(source, &sql).await?.into_iter().collect();
        let in_target: BTreeSet<String> = table.columns.iter().map(|(c, _)| c.clone()).collect();
        if in_source != in_target {
            return Err(CopyError::Schema(format!(
                "{name} has columns {in_source:?} in the source, {in_target:?} in the target"
            )));
        }
    }
    Ok(())
}

async fn refuse_unless_empty(
    target: &DatabaseConnection,
    tables: &BTreeMap<String, Table>,
) -> Result<(), CopyError> {
    let mut holding = Vec::new();
    for name in tables.keys() {
        if REFERENCE_TABLES.contains(&name.as_str()) {
            continue;
        }
        let n = count(target, name).await?;
        if n > 0 {
            holding.push(format!("{name}: {n} rows"));
        }
    }
    if holding.is_empty() {
        Ok(())
    } else {
        Err(CopyError::NotEmpty(holding))
    }
}

/// The tables in an order where each comes after every table it refers to.
fn parents_first(tables: &BTreeMap<String, Table>) -> Result<Vec<String>, CopyError> {
    let mut order: Vec<String> = Vec::with_capacity(tables.len());
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    while order.len() < tables.len() {
        let ready: Vec<&String> = tables
            .iter()
            .filter(|(name, t)| {
                !placed.contains(name.as_str())
                    && t.parents.iter().all(|p| placed.contains(p.as_str()))
            })
            .map(|(name, _)| name)
            .collect();
        if ready.is_empty() {
            let rest: Vec<&String> = tables
                .keys()
                .filter(|n| !placed.contains(n.as_str()))
                .collect();
            return Err(CopyError::Schema(format!(
                "the foreign keys of {rest:?} form a cycle"
            )));
        }
        for name in ready {
            placed.insert(name);
            order.push(name.clone());
        }
    }
    Ok(order)
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

    fn table(parents: &[&str]) -> Table {
        Table {
            parents: parents.iter().map(|p| (*p).to_owned()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn parents_come_before_children_and_cycles_are_named() {
        let mut tables = BTreeMap::new();
        tables.insert("registrations".to_owned(), table(&["events", "people"]));
        tables.insert("events".to_owned(), table(&["countries", "users"]));
        tables.insert("people".to_owned(), table(&["countries"]));
        tables.insert("countries".to_owned(), table(&[]));
        tables.insert("users".to_owned(), table(&[]));
        let order = parents_first(&tables).expect("no cycle");
        let at = |t: &str| order.iter().position(|o| o == t).expect("placed");
        assert!(at("countries") < at("people"));
        assert!(at("users") < at("events"));
        assert!(at("events") < at("registrations"));
        assert!(at("people") < at("registrations"));

        tables.insert("users".to_owned(), table(&["registrations"]));
        let err = parents_first(&tables).expect_err("cycle");
        assert!(err.to_string().contains("cycle"), "{err}");
    }

    #[test]
    fn names_are_quoted() {
        assert_eq!(quote("events"), "\"events\"");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
