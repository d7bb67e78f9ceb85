//! Where the service keeps its data, behind one trait so that SQLite (the
//! embedded default) and PostgreSQL (for scale) behave the same; the
//! conformance suite (`conformance.rs`) is what "the same" means. The rules
//! deciding what an upload does live in `rules.rs`, shared by every backend.

pub mod conformance;
mod error;
pub mod postgres;
pub mod rules;
pub mod sqlite;
pub mod tables;
mod types;
pub mod values;

pub use error::{StorageError, StorageResult};
pub use types::*;

use async_trait::async_trait;
use beredskab_protocol::{AuditAnchor, RecordView, SignedRelease, UploadItem};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[async_trait]
pub trait Storage: Send + Sync + 'static {
    /// Answers when the database does: what `/readyz` asks.
    async fn ping(&self) -> StorageResult<()>;

    /// Keeps a one-time enrollment code (its hash) for `unit` until `expires_at`.
    async fn create_enrollment(&self, code: NewEnrollment) -> StorageResult<()>;

    /// Uses an enrollment code once, making the device; refused if the code
    /// is unknown, expired or used (one answer for all three).
    async fn redeem_enrollment(
        &self,
        code_hash: &str,
        device: NewDevice,
        now: DateTime<Utc>,
    ) -> StorageResult<Device>;

    async fn device_by_credential(&self, credential_hash: &str) -> StorageResult<Option<Device>>;

    async fn devices(&self) -> StorageResult<Vec<Device>>;

    /// True if the device existed and was active.
    async fn revoke_device(&self, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool>;

    /// One sync, in one transaction: the anchor is judged first (a rollback
    /// or fork flags the device and stores nothing), then each item by the
    /// rules, then the new head is stored.
    async fn sync(
        &self,
        device: &Device,
        anchor: &AuditAnchor,
        items: &[UploadItem],
        now: DateTime<Utc>,
    ) -> StorageResult<SyncOutcome>;

    /// The server's view of one of this device's records; None for another
    /// device's record, so its existence does not leak.
    async fn record(&self, device: &Device, concern_id: Uuid) -> StorageResult<Option<RecordView>>;

    /// Stores a signed release under its number; refused if the number is taken.
    async fn put_release(&self, release: &SignedRelease, now: DateTime<Utc>) -> StorageResult<()>;

    async fn latest_release(&self) -> StorageResult<Option<SignedRelease>>;

    /// The number of the newest release, without reading its files.
    async fn latest_release_number(&self) -> StorageResult<Option<u32>>;

    /// Every current (not deleted) concern's counted fields, for statistics.
    async fn current_concerns(&self) -> StorageResult<Vec<StoredConcern>>;

    /// Keeps an administration token (its hash) with who it is for.
    async fn create_admin_token(&self, token: NewAdminToken) -> StorageResult<()>;

    /// The administration token with this hash, if there is one.
    async fn admin_by_token(&self, token_hash: &str) -> StorageResult<Option<AdminToken>>;

    /// Every current (not deleted) activity, for the yearly report.
    async fn current_activities(&self) -> StorageResult<Vec<StoredActivity>>;

    /// Uploads kept for a person to review.
    async fn conflicts(&self) -> StorageResult<Vec<Conflict>>;

    /// Appends to the service's own log: who did what, when; never content.
    async fn log(&self, entry: LogEntry) -> StorageResult<()>;

    /// The newest `limit` log entries, newest first.
    async fn log_entries(&self, limit: u32) -> StorageResult<Vec<LogEntry>>;
}
