//! Opening the SQLCipher database: key first, then the pragmas the vault relies
//! on, each read back and asserted, then both integrity checks.

use crate::error::{Result, VaultError};
use crate::keyfile::DataKey;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_vault.sql")];

pub fn open(path: &Path, key: &DataKey, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else if !path.exists() {
        return Err(VaultError::Missing);
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "key", key.sqlcipher_literal().as_str())?;
    // A wrong key or a damaged first page shows here: "file is not a database".
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| VaultError::Damaged(e.to_string()))?;
    conn.pragma_update(None, "cipher_memory_security", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Freed pages are overwritten, so a deleted concern leaves nothing behind.
    conn.pragma_update(None, "secure_delete", "ON")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    assert_pragmas(&conn, &mode)?;
    if !create {
        check_integrity(&conn)?;
    }
    migrate(&mut conn)?;
    Ok(conn)
}

fn assert_pragmas(conn: &Connection, journal_mode: &str) -> Result<()> {
    let get = |name: &str| -> Result<String> {
        Ok(conn
            .query_row(&format!("PRAGMA {name}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })?)
    };
    let checks = [
        (
            "cipher_memory_security",
            get("cipher_memory_security")?,
            "1",
        ),
        ("temp_store", get("temp_store")?, "2"),
        ("foreign_keys", get("foreign_keys")?, "1"),
        ("synchronous", get("synchronous")?, "2"),
        ("journal_mode", journal_mode.to_lowercase(), "wal"),
    ];
    for (name, actual, expected) in checks {
        if actual != expected {
            return Err(VaultError::Storage(format!(
                "PRAGMA {name} is {actual}, expected {expected}"
            )));
        }
    }
    Ok(())
}

/// SQLCipher's HMAC check of every page, then SQLite's own structure check.
pub fn check_integrity(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let errors: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if !errors.is_empty() {
        return Err(VaultError::Damaged(format!(
            "cipher_integrity_check: {} pages",
            errors.len()
        )));
    }
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    if ok != "ok" {
        return Err(VaultError::Damaged(format!("integrity_check: {ok}")));
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    Ok(beredskab_core::store::apply_migrations(conn, MIGRATIONS)?)
}
