//! How a value is read from SQLite: as the type of the PostgreSQL column it goes to.
use sea_orm::{DbErr, QueryResult, Value};

/// The kinds of PostgreSQL columns copied, each read from SQLite as that type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
    pub(super) fn of(pg_type: &str) -> Option<Kind> {
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
    pub(super) fn read(self, row: &QueryResult, i: usize) -> Result<Value, String> {
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
