#![allow(dead_code)]
use beredskab_domain::concern::{AgeBand, ConcernData, Severity};
use beredskab_domain::{Pack, Role, TargetGroup};
use beredskab_vault::keyfile::KdfCost;
use beredskab_vault::{Actor, VaultManager};
use chrono::NaiveDate;

pub const PASSPHRASE: &str = "en lang og god sætning";

pub fn actor() -> Actor {
    Actor {
        user: "testbruger".into(),
        device: "testmaskine".into(),
    }
}

pub fn pack() -> Pack {
    beredskab_content::load_embedded(today())
        .expect("default pack")
        .pack
}

pub fn today() -> NaiveDate {
    beredskab_content::today()
}

/// A manager with a cheap key derivation: every test but the cost's own.
pub fn vault_at(dir: &std::path::Path) -> VaultManager {
    VaultManager::with_cost(dir, actor(), KdfCost::FAST_FOR_TESTS)
}

/// A vault set up (and unlocked) in a fresh temp dir.
pub fn new_vault() -> (tempfile::TempDir, VaultManager) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut manager = vault_at(dir.path());
    manager.setup(PASSPHRASE).expect("setup");
    (dir, manager)
}

/// A complete, valid concern about a child.
pub fn concern(pack: &Pack, note: &str) -> ConcernData {
    let sign = pack
        .signs
        .iter()
        .find(|s| s.target_groups.contains(&TargetGroup::BarnUng))
        .expect("sign");
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

/// A small deterministic generator, so failures can be replayed from the seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn marker(&mut self) -> String {
        format!("MRK{:016x}{:016x}", self.next(), self.next())
    }
}

/// Acknowledges every queued change as if the central service had received it.
pub fn sync_everything(m: &mut VaultManager) {
    m.with_vault(|v| {
        let pending = v.outbox_pending(100_000)?;
        let ids: Vec<_> = pending.iter().map(|p| p.upload_id).collect();
        v.outbox_ack(&ids)?;
        Ok(())
    })
    .expect("sync");
}

/// Moves a synced concern's sync time, to test retention without waiting.
pub fn set_synced_at(m: &mut VaultManager, id: &str, at: &str) {
    m.with_vault(|v| {
        v.connection().execute(
            "UPDATE concern SET synced_at = ?2 WHERE id = ?1 AND synced_at IS NOT NULL",
            [id, at],
        )?;
        Ok(())
    })
    .expect("backdate");
}

/// Acknowledges one concern's queued changes, then sets its sync time to `at`.
pub fn sync_concern_at(m: &mut VaultManager, id: &str, at: &str) {
    m.with_vault(|v| {
        let pending = v.outbox_pending(100_000)?;
        let ids: Vec<_> = pending
            .iter()
            .filter(|p| p.concern_id == id)
            .map(|p| p.upload_id)
            .collect();
        assert!(!ids.is_empty(), "{id} has queued changes");
        v.outbox_ack(&ids)?;
        Ok(())
    })
    .expect("sync");
    set_synced_at(m, id, at);
}

/// What an encrypted file looks like: not empty, not plain SQLite, and its
/// bytes spread over all values (no byte value more than twice as common as
/// in random data, over the first 64 KiB). An empty or plain file fails.
pub fn assert_looks_encrypted(path: &std::path::Path) {
    let bytes = std::fs::read(path).unwrap_or_default();
    assert!(
        bytes.len() >= 4096,
        "{}: {} bytes is not an encrypted database",
        path.display(),
        bytes.len()
    );
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "{} is plain SQLite",
        path.display()
    );
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let mut counts = [0usize; 256];
    for b in sample {
        counts[*b as usize] += 1;
    }
    let expected = sample.len() / 256;
    let most = counts.iter().copied().max().unwrap_or(0);
    assert!(
        most <= expected * 2 + 16,
        "{}: byte values are not spread like ciphertext ({most} vs {expected})",
        path.display()
    );
}
