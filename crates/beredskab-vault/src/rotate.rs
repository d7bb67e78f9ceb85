//! Replacing the data key: the database is exported under a new key into a
//! file beside it, which then replaces it in one rename. The key file carries
//! both wraps until the swap is settled, so after a crash at any point exactly
//! one passphrase opens the vault: the old one before the swap, the new one after.

use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event};
use crate::db::MIGRATIONS;
use crate::error::{Result, VaultError};
use crate::files::sync_dir;
use crate::keyfile::{AuditSeal, DataKey, KdfCost, WrappedKey};
use crate::manager::DB_FILE;
use crate::passphrase::Passphrase;
use crate::vault::Vault;
use std::path::Path;

pub const ROTATE_FILE: &str = "vault.db.rotate";

/// What a failed rotation leaves: the vault still open if the swap had not begun.
/// Boxed: an open vault is large, and the error path should not make every result so.
pub(crate) type RotationFailure = Box<(Option<Vault>, VaultError)>;

fn sql_quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "''"))
}

impl Vault {
    pub(crate) fn rotate_key(
        mut self,
        next: &Passphrase,
        cost: KdfCost,
        dir: &Path,
    ) -> std::result::Result<Vault, RotationFailure> {
        let rotate_path = dir.join(ROTATE_FILE);
        let new_key = match self.prepare_rotation(next, cost) {
            Ok(key) => key,
            Err(e) => return Err(Box::new((Some(self), e))),
        };
        if let Err(e) = self.export_to(&rotate_path, &new_key) {
            let _ = std::fs::remove_file(&rotate_path);
            let undo = self.cancel_rotation();
            return Err(Box::new((Some(self), undo.err().unwrap_or(e))));
        }
        // From here the old database is closed: a failure leaves the vault
        // locked, and the next unlock settles which key is current.
        self.swap_in(&rotate_path, dir, new_key)
            .map_err(|e| Box::new((None, e)))
    }

    /// A new key, and its wrap and seal written beside the current ones.
    fn prepare_rotation(&mut self, next: &Passphrase, cost: KdfCost) -> Result<DataKey> {
        let new_key = DataKey::random()?;
        let (count, head) = audit::head(&self.conn)?;
        self.sealer.file.pending = Some(WrappedKey::wrap(&new_key, next, cost)?);
        self.sealer.file.pending_seal = Some(AuditSeal::new(&new_key, count, &head)?);
        self.sealer.file.write(&self.sealer.path)?;
        Ok(new_key)
    }

    fn cancel_rotation(&mut self) -> Result<()> {
        self.sealer.file.pending = None;
        self.sealer.file.pending_seal = None;
        self.sealer.file.write(&self.sealer.path)
    }

    /// Every page of the database, re-encrypted under `key`, into `path`.
    fn export_to(&self, path: &Path, key: &DataKey) -> Result<()> {
        for side in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", path.display()));
        }
        // The vault's connection may not create files; an empty file is a new database.
        crate::files::write_private(path, b"")?;
        let attach = key.sql(
            &format!("ATTACH DATABASE {} AS rotated KEY ", sql_quoted(path)),
            ";",
        );
        self.conn.execute_batch(&attach)?;
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('rotated')", [], |_| Ok(()))
            .and_then(|()| {
                self.conn
                    .pragma_update(Some("rotated"), "user_version", MIGRATIONS.len() as i64)
            });
        self.conn.execute_batch("DETACH DATABASE rotated;")?;
        Ok(exported?)
    }

    fn swap_in(self, rotated: &Path, dir: &Path, new_key: DataKey) -> Result<Vault> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        let (conn, mut sealer, actor) = self.into_parts();
        drop(conn);
        let db_path = dir.join(DB_FILE);
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", db_path.display()));
        }
        std::fs::rename(rotated, &db_path)?;
        sync_dir(dir)?;
        let wrap = sealer
            .file
            .pending
            .take()
            .ok_or(VaultError::Storage("no pending key".into()))?;
        sealer.file.wrap = wrap;
        sealer.file.seal = sealer.file.pending_seal.take();
        sealer.key = new_key;
        sealer.file.write(&sealer.path)?;
        let mut vault = Vault::connect(&db_path, sealer, actor, false)?;
        vault.record(Event::new(AuditAction::KeyRotation), &now_utc())?;
        Ok(vault)
    }
}
