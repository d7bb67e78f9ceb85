//! The vault's life: set up, unlock, lock (on demand and after idle time),
//! change the passphrase, and reset when the passphrase is forgotten.
//! Everything here works on files in one folder; no personal data is written
//! outside the encrypted database.

use crate::actor::{now_utc, Actor};
use crate::audit::AuditAction;
use crate::error::{Result, VaultError};
use crate::keyfile::KeyFile;
use crate::vault::Vault;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const DB_FILE: &str = "vault.db";
const KEY_FILE: &str = "vault.key.json";
/// Failed unlocks (times only), kept until the next unlock writes them to the log.
const ATTEMPTS_FILE: &str = "vault.attempts.json";
/// The number of unsynced concerns, so a forgotten passphrase can warn before reset.
const STATUS_FILE: &str = "vault.status.json";
const SETTINGS_FILE: &str = "vault.settings.json";
pub const DEFAULT_IDLE_MINUTES: u32 = 5;
pub const MIN_IDLE_MINUTES: u32 = 1;
pub const MAX_IDLE_MINUTES: u32 = 60;
/// Days a concern stays on the laptop after the central service has received it.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
pub const MAX_RETENTION_DAYS: u32 = 3650;
/// Failures allowed before each further attempt waits (doubling, at most 5 minutes).
const FREE_ATTEMPTS: usize = 3;
const MAX_WAIT_SECONDS: u64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    Uninitialised,
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct VaultStatus {
    pub state: VaultState,
    pub idle_lock_minutes: u32,
    pub retention_days: u32,
    pub unsynced_hint: Option<i64>,
    pub retry_after_seconds: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Attempts {
    failed_at: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Settings {
    idle_lock_minutes: u32,
    #[serde(default = "default_retention")]
    retention_days: u32,
}

fn default_retention() -> u32 {
    DEFAULT_RETENTION_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_lock_minutes: DEFAULT_IDLE_MINUTES,
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StatusHint {
    unsynced: i64,
}

pub struct VaultManager {
    dir: PathBuf,
    actor: Actor,
    vault: Option<Vault>,
    last_activity: Instant,
}

/// Removes concerns the central service received more than `days` ago.
fn purge_expired(vault: &mut Vault, days: u32) -> Result<usize> {
    let cutoff = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
    vault.purge_synced_before(&cutoff.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec(value)?)?;
    std::fs::rename(tmp, path)?;
    Ok(())
}

impl VaultManager {
    pub fn new(dir: &Path, actor: Actor) -> VaultManager {
        VaultManager {
            dir: dir.to_path_buf(),
            actor,
            vault: None,
            last_activity: Instant::now(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn settings(&self) -> Settings {
        read_json(&self.path(SETTINGS_FILE)).unwrap_or_default()
    }

    fn save_settings(&self, settings: &Settings) -> Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        write_json(&self.path(SETTINGS_FILE), settings)
    }

    pub fn idle_minutes(&self) -> u32 {
        self.settings().idle_lock_minutes
    }

    pub fn set_idle_minutes(&mut self, minutes: u32) -> Result<VaultStatus> {
        if !(MIN_IDLE_MINUTES..=MAX_IDLE_MINUTES).contains(&minutes) {
            return Err(VaultError::out_of_range(
                "minutes",
                MIN_IDLE_MINUTES,
                MAX_IDLE_MINUTES,
            ));
        }
        self.save_settings(&Settings {
            idle_lock_minutes: minutes,
            ..self.settings()
        })?;
        Ok(self.status())
    }

    /// Sets how long synced concerns stay on the laptop, and applies it at once if unlocked.
    pub fn set_retention_days(&mut self, days: u32) -> Result<VaultStatus> {
        if !(1..=MAX_RETENTION_DAYS).contains(&days) {
            return Err(VaultError::out_of_range("days", 1, MAX_RETENTION_DAYS));
        }
        self.save_settings(&Settings {
            retention_days: days,
            ..self.settings()
        })?;
        if let Some(vault) = self.vault.as_mut() {
            purge_expired(vault, days)?;
        }
        self.write_hint()?;
        Ok(self.status())
    }

    fn attempts(&self) -> Attempts {
        read_json(&self.path(ATTEMPTS_FILE)).unwrap_or_default()
    }

    /// Seconds until another unlock may be tried.
    fn retry_after(&self) -> u64 {
        let attempts = self.attempts();
        let over = attempts.failed_at.len().saturating_sub(FREE_ATTEMPTS);
        let Some(last) = attempts
            .failed_at
            .last()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        else {
            return 0;
        };
        if over == 0 {
            return 0;
        }
        let wait = 2u64.saturating_pow(over as u32 - 1).min(MAX_WAIT_SECONDS);
        let since = (chrono::Utc::now() - last.with_timezone(&chrono::Utc))
            .num_seconds()
            .max(0) as u64;
        wait.saturating_sub(since)
    }

    pub fn status(&self) -> VaultStatus {
        let state = if self.vault.is_some() {
            VaultState::Unlocked
        } else if self.path(KEY_FILE).exists() {
            VaultState::Locked
        } else {
            VaultState::Uninitialised
        };
        let settings = self.settings();
        VaultStatus {
            state,
            idle_lock_minutes: settings.idle_lock_minutes,
            retention_days: settings.retention_days,
            unsynced_hint: read_json::<StatusHint>(&self.path(STATUS_FILE)).map(|h| h.unsynced),
            retry_after_seconds: self.retry_after(),
        }
    }

    pub fn setup(&mut self, passphrase: &str) -> Result<VaultStatus> {
        if self.path(KEY_FILE).exists() {
            return Err(VaultError::Exists);
        }
        std::fs::create_dir_all(&self.dir)?;
        let (key_file, key) = KeyFile::create(passphrase)?;
        for stale in [DB_FILE, "vault.db-wal", "vault.db-shm"] {
            let _ = std::fs::remove_file(self.path(stale));
        }
        let vault = Vault::connect(&self.path(DB_FILE), &key, self.actor.clone(), true)?;
        key_file.write(&self.path(KEY_FILE))?;
        vault.record(AuditAction::Unlock, &now_utc())?;
        self.vault = Some(vault);
        self.touch();
        self.write_hint()?;
        Ok(self.status())
    }

    pub fn unlock(&mut self, passphrase: &str) -> Result<VaultStatus> {
        if self.vault.is_some() {
            return Ok(self.status());
        }
        let key_path = self.path(KEY_FILE);
        if !key_path.exists() {
            return Err(VaultError::Missing);
        }
        let wait = self.retry_after();
        if wait > 0 {
            return Err(VaultError::TooManyAttempts(wait));
        }
        let key = match KeyFile::read(&key_path)?.unwrap_key(passphrase) {
            Ok(key) => key,
            Err(VaultError::WrongPassphrase) => {
                let mut attempts = self.attempts();
                attempts.failed_at.push(now_utc());
                write_json(&self.path(ATTEMPTS_FILE), &attempts)?;
                return Err(VaultError::WrongPassphrase);
            }
            Err(other) => return Err(other),
        };
        let vault = Vault::connect(&self.path(DB_FILE), &key, self.actor.clone(), false)?;
        for at in self.attempts().failed_at {
            vault.record(AuditAction::FailedUnlock, &at)?;
        }
        vault.record(AuditAction::Unlock, &now_utc())?;
        let _ = std::fs::remove_file(self.path(ATTEMPTS_FILE));
        let mut vault = vault;
        purge_expired(&mut vault, self.settings().retention_days)?;
        self.vault = Some(vault);
        self.touch();
        Ok(self.status())
    }

    pub fn lock(&mut self) -> Result<VaultStatus> {
        if let Some(vault) = self.vault.take() {
            vault.record(AuditAction::Lock, &now_utc())?;
        }
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

    /// Re-wraps the data key; the database is not touched.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<VaultStatus> {
        if self.vault.is_none() {
            return Err(VaultError::Locked);
        }
        let key_path = self.path(KEY_FILE);
        let rewrapped = KeyFile::read(&key_path)?.rewrap(old, new)?;
        rewrapped.write(&key_path)?;
        self.touch();
        Ok(self.status())
    }

    /// Starts over after a forgotten passphrase. The caller must repeat the
    /// number of unsynced concerns that will be lost, as shown in the warning.
    /// The whole vault folder is moved aside in one rename, so a crash leaves
    /// either the old vault or none, never half of one; the settings stay.
    pub fn reset(&mut self, confirm_unsynced: i64) -> Result<VaultStatus> {
        let unsynced = self.status().unsynced_hint.unwrap_or(0);
        if confirm_unsynced != unsynced {
            return Err(VaultError::ConfirmationMismatch);
        }
        self.vault = None;
        if self.dir.exists() {
            let settings = self.settings();
            let name = self
                .dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "vault".into());
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
            let aside = self.dir.with_file_name(format!("{name}.reset-{stamp}"));
            std::fs::rename(&self.dir, &aside)?;
            if let Some(parent) = self.dir.parent() {
                std::fs::File::open(parent)?.sync_all()?;
            }
            self.save_settings(&settings)?;
        }
        Ok(self.status())
    }

    pub fn db_path(&self) -> PathBuf {
        self.path(DB_FILE)
    }
}
