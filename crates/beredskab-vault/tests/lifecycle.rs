//! Setting up, unlocking, locking and resetting a vault on real files.

mod common;

use beredskab_vault::audit::{AuditAction, ViewPurpose};
use beredskab_vault::manager::DB_FILE;
use beredskab_vault::{VaultError, VaultManager, VaultState};
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

    let mut reopened = VaultManager::new(dir.path(), actor());
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
    let header = std::fs::read(dir.path().join(DB_FILE)).expect("read");
    assert!(
        !header.starts_with(b"SQLite format 3"),
        "the vault file must not be plain SQLite"
    );
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
    let mut manager = VaultManager::new(dir.path(), actor());
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
    let mut manager = VaultManager::new(dir.path(), actor());
    manager.unlock(PASSPHRASE).expect("unlock");
    let before = std::fs::metadata(&db)
        .expect("meta")
        .modified()
        .expect("mtime");
    let bytes_before = std::fs::read(&db).expect("read");
    manager
        .change_passphrase(PASSPHRASE, "et helt nyt kodeord")
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
    let mut manager = VaultManager::new(dir.path(), actor());
    assert_eq!(
        manager.status().unsynced_hint,
        Some(3),
        "the warning can say how many are unsynced"
    );
    assert!(matches!(
        manager.reset(0),
        Err(VaultError::ConfirmationMismatch)
    ));
    assert!(
        dir.path().join(DB_FILE).exists(),
        "a wrong confirmation deletes nothing"
    );
    manager.reset(3).expect("reset");
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
    let mut manager = VaultManager::new(dir.path(), actor());
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
