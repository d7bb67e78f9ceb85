//! The service (one instance on SQLite, or two on one PostgreSQL database),
//! two enrolled laptops and a proxy in front of each; running
//! one round of the plan through them, and checking that the service then
//! holds exactly what the laptops committed.

use crate::http::short;
use crate::peer::{laptop, scratch, Committed, Peer};
use crate::plan::{Op, Round};
use crate::proxy::Proxy;
use crate::store_look::{PostgresLook, SqliteLook, StoreLook};
use crate::upstream::{current_storage, start, Shared, Store, Upstream};
use beredskab_domain::concern::Severity;
use beredskab_pg_cluster::Cluster;
use beredskab_protocol::{DeviceStatus, RecordState};
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_server::storage::{Device, Storage};
use beredskab_sync::{enroll, ServiceClient};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::RwLock;
use uuid::Uuid;

pub struct World {
    _dir: tempfile::TempDir,
    pub upstream: Shared,
    pub peers: Vec<Peer>,
    store: StoreLook,
}

impl World {
    /// One instance on a SQLite folder.
    pub async fn new() -> World {
        World::on(None).await
    }

    /// Two instances sharing a new database in `cluster`, or with `None`
    /// one instance on a SQLite folder.
    pub async fn on(cluster: Option<&Cluster>) -> World {
        let dir = scratch();
        let (store, servers, look) = match cluster {
            None => {
                let folder = dir.path().join("service");
                let server = LocalServer::init(&folder).await;
                let look = StoreLook::Sqlite(SqliteLook::open(&folder));
                (Store::Sqlite(folder), vec![server], look)
            }
            Some(cluster) => {
                let url = cluster.new_database(&format!("world_{}", Uuid::new_v4().simple()));
                let store = Store::Postgres(url.clone());
                let servers = vec![start(&store).await, start(&store).await];
                let look = StoreLook::Postgres(PostgresLook::open(&url).await);
                (store, servers, look)
            }
        };
        // Enrolled through the last instance: the first serves the laptops first.
        let base = servers.last().expect("an instance").base();
        let storage = Arc::clone(&servers[0].storage);
        let upstream: Shared = Arc::new(RwLock::new(Upstream::new(store, servers)));
        let mut peers = Vec::new();
        for (n, unit) in ["Skole Nord", "Jobcenter Syd"].into_iter().enumerate() {
            let laptop = laptop();
            let code = admin::enroll(storage.as_ref(), unit, 15)
                .await
                .expect("an enrollment code");
            enroll(&laptop.vault, &base, &code, &format!("pc-{n}"))
                .await
                .expect("enroll");
            let account = laptop.with(|v| v.sync_account()).expect("enrolled");
            let device = Uuid::parse_str(&account.device_id).expect("device id");
            let proxy = Proxy::start(Arc::clone(&upstream), device).await;
            let client = ServiceClient::with_timeout(&proxy.base(), Duration::from_secs(30))
                .expect("client");
            peers.push(Peer {
                unit: unit.to_string(),
                laptop,
                device,
                proxy,
                client,
                committed: Vec::new(),
            });
        }
        World {
            store: look,
            _dir: dir,
            upstream,
            peers,
        }
    }

    pub async fn stop(self) {
        for peer in self.peers {
            peer.proxy.stop().await;
        }
        self.upstream.write().await.stop_all().await;
    }

    /// One round; on failure, what went wrong and what the proxies saw.
    pub async fn run(&mut self, round: &Round) -> Result<(), String> {
        for peer in &self.peers {
            peer.proxy.take_log();
            peer.proxy.take_problems();
        }
        let mut trace = Vec::new();
        let result = self.steps(round, &mut trace).await;
        result.map_err(|failure| {
            let mut report = format!("{failure}\n-- laptop work:\n");
            for line in &trace {
                let _ = writeln!(report, "   {line}");
            }
            for peer in &self.peers {
                let _ = writeln!(report, "-- proxy of {}:", peer.unit);
                for line in peer.proxy.take_log() {
                    let _ = writeln!(report, "   {line}");
                }
            }
            report
        })
    }

    async fn steps(&mut self, round: &Round, trace: &mut Vec<String>) -> Result<(), String> {
        let mut touched = BTreeSet::new();
        for (n, step) in round.steps.iter().enumerate() {
            for &op in &step.ops {
                let laptop = match op {
                    Op::Register { laptop }
                    | Op::Update { laptop, .. }
                    | Op::Delete { laptop, .. } => laptop,
                };
                if let Some(id) = self.peers[laptop].apply(op) {
                    trace.push(format!(
                        "step {n}: {} {op:?} on {}",
                        self.peers[laptop].unit,
                        short(&Uuid::parse_str(&id).expect("id"))
                    ));
                    touched.insert((laptop, id));
                }
            }
            let drain = step.drain || n + 1 == round.steps.len();
            for (peer, plan) in self.peers.iter().zip(&step.plans) {
                peer.proxy.begin(plan);
            }
            let (a, b) = (&self.peers[0], &self.peers[1]);
            let (first, second) = if step.together {
                tokio::join!(
                    a.sync(step.batch[0], step.retries, drain),
                    b.sync(step.batch[1], step.retries, drain)
                )
            } else {
                let first = a.sync(step.batch[0], step.retries, drain).await;
                (first, b.sync(step.batch[1], step.retries, drain).await)
            };
            // Anything held back reaches the service before the laptops work
            // on — unless the plan carries it into the next step, to arrive
            // behind newer work. The round ends with nothing held back.
            let carry_held = step.carry_held && n + 1 < round.steps.len();
            for peer in &self.peers {
                peer.proxy.end_step(carry_held).await;
            }
            first?;
            second?;
        }
        self.check(&touched).await
    }

    /// The service holds exactly what the laptops committed.
    pub async fn check(&mut self, touched: &BTreeSet<(usize, String)>) -> Result<(), String> {
        let mut problems = Vec::new();
        for peer in &self.peers {
            let queued = peer.laptop.queued();
            if queued != 0 {
                problems.push(format!("{}: {queued} changes still queued", peer.unit));
            }
            // Late copies behind newer work that the service did not refuse.
            problems.extend(peer.proxy.take_problems());
        }
        let storage = current_storage(&self.upstream).await;
        let conflicts = storage.conflicts().await.expect("conflicts");
        if !conflicts.is_empty() {
            problems.push(format!("conflicts kept for review: {conflicts:?}"));
        }
        let devices = storage.devices().await.expect("devices");
        for peer in &self.peers {
            match devices.iter().find(|d| d.id == peer.device) {
                Some(d) if d.status == DeviceStatus::Active && d.flag.is_none() => {}
                other => problems.push(format!("{}: device is {other:?}", peer.unit)),
            }
        }
        let stored = storage.current_concerns().await.expect("current concerns");
        let mut seen = HashSet::new();
        for c in &stored {
            if !seen.insert(c.concern_id) {
                problems.push(format!("{} is stored twice", c.concern_id));
            }
        }
        let actual: BTreeMap<Uuid, (&str, Severity)> = stored
            .iter()
            .map(|c| (c.concern_id, (c.unit.as_str(), c.severity)))
            .collect();
        let expected: BTreeMap<Uuid, (&str, Severity)> = self
            .peers
            .iter()
            .flat_map(|peer| {
                peer.committed.iter().filter(|c| !c.deleted).map(|c| {
                    (
                        Uuid::parse_str(&c.id).expect("id"),
                        (peer.unit.as_str(), c.severity),
                    )
                })
            })
            .collect();
        for (id, want) in &expected {
            match actual.get(id) {
                None => problems.push(format!("lost: {id} {want:?}")),
                Some(got) if got != want => problems.push(format!(
                    "{id}: the service has {got:?}, the laptop {want:?}"
                )),
                Some(_) => {}
            }
        }
        for (id, got) in &actual {
            if !expected.contains_key(id) {
                problems.push(format!("extra: {id} {got:?} (deleted or never made)"));
            }
        }

        for (laptop, id) in touched {
            let peer = &self.peers[*laptop];
            let committed = peer
                .committed
                .iter()
                .find(|c| &c.id == id)
                .expect("a touched concern is tracked");
            if let Err(p) = World::check_record(&storage, &devices, peer, committed).await {
                problems.push(p);
            }
        }
        problems.extend(self.store.new_uploads().await);
        for (_, id) in touched {
            problems.extend(self.store.history(id).await);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    async fn check_record(
        storage: &Arc<dyn Storage>,
        devices: &[Device],
        peer: &Peer,
        committed: &Committed,
    ) -> Result<(), String> {
        let device = devices
            .iter()
            .find(|d| d.id == peer.device)
            .expect("enrolled device");
        let id = Uuid::parse_str(&committed.id).expect("id");
        let record = storage.record(device, id).await.expect("record");
        let ok = match &record {
            Some(r) if committed.deleted => r.state == RecordState::Deleted && r.conflicts == 0,
            Some(r) => {
                r.state == RecordState::Current
                    && i64::from(r.revision) == committed.revision
                    && r.conflicts == 0
            }
            None => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "{}: {id} committed as {committed:?}, the service's record is {record:?}",
                peer.unit
            ))
        }
    }

    /// Every concern either laptop ever made, against the service's record.
    pub async fn check_everything(&self) -> Result<usize, String> {
        let storage = current_storage(&self.upstream).await;
        let devices = storage.devices().await.expect("devices");
        let mut problems = Vec::new();
        let mut count = 0;
        for peer in &self.peers {
            for committed in &peer.committed {
                count += 1;
                if let Err(p) = World::check_record(&storage, &devices, peer, committed).await {
                    problems.push(p);
                }
            }
        }
        problems.extend(self.store.everything().await);
        if problems.is_empty() {
            Ok(count)
        } else {
            Err(problems.join("\n"))
        }
    }
}
