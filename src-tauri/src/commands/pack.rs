//! Replacing the pack in use: a municipality's folder, or back to the default.

use super::library;
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_core::pack::today;
use beredskab_core::views::PackInfo;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub fn load_pack_from_folder(ctx: State<'_, AppCtx>, path: String) -> ApiResult<PackInfo> {
    Ok(library(&ctx)?.load_folder(&PathBuf::from(path), today())?)
}

#[tauri::command]
pub fn reset_default_pack(ctx: State<'_, AppCtx>) -> ApiResult<PackInfo> {
    Ok(library(&ctx)?.reset_to_embedded(today())?)
}
