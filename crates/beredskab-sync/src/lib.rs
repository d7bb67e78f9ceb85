//! The laptop's side of sync, free of Tauri: the outbox drained to the
//! central service in bounded batches, each change acknowledged only after
//! the service confirms its commit; the audit anchor sent with every batch;
//! signed content releases verified and installed. The vault is never held
//! across network I/O: it is opened for each short step through `access`.

pub mod access;
mod batch;
pub mod client;
mod error;
pub mod push;
pub mod releases;
mod retry;
pub mod service_file;
pub mod trust;

pub use access::{LibraryAccess, VaultAccess};
pub use client::ServiceClient;
pub use error::{SyncError, SyncErrorCode};
pub use push::{enroll, push, PushReport};
pub use releases::pull_release;
pub use retry::RetryPolicy;
pub use service_file::ServiceFile;
