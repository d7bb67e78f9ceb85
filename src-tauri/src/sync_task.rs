//! Sync in the background: on a save, on an unlock, every few minutes, and
//! when the user asks. Runs on tokio, never on the main thread; the vault and
//! the library are taken for one short step at a time, never across the
//! network. Content releases are fetched even while the vault is locked.

use crate::error::ApiError;
use crate::events::sync_status_changed;
use crate::state::{device_name, Ctx};
use crate::sync_ctl::{SyncErrorView, SyncStatus};
use beredskab_sync::push::PushLimits;
use beredskab_sync::trust::trusted_keys;
use beredskab_sync::{
    enroll, pull_release, push, RetryPolicy, ServiceClient, ServiceFile, SyncError, SyncErrorCode,
};
use std::time::Duration;
use tauri::{AppHandle, Manager};

const EVERY: Duration = Duration::from_secs(5 * 60);

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The status as the UI shows it; reads the vault only if it is open.
pub async fn status(ctx: &Ctx) -> SyncStatus {
    let file = ServiceFile::load(&ctx.data_dir);
    let vault = ctx.vault_handle();
    let unsent = tauri::async_runtime::spawn_blocking(move || {
        let mut manager = vault.lock().unwrap_or_else(|p| p.into_inner());
        manager.with_vault_in_background(|v| v.outbox_len()).ok()
    })
    .await
    .ok()
    .flatten();
    SyncStatus {
        address: file.as_ref().map(|f| f.address.clone()),
        unit: file.as_ref().map(|f| f.unit.clone()),
        sending: ctx.sync.sending(),
        last_success_at: file.and_then(|f| f.last_success_at),
        unsent,
        error: ctx.sync.error(),
    }
}

fn error_view(ctx: &Ctx, error: &SyncError) -> SyncErrorView {
    let api = ApiError::sync(ctx.locale(), error);
    tracing::warn!(code = %api.log_code(), "sync failed");
    SyncErrorView {
        code: error.code(),
        message: api.message,
        at: now(),
    }
}

/// Enrolls this laptop; the code is used once, the credential goes into the vault.
pub async fn enroll_laptop(ctx: &Ctx, address: &str, code: &str) -> Result<(), SyncError> {
    let vault = ctx.vault_handle();
    let unit = enroll(&vault, address, code, &device_name()).await?;
    let address = beredskab_sync::client::checked_address(address)?;
    ServiceFile {
        address,
        unit,
        last_success_at: None,
    }
    .save(&ctx.data_dir)
    .map_err(SyncError::LocalFile)?;
    ctx.sync.set_error(None);
    ctx.sync.wake();
    Ok(())
}

/// One run: the newest content release, then the queue. Returns the status after it.
pub async fn run_once(ctx: &Ctx, app: &AppHandle, policy: RetryPolicy) -> SyncStatus {
    let _one_at_a_time = ctx.sync.running.lock().await;
    let Some(file) = ServiceFile::load(&ctx.data_dir) else {
        return status(ctx).await;
    };
    ctx.sync.set_sending(true);
    sync_status_changed(app, status(ctx).await);
    let outcome = run(ctx, &file, policy).await;
    ctx.sync.set_sending(false);
    match outcome {
        Ok(()) => {
            let file = ServiceFile {
                last_success_at: Some(now()),
                ..file
            };
            if file.save(&ctx.data_dir).is_err() {
                tracing::warn!("the time of the last sync could not be kept");
            }
            ctx.sync.set_error(None);
        }
        Err(error) => {
            if let SyncError::Revoked { unsent } = &error {
                tracing::warn!(unsent, "this laptop was revoked; its concerns are wiped");
                let _ = ServiceFile::remove(&ctx.data_dir);
            }
            ctx.sync.set_error(Some(error_view(ctx, &error)));
        }
    }
    let status = status(ctx).await;
    sync_status_changed(app, status.clone());
    status
}

async fn run(ctx: &Ctx, file: &ServiceFile, policy: RetryPolicy) -> Result<(), SyncError> {
    let client = ServiceClient::new(&file.address)?;
    let library = ctx.library_handle();
    let content = pull_release(&library, &client, &trusted_keys(), policy).await;
    match &content {
        Ok(Some(info)) => {
            ctx.refresh_pack();
            tracing::info!(version = %info.version, "a new content release is in use");
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(code = ?e.code(), "a content release was refused"),
    }
    let vault = ctx.vault_handle();
    match push(&vault, Some(&client), PushLimits::default(), policy).await {
        Ok(report) => {
            tracing::info!(
                sent = report.sent,
                stored = report.stored,
                duplicates = report.duplicates,
                refused = report.refused,
                "sync done"
            );
            let removed = tauri::async_runtime::spawn_blocking(move || {
                let mut manager = vault.lock().unwrap_or_else(|p| p.into_inner());
                manager.apply_retention_at(chrono::Utc::now())
            })
            .await;
            if let Ok(Ok(removed)) = removed {
                if removed > 0 {
                    tracing::info!(removed, "retention removed synced concerns");
                }
            }
        }
        // Locked: the queue waits for the next unlock; the content part still counts.
        Err(e) if e.code() == SyncErrorCode::VaultLocked => {}
        Err(e) => return Err(e),
    }
    content.map(|_| ())
}

/// Policy for a run the user waits for: a few quick retries, then the message.
pub fn interactive() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(300),
        max_delay: Duration::from_secs(3),
        max_times: 2,
        max_retry_after: Duration::from_secs(10),
    }
}

/// Policy for a background run: a short burst of retries (the next run comes
/// within minutes anyway), so the status never says "sending" for long.
pub fn background() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(5),
        max_times: 2,
        max_retry_after: Duration::from_secs(60),
    }
}

/// Starts the background task: a run when woken, and every few minutes.
pub fn watch(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let ctx: Ctx = app.state::<Ctx>().inner().clone();
            tokio::select! {
                _ = ctx.sync.wake.notified() => {}
                _ = tokio::time::sleep(EVERY) => {}
            }
            run_once(&ctx, &app, background()).await;
        }
    });
}
