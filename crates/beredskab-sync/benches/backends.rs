//! PostgreSQL beside SQLite, in one run, for BENCHMARKS.md (loopback only):
//!   devices  500 devices syncing at once for 10 s: SQLite with one
//!            instance, PostgreSQL with one and with two instances; first
//!            offering 300 syncs a second between them, then back to back
//!   ingest   100,000 concerns through the service (HTTP, batches of 500)
//!            against a raw batched insert of the same rows (upload, concern,
//!            revision) into the same kind of store in this process
//!   migrate  `migrate-store` of a SQLite store holding 100,000 concerns
//! The PostgreSQL cluster is a throwaway one in a temp folder with its
//! default durability (fsync on; SQLite runs with synchronous=FULL).
//! `cargo bench -p beredskab-sync --bench backends [-- devices|ingest|migrate]`

mod shared;

use beredskab_pg_cluster::Cluster;
use beredskab_protocol::{SyncRequest, UploadItem};
use beredskab_server::local::LocalServer;
use beredskab_server::migrate_store;
use beredskab_server::storage::postgres::{PgOptions, PgStorage};
use beredskab_server::storage::rules::{body_hash, hash_without_id};
use beredskab_server::storage::sqlite::SqliteStorage;
use beredskab_server::storage::tables::{Cell, TABLES};
use beredskab_server::storage::values;
use beredskab_server::storage::{Device, NewDevice, NewEnrollment, Storage};
use beredskab_server::{admin, data_dir};
use beredskab_sync::ServiceClient;
use shared::{anchor, new_concerns, Pace};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

const INGEST: usize = 100_000;
const BATCH: usize = 500;

fn main() {
    let wants = shared::wanted();
    let runtime = shared::runtime();
    let cluster = Cluster::start_durable();
    if wants("devices") {
        runtime.block_on(devices(&cluster));
    }
    if wants("ingest") {
        runtime.block_on(ingest(&cluster));
    }
    if wants("migrate") {
        runtime.block_on(migrate(&cluster));
    }
}

async fn pg(cluster: &Cluster, name: &str, pool_size: usize) -> PgStorage {
    let url = cluster.new_database(name);
    let options = PgOptions {
        pool_size,
        ..PgOptions::default()
    };
    PgStorage::connect(&url, &options).await.expect("connect")
}

async fn devices(cluster: &Cluster) {
    for pace in [Pace::Offered { per_second: 300.0 }, Pace::BackToBack] {
        let dir = tempfile::tempdir().expect("temp dir");
        let sqlite = LocalServer::init(&dir.path().join("service")).await;
        let figures =
            shared::devices_at_once(sqlite.storage.as_ref(), &[sqlite.base()], pace).await;
        println!("devices, SQLite, 1 instance, {}", figures.pace_line(pace));
        sqlite.stop().await;

        let url = cluster.new_database(&format!("devices_one_{}", fresh()));
        let one = connect(&url).await;
        let server = LocalServer::with_storage(Arc::clone(&one)).await;
        let figures = shared::devices_at_once(one.as_ref(), &[server.base()], pace).await;
        println!(
            "devices, PostgreSQL, 1 instance, {}",
            figures.pace_line(pace)
        );
        server.stop().await;

        // Two instances: each its own pool and state, as two processes would be.
        let url = cluster.new_database(&format!("devices_two_{}", fresh()));
        let (a, b) = (connect(&url).await, connect(&url).await);
        let first = LocalServer::with_storage(Arc::clone(&a)).await;
        let second = LocalServer::with_storage(b).await;
        let bases = [first.base(), second.base()];
        let figures = shared::devices_at_once(a.as_ref(), &bases, pace).await;
        println!(
            "devices, PostgreSQL, 2 instances, {}",
            figures.pace_line(pace)
        );
        first.stop().await;
        second.stop().await;
    }
}

/// A new name for each database.
fn fresh() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
}

async fn connect(url: &str) -> Arc<dyn Storage> {
    let options = PgOptions::default();
    Arc::new(PgStorage::connect(url, &options).await.expect("connect"))
}

async fn device(storage: &dyn Storage, n: usize) -> Device {
    let now = chrono::Utc::now();
    let code = format!("bench-code-{n}");
    storage
        .create_enrollment(NewEnrollment {
            code_hash: code.clone(),
            unit: "Bench".into(),
            created_at: now,
            expires_at: now + chrono::Duration::minutes(15),
        })
        .await
        .expect("code");
    storage
        .redeem_enrollment(
            &code,
            NewDevice {
                id: Uuid::new_v4(),
                name: "bench".into(),
                credential_hash: format!("bench-credential-{n}"),
            },
            now,
        )
        .await
        .expect("device")
}

/// The rows the service writes for one stored item, made beforehand so the
/// raw insert times the database alone.
fn raw_rows(device: &Device, batch: &[UploadItem]) -> [Vec<Vec<Cell>>; 3] {
    let at = Cell::Int(chrono::Utc::now().timestamp_millis());
    let text = |s: &str| Cell::Text(s.to_string());
    let mut out = [Vec::new(), Vec::new(), Vec::new()];
    for item in batch {
        let c = item.concern.as_ref().expect("concern");
        let (id, upload) = (item.concern_id.to_string(), item.upload_id.to_string());
        out[0].push(vec![
            text(&upload),
            text(&device.id.to_string()),
            text(&id),
            Cell::Int(1),
            text("revision"),
            text(&body_hash(item)),
            text("stored"),
            Cell::Null,
            at.clone(),
        ]);
        out[1].push(vec![
            text(&id),
            text(&device.id.to_string()),
            text(&device.unit),
            Cell::Int(1),
            Cell::Int(0),
            text(&c.observed_on.to_string()),
            Cell::Text(values::text(c.recorder_role)),
            Cell::Text(values::text(c.target_group)),
            Cell::Text(values::text(c.age_band)),
            Cell::Text(values::text(c.severity)),
            Cell::Int(0),
            text("[]"),
            text("[]"),
            at.clone(),
            text("henvendelse"),
            text(&serde_json::to_string(&c.signs).expect("json")),
        ]);
        out[2].push(vec![
            text(&id),
            Cell::Int(1),
            text(&upload),
            text(&hash_without_id(item)),
            text(&serde_json::to_string(c).expect("json")),
            at.clone(),
        ]);
    }
    out
}

/// Which of TABLES the raw rows go to: upload, concern, concern_revision.
fn raw_tables() -> [&'static beredskab_server::storage::tables::Table; 3] {
    let find = |name: &str| TABLES.iter().find(|t| t.name == name).expect("table");
    [find("upload"), find("concern"), find("concern_revision")]
}

enum Raw {
    Sqlite(SqliteStorage),
    Pg(PgStorage),
}

async fn ingest(cluster: &Cluster) {
    let dir = tempfile::tempdir().expect("temp dir");
    for backend in ["SQLite", "PostgreSQL"] {
        // Through the service, as laptops send: one device, batches of 500.
        let (server, storage): (LocalServer, Arc<dyn Storage>) = if backend == "SQLite" {
            let server = LocalServer::init(&dir.path().join("http")).await;
            let storage = Arc::clone(&server.storage);
            (server, storage)
        } else {
            let storage: Arc<dyn Storage> = Arc::new(pg(cluster, "ingest_http", 16).await);
            (
                LocalServer::with_storage(Arc::clone(&storage)).await,
                storage,
            )
        };
        let code = admin::enroll(storage.as_ref(), "Bench", 15)
            .await
            .expect("code");
        let client = ServiceClient::new(&server.base()).expect("client");
        let credential = client
            .enroll(&code, "bench")
            .await
            .expect("enroll")
            .credential;
        let batches = new_concerns(INGEST, BATCH);
        let started = Instant::now();
        for (n, batch) in batches.iter().enumerate() {
            let request = SyncRequest {
                anchor: anchor(n as u64 + 1),
                items: batch.clone(),
            };
            client.sync(&credential, &request).await.expect("sync");
        }
        let http = started.elapsed().as_secs_f64();
        assert_eq!(
            storage.current_concerns().await.expect("read").len(),
            INGEST
        );
        server.stop().await;

        // Raw: the same rows by multi-row INSERTs, one transaction per table and batch.
        let raw = if backend == "SQLite" {
            Raw::Sqlite(data_dir::init(&dir.path().join("raw")).expect("store"))
        } else {
            Raw::Pg(pg(cluster, "ingest_raw", 16).await)
        };
        let storage: Arc<dyn Storage> = match &raw {
            Raw::Sqlite(s) => Arc::new(s.clone()),
            Raw::Pg(p) => Arc::new(p.clone()),
        };
        let device = device(storage.as_ref(), 0).await;
        let rows: Vec<_> = new_concerns(INGEST, BATCH)
            .iter()
            .map(|b| raw_rows(&device, b))
            .collect();
        let started = Instant::now();
        for batch in rows {
            for (table, rows) in raw_tables().into_iter().zip(batch) {
                match &raw {
                    Raw::Sqlite(s) => s.insert_rows(table, rows).await.expect("insert"),
                    Raw::Pg(p) => {
                        p.insert_rows(table, &rows).await.expect("insert");
                    }
                }
            }
        }
        let direct = started.elapsed().as_secs_f64();
        assert_eq!(
            storage.current_concerns().await.expect("read").len(),
            INGEST
        );
        println!(
            "ingest, {backend}: {INGEST} concerns in batches of {BATCH}: service over HTTP {:.0} rows/s ({http:.1} s), raw batched insert {:.0} rows/s ({direct:.1} s): service at {:.0} % of raw (goal: at least 50 %)",
            INGEST as f64 / http,
            INGEST as f64 / direct,
            100.0 * direct / http
        );
    }
}

async fn migrate(cluster: &Cluster) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = data_dir::init(&dir.path().join("service")).expect("store");
    let storage: Arc<dyn Storage> = Arc::new(source.clone());
    let device = device(storage.as_ref(), 0).await;
    for (n, batch) in new_concerns(INGEST, BATCH).iter().enumerate() {
        storage
            .sync(&device, &anchor(n as u64 + 1), batch, chrono::Utc::now())
            .await
            .expect("fill");
    }
    let target = pg(cluster, "migrated", 4).await;
    let started = Instant::now();
    let copied = migrate_store::copy(&source, &target, None)
        .await
        .expect("migrate");
    let took = started.elapsed().as_secs_f64();
    let rows: usize = copied.iter().map(|t| t.rows).sum();
    println!(
        "migrate-store: {INGEST} concerns ({rows} rows in all tables) copied and compared in {took:.1} s"
    );
}
