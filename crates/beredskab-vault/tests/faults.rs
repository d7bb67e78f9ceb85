//! A wrong passphrase, or one flipped byte anywhere in the vault file, is
//! refused with a clear error, and nothing is overwritten.

mod common;

use beredskab_vault::manager::DB_FILE;
use beredskab_vault::{VaultError, VaultErrorCode};
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
fn a_wrong_passphrase_is_refused_every_time_slows_down_and_changes_nothing() {
    let dir = filled_vault();
    let db = dir.path().join(DB_FILE);
    let before = std::fs::read(&db).expect("read");
    let (mut wrong, mut waited) = (0, 0);
    for i in 0..TRIALS {
        // A new manager each round, as after a restart; the attempts file stays.
        let mut m = vault_at(dir.path());
        match m.unlock(&format!("forkert kodeord nummer {i}")) {
            Err(VaultError::WrongPassphrase) => wrong += 1,
            Err(VaultError::TooManyAttempts(seconds)) => {
                assert!(seconds > 0);
                waited += 1
            }
            other => panic!("round {i}: {other:?}"),
        }
        assert_eq!(
            std::fs::read(&db).expect("read"),
            before,
            "round {i}: written"
        );
    }
    assert_eq!(
        (wrong + waited, wrong),
        (TRIALS, 4),
        "three free tries, the fourth starts the wait"
    );
    assert!(
        matches!(
            vault_at(dir.path()).unlock(PASSPHRASE),
            Err(VaultError::TooManyAttempts(_))
        ),
        "the slow-down holds for the right passphrase too"
    );
    // As if the wait had passed: the right passphrase opens, and each wrong try is in the log.
    let attempts_file = dir.path().join("vault.attempts.json");
    let attempts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&attempts_file).expect("attempts"))
            .expect("json");
    let tried = attempts["failed_at"].as_array().expect("times").len();
    let long_ago = serde_json::json!({ "failed_at": vec!["2020-01-01T00:00:00.000Z"; tried] });
    std::fs::write(&attempts_file, long_ago.to_string()).expect("wait");
    let mut m = vault_at(dir.path());
    m.unlock(PASSPHRASE)
        .expect("the right passphrase still works");
    let log = m.with_vault(|v| v.audit(1000)).expect("audit");
    let failed = log
        .entries
        .iter()
        .filter(|e| e.action == beredskab_vault::audit::AuditAction::FailedUnlock)
        .count();
    assert_eq!(failed, tried);
    assert_eq!(
        tried, wrong,
        "only tries that reached the key derivation count"
    );
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
        let mut m = vault_at(copy.path());
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
