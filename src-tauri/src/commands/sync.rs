//! Enrolling this laptop with the central service, and sync on request.
//! The runs themselves (and the background ones) are in `sync_task`.

use crate::error::{ApiError, ApiResult};
use crate::state::Ctx;
use crate::sync_ctl::SyncStatus;
use crate::sync_task;
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn sync_status_get(ctx: State<'_, Ctx>) -> ApiResult<SyncStatus> {
    Ok(sync_task::status(&ctx).await)
}

/// Enrolls with the address and one-time code from IT operations, then syncs.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn sync_enroll(
    ctx: State<'_, Ctx>,
    app: AppHandle,
    address: String,
    code: String,
) -> ApiResult<SyncStatus> {
    let code = Zeroizing::new(code);
    sync_task::enroll_laptop(&ctx, &address, &code)
        .await
        .map_err(|e| ApiError::sync(ctx.locale(), &e))?;
    Ok(sync_task::run_once(&ctx, &app, sync_task::interactive()).await)
}

/// "Synkronisér nu": runs now (after a running one) and returns the outcome.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn sync_run(ctx: State<'_, Ctx>, app: AppHandle) -> ApiResult<SyncStatus> {
    Ok(sync_task::run_once(&ctx, &app, sync_task::interactive()).await)
}
