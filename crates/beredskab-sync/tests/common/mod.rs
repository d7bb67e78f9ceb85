//! A laptop (a real vault in a temp folder) and the real service on a
//! loopback port, for the sync tests.

#![allow(dead_code)]

use beredskab_domain::concern::{AgeBand, ConcernData, ConcernFilter, ConcernSummary, Severity};
use beredskab_domain::{Pack, Role, TargetGroup};
use beredskab_server::admin;
use beredskab_server::local::LocalServer;
use beredskab_sync::RetryPolicy;
use beredskab_vault::keyfile::KdfCost;
use beredskab_vault::{Actor, VaultManager};
use chrono::NaiveDate;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const PASSPHRASE: &str = "en lang og god sætning";

pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub vault: Arc<Mutex<VaultManager>>,
    pub pack: Pack,
}

impl Laptop {
    pub fn new() -> Laptop {
        let dir = tempfile::tempdir().expect("temp dir");
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

    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut beredskab_vault::Vault) -> Result<T, beredskab_vault::VaultError>,
    ) -> T {
        self.vault
            .lock()
            .expect("vault")
            .with_vault(f)
            .expect("vault step")
    }

    pub fn register(&self, note: &str) -> ConcernSummary {
        let data = concern(&self.pack, note);
        let pack = self.pack.clone();
        self.with(move |v| v.register(None, &data, false, &pack, today()))
    }

    pub fn update(&self, id: &str, note: &str) -> ConcernSummary {
        let mut data = concern(&self.pack, note);
        data.severity = Some(Severity::Hoej);
        let pack = self.pack.clone();
        let id = id.to_string();
        self.with(move |v| v.update(&id, &data, false, &pack, today()))
    }

    pub fn concerns(&self) -> Vec<ConcernSummary> {
        self.with(|v| v.list(&ConcernFilter::default(), 100_000))
    }

    pub fn queued(&self) -> usize {
        self.with(|v| v.outbox_pending(100_000)).len()
    }
}

pub fn manager_at(dir: &std::path::Path) -> VaultManager {
    let actor = Actor {
        user: "raadgiver".into(),
        device: "pc-test".into(),
    };
    VaultManager::with_cost(dir, actor, KdfCost::FAST_FOR_TESTS)
}

pub fn today() -> NaiveDate {
    beredskab_content::today()
}

/// A complete concern about a child, as a teacher records it.
pub fn concern(pack: &Pack, note: &str) -> ConcernData {
    let sign = pack
        .signs
        .iter()
        .find(|s| s.target_groups.contains(&TargetGroup::BarnUng))
        .expect("a sign for children");
    ConcernData {
        observed_on: Some(today()),
        recorder_role: Some(Role::LaererPaedagog),
        recorder_unit: "Skole A, 7. klasse".into(),
        target_group: Some(TargetGroup::BarnUng),
        age_band: Some(AgeBand::A13to17),
        gender: None,
        signs: vec![sign.id.clone()],
        severity: Some(Severity::Middel),
        note: note.into(),
        follow_up: None,
        case_ref: None,
        case_stage: Default::default(),
        actions: Default::default(),
    }
}

/// The service in a temp folder on a loopback port.
pub struct Service {
    pub dir: tempfile::TempDir,
    pub server: LocalServer,
}

impl Service {
    pub async fn start() -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = LocalServer::init(&dir.path().join("service")).await;
        Service { dir, server }
    }

    pub fn folder(&self) -> std::path::PathBuf {
        self.dir.path().join("service")
    }

    pub async fn code(&self, unit: &str) -> String {
        admin::enroll(self.server.storage.as_ref(), unit, 15)
            .await
            .expect("an enrollment code")
    }

    /// A new laptop enrolled for `unit` with a fresh code.
    pub async fn enrolled_laptop(&self, unit: &str) -> Laptop {
        let laptop = Laptop::new();
        let code = self.code(unit).await;
        beredskab_sync::enroll(&laptop.vault, &self.server.base(), &code, "pc-1")
            .await
            .expect("enroll");
        laptop
    }

    pub async fn stored(&self) -> Vec<beredskab_server::storage::StoredConcern> {
        self.server
            .storage
            .current_concerns()
            .await
            .expect("read the store")
    }
}

/// Retries without real waiting, so a test of many faults stays fast.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_times: 8,
        max_retry_after: Duration::from_secs(2),
    }
}
