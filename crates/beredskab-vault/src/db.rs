//! Opening the SQLCipher database: key first, then a refusal of any schema
//! newer than this app knows (before anything is written), then the pragmas
//! the vault relies on, each read back, then both integrity checks.

use crate::error::{Result, VaultError};
use crate::keyfile::DataKey;
use beredskab_sqlite::{apply_pragmas, migrate, Migration, Pragma};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "vault",
        sql: include_str!("../migrations/0001_vault.sql"),
    },
    Migration {
        version: 2,
        name: "outbox_upload_ids",
        sql: include_str!("../migrations/0002_outbox_upload_ids.sql"),
    },
];

const PRAGMAS: &[Pragma] = &[
    Pragma::new("cipher_memory_security", "ON", "1"),
    Pragma::new("temp_store", "MEMORY", "2"),
    Pragma::new("foreign_keys", "ON", "1"),
    Pragma::new("synchronous", "FULL", "2"),
    // Freed pages are overwritten, so a deleted concern leaves nothing behind.
    Pragma::new("secure_delete", "ON", "1"),
    Pragma::new("journal_mode", "WAL", "wal"),
];

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
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    let known = MIGRATIONS.len() as u32;
    if found > known {
        return Err(VaultError::NewerVersion { found, known });
    }
    apply_pragmas(&conn, PRAGMAS).map_err(|e| VaultError::Storage(e.to_string()))?;
    if !create {
        check_integrity(&conn)?;
    }
    migrate(&mut conn, MIGRATIONS)?;
    Ok(conn)
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
