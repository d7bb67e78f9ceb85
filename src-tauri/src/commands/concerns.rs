//! Concern records in the vault, and its audit log.

use super::{library, vault};
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_core::pack::today;
use beredskab_vault::audit::{AuditView, ViewPurpose};
use beredskab_vault::concern::{
    check, ConcernCheck, ConcernData, ConcernFilter, ConcernRecord, ConcernSummary, Mode,
};
use tauri::State;

/// The list is capped; the UI shows the newest first.
const LIST_LIMIT: usize = 10_000;

#[tauri::command]
pub fn concern_check(ctx: State<'_, AppCtx>, data: ConcernData) -> ApiResult<ConcernCheck> {
    Ok(check(&data, library(&ctx)?.pack(), today(), Mode::Register))
}

#[tauri::command]
pub fn concern_save_draft(
    ctx: State<'_, AppCtx>,
    id: Option<String>,
    data: ConcernData,
) -> ApiResult<ConcernSummary> {
    let library = library(&ctx)?;
    Ok(vault(&ctx)?.with_vault(|v| v.save_draft(id.as_deref(), &data, library.pack(), today()))?)
}

#[tauri::command]
pub fn concern_register(
    ctx: State<'_, AppCtx>,
    id: Option<String>,
    data: ConcernData,
    acknowledge_cpr: bool,
) -> ApiResult<ConcernSummary> {
    let library = library(&ctx)?;
    Ok(vault(&ctx)?.with_vault(|v| {
        v.register(
            id.as_deref(),
            &data,
            acknowledge_cpr,
            library.pack(),
            today(),
        )
    })?)
}

#[tauri::command]
pub fn concern_update(
    ctx: State<'_, AppCtx>,
    id: String,
    data: ConcernData,
    acknowledge_cpr: bool,
) -> ApiResult<ConcernSummary> {
    let library = library(&ctx)?;
    Ok(vault(&ctx)?
        .with_vault(|v| v.update(&id, &data, acknowledge_cpr, library.pack(), today()))?)
}

#[tauri::command]
pub fn concern_list(
    ctx: State<'_, AppCtx>,
    filter: ConcernFilter,
) -> ApiResult<Vec<ConcernSummary>> {
    Ok(vault(&ctx)?.with_vault(|v| v.list(&filter, LIST_LIMIT))?)
}

#[tauri::command]
pub fn concern_open(
    ctx: State<'_, AppCtx>,
    id: String,
    purpose: ViewPurpose,
) -> ApiResult<ConcernRecord> {
    Ok(vault(&ctx)?.with_vault(|v| v.open(&id, purpose))?)
}

#[tauri::command]
pub fn concern_delete(ctx: State<'_, AppCtx>, id: String) -> ApiResult<()> {
    Ok(vault(&ctx)?.with_vault(|v| v.delete(&id))?)
}

#[tauri::command]
pub fn audit_log(ctx: State<'_, AppCtx>, limit: usize) -> ApiResult<AuditView> {
    Ok(vault(&ctx)?.with_vault(|v| v.audit(limit))?)
}
