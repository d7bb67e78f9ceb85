//! Concern records in the vault, and its audit log. The pack in use comes
//! from its snapshot, so a concern never waits for the content library.

use crate::error::{field_view, ApiResult, FieldView};
use crate::state::Ctx;
use beredskab_content::today;
use beredskab_domain::concern::{
    check, ConcernData, ConcernFilter, ConcernRecord, ConcernSummary, Mode,
};
use beredskab_vault::audit::{AuditView, ViewPurpose};
use serde::Serialize;
use specta::Type;
use tauri::State;

/// The list is capped; the UI shows the newest first.
const LIST_LIMIT: usize = 10_000;
/// The audit view shows at most this many entries.
const AUDIT_LIMIT: u32 = 10_000;

#[derive(Debug, Clone, Serialize, Type)]
pub struct ConcernCheckView {
    pub problems: Vec<FieldView>,
    /// Text fields that look like they hold a CPR number; saving them needs confirmation.
    pub cpr_fields: Vec<String>,
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_check(ctx: State<'_, Ctx>, data: ConcernData) -> ApiResult<ConcernCheckView> {
    let checked = check(&data, &ctx.pack(), today(), Mode::Register);
    let locale = ctx.locale();
    Ok(ConcernCheckView {
        problems: checked
            .problems
            .iter()
            .map(|f| field_view(locale, f))
            .collect(),
        cpr_fields: checked.cpr_fields,
    })
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_draft_save(
    ctx: State<'_, Ctx>,
    id: Option<String>,
    data: ConcernData,
    acknowledge_cpr: bool,
) -> ApiResult<ConcernSummary> {
    let pack = ctx.pack();
    ctx.vault(move |m| {
        m.with_vault(|v| v.save_draft(id.as_deref(), &data, acknowledge_cpr, &pack, today()))
    })
    .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_register(
    ctx: State<'_, Ctx>,
    id: Option<String>,
    data: ConcernData,
    acknowledge_cpr: bool,
) -> ApiResult<ConcernSummary> {
    let pack = ctx.pack();
    let saved = ctx
        .vault(move |m| {
            m.with_vault(|v| v.register(id.as_deref(), &data, acknowledge_cpr, &pack, today()))
        })
        .await?;
    ctx.sync.wake();
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_update(
    ctx: State<'_, Ctx>,
    id: String,
    data: ConcernData,
    acknowledge_cpr: bool,
) -> ApiResult<ConcernSummary> {
    let pack = ctx.pack();
    let saved = ctx
        .vault(move |m| m.with_vault(|v| v.update(&id, &data, acknowledge_cpr, &pack, today())))
        .await?;
    ctx.sync.wake();
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_list(
    ctx: State<'_, Ctx>,
    filter: ConcernFilter,
) -> ApiResult<Vec<ConcernSummary>> {
    ctx.vault(move |m| m.with_vault(|v| v.list(&filter, LIST_LIMIT)))
        .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_open(
    ctx: State<'_, Ctx>,
    id: String,
    purpose: ViewPurpose,
) -> ApiResult<ConcernRecord> {
    ctx.vault(move |m| m.with_vault(|v| v.open(&id, purpose)))
        .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_delete(ctx: State<'_, Ctx>, id: String) -> ApiResult<()> {
    ctx.vault(move |m| m.with_vault(|v| v.delete(&id))).await?;
    ctx.sync.wake();
    Ok(())
}

/// Removes CPR-like numbers from one stored revision; returns the concern as it now is.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn concern_redact(
    ctx: State<'_, Ctx>,
    id: String,
    revision: i64,
) -> ApiResult<ConcernRecord> {
    ctx.vault(move |m| {
        m.with_vault(|v| {
            v.redact(&id, revision)?;
            v.open(&id, ViewPurpose::Rettelse)
        })
    })
    .await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn audit_list(ctx: State<'_, Ctx>, limit: u32) -> ApiResult<AuditView> {
    let limit = limit.min(AUDIT_LIMIT) as usize;
    ctx.vault(move |m| m.with_vault(|v| v.audit(limit))).await
}
