//! Replacing the pack in use: a municipality's folder, or back to the default.

use crate::error::ApiResult;
use crate::state::Ctx;
use beredskab_content::today;
use beredskab_domain::views::PackInfo;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn pack_folder_load(ctx: State<'_, Ctx>, path: String) -> ApiResult<PackInfo> {
    ctx.content(move |lib| lib.load_folder(&PathBuf::from(path), today()))
        .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn pack_default_restore(ctx: State<'_, Ctx>) -> ApiResult<PackInfo> {
    ctx.content(|lib| lib.reset_to_embedded(today())).await
}
