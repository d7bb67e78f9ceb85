//! The manager's plain values: its limits and what a reset reports. A leaf
//! module, so the manager's other files can share them without importing each other.

use serde::{Deserialize, Serialize};
use specta::Type;

pub const DEFAULT_IDLE_MINUTES: u32 = 5;
pub const MIN_IDLE_MINUTES: u32 = 1;
pub const MAX_IDLE_MINUTES: u32 = 60;
/// Days a concern stays on the laptop after the central service has received it.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
pub const MAX_RETENTION_DAYS: u32 = 3650;

/// Where a reset put the old vault, for the user and for the new vault's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ResetInfo {
    pub at: String,
    /// The folder the old vault was moved to; the user may delete it.
    pub moved_to: String,
    pub bytes: u64,
    /// Concerns not yet received by the central service when the vault was reset.
    pub records_lost: i64,
}
