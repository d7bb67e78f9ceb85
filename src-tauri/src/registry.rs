//! The one list of IPC commands (and the names of the events). The invoke handler, the
//! permission list that build.rs turns into `allow-…` permissions, the
//! capability file and the TypeScript bindings (argument, result and error
//! types, and the code unions) all come from here; `bindings.rs` fails the
//! tests when a generated file has drifted from it.

use crate::commands::{activities, concerns, content, guidance, pack, session, sync, vault};
use crate::events::{SYNC_STATUS_CHANGED, VAULT_STATUS_CHANGED};
use crate::sync_ctl::SyncStatus;
use beredskab_domain::concern::AgeBand;
use beredskab_vault::keyfile::MIN_PASSPHRASE_CHARS;
use beredskab_vault::manager::{MAX_IDLE_MINUTES, MAX_RETENTION_DAYS, MIN_IDLE_MINUTES};
use beredskab_vault::VaultStatus;
use tauri_specta::{collect_commands, Builder, ErrorHandlingMode};

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            session::app_state_get,
            session::locale_set,
            session::ui_ready_report,
            content::search_run,
            content::sign_list,
            content::card_list,
            content::card_get,
            content::contact_list,
            content::legal_list,
            content::pack_meta_get,
            pack::pack_folder_load,
            pack::pack_default_restore,
            guidance::guidance_get,
            vault::vault_status_get,
            vault::vault_setup,
            vault::vault_unlock,
            vault::vault_lock,
            vault::vault_passphrase_change,
            vault::vault_reset,
            vault::vault_idle_minutes_set,
            vault::vault_retention_days_set,
            concerns::concern_check,
            concerns::concern_draft_save,
            concerns::concern_register,
            concerns::concern_update,
            concerns::concern_list,
            concerns::concern_open,
            concerns::concern_delete,
            concerns::concern_redact,
            concerns::audit_list,
            activities::activity_list,
            activities::activity_save,
            activities::activity_delete,
            sync::sync_status_get,
            sync::sync_enroll,
            sync::sync_run,
        ])
        // Event payloads: the UI listens through its Backend, by the names below.
        .typ::<VaultStatus>()
        .constant("EVENT_VAULT_STATUS_CHANGED", VAULT_STATUS_CHANGED)
        .typ::<SyncStatus>()
        .constant("EVENT_SYNC_STATUS_CHANGED", SYNC_STATUS_CHANGED)
        .error_handling(ErrorHandlingMode::Throw)
        // One TypeScript type per Rust type, whichever way it crosses.
        .disable_serde_phases()
        // Counts, revisions and log sequence numbers are far below 2^53.
        .dangerously_cast_bigints_to_number()
        // Domain rules the UI must not write again.
        .constant(
            "CHILD_AGE_BANDS",
            AgeBand::ALL
                .into_iter()
                .filter(|b| b.is_child())
                .collect::<Vec<_>>(),
        )
        .constant("MIN_PASSPHRASE_CHARS", MIN_PASSPHRASE_CHARS)
        .constant("MIN_IDLE_MINUTES", MIN_IDLE_MINUTES)
        .constant("MAX_IDLE_MINUTES", MAX_IDLE_MINUTES)
        .constant("MAX_RETENTION_DAYS", MAX_RETENTION_DAYS)
}
