//! The Beredskab desktop app: a thin Tauri shell over the content library and
//! the vault. It wires up state, logging, commands and events; everything
//! else lives in the crates under `crates/`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod events;
mod hardening;
mod idle_lock;
mod logging;
mod registry;
mod session_lock;
mod state;
mod sync_ctl;
mod sync_task;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod security_config;

use state::AppCtx;
use std::sync::Arc;
use tauri::Manager;

fn main() {
    let started = std::time::Instant::now();
    #[cfg(not(debug_assertions))]
    hardening::harden_process();
    let specta = registry::builder();
    let handler = specta.invoke_handler();
    tauri::Builder::default()
        // A second start brings the open window forward instead of opening the vault twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(handler)
        .setup(move |app| {
            let data_dir = state::data_dir(app.path().app_data_dir().ok());
            logging::init(&data_dir);
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "Beredskab starts");
            app.manage(Arc::new(AppCtx::open(&data_dir, started)));
            idle_lock::watch(app.handle().clone());
            session_lock::watch(app.handle().clone());
            sync_task::watch(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Beredskab could not start: {e}");
            std::process::exit(1);
        })
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                idle_lock::lock_now(app);
            }
        });
}
