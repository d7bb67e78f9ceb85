//! The vault of concern records: one SQLCipher database whose random 256-bit
//! key is wrapped by a key derived from the user's passphrase (Argon2id), with
//! a hash-chained audit log. Plain Rust: no Tauri, no HTTP.

pub mod audit;
pub mod concern;
mod db;
pub mod error;
pub mod keyfile;
pub mod manager;
mod vault;

pub use error::{VaultError, VaultErrorCode};
pub use manager::{VaultManager, VaultState, VaultStatus};
pub use vault::{Actor, Vault};
