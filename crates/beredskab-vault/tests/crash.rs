//! kill -9 of a real writer process at random moments, for every kind of
//! change: saves, edits, deletions and acknowledged uploads; passphrase
//! changes; retention purges; resets. After each kill the vault opens, both
//! integrity checks are clean, every acknowledged change is there, and the
//! outbox holds exactly the changes that still have to reach the centre.
//! BEREDSKAB_CRASH_TRIALS sets the trials for saves (default 300); the other
//! kinds run a third as many each.

mod common;

use beredskab_domain::concern::ConcernState;
use beredskab_vault::audit::{AuditAction, ViewPurpose};
use beredskab_vault::{VaultError, VaultManager, VaultState};
use common::*;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One trial at a time in this process: a writer started by one test is
/// forked from the test process, and until it runs its own program it holds
/// copies of the other tests' open files, including a vault's folder lock
/// (an flock lives until every copy is closed). The app forks no writers.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

const SECOND: &str = "en anden lang og god sætning";

fn trials() -> usize {
    std::env::var("BEREDSKAB_CRASH_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(300)
}

/// The pack the writer validates against, as JSON in a temp file.
fn pack_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("pack.json");
    std::fs::write(&path, serde_json::to_string(&pack()).expect("json")).expect("write");
    path
}

/// Runs the writer in `mode` until its first acknowledgement plus a random
/// 0–40 ms, kills it with SIGKILL, and returns every line it acknowledged.
fn run_and_kill(
    dir: &Path,
    pack: &Path,
    mode: &str,
    passphrase: &str,
    rng: &mut Rng,
) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vault-crash-writer"))
        .arg(dir)
        .arg(pack)
        .arg(mode)
        .env("PASSPHRASE", passphrase)
        .env(
            "PASSPHRASE_2",
            if passphrase == PASSPHRASE {
                SECOND
            } else {
                PASSPHRASE
            },
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start writer");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("ack ") {
                let _ = tx.send(rest.to_string());
            }
        }
    });
    let started = Instant::now();
    let first = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{mode}: the writer never acknowledged"));
    std::thread::sleep(Duration::from_micros(rng.below(40_000)));
    child.kill().expect("kill -9");
    let _ = child.wait();
    let _ = reader.join();
    assert!(started.elapsed() < Duration::from_secs(60));
    let mut acked = vec![first];
    acked.extend(rx.try_iter());
    acked
}

fn open(dir: &Path, passphrase: &str, what: &str) -> VaultManager {
    let mut m = vault_at(dir);
    m.unlock(passphrase)
        .unwrap_or_else(|e| panic!("{what}: the vault does not open after kill -9: {e:?}"));
    m
}

/// The outbox holds exactly what still has to reach the centre:
/// every queued revision has its data, every queued deletion's concern is
/// gone, and every registered concern that is not synced has its current
/// revision queued.
fn assert_outbox_consistent(m: &mut VaultManager, what: &str) {
    m.with_vault(|v| {
        v.check_integrity()?;
        let c = v.connection();
        let orphans: i64 = c.query_row(
            "SELECT count(*) FROM outbox o WHERE o.kind = 'revision' AND NOT EXISTS
               (SELECT 1 FROM concern_revision r WHERE r.concern_id = o.concern_id AND r.revision = o.revision)",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(orphans, 0, "{what}: queued revisions without their data");
        let live_deletions: i64 = c.query_row(
            "SELECT count(*) FROM outbox o WHERE o.kind = 'deletion' AND EXISTS
               (SELECT 1 FROM concern c WHERE c.id = o.concern_id)",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(live_deletions, 0, "{what}: a queued deletion of a concern that is still here");
        let unqueued: i64 = c.query_row(
            "SELECT count(*) FROM concern c WHERE c.state = 'registreret' AND c.synced_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.concern_id = c.id
                               AND o.kind = 'revision' AND o.revision = c.current_revision)",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(unqueued, 0, "{what}: an unsent change with no outbox row");
        let synced_but_queued: i64 = c.query_row(
            "SELECT count(*) FROM concern c WHERE c.synced_at IS NOT NULL
               AND EXISTS (SELECT 1 FROM outbox o WHERE o.concern_id = c.id)",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(synced_but_queued, 0, "{what}: marked synced while a change is still queued");
        Ok(())
    })
    .unwrap_or_else(|e| panic!("{what}: {e:?}"));
}

#[test]
fn kill_9_during_saves_edits_deletions_and_uploads_loses_nothing_acknowledged() {
    let _serial = serial();
    let trials = trials();
    let (dir, mut m) = new_vault();
    m.lock().expect("lock");
    drop(m);
    let tmp = tempfile::tempdir().expect("tmp");
    let pack = pack_file(tmp.path());
    let mut rng = Rng(0xc0ffee_u64 ^ trials as u64);
    // id → (revision, note number) of each acknowledged registration or edit.
    let mut expected: HashMap<String, (i64, u64)> = HashMap::new();
    let mut deleted: HashSet<String> = HashSet::new();
    let mut sent: HashSet<String> = HashSet::new();
    for trial in 0..trials {
        let what = format!("changes trial {trial}");
        for line in run_and_kill(dir.path(), &pack, "changes", PASSPHRASE, &mut rng) {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["register", id, rev, n] | ["update", id, rev, n] => {
                    let rev = rev.parse().expect("rev");
                    expected.insert(id.to_string(), (rev, n.parse().expect("n")));
                }
                ["delete", id] => {
                    expected.remove(*id);
                    deleted.insert(id.to_string());
                }
                ["sent", ids @ ..] => sent.extend(ids.iter().map(|s| s.to_string())),
                _ => {}
            }
        }
        let mut check = open(dir.path(), PASSPHRASE, &what);
        assert_outbox_consistent(&mut check, &what);
        check
            .with_vault(|v| {
                let queued: HashSet<String> = {
                    let mut stmt = v.connection().prepare("SELECT upload_id FROM outbox")?;
                    let rows = stmt.query_map([], |r| r.get(0))?;
                    rows.collect::<Result<_, _>>()?
                };
                let resent: Vec<_> = sent.intersection(&queued).collect();
                assert!(
                    resent.is_empty(),
                    "{what}: acknowledged uploads are queued again: {resent:?}"
                );
                for id in &deleted {
                    let present: i64 = v.connection().query_row(
                        "SELECT count(*) FROM concern WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    assert_eq!(present, 0, "{what}: deleted {id} is back");
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        check.lock().expect("lock");
    }
    let mut check = open(dir.path(), PASSPHRASE, "final");
    let deleted_in_log: HashSet<String> = check
        .with_vault(|v| v.audit(usize::MAX))
        .expect("audit")
        .entries
        .into_iter()
        .filter(|e| e.action == AuditAction::Delete)
        .filter_map(|e| e.record_id)
        .collect();
    let mut unacknowledged_deletions = 0;
    for (id, (revision, n)) in &expected {
        let record = match check.with_vault(|v| v.open(id, ViewPurpose::Tilsyn)) {
            Ok(record) => record,
            // Killed after a deletion's commit and before its acknowledgement: the
            // deletion and its audit entry were committed together.
            Err(VaultError::NotFound) if deleted_in_log.contains(id) => {
                unacknowledged_deletions += 1;
                continue;
            }
            Err(e) => panic!("acknowledged {id} lost: {e:?}"),
        };
        assert_eq!(record.summary.state, ConcernState::Registreret);
        assert!(
            record.summary.revision >= *revision,
            "{id}: revision went back"
        );
        if record.summary.revision == *revision {
            assert!(
                record.data.note.starts_with(&format!("crash-{n}-")),
                "{id} is not whole"
            );
        }
    }
    assert!(check.with_vault(|v| v.audit(1)).expect("audit").chain_ok);
    println!(
        "changes: {trials} trials, {} records checked, {} deletions ({unacknowledged_deletions} cut before their ack), {} uploads acknowledged",
        expected.len(),
        deleted.len(),
        sent.len()
    );
}

#[test]
fn kill_9_during_a_passphrase_change_leaves_exactly_one_passphrase_working() {
    let _serial = serial();
    exactly_one_passphrase_after_kills("passphrase", 0xbeef);
}

#[test]
fn kill_9_during_a_key_rotation_leaves_exactly_one_passphrase_working_and_nothing_lost() {
    let _serial = serial();
    exactly_one_passphrase_after_kills("rotate", 0xabba);
}

fn exactly_one_passphrase_after_kills(mode: &str, seed: u64) {
    let trials = trials() / 3;
    let (dir, mut m) = new_vault();
    let pack_data = pack();
    m.with_vault(|v| {
        v.register(
            None,
            &concern(&pack_data, "fast"),
            false,
            &pack_data,
            today(),
        )
    })
    .expect("register");
    m.lock().expect("lock");
    drop(m);
    let tmp = tempfile::tempdir().expect("tmp");
    let pack = pack_file(tmp.path());
    let mut rng = Rng(seed);
    let passphrases = [PASSPHRASE, SECOND];
    let mut current = 0;
    for trial in 0..trials {
        let what = format!("{mode} trial {trial}");
        let acked = run_and_kill(dir.path(), &pack, mode, passphrases[current], &mut rng);
        let last = acked
            .iter()
            .rev()
            .find_map(|l| l.strip_prefix("pass "))
            .map(|i| i.parse::<usize>().expect("index"))
            .unwrap_or(current);
        // The change after the last acknowledgement may or may not have landed.
        let opens: Vec<usize> = [last, 1 - last]
            .into_iter()
            .filter(|&i| {
                let mut probe = vault_at(dir.path());
                match probe.unlock(passphrases[i]) {
                    Ok(_) => {
                        probe.lock().expect("lock");
                        true
                    }
                    Err(VaultError::WrongPassphrase) => false,
                    Err(e) => panic!("{what}: {e:?}"),
                }
            })
            .collect();
        assert_eq!(
            opens.len(),
            1,
            "{what}: exactly one passphrase must open the vault, got {opens:?}"
        );
        current = opens[0];
        let mut check = open(dir.path(), passphrases[current], &what);
        assert_outbox_consistent(&mut check, &what);
        let listed = check
            .with_vault(|v| v.list(&Default::default(), 10))
            .expect("list");
        assert_eq!(listed.len(), 1, "{what}: the concern is still there");
        check.lock().expect("lock");
    }
}

#[test]
fn kill_9_during_retention_purges_leaves_each_purge_whole_or_undone() {
    let _serial = serial();
    let trials = trials() / 3;
    let (dir, mut m) = new_vault();
    m.lock().expect("lock");
    drop(m);
    let tmp = tempfile::tempdir().expect("tmp");
    let pack = pack_file(tmp.path());
    let mut rng = Rng(0xfeed);
    for trial in 0..trials {
        let what = format!("purge trial {trial}");
        let acked = run_and_kill(dir.path(), &pack, "purge", PASSPHRASE, &mut rng);
        let mut check = open(dir.path(), PASSPHRASE, &what);
        assert_outbox_consistent(&mut check, &what);
        check
            .with_vault(|v| {
                let c = v.connection();
                // A purge runs in one transaction: no concern is left without its revisions.
                let hollow: i64 = c.query_row(
                    "SELECT count(*) FROM concern c WHERE NOT EXISTS
                       (SELECT 1 FROM concern_revision r WHERE r.concern_id = c.id)",
                    [],
                    |r| r.get(0),
                )?;
                assert_eq!(hollow, 0, "{what}: a concern without revisions");
                // Every batch acknowledged as synced and then purged is gone.
                for pair in acked.windows(2) {
                    if let (Some(ids), Some(_)) = (
                        pair[0].strip_prefix("synced "),
                        pair[1].strip_prefix("purged "),
                    ) {
                        for id in ids.split(' ') {
                            let n: i64 = c.query_row(
                                "SELECT count(*) FROM concern WHERE id = ?1",
                                [id],
                                |r| r.get(0),
                            )?;
                            assert_eq!(n, 0, "{what}: purged {id} is back");
                        }
                    }
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        check.lock().expect("lock");
    }
}

#[test]
fn kill_9_during_a_reset_leaves_the_old_vault_or_a_clean_new_start() {
    let _serial = serial();
    let trials = trials() / 3;
    let (dir, mut m) = new_vault();
    m.lock().expect("lock");
    drop(m);
    let tmp = tempfile::tempdir().expect("tmp");
    let pack = pack_file(tmp.path());
    let mut rng = Rng(0xdead);
    for trial in 0..trials {
        let what = format!("reset trial {trial}");
        run_and_kill(dir.path(), &pack, "reset", PASSPHRASE, &mut rng);
        let mut probe = vault_at(dir.path());
        match probe.status().state {
            VaultState::Uninitialised => {
                probe
                    .setup(PASSPHRASE)
                    .unwrap_or_else(|e| panic!("{what}: set-up after a cut reset: {e:?}"));
                assert_outbox_consistent(&mut probe, &what);
            }
            VaultState::Locked => {
                probe
                    .unlock(PASSPHRASE)
                    .unwrap_or_else(|e| panic!("{what}: half a vault: {e:?}"));
                assert_outbox_consistent(&mut probe, &what);
            }
            VaultState::Unlocked => unreachable!("a new manager starts locked"),
            VaultState::KeyMissing => panic!("{what}: a database without its key file"),
        }
        probe.lock().expect("lock");
    }
    let aside = std::fs::read_dir(dir.path().parent().expect("parent"))
        .expect("read")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".reset-"))
        .count();
    assert!(aside > 0, "reset vaults are kept aside, never deleted");
}
