//! Embedded, numbered migrations. Each runs in its own immediate transaction
//! together with its record (number, name, SHA-256 of its text), so a crash
//! leaves the schema before or after it, never between. Before anything is
//! written the runner refuses a database from a newer app (it would not know
//! what the newer columns mean) and a database whose applied migrations no
//! longer match the shipped text (a shipped migration must never be edited).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    pub fn checksum(&self) -> String {
        hex::encode(Sha256::digest(self.sql.as_bytes()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("the database has schema version {found}; this app knows up to {known}")]
    NewerSchema { found: u32, known: u32 },
    #[error("applied migration {version} ({name}) differs from the one this app ships")]
    ChecksumMismatch { version: u32, name: String },
    #[error("the migration list must be numbered 1, 2, 3 … without gaps")]
    BadList,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

const RECORD_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT";

/// Brings the schema up to the last of `migrations`; returns the version it is at.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<u32, MigrationError> {
    if migrations
        .iter()
        .enumerate()
        .any(|(i, m)| m.version as usize != i + 1)
    {
        return Err(MigrationError::BadList);
    }
    let known = migrations.len() as u32;
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known {
        return Err(MigrationError::NewerSchema {
            found: current,
            known,
        });
    }
    let recorded = recorded(conn)?;
    if let Some(recorded) = &recorded {
        for (version, checksum) in recorded {
            match migrations.get(*version as usize - 1) {
                Some(m) if m.checksum() == *checksum => {}
                Some(m) => {
                    return Err(MigrationError::ChecksumMismatch {
                        version: *version,
                        name: m.name.to_string(),
                    })
                }
                None => {
                    return Err(MigrationError::NewerSchema {
                        found: *version,
                        known,
                    })
                }
            }
        }
    }
    // A database from before migrations were recorded: what it has applied is
    // taken as shipped, once, in the same transaction as the next step.
    let mut backfill = recorded.is_none() && current > 0;
    if backfill && current == known {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        record_applied(&tx, &migrations[..current as usize])?;
        tx.commit()?;
        backfill = false;
    }
    for migration in &migrations[current as usize..] {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if backfill {
            record_applied(&tx, &migrations[..current as usize])?;
            backfill = false;
        }
        tx.execute_batch(migration.sql)?;
        record_applied(&tx, std::slice::from_ref(migration))?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
    }
    Ok(known)
}

/// `(version, checksum)` of each recorded migration, or None before the record table exists.
fn recorded(conn: &Connection) -> rusqlite::Result<Option<Vec<(u32, String)>>> {
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Ok(None);
    }
    let mut stmt =
        conn.prepare("SELECT version, checksum FROM schema_migrations ORDER BY version")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
}

fn record_applied(conn: &Connection, migrations: &[Migration]) -> rusqlite::Result<()> {
    conn.execute_batch(RECORD_TABLE)?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for m in migrations {
        conn.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![m.version, m.name, m.checksum(), now],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
