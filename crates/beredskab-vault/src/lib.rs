//! The vault of concern records: one SQLCipher database whose random 256-bit
//! key is wrapped by a key derived from the user's passphrase (Argon2id), with
//! a hash-chained audit log and an outbox that carries each change to the
//! central service exactly once. Plain Rust: no Tauri, no HTTP.

pub mod activity;
mod actor;
pub mod audit;
pub mod concern;
mod db;
pub mod error;
mod files;
pub mod keyfile;
pub mod manager;
pub mod outbox;
pub mod passphrase;
mod rotate;
pub mod sync_state;
#[doc(hidden)]
pub mod testing;
mod vault;

pub use actor::{now_utc, Actor};
pub use db::MIGRATIONS;
pub use error::{VaultError, VaultErrorCode};
pub use manager::{VaultManager, VaultState, VaultStatus};
pub use sync_state::{Settled, SyncAccount};
pub use vault::Vault;
