//! Beredskab's domain core: the content model, loading and validating content
//! packs, the local SQLite store and Danish search. Plain Rust: no Tauri, no HTTP,
//! so the app, the `beredskab-pack` tool and the benchmarks share one code path.

rust_i18n::i18n!("../../locales", fallback = "da");

pub mod error;
pub mod guidance;
pub mod library;
pub mod locale;
pub mod model;
pub mod pack;
pub mod search;
pub mod serde_name;
pub mod store;
pub mod views;

pub use error::{CoreError, ErrorCode};
pub use library::{Library, OpenReport};
pub use model::*;
