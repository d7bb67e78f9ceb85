//! PostgreSQL, for a service that outgrows one machine: a pool of
//! connections (deadpool), strict embedded migrations, TLS by rustls when the
//! URL asks, and the same rules and guarantees as the SQLite store, checked by
//! the same conformance suite. Several server processes may share one
//! database: whatever must happen once (a code used, a release number taken,
//! an upload stored) is decided by a row lock or a unique key in the
//! database, never in a process's memory.

mod activities;
mod admins;
mod batch;
mod convert;
mod copy;
mod devices;
pub mod migrate;
mod records;
mod releases;
mod sync;
mod tls;

use super::{
    AdminToken, Conflict, Device, LogEntry, NewAdminToken, NewDevice, NewEnrollment, Storage,
    StorageError, StorageResult, StoredActivity, StoredConcern, SyncOutcome,
};
use async_trait::async_trait;
use beredskab_protocol::{AuditAnchor, RecordView, SignedRelease, UploadItem};
use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use std::path::Path;
use std::time::Duration;
use uuid::Uuid;

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// Connections kept open at most by this process.
    pub pool_size: usize,
    /// A CA file for the database's certificate instead of the system's roots.
    pub ca_file: Option<std::path::PathBuf>,
}

impl Default for PgOptions {
    fn default() -> PgOptions {
        PgOptions {
            pool_size: 16,
            ca_file: None,
        }
    }
}

#[derive(Clone)]
pub struct PgStorage {
    pool: Pool,
}

/// True if `url` names a PostgreSQL database rather than a SQLite folder.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl PgStorage {
    /// Connects, and brings the schema up to date (refusing a newer one).
    pub async fn connect(url: &str, options: &PgOptions) -> StorageResult<PgStorage> {
        // The URL may hold a password: it is never put into a message.
        let config: tokio_postgres::Config = url.parse().map_err(|_| {
            StorageError::Backend("the database URL is not a valid postgres:// URL".into())
        })?;
        let tls = tls::connector(options.ca_file.as_deref())?;
        let manager = Manager::from_config(
            config,
            tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let wait = Some(Duration::from_secs(5));
        let pool = Pool::builder(manager)
            .max_size(options.pool_size.max(1))
            .wait_timeout(wait)
            .create_timeout(wait)
            .recycle_timeout(wait)
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| StorageError::Backend(format!("postgres pool: {e}")))?;
        let mut client = pool.get().await?;
        migrate::migrate(&mut client, migrate::MIGRATIONS).await?;
        Ok(PgStorage { pool })
    }

    /// The pool, for `migrate-store` and the tests that look inside.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }
}

/// A PostgreSQL store from a URL, with the default options.
pub async fn open(url: &str, ca_file: Option<&Path>) -> StorageResult<PgStorage> {
    let options = PgOptions {
        ca_file: ca_file.map(Path::to_path_buf),
        ..PgOptions::default()
    };
    PgStorage::connect(url, &options).await
}

#[async_trait]
impl Storage for PgStorage {
    async fn ping(&self) -> StorageResult<()> {
        let client = self.pool.get().await?;
        client.query_one("SELECT 1", &[]).await?;
        Ok(())
    }

    async fn create_enrollment(&self, code: NewEnrollment) -> StorageResult<()> {
        devices::create_enrollment(&self.pool.get().await?, &code).await
    }

    async fn redeem_enrollment(
        &self,
        code_hash: &str,
        device: NewDevice,
        now: DateTime<Utc>,
    ) -> StorageResult<Device> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let made = devices::redeem(&tx, code_hash, &device, now).await?;
        tx.commit().await?;
        Ok(made)
    }

    async fn device_by_credential(&self, credential_hash: &str) -> StorageResult<Option<Device>> {
        devices::by_credential(&self.pool.get().await?, credential_hash).await
    }

    async fn devices(&self) -> StorageResult<Vec<Device>> {
        devices::all(&self.pool.get().await?).await
    }

    async fn revoke_device(&self, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool> {
        devices::revoke(&self.pool.get().await?, id, now).await
    }

    async fn sync(
        &self,
        device: &Device,
        anchor: &AuditAnchor,
        items: &[UploadItem],
        now: DateTime<Utc>,
    ) -> StorageResult<SyncOutcome> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        sync::sync(tx, device, anchor, items, now).await
    }

    async fn record(&self, device: &Device, concern_id: Uuid) -> StorageResult<Option<RecordView>> {
        records::record(&self.pool.get().await?, device.id, concern_id).await
    }

    async fn put_release(&self, release: &SignedRelease, now: DateTime<Utc>) -> StorageResult<()> {
        releases::put(&self.pool.get().await?, release, now).await
    }

    async fn latest_release(&self) -> StorageResult<Option<SignedRelease>> {
        releases::latest(&self.pool.get().await?).await
    }

    async fn latest_release_number(&self) -> StorageResult<Option<u32>> {
        releases::latest_number(&self.pool.get().await?).await
    }

    async fn current_concerns(&self) -> StorageResult<Vec<StoredConcern>> {
        records::current(&self.pool.get().await?).await
    }

    async fn create_admin_token(&self, token: NewAdminToken) -> StorageResult<()> {
        admins::create(&self.pool.get().await?, &token).await
    }

    async fn admin_by_token(&self, token_hash: &str) -> StorageResult<Option<AdminToken>> {
        admins::by_hash(&self.pool.get().await?, token_hash).await
    }

    async fn current_activities(&self) -> StorageResult<Vec<StoredActivity>> {
        activities::current(&self.pool.get().await?).await
    }

    async fn conflicts(&self) -> StorageResult<Vec<Conflict>> {
        records::conflicts(&self.pool.get().await?).await
    }

    async fn log(&self, entry: LogEntry) -> StorageResult<()> {
        records::log(&self.pool.get().await?, &entry).await
    }

    async fn log_entries(&self, limit: u32) -> StorageResult<Vec<LogEntry>> {
        records::log_entries(&self.pool.get().await?, limit).await
    }
}
