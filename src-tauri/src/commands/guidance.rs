//! "Jeg er bekymret": the guided flow's result for what was chosen.

use crate::error::{ApiError, ApiResult};
use crate::state::Ctx;
use beredskab_domain::guidance::{guide, Guidance, GuidanceInput};
use tauri::State;

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn guidance_get(ctx: State<'_, Ctx>, input: GuidanceInput) -> ApiResult<Guidance> {
    guide(&ctx.pack(), &input).map_err(|e| {
        let error = ApiError::guidance(ctx.locale(), &e);
        tracing::warn!(code = %error.log_code(), "command failed");
        error
    })
}
