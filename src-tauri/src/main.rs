//! The Beredskab desktop app: a Tauri shell over `beredskab-core`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod command_names;
mod commands;
mod error;
mod idle_lock;
mod state;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod security_config;

use state::AppCtx;
use tauri::Manager;

fn main() {
    let started = std::time::Instant::now();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = state::data_dir(app.path().app_data_dir().ok());
            app.manage(AppCtx::open(&data_dir, started));
            idle_lock::watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_state,
            commands::search,
            commands::list_signs,
            commands::list_cards,
            commands::get_card,
            commands::list_contacts,
            commands::list_legal,
            commands::pack_meta,
            commands::set_locale,
            commands::load_pack_from_folder,
            commands::reset_default_pack,
            commands::ui_ready,
            commands::guidance,
            commands::vault_status,
            commands::vault_setup,
            commands::vault_unlock,
            commands::vault_lock,
            commands::vault_change_passphrase,
            commands::vault_reset,
            commands::vault_set_idle_minutes,
            commands::vault_set_retention_days,
            commands::concern_check,
            commands::concern_save_draft,
            commands::concern_register,
            commands::concern_update,
            commands::concern_list,
            commands::concern_open,
            commands::concern_delete,
            commands::audit_log,
        ])
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
