//! Locks the vault after the idle time even when the UI asks nothing, and on
//! exit; tells the UI when it did.

use crate::events::vault_status_changed;
use crate::state::Ctx;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const CHECK_EVERY: Duration = Duration::from_secs(10);

pub fn watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(CHECK_EVERY);
        let ctx = app.state::<Ctx>();
        let locked =
            ctx.vault_blocking(|m| m.lock_if_idle().map(|locked| locked.then(|| m.status())));
        match locked {
            Ok(Some(status)) => {
                tracing::info!("the vault locked after the idle time");
                vault_status_changed(&app, status);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(code = ?e.code(), "idle lock failed"),
        }
    });
}

pub fn lock_now(app: &AppHandle) {
    let ctx = app.state::<Ctx>();
    if let Err(e) = ctx.vault_blocking(|m| m.lock()) {
        tracing::warn!(code = ?e.code(), "lock on exit failed");
    }
}
