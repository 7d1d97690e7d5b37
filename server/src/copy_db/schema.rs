//! What the target database is made of (tables, column types, foreign and primary keys, read
//! from PostgreSQL's catalogue), whether the source matches it, and the order to fill it in.
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::DatabaseConnection;

use super::kind::Kind;
use super::{count, query, strings, CopyError, REFERENCE_TABLES};

/// A target table as PostgreSQL describes it.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) columns: Vec<(String, Kind)>,
    /// Other tables its foreign keys point to.
    pub(super) parents: BTreeSet<String>,
    /// Its columns pointing into itself.
    pub(super) self_refs: BTreeSet<String>,
    pub(super) primary_key: Vec<String>,
}

/// Tables, columns, foreign keys and primary keys of the target's current schema.
pub(super) async fn describe_target(
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
pub(super) async fn check_same_schema(
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

pub(super) async fn refuse_unless_empty(
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
pub(super) fn parents_first(tables: &BTreeMap<String, Table>) -> Result<Vec<String>, CopyError> {
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
}
