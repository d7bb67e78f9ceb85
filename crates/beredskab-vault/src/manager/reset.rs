//! Starting over. With the vault open, only someone who knows the passphrase
//! may reset it; after a forgotten passphrase, the user confirms how many
//! unsent concerns are lost. Either way the old vault folder is moved aside in
//! one rename, never deleted, and the new vault's first log entry records the
//! reset: when, and how many records could not be read.

use super::files::{read_json, write_json, RESET_FILE};
use super::limits::ResetInfo;
use super::{VaultManager, VaultStatus};
use crate::actor::now_utc;
use crate::error::{Result, VaultError};
use crate::files::{folder_bytes, sync_dir};
use crate::passphrase::Passphrase;

impl VaultManager {
    pub fn reset(
        &mut self,
        confirm_unsynced: i64,
        passphrase: Option<&str>,
    ) -> Result<VaultStatus> {
        if let Some(vault) = &self.vault {
            let typed = passphrase.ok_or(VaultError::PassphraseRequired)?;
            let typed = Passphrase::new(typed);
            let wrap = vault.key_file().wrap.clone();
            self.throttled(|| wrap.unwrap(&typed).map(|_| ()))?;
        }
        let unsynced = self.status().unsynced_hint.unwrap_or(0);
        if confirm_unsynced != unsynced {
            return Err(VaultError::ConfirmationMismatch);
        }
        self.vault = None;
        self.folder_lock = None;
        if !self.dir.exists() {
            return Ok(self.status());
        }
        let settings = self.settings();
        let bytes = folder_bytes(&self.dir);
        let name = self
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "vault".into());
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let aside = self.dir.with_file_name(format!("{name}.reset-{stamp}"));
        std::fs::rename(&self.dir, &aside)?;
        if let Some(parent) = self.dir.parent() {
            sync_dir(parent)?;
        }
        self.save_settings(&settings)?;
        let info = ResetInfo {
            at: now_utc(),
            moved_to: aside.display().to_string(),
            bytes,
            records_lost: unsynced,
        };
        write_json(&self.path(RESET_FILE), &info)?;
        Ok(self.status())
    }

    pub(super) fn reset_marker(&self) -> Option<ResetInfo> {
        read_json(&self.path(RESET_FILE))
    }

    pub(super) fn clear_reset_marker(&self) {
        let _ = std::fs::remove_file(self.path(RESET_FILE));
    }
}
