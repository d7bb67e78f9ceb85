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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_to_the_database_when_the_url_asks_checked_against_the_given_ca() {
    let mut cluster = Cluster::start();
    let temp = tempfile::tempdir().expect("temp dir");
    let (ca, cert, key) = beredskab_pg_cluster::ca_signed_certificate(temp.path());
    cluster.enable_tls(&cert, &key);
    let url = format!("{}?sslmode=require", cluster.new_database("tls"));
    let options = PgOptions {
        ca_file: Some(ca),
        ..PgOptions::default()
    };
    let store = PgStorage::connect(&url, &options)
        .await
        .expect("TLS with the CA");
    let client = store.pool().get().await.expect("a connection");
    let encrypted: bool = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await
        .expect("ssl status")
        .get(0);
    assert!(encrypted, "the connection is encrypted");

    // The system's roots do not know this certificate: refused, not trusted blindly.
    match PgStorage::connect(&url, &PgOptions::default()).await {
        Err(e) => assert!(e.to_string().contains("postgres"), "{e}"),
        Ok(_) => panic!("an unknown certificate must be refused"),
    }
    // A CA file that is not PEM is a clear error.
    let junk = temp.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").expect("write");
    let bad = PgOptions {
        ca_file: Some(junk),
        ..PgOptions::default()
    };
    match PgStorage::connect(&url, &bad).await {
        Err(e) => assert!(e.to_string().contains("CA file"), "{e}"),
        Ok(_) => panic!("a junk CA file must be refused"),
    }
}

/// Two devices on two instances make the same record id at once: device B's
/// tombstone is written but not yet committed when device A's request reads
/// its facts (and sees no record). A's write then waits on B's row; once B
/// commits, A's request must fail whole rather than take B's record over,
/// and its retry is refused as `not_yours`, as on SQLite.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_made_meanwhile_by_another_device_is_not_taken_over() {
    use beredskab_server::storage::conformance::fixtures::{anchor, enrolled, revision, t0};
    let cluster = Cluster::start();
    let url = cluster.new_database("race");
    let store: Arc<dyn Storage> = Arc::new(
        PgStorage::connect(&url, &PgOptions::default())
            .await
            .expect("connect"),
    );
    let a = enrolled(&store, "U", "a").await;
    let b = enrolled(&store, "U", "b").await;
    let id = uuid::Uuid::new_v4();

    let (mut other, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .expect("another instance's connection");
    tokio::spawn(connection);
    let tx = other.transaction().await.expect("begin");
    tx.execute(
        "INSERT INTO concern (id, device_id, unit, revision, deleted, updated_at)
         VALUES ($1, $2, 'U', 1, true, 0)",
        &[&id.to_string(), &b.id.to_string()],
    )
    .await
    .expect("B's tombstone, not yet committed");

    let item = revision(id, 1);
    let racing = {
        let (store, a, item) = (Arc::clone(&store), a.clone(), item.clone());
        tokio::spawn(async move { store.sync(&a, &anchor(1, "h", None), &[item], t0()).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    tx.commit().await.expect("B commits");
    match racing.await.expect("the task") {
        Err(StorageError::Backend(_)) => {}
        other => panic!("A's request must fail whole, got {other:?}"),
    }
    let retry = store
        .sync(&a, &anchor(1, "h", None), &[item], t0())
        .await
        .expect("the retry");
    assert_eq!(retry.results[0].code.as_deref(), Some("not_yours"));
    let row = other
        .query_one(
            "SELECT device_id, deleted FROM concern WHERE id = $1",
            &[&id.to_string()],
        )
        .await
        .expect("B's record");
    assert_eq!(row.get::<_, String>(0), b.id.to_string(), "still B's");
    assert!(row.get::<_, bool>(1), "still deleted");
}
