//! What the sync benchmarks share: a complete concern, the built-in pack,
//! and 500 devices syncing at once against one or more instances.

#![allow(dead_code)]

use beredskab_domain::concern::{AgeBand, ConcernData, Severity};
use beredskab_domain::{Role, TargetGroup};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ConcernUpload, SyncRequest, UploadItem, UploadKind,
};
use beredskab_server::admin;
use beredskab_server::storage::Storage;
use beredskab_sync::ServiceClient;
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const DEVICES: usize = 500;
pub const LOAD_SECONDS: u64 = 10;

pub fn data(pack: &beredskab_domain::Pack, i: usize) -> ConcernData {
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

pub fn pack() -> beredskab_domain::Pack {
    beredskab_content::load_embedded(beredskab_content::today())
        .expect("pack")
        .pack
}

/// Which parts of a benchmark were asked for (none named: all).
pub fn wanted() -> impl Fn(&str) -> bool {
    let which: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    move |name| which.is_empty() || which.iter().any(|w| w == name)
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// `n` new concerns (first revisions) in batches of `batch`.
pub fn new_concerns(n: usize, batch: usize) -> Vec<Vec<UploadItem>> {
    let pack = pack();
    (0..n)
        .map(|i| UploadItem {
            upload_id: Uuid::now_v7(),
            concern_id: Uuid::new_v4(),
            revision: 1,
            kind: UploadKind::Revision,
            record: Default::default(),
            activity: None,
            concern: Some(ConcernUpload::from_data(&data(&pack, i)).expect("complete")),
        })
        .collect::<Vec<_>>()
        .chunks(batch)
        .map(|c| c.to_vec())
        .collect()
}

/// A device's audit head at `count`, the one before it confirmed.
pub fn anchor(count: u64) -> AuditAnchor {
    AuditAnchor {
        head: AnchorPoint {
            count,
            hash: format!("{count:064}"),
        },
        confirmed: (count > 1).then(|| AnchorPoint {
            count: count - 1,
            hash: format!("{:064}", count - 1),
        }),
        taken_at: chrono::Utc::now(),
    }
}

pub struct LoadFigures {
    pub syncs: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: usize,
}

impl LoadFigures {
    pub fn line(&self) -> String {
        format!(
            "{DEVICES} at once for {LOAD_SECONDS} s: {} syncs of 5 items = {:.0} syncs/s, p50 {:.1} ms, p99 {:.1} ms, {} errors (goal: p99 under 250 ms, 0 errors, at least 300/s)",
            self.syncs, self.per_second, self.p50_ms, self.p99_ms, self.errors
        )
    }
}

/// How the devices send: each the moment its last answer came (the most the
/// service can take), or each on its own clock so that together they offer
/// `per_second` syncs a second (latency counted from when a sync was due,
/// so a slow answer that delays the next one is not hidden).
#[derive(Clone, Copy)]
pub enum Pace {
    BackToBack,
    Offered { per_second: f64 },
}

impl LoadFigures {
    pub fn pace_line(&self, pace: Pace) -> String {
        match pace {
            Pace::BackToBack => format!("back to back: {}", self.line()),
            Pace::Offered { per_second } => {
                format!("offered {per_second:.0} syncs/s: {}", self.line())
            }
        }
    }
}

/// DEVICES devices, enrolled through `storage`'s codes, each syncing 5 new
/// concerns a request at `pace` for LOAD_SECONDS; device n talks to
/// `bases[n % bases.len()]`.
pub async fn devices_at_once(storage: &dyn Storage, bases: &[String], pace: Pace) -> LoadFigures {
    let pack = Arc::new(pack());
    let mut credentials = Vec::new();
    for i in 0..DEVICES {
        let client = ServiceClient::new(&bases[i % bases.len()]).expect("client");
        let code = admin::enroll(storage, &format!("Enhed {}", i % 20), 15)
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
            let client = ServiceClient::new(&bases[n % bases.len()]).expect("client");
            let pack = Arc::clone(&pack);
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut count = 1u64;
                let mut due = match pace {
                    Pace::BackToBack => None,
                    Pace::Offered { per_second } => {
                        let period = Duration::from_secs_f64(DEVICES as f64 / per_second);
                        // Spread over one period, so the offered rate is even.
                        let first = started + period.mul_f64(n as f64 / DEVICES as f64);
                        Some((first, period))
                    }
                };
                while Instant::now() < until {
                    if let Some((at, _)) = due {
                        if at >= until {
                            break;
                        }
                        tokio::time::sleep_until(at.into()).await;
                    }
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
                        anchor: anchor(count),
                        items,
                    };
                    let sent = due.map_or_else(Instant::now, |(at, _)| at);
                    if let Some((at, period)) = due.as_mut() {
                        *at += *period;
                    }
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
    let at = |q: f64| {
        latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)].as_secs_f64()
            * 1000.0
    };
    LoadFigures {
        syncs: latencies.len(),
        per_second: latencies.len() as f64 / took,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        errors,
    }
}
