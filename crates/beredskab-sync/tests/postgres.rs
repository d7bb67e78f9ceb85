//! The sync engine against the real service on PostgreSQL (a cluster the
//! test starts in a temp folder and stops): the database going away in the
//! middle of a push and coming back. Meanwhile the service answers 503 with
//! `Retry-After`, `/readyz` says not ready, the laptop retries, and in the
//! end the service holds each concern once and the laptop's queue is empty.

mod common;

use beredskab_pg_cluster::Cluster;
use beredskab_server::local::LocalServer;
use beredskab_server::storage::{postgres, Storage};
use beredskab_sync::push::PushLimits;
use beredskab_sync::{enroll, push, RetryPolicy};
use common::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Patient enough to outlast a database restart (the service asks for 5 s).
fn patient() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(1),
        max_times: 20,
        max_retry_after: Duration::from_secs(10),
    }
}

/// `/readyz`'s status and `Retry-After`, waiting up to 20 s for `want`.
async fn readyz_becomes(base: &str, want: u16) -> (u16, Option<String>) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let answer = client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .expect("the service answers even without its database");
        let status = answer.status().as_u16();
        let retry_after = answer
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().expect("ascii").to_string());
        if status == want || Instant::now() > deadline {
            return (status, retry_after);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_going_away_mid_push_loses_nothing_and_doubles_nothing() {
    let mut cluster = Cluster::start();
    let url = cluster.new_database("tjeneste");
    let storage = Arc::new(postgres::open(&url, None).await.expect("connect"));
    let server = LocalServer::with_storage(Arc::clone(&storage) as Arc<dyn Storage>).await;
    let base = server.base();
    assert_eq!(readyz_becomes(&base, 200).await.0, 200);

    let laptop = Laptop::new();
    let code = beredskab_server::admin::enroll(storage.as_ref(), "Skole Nord", 15)
        .await
        .expect("a code");
    enroll(&laptop.vault, &base, &code, "pc-1")
        .await
        .expect("enroll");
    let ids: BTreeSet<Uuid> = (0..240)
        .map(|i| Uuid::parse_str(&laptop.register(&format!("note {i}")).id).expect("id"))
        .collect();

    let vault = Arc::clone(&laptop.vault);
    let pushing = tokio::spawn(async move {
        let limits = PushLimits {
            max_items: 40,
            ..PushLimits::default()
        };
        push(&vault, None, limits, patient()).await
    });
    // Once the first batch is in, the database goes away (an immediate
    // stop: open transactions die with it).
    let watcher = storage.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    while watcher.current_concerns().await.map_or(0, |c| c.len()) == 0 {
        assert!(Instant::now() < deadline, "the first batch never arrived");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::task::block_in_place(|| cluster.stop());

    let (status, retry_after) = readyz_becomes(&base, 503).await;
    assert_eq!(status, 503, "not ready while the database is gone");
    assert_eq!(retry_after.as_deref(), Some("5"));
    let answer = reqwest::Client::new()
        .post(format!("{base}/api/v1/sync"))
        .header("authorization", "Bearer x")
        .header(
            beredskab_protocol::VERSION_HEADER,
            beredskab_protocol::PROTOCOL_VERSION.to_string(),
        )
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("an answer");
    assert_eq!(
        answer.status().as_u16(),
        503,
        "a request needing the database"
    );
    assert!(answer.headers().contains_key("retry-after"));
    assert!(!pushing.is_finished(), "the laptop keeps trying");
    assert!(
        laptop.queued() > 0,
        "what the service did not take stays queued"
    );

    tokio::time::sleep(Duration::from_secs(1)).await;
    tokio::task::block_in_place(|| cluster.start_again());
    assert_eq!(readyz_becomes(&base, 200).await.0, 200, "ready again");

    let report = pushing
        .await
        .expect("the push task")
        .expect("the push ends well");
    assert_eq!(report.refused, 0, "{report:?}");
    assert_eq!(laptop.queued(), 0, "everything acknowledged left the queue");
    let stored = storage.current_concerns().await.expect("read");
    let stored_ids: BTreeSet<Uuid> = stored.iter().map(|c| c.concern_id).collect();
    assert_eq!(stored.len(), stored_ids.len(), "nothing twice");
    assert_eq!(stored_ids, ids, "nothing lost");
    assert!(storage.conflicts().await.expect("read").is_empty());
    server.stop().await;
}
