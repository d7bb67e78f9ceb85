//! Pragmas a database relies on are set and then read back: a setting that
//! did not take (a build without the feature, a read-only file) is an error at
//! open, not a silent weakening.

use rusqlite::types::Value;
use rusqlite::Connection;

/// A pragma to set, and the value `PRAGMA name` must then report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pragma {
    pub name: &'static str,
    pub set: &'static str,
    pub expect: &'static str,
}

impl Pragma {
    pub const fn new(name: &'static str, set: &'static str, expect: &'static str) -> Pragma {
        Pragma { name, set, expect }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PragmaError {
    #[error("PRAGMA {name} is {actual}, expected {expected}")]
    NotApplied {
        name: &'static str,
        actual: String,
        expected: &'static str,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Sets each pragma in order, then reads every one back.
pub fn apply_pragmas(conn: &Connection, pragmas: &[Pragma]) -> Result<(), PragmaError> {
    for pragma in pragmas {
        // `journal_mode` answers with a row; the others with none.
        conn.query_row(
            &format!("PRAGMA {} = {}", pragma.name, pragma.set),
            [],
            |_| Ok(()),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            other => Err(other),
        })?;
    }
    for pragma in pragmas {
        let actual = read_pragma(conn, pragma.name)?;
        if !actual.eq_ignore_ascii_case(pragma.expect) {
            return Err(PragmaError::NotApplied {
                name: pragma.name,
                actual,
                expected: pragma.expect,
            });
        }
    }
    Ok(())
}

/// What `PRAGMA name` reports, as text.
pub fn read_pragma(conn: &Connection, name: &str) -> rusqlite::Result<String> {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, Value>(0))
        .map(|v| match v {
            Value::Integer(i) => i.to_string(),
            Value::Text(t) => t,
            other => format!("{other:?}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_are_set_and_read_back() -> Result<(), PragmaError> {
        let dir = tempfile::tempdir()
            .map_err(|e| PragmaError::Sqlite(rusqlite::Error::InvalidPath(e.to_string().into())))?;
        let conn = Connection::open(dir.path().join("t.db"))?;
        apply_pragmas(
            &conn,
            &[
                Pragma::new("journal_mode", "WAL", "wal"),
                Pragma::new("synchronous", "FULL", "2"),
                Pragma::new("foreign_keys", "ON", "1"),
                Pragma::new("secure_delete", "ON", "1"),
            ],
        )
    }

    #[test]
    fn a_pragma_that_does_not_take_is_an_error() -> rusqlite::Result<()> {
        // An in-memory database cannot be put in WAL mode: it stays "memory".
        let conn = Connection::open_in_memory()?;
        let err = apply_pragmas(&conn, &[Pragma::new("journal_mode", "WAL", "wal")])
            .expect_err("memory databases have no WAL");
        assert!(
            matches!(
                err,
                PragmaError::NotApplied {
                    name: "journal_mode",
                    ..
                }
            ),
            "{err}"
        );
        Ok(())
    }
}
