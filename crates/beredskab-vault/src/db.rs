//! Opening the SQLCipher database: key first, then a refusal of any schema
//! newer than this app knows (before anything is written), then the pragmas
//! the vault relies on, each read back, then both integrity checks.

use crate::error::{Result, VaultError};
use crate::keyfile::DataKey;
use beredskab_sqlite::{apply_pragmas, read_pragma, Migration, Pragma};
use rusqlite::config::DbConfig;
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
    Migration {
        version: 3,
        name: "audit_detail",
        sql: include_str!("../migrations/0003_audit_detail.sql"),
    },
    Migration {
        version: 4,
        name: "sync",
        sql: include_str!("../migrations/0004_sync.sql"),
    },
    Migration {
        version: 5,
        name: "activities",
        sql: include_str!("../migrations/0005_activities.sql"),
    },
];

const PRAGMAS: &[Pragma] = &[
    Pragma::new("temp_store", "MEMORY", "2"),
    Pragma::new("busy_timeout", "5000", "5000"),
    Pragma::new("foreign_keys", "ON", "1"),
    Pragma::new("synchronous", "FULL", "2"),
    // Freed pages are overwritten, so a deleted concern leaves nothing behind.
    Pragma::new("secure_delete", "ON", "1"),
    Pragma::new("journal_mode", "WAL", "wal"),
    // 16 MiB of decrypted pages (SQLite's default is 2 MiB): reading a sync
    // batch no longer decrypts the same pages again; freed when the vault locks.
    Pragma::new("cache_size", "-16384", "-16384"),
];

/// Opens and checks the database without changing its schema; `migrate` follows
/// once the caller has checked the audit seal, so a refused vault is not written.
pub fn open(path: &Path, key: &DataKey, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else if !path.exists() {
        return Err(VaultError::Missing);
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // A vault that is refused must not be written to, not even by the
    // checkpoint SQLite runs when the last connection closes; `allow_checkpoint`
    // turns it back on once the vault has passed every check.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // Before the key: SQLCipher then wipes every buffer the key passes through.
    conn.pragma_update(None, "cipher_memory_security", "ON")?;
    // The key goes in as a statement held in wiped memory; rusqlite's pragma
    // helper would format its own, unwiped copy.
    conn.execute_batch(&key.sql("PRAGMA key = ", ";"))?;
    // A wrong key or a damaged first page shows here: "file is not a database".
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    let known = MIGRATIONS.len() as u32;
    if found > known {
        return Err(VaultError::NewerVersion { found, known });
    }
    // Every page is checked before anything else reads the schema: a damaged
    // page anywhere is "damaged", never a storage failure half-way through.
    if !create {
        check_integrity(&conn)?;
    }
    apply_pragmas(&conn, PRAGMAS).map_err(|e| VaultError::Storage(e.to_string()))?;
    if read_pragma(&conn, "cipher_memory_security")? != "1" {
        return Err(VaultError::Storage("cipher_memory_security is off".into()));
    }
    Ok(conn)
}

pub fn allow_checkpoint(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(())
}

/// Whether `key` opens the database at `path`, read-only: nothing is written.
pub fn key_opens(path: &Path, key: &DataKey) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return false;
    };
    conn.pragma_update(None, "cipher_memory_security", "ON")
        .is_ok()
        && conn.execute_batch(&key.sql("PRAGMA key = ", ";")).is_ok()
        && conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok()
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    beredskab_sqlite::migrate(conn, MIGRATIONS)?;
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
