//! Sync figures for BENCHMARKS.md, against the real service on loopback:
//!   push     10,000 concerns from one laptop's vault, end to end
//!   ingest   the service's ingest over HTTP vs the same rows straight into
//!            the same kind of store in this process (both in one run)
//!   devices  500 devices syncing at once for a bounded time
//! `cargo bench -p beredskab-sync --bench sync [-- push|ingest|devices]`

use beredskab_protocol::SyncRequest;
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_sync::push::PushLimits;
use beredskab_sync::{enroll, push, RetryPolicy, ServiceClient};
use beredskab_vault::keyfile::KdfCost;
use beredskab_vault::{Actor, VaultManager};
use shared::{anchor, data, new_concerns, pack};
use std::sync::{Arc, Mutex};
use std::time::Instant;

mod shared;

const CONCERNS: usize = 10_000;
const BATCH: usize = 500;

fn main() {
    let wants = shared::wanted();
    let runtime = shared::runtime();
    if wants("push") {
        runtime.block_on(push_from_one_laptop());
    }
    if wants("ingest") {
        runtime.block_on(ingest_ratio());
    }
    if wants("devices") {
        runtime.block_on(many_devices());
    }
}

async fn push_from_one_laptop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = LocalServer::init(&dir.path().join("service")).await;
    let mut manager = VaultManager::with_cost(
        &dir.path().join("vault"),
        Actor {
            user: "bench".into(),
            device: "bench".into(),
        },
        KdfCost::FAST_FOR_TESTS,
    );
    manager
        .setup("en lang og god sætning til bench")
        .expect("setup");
    let vault = Arc::new(Mutex::new(manager));
    let code = admin::enroll(server.storage.as_ref(), "Bench", 15)
        .await
        .expect("code");
    enroll(&vault, &server.base(), &code, "bench")
        .await
        .expect("enroll");
    let pack = pack();
    let started = Instant::now();
    {
        let mut m = vault.lock().expect("vault");
        for i in 0..CONCERNS {
            let d = data(&pack, i);
            m.with_vault(|v| v.register(None, &d, false, &pack, beredskab_content::today()))
                .expect("register");
        }
    }
    println!(
        "push: {CONCERNS} concerns registered in the vault in {:.1} s (not part of the figure)",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let report = push(&vault, None, PushLimits::default(), RetryPolicy::default())
        .await
        .expect("push");
    let took = started.elapsed().as_secs_f64();
    let stored = server.storage.current_concerns().await.expect("read").len();
    assert_eq!(stored, CONCERNS, "every concern arrived");
    println!(
        "push: {} sent in {} requests, end to end {:.2} s = {:.0} concerns/s (goal: under 2 s)",
        report.sent,
        report.requests,
        took,
        CONCERNS as f64 / took
    );
    server.stop().await;
}

/// A fresh service with one enrolled device: its credential.
async fn service_with_device(dir: &std::path::Path, unit: &str) -> (LocalServer, String) {
    let server = LocalServer::init(dir).await;
    let code = admin::enroll(server.storage.as_ref(), unit, 15)
        .await
        .expect("code");
    let client = ServiceClient::new(&server.base()).expect("client");
    let enrolled = client.enroll(&code, "bench").await.expect("enroll");
    (server, enrolled.credential)
}

async fn ingest_ratio() {
    let mut http = Vec::new();
    let mut direct = Vec::new();
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("temp dir");
        let batches = new_concerns(CONCERNS, BATCH);
        let (server, credential) = service_with_device(&dir.path().join("a"), "Bench").await;
        let client = ServiceClient::new(&server.base()).expect("client");
        let started = Instant::now();
        for batch in &batches {
            let request = SyncRequest {
                anchor: anchor(1),
                items: batch.clone(),
            };
            client.sync(&credential, &request).await.expect("sync");
        }
        http.push(started.elapsed().as_secs_f64());
        server.stop().await;

        let batches = new_concerns(CONCERNS, BATCH);
        let (server, _) = service_with_device(&dir.path().join("b"), "Bench").await;
        let device = server.storage.devices().await.expect("devices").remove(0);
        let started = Instant::now();
        for batch in &batches {
            server
                .storage
                .sync(&device, &anchor(1), batch, chrono::Utc::now())
                .await
                .expect("direct");
        }
        direct.push(started.elapsed().as_secs_f64());
        server.stop().await;
        println!(
            "ingest round {round}: HTTP {:.3} s, direct {:.3} s",
            http[round], direct[round]
        );
    }
    http.sort_by(f64::total_cmp);
    direct.sort_by(f64::total_cmp);
    let (h, d) = (http[1], direct[1]);
    println!(
        "ingest: {CONCERNS} rows in batches of {BATCH}: HTTP {:.0} rows/s, direct {:.0} rows/s, HTTP at {:.0} % of direct (goal: at least 50 %)",
        CONCERNS as f64 / h,
        CONCERNS as f64 / d,
        100.0 * d / h
    );
}

async fn many_devices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = LocalServer::init(&dir.path().join("service")).await;
    let figures = shared::devices_at_once(
        server.storage.as_ref(),
        &[server.base()],
        shared::Pace::BackToBack,
    )
    .await;
    println!("devices: {}", figures.line());
    server.stop().await;
}
