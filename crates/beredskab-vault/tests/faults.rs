//! A wrong passphrase, or one flipped byte anywhere in the vault file, is
//! refused with a clear error, and nothing is overwritten.

mod common;

use beredskab_vault::manager::DB_FILE;
use beredskab_vault::{VaultError, VaultErrorCode, VaultManager};
use common::*;

const TRIALS: usize = 100;

fn filled_vault() -> tempfile::TempDir {
    let (dir, mut m) = new_vault();
    let pack = pack();
    for i in 0..200 {
        m.with_vault(|v| {
            v.register(
                None,
                &concern(&pack, &format!("note {i} {}", "x".repeat(300))),
                false,
                &pack,
                today(),
            )
        })
        .expect("save");
    }
    m.lock().expect("lock");
    dir
}

#[test]
fn a_wrong_passphrase_is_refused_every_time_and_changes_nothing() {
    let dir = filled_vault();
    let db = dir.path().join(DB_FILE);
    let before = std::fs::read(&db).expect("read");
    let mut refused = 0;
    for i in 0..TRIALS {
        // A fresh manager each time: the slow-down for repeated failures is tested elsewhere.
        let _ = std::fs::remove_file(dir.path().join("vault.attempts.json"));
        let mut m = VaultManager::new(dir.path(), actor());
        if let Err(VaultError::WrongPassphrase) = m.unlock(&format!("forkert kodeord nummer {i}")) {
            refused += 1;
        }
    }
    assert_eq!(refused, TRIALS);
    assert_eq!(std::fs::read(&db).expect("read"), before);
    let mut m = VaultManager::new(dir.path(), actor());
    let _ = std::fs::remove_file(dir.path().join("vault.attempts.json"));
    m.unlock(PASSPHRASE)
        .expect("the right passphrase still works");
}

#[test]
fn one_flipped_byte_on_any_page_is_refused_and_nothing_is_overwritten() {
    let dir = filled_vault();
    let original = std::fs::read(dir.path().join(DB_FILE)).expect("read");
    let pages = original.len() / 4096;
    assert!(pages > 10, "the vault should span many pages, has {pages}");
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let mut refused = 0;
    for trial in 0..TRIALS {
        let copy = tempfile::tempdir().expect("tempdir");
        for name in ["vault.key.json", "vault.settings.json", "vault.status.json"] {
            let _ = std::fs::copy(dir.path().join(name), copy.path().join(name));
        }
        let page = if trial < pages {
            trial
        } else {
            rng.below(pages as u64) as usize
        };
        let offset = page * 4096 + rng.below(4096) as usize;
        let mut damaged = original.clone();
        damaged[offset] ^= 1 << rng.below(8);
        let path = copy.path().join(DB_FILE);
        std::fs::write(&path, &damaged).expect("write");
        let mut m = VaultManager::new(copy.path(), actor());
        match m.unlock(PASSPHRASE) {
            Err(err @ VaultError::Damaged(_)) => {
                assert_eq!(err.code(), VaultErrorCode::VaultDamaged);
                refused += 1
            }
            Err(other) => panic!("page {page} byte {offset}: unexpected error {other:?}"),
            Ok(_) => panic!("page {page} byte {offset}: a damaged vault was opened"),
        }
        assert_eq!(
            std::fs::read(&path).expect("read"),
            damaged,
            "page {page}: the file was written to"
        );
        assert!(
            !copy.path().join("vault.db-wal").exists()
                || std::fs::metadata(copy.path().join("vault.db-wal"))
                    .map(|m| m.len())
                    .unwrap_or(0)
                    == 0
        );
    }
    assert_eq!(refused, TRIALS);
}
