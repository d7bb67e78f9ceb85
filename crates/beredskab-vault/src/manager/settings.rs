//! How long the vault stays open without use, and how long synced concerns stay.

use super::files::{read_json, write_json, SETTINGS_FILE};
use super::limits::*;
use super::VaultManager;
use crate::error::{Result, VaultError};
use crate::manager::VaultStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Settings {
    pub idle_lock_minutes: u32,
    #[serde(default = "default_retention")]
    pub retention_days: u32,
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

impl VaultManager {
    pub(super) fn settings(&self) -> Settings {
        read_json(&self.path(SETTINGS_FILE)).unwrap_or_default()
    }

    pub(super) fn save_settings(&self, settings: &Settings) -> Result<()> {
        crate::files::ensure_private(&self.dir)?;
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
            super::purge_expired(vault, days)?;
        }
        self.write_hint()?;
        Ok(self.status())
    }
}
