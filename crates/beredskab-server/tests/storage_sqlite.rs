//! The embedded SQLite backend passes the storage conformance suite, on real
//! files in a temp folder, and refuses a store made by a newer server.

use beredskab_server::storage::sqlite::SqliteStorage;
use beredskab_server::storage::{conformance, Storage, StorageError};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let counter = std::sync::atomic::AtomicUsize::new(0);
    conformance::run(|| {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = dir.path().join(format!("store-{n}.db"));
        async move {
            let store = SqliteStorage::open(&path, &[7; 32]).expect("open");
            Arc::new(store) as Arc<dyn Storage>
        }
    })
    .await;
}

#[test]
fn a_store_is_unreadable_without_its_key_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("store.db");
    drop(SqliteStorage::open(&path, &[1; 32]).expect("open"));
    assert!(
        SqliteStorage::open(&path, &[2; 32]).is_err(),
        "another key opens nothing"
    );
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the file is encrypted"
    );
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{}'\"; PRAGMA user_version = 99;",
            "01".repeat(32)
        ))
        .expect("bump");
    }
    match SqliteStorage::open(&path, &[1; 32]) {
        Err(StorageError::NewerSchema { found: 99, .. }) => {}
        Err(other) => panic!("expected NewerSchema, got {other}"),
        Ok(_) => panic!("expected NewerSchema, got a store"),
    }
}
