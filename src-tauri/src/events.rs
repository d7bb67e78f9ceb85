//! Events the backend pushes to the UI. Their names are exported to the
//! bindings as constants; their payloads are types the bindings already have.

use crate::sync_ctl::SyncStatus;
use beredskab_vault::VaultStatus;
use tauri::{AppHandle, Emitter};

/// The vault's status changed (locked after idle time, on suspend, or by a
/// command); the payload is the new `VaultStatus`.
pub const VAULT_STATUS_CHANGED: &str = "vault-status-changed";

pub fn vault_status_changed(app: &AppHandle, status: VaultStatus) {
    if let Err(e) = app.emit(VAULT_STATUS_CHANGED, status) {
        tracing::warn!(error = %e, "could not tell the UI the vault's status");
    }
}

/// A sync started or ended; the payload is the new `SyncStatus`.
pub const SYNC_STATUS_CHANGED: &str = "sync-status-changed";

pub fn sync_status_changed(app: &AppHandle, status: SyncStatus) {
    if let Err(e) = app.emit(SYNC_STATUS_CHANGED, status) {
        tracing::warn!(error = %e, "could not tell the UI the sync status");
    }
}
