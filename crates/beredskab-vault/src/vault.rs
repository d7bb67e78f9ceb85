//! An unlocked vault: one open SQLCipher connection, who is using it, and the
//! key file it keeps sealed. After every change that writes an audit entry,
//! the log's length and newest hash are sealed into the key file with the data
//! key, so a log that is later cut back, or a database copied back from
//! earlier, is refused at the next unlock.

use crate::actor::{now_utc, Actor};
use crate::audit::{self, AuditView, Event};
use crate::db;
use crate::error::{Result, VaultError};
use crate::keyfile::{AuditSeal, DataKey, KeyFile, WrappedKey};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub struct Vault {
    pub(crate) conn: Connection,
    pub(crate) actor: Actor,
    pub(crate) sealer: Sealer,
}

/// The data key and the key file it seals the log into.
pub(crate) struct Sealer {
    pub(crate) key: DataKey,
    pub(crate) path: PathBuf,
    pub(crate) file: KeyFile,
}

impl Sealer {
    fn seal(&mut self, conn: &Connection) -> Result<()> {
        let (count, head) = audit::head(conn)?;
        let seal = AuditSeal::new(&self.key, count, &head)?;
        if self.file.seal.as_ref() != Some(&seal) {
            self.file.seal = Some(seal);
            self.file.write(&self.path)?;
        }
        Ok(())
    }

    /// Refuses a log that no longer holds what was sealed, before anything is written.
    fn check(&self, conn: &Connection) -> Result<()> {
        let Some(seal) = &self.file.seal else {
            return Ok(()); // a first-release vault: sealed from this unlock on
        };
        if !seal.is_authentic(&self.key)? {
            return Err(VaultError::Tampered);
        }
        if !audit::holds_sealed(conn, seal.count, &seal.head)? {
            return Err(VaultError::Tampered);
        }
        Ok(())
    }
}

impl Vault {
    pub(crate) fn connect(
        db_path: &Path,
        sealer: Sealer,
        actor: Actor,
        create: bool,
    ) -> Result<Vault> {
        let mut conn = db::open(db_path, &sealer.key, create)?;
        if !create {
            sealer.check(&conn)?;
        }
        db::allow_checkpoint(&conn)?;
        db::migrate(&mut conn)?;
        let mut vault = Vault {
            conn,
            actor,
            sealer,
        };
        vault.sealer.seal(&vault.conn)?;
        Ok(vault)
    }

    /// Seals the log after a committed change that wrote audit entries.
    pub(crate) fn seal(&mut self) -> Result<()> {
        self.sealer.seal(&self.conn)
    }

    /// Records an event that concerns no single record (unlock, lock, reset).
    pub(crate) fn record(&mut self, event: Event<'_>, at: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        audit::append(&tx, &self.actor, event, at)?;
        tx.commit()?;
        self.sealer.seal(&self.conn)
    }

    pub(crate) fn record_now(&mut self, event: Event<'_>) -> Result<()> {
        self.record(event, &now_utc())
    }

    /// The log, newest first; looking at it is itself logged first.
    pub fn audit(&mut self, limit: usize) -> Result<AuditView> {
        self.record_now(Event::new(audit::AuditAction::AuditView))?;
        audit::verify_and_list(&self.conn, limit)
    }

    /// A new passphrase for the same data key; the key file is rewritten with
    /// the current seal.
    pub(crate) fn replace_wrap(&mut self, wrap: WrappedKey) -> Result<()> {
        self.sealer.file.wrap = wrap;
        self.sealer.file.pending = None;
        self.sealer.file.pending_seal = None;
        self.sealer.file.write(&self.sealer.path)
    }

    pub(crate) fn data_key(&self) -> &DataKey {
        &self.sealer.key
    }

    pub(crate) fn key_file(&self) -> &KeyFile {
        &self.sealer.file
    }

    pub(crate) fn into_parts(self) -> (Connection, Sealer, Actor) {
        (self.conn, self.sealer, self.actor)
    }

    /// Both integrity checks, as at unlock; for tests and the crash harness.
    pub fn check_integrity(&self) -> Result<()> {
        db::check_integrity(&self.conn)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
