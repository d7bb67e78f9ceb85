//! "Jeg er bekymret": the guided flow's result for what was chosen.

use super::library;
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_core::guidance::{guide, Guidance, GuidanceInput};
use tauri::State;

#[tauri::command]
pub fn guidance(ctx: State<'_, AppCtx>, input: GuidanceInput) -> ApiResult<Guidance> {
    Ok(guide(library(&ctx)?.pack(), &input)?)
}
