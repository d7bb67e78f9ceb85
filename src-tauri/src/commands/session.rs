//! The app's state for the UI: pack info, language, start-up notices.

use super::library;
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_core::locale::Locale;
use beredskab_core::views::AppState;
use tauri::State;

/// Set by the cold-start benchmark: print the time to the first rendered screen and quit.
const EXIT_ON_READY_ENV: &str = "BEREDSKAB_EXIT_ON_READY";

#[tauri::command]
pub fn app_state(ctx: State<'_, AppCtx>) -> ApiResult<AppState> {
    let library = library(&ctx)?;
    Ok(AppState {
        pack: library.info(),
        locale: library.locale()?,
        notices: ctx.report.notices(),
    })
}

#[tauri::command]
pub fn set_locale(ctx: State<'_, AppCtx>, locale: Locale) -> ApiResult<AppState> {
    library(&ctx)?.set_locale(locale)?;
    app_state(ctx)
}

#[tauri::command]
pub fn ui_ready(ctx: State<'_, AppCtx>) {
    if std::env::var_os(EXIT_ON_READY_ENV).is_some() {
        println!("ready_ms={}", ctx.started.elapsed().as_millis());
        std::process::exit(0);
    }
}
