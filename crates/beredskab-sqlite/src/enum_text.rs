//! Enums stored as text use their serde names, the same names they carry in
//! TOML, IPC and HTTP, so each name is written once (in its serde attribute).
//! Reading a name the code does not know is an error: a newer app's value, or
//! a damaged row, must never silently become some default.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} value {value:?}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// `Severity::Hoej` → `"hoej"`. Only for enums whose variants are plain names.
pub fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => unreachable!("enum_text on a value that is not a plain name: {other:?}"),
    }
}

/// `"hoej"` → `Severity::Hoej`; any other text is an [`UnknownValue`].
pub fn enum_from_text<T: DeserializeOwned>(text: &str) -> Result<T, UnknownValue> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| UnknownValue {
        kind: short_type_name::<T>(),
        value: text.chars().take(40).collect(),
    })
}

fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// An enum in a column: `row.get::<_, SqlEnum<Severity>>(i)?.0`, or
/// `params![SqlEnum(severity)]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqlEnum<T>(pub T);

impl<T: Serialize> ToSql for SqlEnum<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(enum_text(&self.0)))
    }
}

impl<T: DeserializeOwned> FromSql for SqlEnum<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        enum_from_text(text)
            .map(SqlEnum)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;
    use serde::Deserialize;

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        DarkRed,
        Blue,
    }

    #[test]
    fn names_follow_serde_and_round_trip_through_a_column() -> rusqlite::Result<()> {
        assert_eq!(enum_text(&Colour::DarkRed), "dark_red");
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE t (c TEXT NOT NULL) STRICT")?;
        conn.execute("INSERT INTO t VALUES (?1)", [SqlEnum(Colour::Blue)])?;
        let back: SqlEnum<Colour> = conn.query_row("SELECT c FROM t", [], |r| r.get(0))?;
        assert_eq!(back.0, Colour::Blue);
        Ok(())
    }

    #[test]
    fn an_unknown_stored_value_is_an_error_not_a_default() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(
            "CREATE TABLE t (c TEXT NOT NULL) STRICT; INSERT INTO t VALUES ('purple')",
        )?;
        let read = conn.query_row("SELECT c FROM t", [], |r| r.get::<_, SqlEnum<Colour>>(0));
        let err = read.expect_err("purple is not a colour");
        assert!(
            err.to_string().contains("unknown Colour value \"purple\""),
            "{err}"
        );
        assert_eq!(
            enum_from_text::<Colour>("Blue"),
            Err(UnknownValue {
                kind: "Colour",
                value: "Blue".into()
            })
        );
        Ok(())
    }
}
