//! The vault's life: set up, unlock, lock (on demand and after idle time),
//! change the passphrase (and, when it may be known by others, the key),
//! and reset when the passphrase is forgotten. Everything here works on files
//! in one private folder; no personal data is written outside the encrypted
//! database.

mod attempts;
mod files;
mod limits;
mod passphrase_change;
mod reset;
mod settings;
mod unlock;

pub use files::DB_FILE;
pub use limits::{
    ResetInfo, DEFAULT_IDLE_MINUTES, DEFAULT_RETENTION_DAYS, MAX_IDLE_MINUTES, MAX_RETENTION_DAYS,
    MIN_IDLE_MINUTES,
};

use crate::actor::Actor;
use crate::audit::{AuditAction, Event};
use crate::error::{Result, VaultError};
use crate::files::FolderLock;
use crate::keyfile::KdfCost;
use crate::vault::Vault;
use files::{read_json, write_json, KEY_FILE, STATUS_FILE};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    Uninitialised,
    Locked,
    Unlocked,
    /// The database is here but its key file is not: nothing is touched.
    KeyMissing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct VaultStatus {
    pub state: VaultState,
    pub idle_lock_minutes: u32,
    pub retention_days: u32,
    pub unsynced_hint: Option<i64>,
    pub retry_after_seconds: u32,
    /// Where the key file belongs (shown when it is missing).
    pub key_file: String,
    /// The last reset, until a new vault has been set up and has logged it.
    pub last_reset: Option<ResetInfo>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StatusHint {
    unsynced: i64,
}

pub struct VaultManager {
    dir: PathBuf,
    actor: Actor,
    vault: Option<Vault>,
    /// Held while the vault is open, so no other process opens it too.
    folder_lock: Option<FolderLock>,
    last_activity: Instant,
    /// The cost of a new key wrap; older, cheaper wraps are redone at unlock.
    cost: KdfCost,
}

/// Removes concerns the central service received more than `days` ago.
fn purge_expired(vault: &mut Vault, days: u32) -> Result<usize> {
    purge_expired_at(vault, days, chrono::Utc::now())
}

fn purge_expired_at(
    vault: &mut Vault,
    days: u32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    let cutoff = now - chrono::Duration::days(i64::from(days));
    vault.purge_synced_before(&cutoff.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

impl VaultManager {
    pub fn new(dir: &Path, actor: Actor) -> VaultManager {
        Self::with_cost(dir, actor, KdfCost::RECOMMENDED)
    }

    /// A manager whose new key wraps cost `cost`; tests use a cheap one.
    pub fn with_cost(dir: &Path, actor: Actor, cost: KdfCost) -> VaultManager {
        VaultManager {
            dir: dir.to_path_buf(),
            actor,
            vault: None,
            folder_lock: None,
            last_activity: Instant::now(),
            cost,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn status(&self) -> VaultStatus {
        let key_file = self.path(KEY_FILE);
        let state = if self.vault.is_some() {
            VaultState::Unlocked
        } else if key_file.exists() {
            VaultState::Locked
        } else if self.path(DB_FILE).exists() {
            VaultState::KeyMissing
        } else {
            VaultState::Uninitialised
        };
        let settings = self.settings();
        VaultStatus {
            state,
            idle_lock_minutes: settings.idle_lock_minutes,
            retention_days: settings.retention_days,
            unsynced_hint: read_json::<StatusHint>(&self.path(STATUS_FILE)).map(|h| h.unsynced),
            retry_after_seconds: self.retry_after().min(u64::from(u32::MAX)) as u32,
            key_file: key_file.display().to_string(),
            last_reset: self.reset_marker(),
        }
    }

    pub fn lock(&mut self) -> Result<VaultStatus> {
        if let Some(mut vault) = self.vault.take() {
            vault.record_now(Event::new(AuditAction::Lock))?;
        }
        self.folder_lock = None;
        Ok(self.status())
    }

    /// Locks if nothing has used the vault for the idle time; true if it locked.
    pub fn lock_if_idle(&mut self) -> Result<bool> {
        let idle = Duration::from_secs(u64::from(self.idle_minutes()) * 60);
        if self.vault.is_some() && self.last_activity.elapsed() >= idle {
            self.lock()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// For tests of the idle lock: as if nothing had used the vault for `idle`.
    #[doc(hidden)]
    pub fn pretend_idle_for(&mut self, idle: Duration) {
        self.last_activity = Instant::now()
            .checked_sub(idle)
            .unwrap_or(self.last_activity);
    }

    fn touch(&mut self) {
        self.last_activity = Instant::now();
    }

    /// Runs `f` on the unlocked vault, counting it as activity; locked (or idle
    /// too long) gives `VaultError::Locked`.
    pub fn with_vault<T>(&mut self, f: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
        self.lock_if_idle()?;
        let vault = self.vault.as_mut().ok_or(VaultError::Locked)?;
        let out = f(vault)?;
        self.touch();
        self.write_hint()?;
        Ok(out)
    }

    /// Runs `f` on the unlocked vault for background work (sync), which is not
    /// a person using it: the idle time keeps running, so the vault still
    /// locks when the laptop is left alone.
    pub fn with_vault_in_background<T>(
        &mut self,
        f: impl FnOnce(&mut Vault) -> Result<T>,
    ) -> Result<T> {
        self.lock_if_idle()?;
        let vault = self.vault.as_mut().ok_or(VaultError::Locked)?;
        let out = f(vault)?;
        self.write_hint()?;
        Ok(out)
    }

    /// Applies the retention days as of `now` (after each sync; tests pass a
    /// later day). A locked vault removes nothing and is no error.
    pub fn apply_retention_at(&mut self, now: chrono::DateTime<chrono::Utc>) -> Result<usize> {
        let days = self.settings().retention_days;
        let Some(vault) = self.vault.as_mut() else {
            return Ok(0);
        };
        let removed = purge_expired_at(vault, days, now)?;
        self.write_hint()?;
        Ok(removed)
    }

    fn write_hint(&self) -> Result<()> {
        if let Some(vault) = &self.vault {
            write_json(
                &self.path(STATUS_FILE),
                &StatusHint {
                    unsynced: vault.unsynced_count()?,
                },
            )?;
        }
        Ok(())
    }

    pub fn db_path(&self) -> PathBuf {
        self.path(DB_FILE)
    }
}
