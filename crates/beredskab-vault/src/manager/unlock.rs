//! Setting up and unlocking. A new vault's database is made beside its final
//! name and renamed into place only after its key file exists, so a crash
//! during set-up never leaves a database without its key. A database without
//! its key file is never replaced or deleted.

use super::files::{DB_FILE, KEY_FILE, ROTATE_FILE};
use super::{purge_expired, VaultManager, VaultStatus};
use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event};
use crate::db;
use crate::error::{Result, VaultError};
use crate::files::{ensure_private, sync_dir, FolderLock};
use crate::keyfile::{AuditSeal, DataKey, KeyFile, WrappedKey};
use crate::passphrase::{check_strength, Passphrase};
use crate::vault::{Sealer, Vault};

/// The new database before it is renamed into place.
const NEW_DB_FILE: &str = "vault.db.new";

impl VaultManager {
    pub fn setup(&mut self, typed: &str) -> Result<VaultStatus> {
        ensure_private(&self.dir)?;
        self.finish_interrupted_setup()?;
        if self.path(KEY_FILE).exists() {
            return Err(VaultError::Exists);
        }
        if self.path(DB_FILE).exists() {
            return Err(self.key_missing());
        }
        let passphrase = Passphrase::new(typed);
        check_strength(&passphrase).map_err(VaultError::WeakPassphrase)?;
        let lock = FolderLock::acquire(&self.dir)?;
        let (mut file, key) = KeyFile::create(&passphrase, self.cost)?;

        let new_db = self.path(NEW_DB_FILE);
        for stale in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{stale}", new_db.display()));
        }
        let (count, head) = self.first_entries(&new_db, &key)?;
        file.seal = Some(AuditSeal::new(&key, count, &head)?);
        file.write(&self.path(KEY_FILE))?;
        std::fs::rename(&new_db, self.path(DB_FILE))?;
        sync_dir(&self.dir)?;

        let sealer = Sealer {
            key,
            path: self.path(KEY_FILE),
            file,
        };
        let vault = Vault::connect(&self.path(DB_FILE), sealer, self.actor.clone(), false)?;
        self.vault = Some(vault);
        self.folder_lock = Some(lock);
        self.clear_reset_marker();
        self.touch();
        self.write_hint()?;
        Ok(self.status())
    }

    /// Makes the new database with its first log entries (the reset it follows,
    /// if any, then the unlock) and closes it; returns the log's length and head.
    fn first_entries(&self, path: &std::path::Path, key: &DataKey) -> Result<(i64, String)> {
        // Made private before SQLite opens it: its -wal and -shm files take its mode.
        crate::files::write_private(path, b"")?;
        let mut conn = db::open(path, key, true)?;
        db::migrate(&mut conn)?;
        let tx = conn.transaction()?;
        if let Some(reset) = self.reset_marker() {
            let detail = serde_json::json!({
                "reset_at": reset.at,
                "records_lost": reset.records_lost,
            });
            let event = Event::new(AuditAction::Reset).detail(detail);
            audit::append(&tx, &self.actor, event, &now_utc())?;
        }
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Unlock),
            &now_utc(),
        )?;
        tx.commit()?;
        let head = audit::head(&conn)?;
        // Everything into the database file, and the WAL removed on close,
        // before the file is renamed: no -wal may be left under the old name.
        db::allow_checkpoint(&conn)?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        drop(conn);
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", path.display()));
        }
        Ok(head)
    }

    /// A set-up cut after the key file was written and before the rename.
    fn finish_interrupted_setup(&self) -> Result<()> {
        let new_db = self.path(NEW_DB_FILE);
        if new_db.exists() && self.path(KEY_FILE).exists() && !self.path(DB_FILE).exists() {
            std::fs::rename(&new_db, self.path(DB_FILE))?;
            sync_dir(&self.dir)?;
        }
        Ok(())
    }

    fn key_missing(&self) -> VaultError {
        VaultError::KeyMissing {
            expected: self.path(KEY_FILE).display().to_string(),
        }
    }

    pub fn unlock(&mut self, typed: &str) -> Result<VaultStatus> {
        if self.vault.is_some() {
            return Ok(self.status());
        }
        ensure_private(&self.dir)?;
        self.finish_interrupted_setup()?;
        let key_path = self.path(KEY_FILE);
        if !key_path.exists() {
            return Err(if self.path(DB_FILE).exists() {
                self.key_missing()
            } else {
                VaultError::Missing
            });
        }
        let file = KeyFile::read(&key_path)?;
        let passphrase = Passphrase::new(typed);
        let lock = FolderLock::acquire(&self.dir)?;
        let (key, file) = self.throttled(|| self.key_for(&passphrase, file))?;
        let sealer = Sealer {
            key,
            path: key_path,
            file,
        };
        let mut vault = Vault::connect(&self.path(DB_FILE), sealer, self.actor.clone(), false)?;
        for at in self.clear_attempts() {
            vault.record(Event::new(AuditAction::FailedUnlock), &at)?;
        }
        vault.record_now(Event::new(AuditAction::Unlock))?;
        if vault.key_file().wrap.weaker_than(self.cost) {
            let stronger = WrappedKey::wrap(vault.data_key(), &passphrase, self.cost)?;
            vault.replace_wrap(stronger)?;
        }
        purge_expired(&mut vault, self.settings().retention_days)?;
        self.vault = Some(vault);
        self.folder_lock = Some(lock);
        self.touch();
        Ok(self.status())
    }

    /// The data key for `passphrase`. After an interrupted key rotation the key
    /// file holds two wraps; the database itself says which key is current, so
    /// exactly one of the old and the new passphrase opens the vault.
    fn key_for(&self, passphrase: &Passphrase, mut file: KeyFile) -> Result<(DataKey, KeyFile)> {
        let Some(pending) = file.pending.clone() else {
            let key = file.wrap.unwrap(passphrase)?;
            return Ok((key, file));
        };
        let db = self.path(DB_FILE);
        let (key, current, seal) = match file.wrap.unwrap(passphrase) {
            Ok(old) => (old, file.wrap.clone(), file.seal.clone()),
            Err(VaultError::WrongPassphrase) => (
                pending.unwrap(passphrase)?,
                pending,
                file.pending_seal.clone(),
            ),
            Err(other) => return Err(other),
        };
        if !db::key_opens(&db, &key) {
            return Err(VaultError::WrongPassphrase);
        }
        // The rotation is settled one way or the other: keep only the wrap that opens it.
        file.wrap = current;
        file.seal = seal;
        file.pending = None;
        file.pending_seal = None;
        file.write(&self.path(KEY_FILE))?;
        let _ = std::fs::remove_file(self.path(ROTATE_FILE));
        Ok((key, file))
    }
}
