//! Beredskab's domain: the content and concern types and their rules. Plain
//! Rust with no I/O, no SQLite and no i18n, so the app, the editors' CLI and the
//! central service share one meaning of every word. Rules report codes with
//! arguments; the words for a person are chosen at the edges (beredskab-i18n).

pub mod activity;
pub mod concern;
pub mod content;
pub mod guidance;
pub mod locale;
pub mod pack;
pub mod plan;
pub mod serde_name;
pub mod text;
pub mod views;

#[cfg(test)]
mod testing;

pub use content::*;
pub use locale::Locale;
