//! The embedded default: one SQLCipher file, keyed from the service's key
//! file, strict migrations, `synchronous=FULL`. One connection behind a
//! mutex, used on blocking threads: SQLite writes one transaction at a time
//! anyway, and a sync is one short transaction.

mod activities;
mod admins;
mod convert;
mod devices;
mod records;
mod releases;
mod rows;
mod sync;

use super::{
    AdminToken, Conflict, Device, LogEntry, NewAdminToken, NewDevice, NewEnrollment, Storage,
    StorageError, StorageResult, StoredActivity, StoredConcern, SyncOutcome,
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
    Migration {
        version: 5,
        name: "admin_tokens",
        sql: include_str!("../../../migrations/sqlite/0005_admin_tokens.sql"),
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

    /// Writes a consistent copy of the store to `path` (which must not exist),
    /// encrypted with the same key, by SQLite's online backup: the service
    /// may go on serving meanwhile.
    pub fn backup_to(&self, path: &Path, key: &[u8; 32]) -> StorageResult<()> {
        if path.exists() {
            return Err(StorageError::Backend(format!("{} exists", path.display())));
        }
        let source = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut copy = Connection::open(path)?;
        let statement = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex::encode(key)));
        copy.execute_batch(&statement)?;
        rusqlite::backup::Backup::new(&source, &mut copy)?.run_to_completion(
            512,
            std::time::Duration::from_millis(2),
            None,
        )?;
        copy.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
            .map_err(StorageError::from)
            .and_then(|ok| match ok.as_str() {
                "ok" => Ok(()),
                other => Err(StorageError::Backend(format!(
                    "the copy fails its check: {other}"
                ))),
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
    async fn ping(&self) -> StorageResult<()> {
        self.run(|c| {
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(())
        })
        .await
    }

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

    async fn create_admin_token(&self, token: NewAdminToken) -> StorageResult<()> {
        self.run(move |c| admins::create(c, &token)).await
    }

    async fn admin_by_token(&self, token_hash: &str) -> StorageResult<Option<AdminToken>> {
        let hash = token_hash.to_string();
        self.run(move |c| admins::by_hash(c, &hash)).await
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
