//! The small files beside the database: settings, failed attempts, the
//! unsynced hint and the reset marker. None holds personal data.

use crate::error::Result;
use crate::files::write_private;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const DB_FILE: &str = "vault.db";
pub const KEY_FILE: &str = "vault.key.json";
/// Failed attempts (times only), kept until the next unlock writes them to the log.
pub const ATTEMPTS_FILE: &str = "vault.attempts.json";
/// The number of unsynced concerns, so a forgotten passphrase can warn before reset.
pub const STATUS_FILE: &str = "vault.status.json";
pub const SETTINGS_FILE: &str = "vault.settings.json";
/// Left by a reset in the new, empty vault folder until the new vault records it.
pub const RESET_FILE: &str = "vault.reset.json";
pub use crate::rotate::ROTATE_FILE;

pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
}

pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    write_private(path, &serde_json::to_vec(value)?)
}
