//! Events the backend pushes to the UI. Their names are exported to the
//! bindings as constants; their payloads are types the bindings already have.

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
