//! `migrate-store` moves a municipality's SQLite store to PostgreSQL: every
//! table (devices, concerns with revisions and conflicts, activities,
//! releases, the service's log, tokens), again without doubles after an
//! interruption, refusing a database that holds other data. Real files, a
//! real cluster started by the test, the real binary.

#[path = "report/year.rs"]
#[allow(dead_code)]
mod year;

use beredskab_pg_cluster::Cluster;
use beredskab_protocol::{AnchorPoint, AuditAnchor};
use beredskab_server::migrate_store::{self, MigrateError};
use beredskab_server::storage::postgres;
use beredskab_server::storage::sqlite::SqliteStorage;
use beredskab_server::storage::tables::TABLES;
use beredskab_server::storage::Storage;
use beredskab_server::{admin, data_dir};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use year::*;

fn migrate(from: &Path, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beredskab-server"))
        .arg("migrate-store")
        .arg("--from")
        .arg(format!("sqlite:{}", from.display()))
        .arg("--to")
        .arg(to)
        .env_remove("BEREDSKAB_DATABASE_URL")
        .output()
        .expect("run migrate-store")
}

/// A service folder with a year's work of 12 units, a conflict, a revoked
/// device, a release, a token and an unused code.
async fn filled_store(folder: &Path) -> SqliteStorage {
    let sqlite = data_dir::init(folder).expect("init");
    let store: Arc<dyn Storage> = Arc::new(sqlite.clone());
    let mut rng = Rng(7);
    let units: Vec<usize> = (0..12).collect();
    let concerns = concerns(&mut rng, 3_000, day(2026, 1, 1), day(2026, 11, 20), &units);
    let activities = activities(&mut rng, 300, day(2026, 1, 1), day(2026, 11, 20), &units);
    let mut fleet = Fleet::enroll(&store, at(2026, 1, 2), units.len()).await;
    fleet
        .sync(&store, &concerns, &activities, &units, at(2026, 11, 27))
        .await;
    // A reused upload id with another body: kept for review.
    let (device, count) = &fleet.devices[0];
    let mine = concerns
        .iter()
        .find(|c| c.unit == 0 && !c.deleted)
        .expect("a concern of unit 0")
        .clone();
    let mut again = items_of(&[mine], &[]);
    again[0].revision = 9;
    again[0].upload_id = uuid::Uuid::now_v7();
    let head = AnchorPoint {
        count: count + 1,
        hash: format!("h0-{}", count + 1),
    };
    let anchor = AuditAnchor {
        taken_at: at(2026, 11, 28),
        head,
        confirmed: Some(AnchorPoint {
            count: *count,
            hash: format!("h0-{count}"),
        }),
    };
    let _ = store
        .sync(device, &anchor, &again, at(2026, 11, 28))
        .await
        .expect("a conflict is an answer");
    admin::revoke(store.as_ref(), fleet.devices[11].0.id)
        .await
        .expect("revoke");
    admin::enroll(store.as_ref(), "Skole Øst", 15)
        .await
        .expect("a code");
    admin::new_admin_token(store.as_ref(), "dashboard")
        .await
        .expect("token");
    let key = folder.with_extension("publisher.key");
    admin::new_publisher_key(&key).expect("key");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    admin::publish(store.as_ref(), &content, &key, None)
        .await
        .expect("publish");
    assert!(!store.conflicts().await.expect("conflicts").is_empty());
    sqlite
}

async fn same_service(a: &dyn Storage, b: &dyn Storage) {
    assert_eq!(
        a.devices().await.expect("read"),
        b.devices().await.expect("read")
    );
    assert_eq!(
        a.current_concerns().await.expect("read"),
        b.current_concerns().await.expect("read")
    );
    assert_eq!(
        a.current_activities().await.expect("read"),
        b.current_activities().await.expect("read")
    );
    assert_eq!(
        a.conflicts().await.expect("read"),
        b.conflicts().await.expect("read")
    );
    assert_eq!(
        a.latest_release().await.expect("read"),
        b.latest_release().await.expect("read")
    );
    assert_eq!(
        a.log_entries(10_000).await.expect("read"),
        b.log_entries(10_000).await.expect("read")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_moves_to_postgres_once_even_when_interrupted() {
    let cluster = Cluster::start();
    let temp = tempfile::tempdir().expect("temp dir");
    let folder = temp.path().join("service");
    let source = filled_store(&folder).await;
    let url = cluster.new_database("kommune");
    let target = postgres::open(&url, None).await.expect("connect");

    // Interrupted part-way: some rows are in, the copy is not done.
    match migrate_store::copy(&source, &target, Some(5_000)).await {
        Err(MigrateError::Stopped(n)) => assert!(n >= 5_000, "{n}"),
        other => panic!("expected a stop, got {other:?}"),
    }
    let partial = target.read_table(&TABLES[3]).await.expect("uploads");
    assert!(!partial.is_empty(), "the interrupted run wrote some rows");

    // Run again, by the command IT operations use: it finishes the copy.
    let out = migrate(&folder, &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(lines.lines().count(), TABLES.len(), "{lines}");
    same_service(&source, &target).await;
    for table in TABLES {
        assert_eq!(
            source.read_table(table).await.expect("read"),
            target.read_table(table).await.expect("read"),
            "table {} is copied row for row",
            table.name
        );
    }

    // A third run finds everything there and adds nothing.
    let out = migrate(&folder, &url);
    assert!(out.status.success());
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        assert!(line.contains("\t0 nye\t"), "{line}");
    }

    // The moved service goes on: the devices' credentials and audit heads
    // came along, and new numbers follow the copied ones.
    let device = target
        .device_by_credential("cred-3")
        .await
        .expect("read")
        .expect("a moved device");
    assert!(device.anchor.is_some());
    admin::enroll(&target, "Skole Vest", 15).await.expect("log");
    assert_eq!(
        target.log_entries(1).await.expect("read")[0].action,
        "enroll_code"
    );

    // Another municipality's store is refused, and nothing is touched.
    let other = temp.path().join("other");
    drop(filled_store(&other).await);
    let before = target.read_table(&TABLES[4]).await.expect("read");
    let out = migrate(&other, &url);
    assert!(!out.status.success());
    let why = String::from_utf8_lossy(&out.stderr);
    assert!(why.contains("not in this store"), "{why}");
    assert_eq!(before, target.read_table(&TABLES[4]).await.expect("read"));
}

#[test]
fn bad_arguments_are_refused_with_a_reason() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = migrate(&temp.path().join("none"), "mysql://x");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("postgres://"));
    let out = Command::new(env!("CARGO_BIN_EXE_beredskab-server"))
        .args([
            "migrate-store",
            "--from",
            "/var/x",
            "--to",
            "postgres://x@127.0.0.1/db",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sqlite:PATH"));
}
