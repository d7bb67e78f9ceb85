//! Tauri commands, named noun_verb: unpack the state, call the core on a
//! blocking thread, map the error. Nothing else. Each runs inside a tracing
//! span named after it, so a failure is logged with the command and its code.

pub mod activities;
pub mod concerns;
pub mod content;
pub mod guidance;
pub mod pack;
pub mod session;
pub mod sync;
pub mod vault;
