//! An unlocked vault: one open SQLCipher connection and who is using it.

use crate::audit::{self, AuditAction, AuditView};
use crate::db;
use crate::error::Result;
use crate::keyfile::DataKey;
use rusqlite::Connection;
use std::path::Path;

/// Who acts, for the audit log: the OS user and the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub device: String,
}

pub struct Vault {
    pub(crate) conn: Connection,
    pub(crate) actor: Actor,
}

pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Vault {
    pub(crate) fn connect(path: &Path, key: &DataKey, actor: Actor, create: bool) -> Result<Vault> {
        Ok(Vault {
            conn: db::open(path, key, create)?,
            actor,
        })
    }

    /// Records an event that concerns no single record (unlock, lock).
    pub(crate) fn record(&self, action: AuditAction, at: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        audit::append(&tx, &self.actor, action, None, None, at)?;
        tx.commit()?;
        Ok(())
    }

    pub fn audit(&self, limit: usize) -> Result<AuditView> {
        audit::verify_and_list(&self.conn, limit)
    }

    /// Both integrity checks, as at unlock; for tests and the crash harness.
    pub fn check_integrity(&self) -> Result<()> {
        db::check_integrity(&self.conn)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
