//! The protocol between the app and the central service: what a laptop sends
//! up (explicit upload types, never the vault's rows), what comes back, and the
//! typed error body every failed request carries. Plain types, no I/O.

pub mod error;
pub mod upload;

pub use error::{ErrorBody, ErrorCode};
pub use upload::{ConcernUpload, UploadItem, UploadKind};

/// Bumped when a change would make an older peer misread a message. The
/// server refuses a client whose version it no longer speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// Sent by the client on every request.
pub const VERSION_HEADER: &str = "x-beredskab-protocol";
