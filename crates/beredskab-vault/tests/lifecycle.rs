//! Setting up, unlocking, locking and resetting a vault on real files.

mod common;

use beredskab_vault::audit::{AuditAction, ViewPurpose};
use beredskab_vault::manager::DB_FILE;
use beredskab_vault::{VaultError, VaultState};
use common::*;

#[test]
fn set_up_lock_and_unlock_with_the_passphrase() {
    let (dir, mut manager) = new_vault();
    assert_eq!(manager.status().state, VaultState::Unlocked);
    let pack = pack();
    let saved = manager
        .with_vault(|v| v.register(None, &concern(&pack, "note"), false, &pack, today()))
        .expect("save");
    manager.lock().expect("lock");
    assert_eq!(manager.status().state, VaultState::Locked);
    assert!(matches!(
        manager.with_vault(|v| v.list(&Default::default(), 10)),
        Err(VaultError::Locked)
    ));

    let mut reopened = vault_at(dir.path());
    assert_eq!(reopened.status().state, VaultState::Locked);
    reopened.unlock(PASSPHRASE).expect("unlock");
    let listed = reopened
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    assert_eq!(
        listed.iter().map(|c| &c.id).collect::<Vec<_>>(),
        [&saved.id]
    );
}

#[test]
fn the_file_is_encrypted_and_the_pragmas_hold() {
    let (dir, mut manager) = new_vault();
    assert_looks_encrypted(&dir.path().join(DB_FILE));
    manager
        .with_vault(|v| {
            let c = v.connection();
            let get = |p: &str| -> String {
                match c
                    .query_row(&format!("PRAGMA {p}"), [], |r| {
                        r.get::<_, rusqlite::types::Value>(0)
                    })
                    .expect(p)
                {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                }
            };
            assert_eq!(get("cipher_memory_security"), "1");
            assert_eq!(get("temp_store"), "2", "MEMORY");
            assert_eq!(get("synchronous"), "2", "FULL");
            assert_eq!(get("foreign_keys"), "1");
            assert_eq!(get("journal_mode"), "wal");
            assert_eq!(get("secure_delete"), "1");
            Ok(())
        })
        .expect("pragmas");
}

#[test]
fn wrong_passphrases_are_refused_slow_down_and_are_logged_at_the_next_unlock() {
    let (dir, mut manager) = new_vault();
    manager.lock().expect("lock");
    let mut manager = vault_at(dir.path());
    for _ in 0..3 {
        assert!(matches!(
            manager.unlock("forkert forkert forkert"),
            Err(VaultError::WrongPassphrase)
        ));
    }
    assert!(matches!(
        manager.unlock("forkert forkert forkert"),
        Err(VaultError::WrongPassphrase)
    ));
    match manager.unlock(PASSPHRASE) {
        Err(VaultError::TooManyAttempts(seconds)) => assert!(seconds >= 1),
        other => panic!(
            "expected a wait after four failures, got {:?}",
            other.map(|s| s.state)
        ),
    }
    assert!(manager.status().retry_after_seconds >= 1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    manager.unlock(PASSPHRASE).expect("unlock after the wait");
    let log = manager.with_vault(|v| v.audit(100)).expect("audit");
    let failed = log
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::FailedUnlock)
        .count();
    assert_eq!(failed, 4);
    assert!(log.chain_ok);
}

#[test]
fn changing_the_passphrase_rewraps_the_key_without_rewriting_data() {
    let (dir, mut manager) = new_vault();
    let db = dir.path().join(DB_FILE);
    manager.lock().expect("lock");
    let mut manager = vault_at(dir.path());
    manager.unlock(PASSPHRASE).expect("unlock");
    let before = std::fs::metadata(&db)
        .expect("meta")
        .modified()
        .expect("mtime");
    let bytes_before = std::fs::read(&db).expect("read");
    manager
        .change_passphrase(PASSPHRASE, "et helt nyt kodeord", false)
        .expect("change");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        bytes_before,
        "the database is not rewritten"
    );
    assert_eq!(
        std::fs::metadata(&db)
            .expect("meta")
            .modified()
            .expect("mtime"),
        before
    );
    manager.lock().expect("lock");
    assert!(matches!(
        manager.unlock(PASSPHRASE),
        Err(VaultError::WrongPassphrase)
    ));
    manager
        .unlock("et helt nyt kodeord")
        .expect("new passphrase works");
}

#[test]
fn it_locks_itself_after_the_idle_time() {
    let (_dir, mut manager) = new_vault();
    manager.set_idle_minutes(1).expect("idle");
    assert!(!manager.lock_if_idle().expect("check"));
    manager.pretend_idle_for(std::time::Duration::from_secs(61));
    assert!(manager.lock_if_idle().expect("check"));
    assert_eq!(manager.status().state, VaultState::Locked);
    assert!(manager.set_idle_minutes(0).is_err() && manager.set_idle_minutes(61).is_err());
}

#[test]
fn a_forgotten_passphrase_resets_only_after_confirming_what_is_lost() {
    let (dir, mut manager) = new_vault();
    let pack = pack();
    for note in ["a", "b", "c"] {
        manager
            .with_vault(|v| v.register(None, &concern(&pack, note), false, &pack, today()))
            .expect("save");
    }
    manager.lock().expect("lock");
    let mut manager = vault_at(dir.path());
    assert_eq!(
        manager.status().unsynced_hint,
        Some(3),
        "the warning can say how many are unsynced"
    );
    assert!(matches!(
        manager.reset(0, None),
        Err(VaultError::ConfirmationMismatch)
    ));
    assert!(
        dir.path().join(DB_FILE).exists(),
        "a wrong confirmation deletes nothing"
    );
    manager.reset(3, None).expect("reset");
    assert_eq!(manager.status().state, VaultState::Uninitialised);
    assert!(!dir.path().join(DB_FILE).exists());
    manager.setup("et nyt langt kodeord").expect("set up again");
}

#[test]
fn setting_up_twice_is_refused() {
    let (_dir, mut manager) = new_vault();
    assert!(matches!(manager.setup(PASSPHRASE), Err(VaultError::Exists)));
    assert!(matches!(manager.setup("kort"), Err(VaultError::Exists)));
}

#[test]
fn purpose_is_required_to_view_and_listing_is_not_viewing() {
    let (_dir, mut manager) = new_vault();
    let pack = pack();
    let saved = manager
        .with_vault(|v| v.register(None, &concern(&pack, "x"), false, &pack, today()))
        .expect("save");
    manager
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    manager
        .with_vault(|v| v.open(&saved.id, ViewPurpose::Opfoelgning))
        .expect("open");
    let log = manager.with_vault(|v| v.audit(100)).expect("audit");
    let views: Vec<_> = log
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::View)
        .collect();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].purpose, Some(ViewPurpose::Opfoelgning));
    assert_eq!(views[0].record_id.as_deref(), Some(saved.id.as_str()));
}

#[test]
fn synced_concerns_leave_the_laptop_after_the_retention_days_at_unlock() {
    let (dir, mut manager) = new_vault();
    let pack = pack();
    let synced = manager
        .with_vault(|v| v.register(None, &concern(&pack, "synced"), false, &pack, today()))
        .expect("save");
    let kept = manager
        .with_vault(|v| v.register(None, &concern(&pack, "not synced"), false, &pack, today()))
        .expect("save");
    let long_ago = (chrono::Utc::now() - chrono::Duration::days(40)).to_rfc3339();
    sync_concern_at(&mut manager, &synced.id, &long_ago);
    assert_eq!(manager.status().retention_days, 30, "default");
    manager.lock().expect("lock");
    let mut manager = vault_at(dir.path());
    manager.unlock(PASSPHRASE).expect("unlock purges");
    let ids: Vec<String> = manager
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, std::slice::from_ref(&kept.id));
    assert!(manager.set_retention_days(0).is_err() && manager.set_retention_days(3651).is_err());
    let recent = chrono::Utc::now().to_rfc3339();
    sync_concern_at(&mut manager, &kept.id, &recent);
    manager.set_retention_days(1).expect("set");
    assert_eq!(
        manager
            .with_vault(|v| v.list(&Default::default(), 10))
            .expect("list")
            .len(),
        1,
        "synced today stays for a day"
    );
}

#[test]
fn the_encrypted_check_fails_for_an_empty_or_plain_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    assert!(std::panic::catch_unwind(|| assert_looks_encrypted(&empty)).is_err());
    let plain = dir.path().join("plain.db");
    let conn = rusqlite::Connection::open(&plain).expect("open");
    conn.execute_batch("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('klartekst');")
        .expect("write");
    drop(conn);
    assert!(std::panic::catch_unwind(|| assert_looks_encrypted(&plain)).is_err());
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn only_the_owner_can_read_the_vault_folder_and_its_files() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, mut manager) = new_vault();
    manager.lock().expect("lock");
    assert_eq!(mode(dir.path()), 0o700);
    for entry in std::fs::read_dir(dir.path()).expect("read") {
        let path = entry.expect("entry").path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    // Widened by a copy or a careless command: set right again at the next open.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::set_permissions(
        dir.path().join(DB_FILE),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    vault_at(dir.path()).unlock(PASSPHRASE).expect("unlock");
    assert_eq!(
        (mode(dir.path()), mode(&dir.path().join(DB_FILE))),
        (0o700, 0o600)
    );
}

#[test]
fn a_database_without_its_key_file_is_never_replaced() {
    let (dir, mut manager) = new_vault();
    manager.lock().expect("lock");
    let key = dir.path().join("vault.key.json");
    std::fs::remove_file(&key).expect("lose the key file");
    let db = std::fs::read(dir.path().join(DB_FILE)).expect("read");
    let mut m = vault_at(dir.path());
    let status = m.status();
    assert_eq!(status.state, VaultState::KeyMissing);
    assert_eq!(
        status.key_file,
        key.display().to_string(),
        "the message can say where it belongs"
    );
    match m.unlock(PASSPHRASE) {
        Err(VaultError::KeyMissing { expected }) => assert_eq!(expected, key.display().to_string()),
        other => panic!("unlock without the key file: {other:?}"),
    }
    assert!(matches!(
        m.setup("en ny og helt anden sætning"),
        Err(VaultError::KeyMissing { .. })
    ));
    assert_eq!(
        std::fs::read(dir.path().join(DB_FILE)).expect("read"),
        db,
        "nothing moved over it"
    );
}

#[test]
fn weak_passphrases_are_refused_at_set_up_with_the_reason() {
    use beredskab_vault::passphrase::Weakness;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = vault_at(dir.path());
    assert!(matches!(
        m.setup("123456789012"),
        Err(VaultError::WeakPassphrase(Weakness::Sequence))
    ));
    assert!(matches!(
        m.setup("kort"),
        Err(VaultError::WeakPassphrase(Weakness::TooShort))
    ));
    assert_eq!(m.status().state, VaultState::Uninitialised);
}

#[test]
fn the_same_passphrase_typed_in_another_unicode_form_unlocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = vault_at(dir.path());
    m.setup("grøn ål på å-stien ved fjorden").expect("setup");
    m.lock().expect("lock");
    vault_at(dir.path())
        .unlock("grøn a\u{30A}l pa\u{30A} a\u{30A}-stien ved fjorden")
        .expect("decomposed å");
}

#[test]
fn a_second_process_cannot_open_the_same_vault() {
    let (dir, _open) = new_vault();
    let mut second = vault_at(dir.path());
    assert!(matches!(second.unlock(PASSPHRASE), Err(VaultError::InUse)));
}

#[test]
fn a_cheap_key_wrap_is_made_costly_at_the_next_unlock() {
    use beredskab_vault::keyfile::{KdfCost, KeyFile};
    let (dir, mut manager) = new_vault();
    manager.lock().expect("lock");
    let costly = KdfCost {
        memory_kib: 4096,
        passes: 2,
        lanes: 1,
    };
    let mut m = beredskab_vault::VaultManager::with_cost(dir.path(), actor(), costly);
    m.unlock(PASSPHRASE).expect("unlock");
    let file = KeyFile::read(&dir.path().join("vault.key.json")).expect("key file");
    assert_eq!((file.wrap.kdf.memory_kib, file.wrap.kdf.passes), (4096, 2));
    m.lock().expect("lock");
    vault_at(dir.path())
        .unlock(PASSPHRASE)
        .expect("still the same passphrase");
}

#[test]
fn changing_the_passphrase_needs_the_current_one_through_the_slow_down_and_is_logged() {
    let (_dir, mut m) = new_vault();
    for _ in 0..3 {
        assert!(matches!(
            m.change_passphrase("ikke det rigtige kodeord", "en ny og god sætning", false),
            Err(VaultError::WrongPassphrase)
        ));
    }
    assert!(matches!(
        m.change_passphrase("ikke det rigtige kodeord", "en ny og god sætning", false),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(
        matches!(
            m.change_passphrase(PASSPHRASE, "en ny og god sætning", false),
            Err(VaultError::TooManyAttempts(_))
        ),
        "after four failures even the right passphrase waits"
    );
}

#[test]
fn a_passphrase_change_is_logged_and_a_weak_or_unchanged_one_refused() {
    use beredskab_vault::passphrase::Weakness;
    let (_dir, mut m) = new_vault();
    assert!(matches!(
        m.change_passphrase(PASSPHRASE, "123456789012", false),
        Err(VaultError::WeakPassphrase(Weakness::Sequence))
    ));
    assert!(matches!(
        m.change_passphrase(PASSPHRASE, PASSPHRASE, false),
        Err(VaultError::WeakPassphrase(Weakness::SameAsBefore))
    ));
    m.change_passphrase(PASSPHRASE, "en ny og god sætning", false)
        .expect("change");
    let log = m.with_vault(|v| v.audit(5)).expect("audit");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == AuditAction::PassphraseChange));
}

#[test]
fn after_a_key_rotation_the_old_key_file_and_passphrase_open_nothing() {
    let (dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| v.register(None, &concern(&pack, "før"), false, &pack, today()))
        .expect("save");
    let old_key_file =
        std::fs::read(dir.path().join("vault.key.json")).expect("copy of the old key file");
    m.change_passphrase(PASSPHRASE, "en ny og god sætning", true)
        .expect("rotate");
    let record = m
        .with_vault(|v| v.open(&saved.id, ViewPurpose::Tilsyn))
        .expect("data kept");
    assert_eq!(record.data.note, "før");
    let log = m.with_vault(|v| v.audit(5)).expect("audit");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == AuditAction::KeyRotation));
    m.lock().expect("lock");
    assert_looks_encrypted(&dir.path().join(DB_FILE));

    // The thief's old copy of the key file, with the old passphrase.
    let current_key_file = std::fs::read(dir.path().join("vault.key.json")).expect("read");
    std::fs::write(dir.path().join("vault.key.json"), &old_key_file).expect("restore old key file");
    let result = vault_at(dir.path()).unlock(PASSPHRASE);
    assert!(
        matches!(
            result,
            Err(VaultError::Damaged(_)) | Err(VaultError::Tampered)
        ),
        "the old key opened the rotated vault: {result:?}"
    );
    std::fs::write(dir.path().join("vault.key.json"), &current_key_file).expect("put back");
    vault_at(dir.path())
        .unlock("en ny og god sætning")
        .expect("the new passphrase opens it");
}

#[test]
fn reset_while_open_needs_the_passphrase_and_the_new_vault_logs_the_reset() {
    let (dir, mut m) = new_vault();
    let pack = pack();
    for note in ["a", "b"] {
        m.with_vault(|v| v.register(None, &concern(&pack, note), false, &pack, today()))
            .expect("save");
    }
    assert!(matches!(
        m.reset(2, None),
        Err(VaultError::PassphraseRequired)
    ));
    assert!(matches!(
        m.reset(2, Some("forkert kodeord her")),
        Err(VaultError::WrongPassphrase)
    ));
    assert_eq!(m.status().state, VaultState::Unlocked, "nothing happened");
    let status = m.reset(2, Some(PASSPHRASE)).expect("reset");
    let info = status
        .last_reset
        .expect("the user is told where the old vault is");
    let aside = std::path::PathBuf::from(&info.moved_to);
    assert!(aside.join(DB_FILE).exists(), "kept aside, not deleted");
    assert!(info.bytes > 4096 && info.records_lost == 2);
    m.setup("en helt ny og god sætning").expect("set up again");
    let log = m.with_vault(|v| v.audit(10)).expect("audit");
    let first = log.entries.last().expect("entries");
    assert_eq!(
        first.action,
        AuditAction::Reset,
        "the new vault's first entry is the reset"
    );
    let detail: serde_json::Value =
        serde_json::from_str(first.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["records_lost"], 2);
    assert!(
        m.status().last_reset.is_none(),
        "recorded, so no longer pending"
    );
    drop(dir);
}
