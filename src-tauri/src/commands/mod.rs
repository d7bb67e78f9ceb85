//! Tauri commands: unpack state, call the core, map the error. Nothing else.

mod content;
mod pack;
mod session;

pub use content::*;
pub use pack::*;
pub use session::*;

use crate::error::{ApiError, ApiResult};
use crate::state::AppCtx;
use beredskab_core::Library;
use std::sync::MutexGuard;

fn library(ctx: &AppCtx) -> ApiResult<MutexGuard<'_, Library>> {
    ctx.library.lock().map_err(|_| ApiError::busy())
}
