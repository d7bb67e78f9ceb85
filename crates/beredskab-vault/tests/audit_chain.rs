//! The audit log detects tampering with any one entry, and every view is
//! logged. Cutting the log short — by SQL with the passphrase, by copying back
//! an older database, by deleting or damaging its write-ahead log — is refused
//! at the next unlock, because the key file holds the log's sealed length and head.

mod common;

use beredskab_vault::audit::{verify_and_list, ViewPurpose};
use beredskab_vault::testing::open_raw;
use beredskab_vault::{VaultError, VaultManager};
use common::*;
use std::path::Path;

const TRIALS: usize = 100;

#[test]
fn tampering_with_any_one_of_1000_entries_is_detected() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| v.register(None, &concern(&pack, "x"), false, &pack, today()))
        .expect("save");
    m.with_vault(|v| {
        while verify_and_list(v.connection(), 1)?.entries[0].seq < 1000 {
            v.open(&saved.id, ViewPurpose::Opfoelgning)?;
        }
        Ok(())
    })
    .expect("fill the log");
    let mut detected = 0;
    let mut trials = 0;
    m.with_vault(|v| {
        let total = verify_and_list(v.connection(), 1)?.entries[0].seq;
        assert_eq!(total, 1000);
        let tampers = [
            "UPDATE audit SET user = 'en anden' WHERE seq = ?1",
            "UPDATE audit SET action = 'view' , purpose = 'tilsyn' WHERE seq = ?1",
            "DELETE FROM audit WHERE seq = ?1",
        ];
        for seq in 1..=total {
            let sql = tampers[(seq % 3) as usize];
            v.connection().execute_batch("SAVEPOINT tamper")?;
            v.connection().execute(sql, [seq])?;
            let view = verify_and_list(v.connection(), 1)?;
            trials += 1;
            if !view.chain_ok && view.broken_at.is_some_and(|b| b <= seq) {
                detected += 1;
            }
            v.connection()
                .execute_batch("ROLLBACK TO tamper; RELEASE tamper")?;
        }
        assert!(
            verify_and_list(v.connection(), 1)?.chain_ok,
            "the untouched log verifies"
        );
        Ok(())
    })
    .expect("tamper");
    assert_eq!((detected, trials), (1000, 1000));
}

#[test]
fn successful_views_equal_view_entries() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let ids: Vec<String> = (0..20)
        .map(|i| {
            m.with_vault(|v| {
                v.register(
                    None,
                    &concern(&pack, &format!("n{i}")),
                    false,
                    &pack,
                    today(),
                )
            })
            .expect("save")
            .id
        })
        .collect();
    let mut views = 0;
    for (i, id) in ids.iter().enumerate() {
        for _ in 0..(i % 4) {
            m.with_vault(|v| v.open(id, ViewPurpose::Sagsbehandling))
                .expect("open");
            views += 1;
        }
    }
    assert!(m
        .with_vault(|v| v.open("findes-ikke", ViewPurpose::Tilsyn))
        .is_err());
    let logged = m
        .with_vault(|v| {
            beredskab_vault::audit::count(v.connection(), beredskab_vault::audit::AuditAction::View)
        })
        .expect("count");
    assert_eq!(logged, views);
}

#[test]
fn a_view_whose_log_entry_cannot_be_written_returns_no_data() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| {
            v.register(
                None,
                &concern(&pack, "hemmelig note"),
                false,
                &pack,
                today(),
            )
        })
        .expect("save");
    m.with_vault(|v| {
        v.connection().execute_batch(
            "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;",
        )?;
        Ok(())
    })
    .expect("break the log");
    let result = m.with_vault(|v| v.open(&saved.id, ViewPurpose::Tilsyn));
    assert!(
        result.is_err(),
        "data must not be returned without its audit entry"
    );
}

/// A vault with a few concerns and their log, locked.
fn filled(pack: &beredskab_domain::Pack, rng: &mut Rng) -> (tempfile::TempDir, VaultManager) {
    let (dir, mut m) = new_vault();
    for i in 0..(3 + rng.below(6)) {
        m.with_vault(|v| v.register(None, &concern(pack, &format!("n{i}")), false, pack, today()))
            .expect("save");
    }
    m.lock().expect("lock");
    (dir, m)
}

fn assert_refused_as_tampered(dir: &Path, what: &str) {
    let db = std::fs::read(dir.join("vault.db")).expect("read");
    let result = vault_at(dir).unlock(PASSPHRASE);
    assert!(
        matches!(result, Err(VaultError::Tampered)),
        "{what}: not refused as tampered: {result:?}"
    );
    assert_eq!(
        std::fs::read(dir.join("vault.db")).expect("read"),
        db,
        "{what}: the file was written"
    );
}

#[test]
fn cutting_the_newest_entries_with_the_passphrase_is_detected_100_of_100() {
    let pack = pack();
    let mut rng = Rng(0x7a11);
    for trial in 0..TRIALS {
        let (dir, _m) = filled(&pack, &mut rng);
        let conn = open_raw(dir.path(), PASSPHRASE).expect("raw");
        let count: i64 = conn
            .query_row("SELECT count FROM audit_head", [], |r| r.get(0))
            .expect("head");
        let cut = 1 + rng.below(3) as i64;
        conn.execute("DELETE FROM audit WHERE seq > ?1", [count - cut])
            .expect("cut");
        if trial % 2 == 0 {
            // Tail truncation that leaves the head row as it was.
        } else {
            // Head rewind with rehash: the chain still verifies on its own.
            conn.execute(
                "UPDATE audit_head SET count = ?1, hash = (SELECT hash FROM audit WHERE seq = ?1)",
                [count - cut],
            )
            .expect("rewind");
            assert!(
                verify_and_list(&conn, 1).expect("verify").chain_ok,
                "the rewound chain verifies by itself"
            );
        }
        drop(conn);
        assert_refused_as_tampered(dir.path(), &format!("trial {trial}"));
    }
}

fn copy_files(from: &Path, to: &Path, names: &[&str]) {
    for name in names {
        let source = from.join(name);
        let target = to.join(name);
        let _ = std::fs::remove_file(&target);
        if source.exists() {
            std::fs::copy(&source, &target).expect("copy");
        }
    }
}

#[test]
fn an_older_copy_of_the_database_is_detected_100_of_100() {
    let pack = pack();
    let mut rng = Rng(0x01d);
    let (dir, mut m) = filled(&pack, &mut rng);
    let old = tempfile::tempdir().expect("old copy");
    let db_files = ["vault.db", "vault.db-wal", "vault.db-shm"];
    for trial in 0..TRIALS {
        copy_files(dir.path(), old.path(), &db_files);
        m.unlock(PASSPHRASE).expect("unlock");
        for i in 0..(1 + rng.below(3)) {
            m.with_vault(|v| {
                v.register(
                    None,
                    &concern(&pack, &format!("t{trial}-{i}")),
                    false,
                    &pack,
                    today(),
                )
            })
            .expect("save");
        }
        m.lock().expect("lock");
        let now = tempfile::tempdir().expect("current copy");
        copy_files(dir.path(), now.path(), &db_files);
        copy_files(old.path(), dir.path(), &db_files);
        assert_refused_as_tampered(dir.path(), &format!("trial {trial}"));
        copy_files(now.path(), dir.path(), &db_files);
    }
}

/// The vault's folder as it is on disk while the app has it open: the newest
/// changes are still in the write-ahead log.
fn snapshot_while_open(
    m: &mut VaultManager,
    from: &Path,
    pack: &beredskab_domain::Pack,
    rng: &mut Rng,
) -> tempfile::TempDir {
    m.unlock(PASSPHRASE).expect("unlock");
    for i in 0..(1 + rng.below(4)) {
        m.with_vault(|v| v.register(None, &concern(pack, &format!("w{i}")), false, pack, today()))
            .expect("save");
    }
    let copy = tempfile::tempdir().expect("copy");
    copy_files(
        from,
        copy.path(),
        &[
            "vault.db",
            "vault.db-wal",
            "vault.key.json",
            "vault.settings.json",
        ],
    );
    assert!(
        copy.path()
            .join("vault.db-wal")
            .metadata()
            .is_ok_and(|m| m.len() > 0),
        "the newest changes are in the WAL"
    );
    m.lock().expect("lock");
    copy
}

#[test]
fn a_deleted_write_ahead_log_is_detected_100_of_100() {
    let pack = pack();
    let mut rng = Rng(0xde1);
    let (dir, mut m) = filled(&pack, &mut rng);
    for trial in 0..TRIALS {
        let copy = snapshot_while_open(&mut m, dir.path(), &pack, &mut rng);
        std::fs::remove_file(copy.path().join("vault.db-wal")).expect("delete WAL");
        assert_refused_as_tampered(copy.path(), &format!("trial {trial}"));
    }
}

#[test]
fn a_damaged_write_ahead_log_is_refused_100_of_100_and_nothing_is_written() {
    let pack = pack();
    let mut rng = Rng(0xbad);
    let (dir, mut m) = filled(&pack, &mut rng);
    for trial in 0..TRIALS {
        let copy = snapshot_while_open(&mut m, dir.path(), &pack, &mut rng);
        let wal = copy.path().join("vault.db-wal");
        let mut bytes = std::fs::read(&wal).expect("read WAL");
        let at = rng.below(bytes.len() as u64) as usize;
        bytes[at] ^= 1 << rng.below(8);
        std::fs::write(&wal, &bytes).expect("write WAL");
        let db = std::fs::read(copy.path().join("vault.db")).expect("read");
        let result = vault_at(copy.path()).unlock(PASSPHRASE);
        assert!(
            matches!(
                result,
                Err(VaultError::Tampered) | Err(VaultError::Damaged(_))
            ),
            "trial {trial}, WAL byte {at}: a damaged WAL was opened: {result:?}"
        );
        assert_eq!(
            std::fs::read(copy.path().join("vault.db")).expect("read"),
            db,
            "trial {trial}: written"
        );
    }
}

#[test]
fn listing_and_looking_at_the_log_are_logged() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    m.with_vault(|v| v.register(None, &concern(&pack, "x"), false, &pack, today()))
        .expect("save");
    let listed = m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    let log = m.with_vault(|v| v.audit(10)).expect("audit");
    let newest: Vec<_> = log
        .entries
        .iter()
        .take(2)
        .map(|e| (e.action, e.detail.clone()))
        .collect();
    use beredskab_vault::audit::AuditAction;
    assert_eq!(
        newest[0].0,
        AuditAction::AuditView,
        "looking at the log is the newest entry"
    );
    assert_eq!(newest[1].0, AuditAction::List);
    let detail: serde_json::Value =
        serde_json::from_str(newest[1].1.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["count"], listed.len());
    assert!(
        detail.to_string().len() < 200 && !detail.to_string().contains('x'),
        "counts and filter, no content: {detail}"
    );
}
