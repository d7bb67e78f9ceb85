//! The PostgreSQL backend passes the same conformance suite as SQLite, on a
//! real PostgreSQL cluster this test starts in a temp folder on a free
//! loopback port (and stops); its migrations are strict.

use beredskab_pg_cluster::Cluster;
use beredskab_server::storage::postgres::{migrate, PgOptions, PgStorage};
use beredskab_server::storage::{conformance, Storage, StorageError};
use beredskab_sqlite::Migration;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_passes_the_conformance_suite() {
    let cluster = Cluster::start();
    let counter = AtomicUsize::new(0);
    conformance::run(|| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        let url = cluster.new_database(&format!("check_{n}"));
        async move {
            let store = PgStorage::connect(&url, &PgOptions::default())
                .await
                .expect("connect");
            Arc::new(store) as Arc<dyn Storage>
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_are_strict_and_safe_to_run_from_two_instances_at_once() {
    let cluster = Cluster::start();
    let url = cluster.new_database("strict");
    // Two instances starting together on an empty database: one migrates,
    // the other waits and finds it done.
    let options = PgOptions::default();
    let (a, b) = tokio::join!(
        PgStorage::connect(&url, &options),
        PgStorage::connect(&url, &options)
    );
    let store = a.expect("first instance");
    b.expect("second instance");
    store.ping().await.expect("ping");
    let client = store.pool().get().await.expect("a connection");
    let applied: i64 = client
        .query_one("SELECT count(*) FROM schema_migration", &[])
        .await
        .expect("count")
        .get(0);
    assert_eq!(applied, migrate::MIGRATIONS.len() as i64);

    // A shipped migration whose text changed is refused.
    let mut raw = store.pool().get().await.expect("a connection");
    let edited = [Migration {
        version: 1,
        name: "server",
        sql: "SELECT 1",
    }];
    match migrate::migrate(&mut raw, &edited).await {
        Err(StorageError::Backend(why)) => assert!(why.contains("differs"), "{why}"),
        other => panic!("an edited migration must be refused, got {other:?}"),
    }

    // A store made by a newer server is refused, and left as it was.
    client
        .execute(
            "INSERT INTO schema_migration (version, name, sha256) VALUES (99, 'future', 'x')",
            &[],
        )
        .await
        .expect("a newer schema");
    match PgStorage::connect(&url, &PgOptions::default()).await {
        Err(StorageError::NewerSchema { found: 99, known }) => {
            assert_eq!(known as usize, migrate::MIGRATIONS.len())
        }
        Err(other) => panic!("expected NewerSchema, got {other}"),
        Ok(_) => panic!("expected NewerSchema, got a store"),
    }
}

#[tokio::test]
async fn a_bad_url_is_refused_without_echoing_it() {
    let secret = "s3cret-password";
    let url = format!("postgres://user:{secret}@127.0.0.1:notaport/db");
    match PgStorage::connect(&url, &PgOptions::default()).await {
        Err(e) => assert!(!e.to_string().contains(secret), "{e}"),
        Ok(_) => panic!("a bad URL must be refused"),
    }
}
