//! Changing the passphrase: the current one is checked through the same
//! slow-down as unlocking, and the change is logged. When the passphrase may
//! be known by others, the data key is replaced too and the database
//! re-encrypted, so an old key file with the old passphrase opens nothing new.

use super::{VaultManager, VaultStatus};
use crate::audit::{AuditAction, Event};
use crate::error::{Result, VaultError};
use crate::keyfile::WrappedKey;
use crate::passphrase::{check_strength, Passphrase, Weakness};

impl VaultManager {
    pub fn change_passphrase(
        &mut self,
        current: &str,
        next: &str,
        rotate_key: bool,
    ) -> Result<VaultStatus> {
        self.lock_if_idle()?;
        let Some(vault) = self.vault.as_ref() else {
            return Err(VaultError::Locked);
        };
        let current = Passphrase::new(current);
        let next = Passphrase::new(next);
        let wrap = vault.key_file().wrap.clone();
        self.throttled(|| wrap.unwrap(&current).map(|_| ()))?;
        self.clear_attempts();
        check_strength(&next).map_err(VaultError::WeakPassphrase)?;
        if next.as_bytes() == current.as_bytes() {
            return Err(VaultError::WeakPassphrase(Weakness::SameAsBefore));
        }
        let cost = self.cost;
        let vault = self.vault.take().ok_or(VaultError::Locked)?;
        let vault = if rotate_key {
            match vault.rotate_key(&next, cost, &self.dir) {
                Ok(rotated) => rotated,
                Err(failure) => {
                    let (vault, e) = *failure;
                    if vault.is_none() {
                        self.folder_lock = None;
                    }
                    self.vault = vault;
                    return Err(e);
                }
            }
        } else {
            let mut vault = vault;
            let wrap = WrappedKey::wrap(vault.data_key(), &next, cost);
            match wrap.and_then(|w| vault.replace_wrap(w)) {
                Ok(()) => {}
                Err(e) => {
                    self.vault = Some(vault);
                    return Err(e);
                }
            }
            vault.record_now(Event::new(AuditAction::PassphraseChange))?;
            vault
        };
        self.vault = Some(vault);
        self.touch();
        Ok(self.status())
    }
}
