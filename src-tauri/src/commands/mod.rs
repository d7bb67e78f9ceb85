//! Tauri commands: unpack state, call the core, map the error. Nothing else.

mod concerns;
mod content;
mod guidance;
mod pack;
mod session;
mod vault;

pub use concerns::*;
pub use content::*;
pub use guidance::*;
pub use pack::*;
pub use session::*;
pub use vault::*;

use crate::error::{ApiError, ApiResult};
use crate::state::AppCtx;
use beredskab_core::Library;
use beredskab_vault::VaultManager;
use std::sync::MutexGuard;

fn library(ctx: &AppCtx) -> ApiResult<MutexGuard<'_, Library>> {
    ctx.library.lock().map_err(|_| ApiError::busy())
}

fn vault(ctx: &AppCtx) -> ApiResult<MutexGuard<'_, VaultManager>> {
    ctx.vault.lock().map_err(|_| ApiError::busy())
}
