//! The slow-down after wrong passphrases, for unlocking and for changing the
//! passphrase alike: after three failures each try waits, doubling up to five
//! minutes. It lives in a file a thief can delete; offline, the cost of
//! Argon2id is the defence, and this only slows guessing through the app.

use super::files::{read_json, write_json, ATTEMPTS_FILE};
use super::VaultManager;
use crate::actor::now_utc;
use crate::error::{Result, VaultError};
use serde::{Deserialize, Serialize};

const FREE_ATTEMPTS: usize = 3;
const MAX_WAIT_SECONDS: u64 = 300;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Attempts {
    pub failed_at: Vec<String>,
}

impl VaultManager {
    pub(super) fn attempts(&self) -> Attempts {
        read_json(&self.path(ATTEMPTS_FILE)).unwrap_or_default()
    }

    /// Seconds until another passphrase may be tried.
    pub(super) fn retry_after(&self) -> u64 {
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

    /// Runs `try_passphrase` unless the slow-down says wait; a wrong passphrase is counted.
    pub(super) fn throttled<T>(&self, try_passphrase: impl FnOnce() -> Result<T>) -> Result<T> {
        let wait = self.retry_after();
        if wait > 0 {
            return Err(VaultError::TooManyAttempts(wait));
        }
        match try_passphrase() {
            Err(VaultError::WrongPassphrase) => {
                let mut attempts = self.attempts();
                attempts.failed_at.push(now_utc());
                crate::files::ensure_private(&self.dir)?;
                write_json(&self.path(ATTEMPTS_FILE), &attempts)?;
                Err(VaultError::WrongPassphrase)
            }
            other => other,
        }
    }

    pub(super) fn clear_attempts(&self) -> Vec<String> {
        let failed = self.attempts().failed_at;
        let _ = std::fs::remove_file(self.path(ATTEMPTS_FILE));
        failed
    }
}
