//! Setting up, unlocking and locking the vault of concerns. Every change of
//! its status is also pushed to the UI as an event.

use crate::error::ApiResult;
use crate::events::vault_status_changed;
use crate::state::Ctx;
use beredskab_vault::{VaultError, VaultManager, VaultStatus};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

/// Runs a vault operation that returns the new status, and pushes that status.
async fn changing(
    ctx: &Ctx,
    app: &AppHandle,
    f: impl FnOnce(&mut VaultManager) -> Result<VaultStatus, VaultError> + Send + 'static,
) -> ApiResult<VaultStatus> {
    let status = ctx.vault(f).await?;
    vault_status_changed(app, status.clone());
    Ok(status)
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_status_get(ctx: State<'_, Ctx>) -> ApiResult<VaultStatus> {
    ctx.vault(|m| {
        m.lock_if_idle()?;
        Ok(m.status())
    })
    .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_setup(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    passphrase: String,
) -> ApiResult<VaultStatus> {
    changing(&ctx, &app, move |m| m.setup(&passphrase)).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_unlock(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    passphrase: String,
) -> ApiResult<VaultStatus> {
    let status = changing(&ctx, &app, move |m| m.unlock(&passphrase)).await?;
    ctx.sync.wake();
    Ok(status)
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_lock(ctx: State<'_, Ctx>, app: AppHandle) -> ApiResult<VaultStatus> {
    changing(&ctx, &app, |m| m.lock()).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_passphrase_change(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    old: String,
    next: String,
    rotate_key: bool,
) -> ApiResult<VaultStatus> {
    let (old, next) = (Zeroizing::new(old), Zeroizing::new(next));
    changing(&ctx, &app, move |m| {
        m.change_passphrase(&old, &next, rotate_key)
    })
    .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_reset(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    confirm_unsynced: i64,
    passphrase: Option<String>,
) -> ApiResult<VaultStatus> {
    let passphrase = passphrase.map(Zeroizing::new);
    changing(&ctx, &app, move |m| {
        m.reset(confirm_unsynced, passphrase.as_ref().map(|p| p.as_str()))
    })
    .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_idle_minutes_set(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    minutes: u32,
) -> ApiResult<VaultStatus> {
    changing(&ctx, &app, move |m| m.set_idle_minutes(minutes)).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn vault_retention_days_set(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    days: u32,
) -> ApiResult<VaultStatus> {
    changing(&ctx, &app, move |m| m.set_retention_days(days)).await
}
