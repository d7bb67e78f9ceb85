//! Setting up, unlocking and locking the vault of concerns.

use super::vault;
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_vault::VaultStatus;
use tauri::State;

#[tauri::command]
pub fn vault_status(ctx: State<'_, AppCtx>) -> ApiResult<VaultStatus> {
    let mut vault = vault(&ctx)?;
    vault.lock_if_idle()?;
    Ok(vault.status())
}

#[tauri::command]
pub fn vault_setup(ctx: State<'_, AppCtx>, passphrase: String) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.setup(&passphrase)?)
}

#[tauri::command]
pub fn vault_unlock(ctx: State<'_, AppCtx>, passphrase: String) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.unlock(&passphrase)?)
}

#[tauri::command]
pub fn vault_lock(ctx: State<'_, AppCtx>) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.lock()?)
}

#[tauri::command]
pub fn vault_change_passphrase(
    ctx: State<'_, AppCtx>,
    old: String,
    new: String,
) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.change_passphrase(&old, &new)?)
}

#[tauri::command]
pub fn vault_reset(ctx: State<'_, AppCtx>, confirm_unsynced: i64) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.reset(confirm_unsynced)?)
}

#[tauri::command]
pub fn vault_set_idle_minutes(ctx: State<'_, AppCtx>, minutes: u32) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.set_idle_minutes(minutes)?)
}

#[tauri::command]
pub fn vault_set_retention_days(ctx: State<'_, AppCtx>, days: u32) -> ApiResult<VaultStatus> {
    Ok(vault(&ctx)?.set_retention_days(days)?)
}
