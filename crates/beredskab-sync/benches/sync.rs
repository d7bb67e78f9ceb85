//! Sync figures for BENCHMARKS.md, against the real service on loopback:
//!   push     10,000 concerns from one laptop's vault, end to end
//!   ingest   the service's ingest over HTTP vs the same rows straight into
//!            the same kind of store in this process (both in one run)
//!   devices  500 devices syncing at once for a bounded time
//! `cargo bench -p beredskab-sync --bench sync [-- push|ingest|devices]`

use beredskab_domain::concern::{AgeBand, ConcernData, Severity};
use beredskab_domain::{Role, TargetGroup};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ConcernUpload, SyncRequest, UploadItem, UploadKind,
};
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_sync::push::PushLimits;
use beredskab_sync::{enroll, push, RetryPolicy, ServiceClient};
use beredskab_vault::keyfile::KdfCost;
use beredskab_vault::{Actor, VaultManager};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

const CONCERNS: usize = 10_000;
const BATCH: usize = 500;
const DEVICES: usize = 500;
const LOAD_SECONDS: u64 = 10;

fn main() {
    let which: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| which.is_empty() || which.iter().any(|w| w == name);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
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

fn data(pack: &beredskab_domain::Pack, i: usize) -> ConcernData {
    let sign = pack
        .signs
        .iter()
        .find(|s| s.target_groups.contains(&TargetGroup::BarnUng))
        .expect("sign");
    ConcernData {
        observed_on: Some(beredskab_content::today()),
        recorder_role: Some(Role::LaererPaedagog),
        recorder_unit: format!("Skole {}", i % 7),
        target_group: Some(TargetGroup::BarnUng),
        age_band: Some(AgeBand::A13to17),
        gender: None,
        signs: vec![sign.id.clone()],
        severity: Some([Severity::Lav, Severity::Middel, Severity::Hoej][i % 3]),
        note: String::new(),
        follow_up: None,
        case_ref: None,
        case_stage: Default::default(),
        actions: Default::default(),
    }
}

fn pack() -> beredskab_domain::Pack {
    beredskab_content::load_embedded(beredskab_content::today())
        .expect("pack")
        .pack
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

fn items(pack: &beredskab_domain::Pack) -> Vec<Vec<UploadItem>> {
    (0..CONCERNS)
        .map(|i| UploadItem {
            upload_id: Uuid::now_v7(),
            concern_id: Uuid::new_v4(),
            revision: 1,
            kind: UploadKind::Revision,
            record: Default::default(),
            activity: None,
            concern: Some(ConcernUpload::from_data(&data(pack, i)).expect("complete")),
        })
        .collect::<Vec<_>>()
        .chunks(BATCH)
        .map(|c| c.to_vec())
        .collect()
}

fn anchor() -> AuditAnchor {
    AuditAnchor {
        head: AnchorPoint {
            count: 1,
            hash: "0".repeat(64),
        },
        confirmed: None,
        taken_at: chrono::Utc::now(),
    }
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
    let pack = pack();
    let mut http = Vec::new();
    let mut direct = Vec::new();
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("temp dir");
        let batches = items(&pack);
        let (server, credential) = service_with_device(&dir.path().join("a"), "Bench").await;
        let client = ServiceClient::new(&server.base()).expect("client");
        let started = Instant::now();
        for batch in &batches {
            let request = SyncRequest {
                anchor: anchor(),
                items: batch.clone(),
            };
            client.sync(&credential, &request).await.expect("sync");
        }
        http.push(started.elapsed().as_secs_f64());
        server.stop().await;

        let batches = items(&pack);
        let (server, _) = service_with_device(&dir.path().join("b"), "Bench").await;
        let device = server.storage.devices().await.expect("devices").remove(0);
        let started = Instant::now();
        for batch in &batches {
            server
                .storage
                .sync(&device, &anchor(), batch, chrono::Utc::now())
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
    let base = server.base();
    let pack = Arc::new(pack());
    let mut credentials = Vec::new();
    let client = ServiceClient::new(&base).expect("client");
    for i in 0..DEVICES {
        let code = admin::enroll(server.storage.as_ref(), &format!("Enhed {}", i % 20), 15)
            .await
            .expect("code");
        credentials.push(
            client
                .enroll(&code, "bench")
                .await
                .expect("enroll")
                .credential,
        );
    }
    let until = Instant::now() + Duration::from_secs(LOAD_SECONDS);
    let started = Instant::now();
    let tasks: Vec<_> = credentials
        .into_iter()
        .enumerate()
        .map(|(n, credential)| {
            let client = ServiceClient::new(&base).expect("client");
            let pack = Arc::clone(&pack);
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut count = 1u64;
                while Instant::now() < until {
                    let items: Vec<UploadItem> = (0..5)
                        .map(|i| UploadItem {
                            upload_id: Uuid::now_v7(),
                            concern_id: Uuid::new_v4(),
                            revision: 1,
                            kind: UploadKind::Revision,
                            record: Default::default(),
                            activity: None,
                            concern: Some(
                                ConcernUpload::from_data(&data(&pack, n + i)).expect("complete"),
                            ),
                        })
                        .collect();
                    let request = SyncRequest {
                        anchor: AuditAnchor {
                            head: AnchorPoint {
                                count,
                                hash: format!("{count:064}"),
                            },
                            confirmed: (count > 1).then(|| AnchorPoint {
                                count: count - 1,
                                hash: format!("{:064}", count - 1),
                            }),
                            taken_at: chrono::Utc::now(),
                        },
                        items,
                    };
                    let sent = Instant::now();
                    match client.sync(&credential, &request).await {
                        Ok(_) => {
                            latencies.push(sent.elapsed());
                            count += 1;
                        }
                        Err(_) => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (l, e) = task.await.expect("task");
        latencies.extend(l);
        errors += e;
    }
    let took = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "devices: {DEVICES} at once for {LOAD_SECONDS} s: {} syncs of 5 items = {:.0} syncs/s, p50 {:.1} ms, p99 {:.1} ms, {errors} errors (goal: p99 under 250 ms, 0 errors, at least 300/s)",
        latencies.len(),
        latencies.len() as f64 / took,
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
    );
    server.stop().await;
}
