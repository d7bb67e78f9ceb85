//! One laptop of the rounds: a real vault, enrolled with the service, that
//! syncs through its own proxy — and this test's model of what it committed,
//! which the service must end up holding.

use crate::common::*;
use crate::plan::{Op, RECENT};
use crate::proxy::Proxy;
use crate::stats::count;
use beredskab_domain::concern::Severity;
use beredskab_protocol::ErrorCode;
use beredskab_sync::push::PushLimits;
use beredskab_sync::{push, RetryPolicy, ServiceClient};
use std::path::Path;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// Pushes a laptop may need to empty its queue once the faults are spent.
const MAX_PUSHES: usize = 40;

/// A temp folder, in memory where the system has one: the rounds test what
/// is stored and answered, not the disk (a restart here is in-process), and
/// every fsync saved keeps 1,000 rounds fast.
pub fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new().prefix("faults").tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("temp dir")
}

/// `Laptop::new`, in a scratch folder.
pub fn laptop() -> Laptop {
    let dir = scratch();
    let mut manager = manager_at(dir.path());
    manager.setup(PASSPHRASE).expect("set up the vault");
    Laptop {
        dir,
        vault: Arc::new(Mutex::new(manager)),
        pack: beredskab_content::load_embedded(today())
            .expect("built-in pack")
            .pack,
    }
}

/// What a laptop committed for one concern, as this test keeps it.
#[derive(Debug, Clone)]
pub struct Committed {
    pub id: String,
    pub revision: i64,
    pub severity: Severity,
    pub deleted: bool,
}

pub struct Peer {
    pub unit: String,
    pub laptop: Laptop,
    pub device: Uuid,
    pub proxy: Proxy,
    pub client: ServiceClient,
    pub committed: Vec<Committed>,
}

impl Peer {
    /// Index into `committed` of one of the newest live concerns.
    fn pick(&self, recent: usize) -> Option<usize> {
        let live: Vec<usize> = self
            .committed
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, c)| !c.deleted)
            .map(|(i, _)| i)
            .take(RECENT)
            .collect();
        (!live.is_empty()).then(|| live[recent % live.len()])
    }

    pub fn apply(&mut self, op: Op) -> Option<String> {
        match op {
            Op::Register { .. } => {
                let summary = self.laptop.register("bekymring");
                assert_eq!(summary.revision, 1);
                self.committed.push(Committed {
                    id: summary.id.clone(),
                    revision: 1,
                    severity: Severity::Middel,
                    deleted: false,
                });
                Some(summary.id)
            }
            Op::Update {
                recent, severity, ..
            } => {
                let index = self.pick(recent)?;
                let id = self.committed[index].id.clone();
                let mut data = concern(&self.laptop.pack, "ændret");
                data.severity = Some(severity);
                let pack = self.laptop.pack.clone();
                let target = id.clone();
                let summary = self
                    .laptop
                    .with(move |v| v.update(&target, &data, false, &pack, today()));
                let entry = &mut self.committed[index];
                entry.revision += 1;
                entry.severity = severity;
                assert_eq!(summary.revision, entry.revision, "the laptop's revision");
                Some(id)
            }
            Op::Delete { recent, .. } => {
                let index = self.pick(recent)?;
                let id = self.committed[index].id.clone();
                let target = id.clone();
                self.laptop.with(move |v| v.delete(&target));
                self.committed[index].deleted = true;
                Some(id)
            }
        }
    }

    /// Pushes through the proxy: until the queue is empty if `drain`, else once.
    pub async fn sync(&self, batch: usize, retries: usize, drain: bool) -> Result<(), String> {
        let limits = PushLimits {
            max_items: batch,
            ..PushLimits::default()
        };
        let policy = RetryPolicy {
            max_times: retries,
            ..quick_retries()
        };
        for _ in 0..MAX_PUSHES {
            match push(&self.laptop.vault, Some(&self.client), limits, policy).await {
                Ok(report) if report.refused > 0 => {
                    return Err(format!(
                        "{}: the service refused a change: {report:?}",
                        self.unit
                    ));
                }
                Ok(_) if !drain || self.laptop.queued() == 0 => {
                    count("pushes ended ok");
                    return Ok(());
                }
                Ok(_) => count("pushes ended ok"),
                // Faults that outlast the retries, and the anchor check after an
                // answer was lost: the next push picks up where this one ended.
                Err(e) if e.is_transient() || e.service_code() == Some(ErrorCode::AnchorCheck) => {
                    count(match e.service_code() {
                        Some(code) => format!("pushes ended {code:?}"),
                        None => format!("pushes ended {:?}", e.code()),
                    });
                    if !drain {
                        return Ok(());
                    }
                }
                Err(e) => return Err(format!("{}: push failed: {e:?}", self.unit)),
            }
        }
        Err(format!(
            "{}: {} changes still queued after {MAX_PUSHES} pushes",
            self.unit,
            self.laptop.queued()
        ))
    }
}
