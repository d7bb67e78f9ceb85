//! Activities (workshops, courses, meetings) in the vault: recorded offline
//! and sent with the next sync.

use crate::error::ApiResult;
use crate::state::Ctx;
use beredskab_content::today;
use beredskab_domain::activity::{ActivityData, ActivitySummary};
use tauri::State;

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn activity_list(ctx: State<'_, Ctx>) -> ApiResult<Vec<ActivitySummary>> {
    ctx.vault(|m| m.with_vault(|v| v.activity_list())).await
}

/// Records a new activity (no id) or a new revision of one.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn activity_save(
    ctx: State<'_, Ctx>,
    id: Option<String>,
    data: ActivityData,
) -> ApiResult<ActivitySummary> {
    let saved = ctx
        .vault(move |m| m.with_vault(|v| v.activity_save(id.as_deref(), &data, today())))
        .await?;
    ctx.sync.wake();
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn activity_delete(ctx: State<'_, Ctx>, id: String) -> ApiResult<()> {
    ctx.vault(move |m| m.with_vault(|v| v.activity_delete(&id)))
        .await?;
    ctx.sync.wake();
    Ok(())
}
