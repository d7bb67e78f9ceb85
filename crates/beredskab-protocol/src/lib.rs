//! The protocol between the app and the central service: what a laptop sends
//! up (explicit upload types, never the vault's rows), what comes back, signed
//! content releases, and the typed error body every failed request carries.
//! Plain types and pure functions; no I/O.

pub mod activity_upload;
pub mod anchor;
pub mod device;
pub mod enroll;
pub mod error;
pub mod release;
pub mod stats;
pub mod sync;
pub mod upload;

pub use activity_upload::ActivityUpload;
pub use anchor::{AnchorPoint, AuditAnchor};
pub use device::{DeviceStatus, DeviceView, RecordState, RecordView};
pub use enroll::{EnrollRequest, EnrollResponse};
pub use error::{ErrorBody, ErrorCode};
pub use release::{
    FileDigest, PublisherKey, ReleaseError, ReleaseFile, ReleaseManifest, SignedRelease,
};
pub use stats::{Period, StatsQuery, StatsReport, StatsRow};
pub use sync::{ItemOutcome, ItemResult, SyncRequest, SyncResponse};
pub use upload::{ConcernUpload, MissingForUpload, RecordKind, UploadItem, UploadKind};

/// Bumped when a change would make an older peer misread a message. The
/// server refuses a client whose version it no longer speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// The oldest client version this build of the server still accepts.
pub const MIN_PROTOCOL_VERSION: u32 = 1;
/// Sent by the client on every request.
pub const VERSION_HEADER: &str = "x-beredskab-protocol";
/// At most this many items in one sync request.
pub const MAX_BATCH_ITEMS: usize = 500;
/// A client keeps each request's items under this many bytes of JSON.
pub const MAX_BATCH_BYTES: usize = 1_000_000;
/// The server refuses any body larger than this (a batch plus its envelope).
pub const MAX_BODY_BYTES: usize = 1_100_000;
