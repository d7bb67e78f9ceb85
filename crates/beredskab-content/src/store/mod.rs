//! The local SQLite store: settings, the pack in use (and the one before it)
//! and the search index. Content only: no personal data lives in this file.

mod db;
pub(crate) mod pack_rows;
mod search_rows;
mod settings;

pub use db::{Opened, Store, MIGRATIONS};
pub use pack_rows::StoredPack;
