//! An unlocked vault: one open SQLCipher connection and who is using it.

use crate::actor::Actor;
use crate::audit::{self, AuditAction, AuditView};
use crate::db;
use crate::error::Result;
use crate::keyfile::DataKey;
use rusqlite::Connection;
use std::path::Path;

pub struct Vault {
    pub(crate) conn: Connection,
    pub(crate) actor: Actor,
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
