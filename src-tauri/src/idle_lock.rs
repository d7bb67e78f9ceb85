//! Locks the vault after the idle time even when the UI asks nothing, and on exit.

use crate::state::AppCtx;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const CHECK_EVERY: Duration = Duration::from_secs(10);

pub fn watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(CHECK_EVERY);
        if let Ok(mut vault) = app.state::<AppCtx>().vault.lock() {
            if let Err(e) = vault.lock_if_idle() {
                eprintln!("Beredskab: idle lock failed ({:?})", e.code());
            }
        }
    });
}

pub fn lock_now(app: &AppHandle) {
    if let Ok(mut vault) = app.state::<AppCtx>().vault.lock() {
        let _ = vault.lock();
    }
}
