//! Events the backend pushes to the UI.

use beredskab_vault::VaultStatus;
use serde::Serialize;
use specta::Type;
use tauri::AppHandle;
use tauri_specta::Event;

/// The vault's status changed: locked after idle time, on suspend, or by a command.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct VaultStatusChanged(pub VaultStatus);

pub fn vault_status_changed(app: &AppHandle, status: VaultStatus) {
    if let Err(e) = VaultStatusChanged(status).emit(app) {
        tracing::warn!(error = %e, "could not tell the UI the vault's status");
    }
}
