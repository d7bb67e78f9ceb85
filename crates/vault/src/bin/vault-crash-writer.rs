//! Test helper for the crash test (tests/crash.rs): unlocks the vault in the
//! folder given as the first argument (passphrase from BEREDSKAB_TEST_PASSPHRASE)
//! and saves concerns until it is killed, printing `ack <id> <n>` after each
//! commit. Not part of the app.

use beredskab_core::model::{Role, TargetGroup};
use beredskab_core::pack;
use beredskab_vault::concern::{AgeBand, ConcernData, Severity};
use beredskab_vault::{Actor, VaultManager};
use std::io::Write;

fn main() {
    let dir = std::env::args().nth(1).expect("vault folder");
    let passphrase = std::env::var("BEREDSKAB_TEST_PASSPHRASE").expect("passphrase");
    let pack = pack::load_embedded(pack::today()).expect("pack");
    let today = pack::today();
    let actor = Actor {
        user: "crash".into(),
        device: "test".into(),
    };
    let mut manager = VaultManager::new(std::path::Path::new(&dir), actor);
    manager.unlock(&passphrase).expect("unlock");
    let sign = pack.signs[0].id.clone();
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let data = ConcernData {
            observed_on: Some(today),
            recorder_role: Some(Role::LaererPaedagog),
            recorder_unit: "Enhed".into(),
            target_group: Some(TargetGroup::BarnUng),
            age_band: Some(AgeBand::A6to12),
            signs: vec![sign.clone()],
            severity: Some(Severity::Lav),
            note: format!("crash-{n}-{}", "z".repeat((n % 50) as usize * 40)),
            ..Default::default()
        };
        let saved = if n % 3 == 0 {
            manager.with_vault(|v| v.save_draft(None, &data, &pack, today))
        } else {
            manager.with_vault(|v| v.register(None, &data, false, &pack, today))
        }
        .expect("save");
        writeln!(out, "ack {} {n}", saved.id).expect("stdout");
        out.flush().expect("flush");
    }
}
