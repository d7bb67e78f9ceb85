//! The embedded default: one SQLCipher file, keyed from the service's key
//! file, strict migrations, `synchronous=FULL`. One connection behind a
//! mutex, used on blocking threads: SQLite writes one transaction at a time
//! anyway, and a sync is one short transaction.

mod activities;
mod convert;
mod devices;
mod records;
mod releases;
mod sync;

use super::{
    Conflict, Device, LogEntry, NewDevice, NewEnrollment, Storage, StorageError, StorageResult,
    StoredActivity, StoredConcern, SyncOutcome,
};
use async_trait::async_trait;
use beredskab_protocol::{AuditAnchor, RecordView, SignedRelease, UploadItem};
use beredskab_sqlite::{apply_pragmas, migrate, Migration, MigrationError, Pragma};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::{Arc, Mutex};
use uuid::Uuid;
use zeroize::Zeroizing;

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "server",
        sql: include_str!("../../../migrations/sqlite/0001_server.sql"),
    },
    Migration {
        version: 2,
        name: "anchor_history",
        sql: include_str!("../../../migrations/sqlite/0002_anchor_history.sql"),
    },
    Migration {
        version: 3,
        name: "anchor_time",
        sql: include_str!("../../../migrations/sqlite/0003_anchor_time.sql"),
    },
    Migration {
        version: 4,
        name: "activities_and_case_stage",
        sql: include_str!("../../../migrations/sqlite/0004_activities_and_case_stage.sql"),
    },
];

const PRAGMAS: &[Pragma] = &[
    Pragma::new("temp_store", "MEMORY", "2"),
    Pragma::new("busy_timeout", "5000", "5000"),
    Pragma::new("foreign_keys", "ON", "1"),
    Pragma::new("synchronous", "FULL", "2"),
    Pragma::new("journal_mode", "WAL", "wal"),
];

#[derive(Clone)]
pub struct SqliteStorage {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStorage {
    /// Opens (or creates) the store at `path` with the 32-byte key.
    pub fn open(path: &Path, key: &[u8; 32]) -> StorageResult<SqliteStorage> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.pragma_update(None, "cipher_memory_security", "ON")?;
        let statement = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex::encode(key)));
        conn.execute_batch(&statement)?;
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))
            .map_err(|e| {
                StorageError::Backend(format!("the store cannot be read with this key: {e}"))
            })?;
        apply_pragmas(&conn, PRAGMAS).map_err(|e| StorageError::Backend(e.to_string()))?;
        migrate(&mut conn, MIGRATIONS).map_err(|e| match e {
            MigrationError::NewerSchema { found, known } => {
                StorageError::NewerSchema { found, known }
            }
            other => StorageError::Backend(other.to_string()),
        })?;
        Ok(SqliteStorage {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection on a blocking thread.
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> StorageResult<T> + Send + 'static,
    ) -> StorageResult<T> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| StorageError::Backend(format!("storage task: {e}")))?
    }
}

#[async_trait]
impl Storage for SqliteStorage {
    async fn create_enrollment(&self, code: NewEnrollment) -> StorageResult<()> {
        self.run(move |c| devices::create_enrollment(c, &code))
            .await
    }

    async fn redeem_enrollment(
        &self,
        code_hash: &str,
        device: NewDevice,
        now: DateTime<Utc>,
    ) -> StorageResult<Device> {
        let code_hash = code_hash.to_string();
        self.run(move |c| devices::redeem(c, &code_hash, &device, now))
            .await
    }

    async fn device_by_credential(&self, credential_hash: &str) -> StorageResult<Option<Device>> {
        let hash = credential_hash.to_string();
        self.run(move |c| devices::by_credential(c, &hash)).await
    }

    async fn devices(&self) -> StorageResult<Vec<Device>> {
        self.run(devices::all).await
    }

    async fn revoke_device(&self, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool> {
        self.run(move |c| devices::revoke(c, id, now)).await
    }

    async fn sync(
        &self,
        device: &Device,
        anchor: &AuditAnchor,
        items: &[UploadItem],
        now: DateTime<Utc>,
    ) -> StorageResult<SyncOutcome> {
        let (device, anchor, items) = (device.clone(), anchor.clone(), items.to_vec());
        self.run(move |c| sync::sync(c, &device, &anchor, &items, now))
            .await
    }

    async fn record(&self, device: &Device, concern_id: Uuid) -> StorageResult<Option<RecordView>> {
        let device = device.id;
        self.run(move |c| records::record(c, device, concern_id))
            .await
    }

    async fn put_release(&self, release: &SignedRelease, now: DateTime<Utc>) -> StorageResult<()> {
        let release = release.clone();
        self.run(move |c| releases::put(c, &release, now)).await
    }

    async fn latest_release(&self) -> StorageResult<Option<SignedRelease>> {
        self.run(releases::latest).await
    }

    async fn latest_release_number(&self) -> StorageResult<Option<u32>> {
        self.run(releases::latest_number).await
    }

    async fn current_concerns(&self) -> StorageResult<Vec<StoredConcern>> {
        self.run(records::current).await
    }

    async fn current_activities(&self) -> StorageResult<Vec<StoredActivity>> {
        self.run(activities::current).await
    }

    async fn conflicts(&self) -> StorageResult<Vec<Conflict>> {
        self.run(records::conflicts).await
    }

    async fn log(&self, entry: LogEntry) -> StorageResult<()> {
        self.run(move |c| records::log(c, &entry)).await
    }

    async fn log_entries(&self, limit: u32) -> StorageResult<Vec<LogEntry>> {
        self.run(move |c| records::log_entries(c, limit)).await
    }
}
