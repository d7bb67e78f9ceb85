//! kill -9 of a writer at random moments: after each, the vault opens, both
//! integrity checks are clean, and every acknowledged record is there, whole.
//! BEREDSKAB_CRASH_TRIALS sets the number of trials (default 300).

mod common;

use beredskab_vault::audit::ViewPurpose;
use beredskab_vault::VaultManager;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn kill_9_at_random_moments_loses_no_acknowledged_record() {
    let trials: usize = std::env::var("BEREDSKAB_CRASH_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(300);
    let (dir, mut m) = new_vault();
    m.lock().expect("lock");
    drop(m);
    let mut rng = Rng(0xc0ffee_u64 ^ trials as u64);
    let mut acked: Vec<(String, u64)> = Vec::new();
    for trial in 0..trials {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vault-crash-writer"))
            .arg(dir.path())
            .env("BEREDSKAB_TEST_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start writer");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut parts = line.split(' ');
                if let (Some("ack"), Some(id), Some(n)) = (parts.next(), parts.next(), parts.next())
                {
                    let _ = tx.send((id.to_string(), n.parse::<u64>().unwrap_or(0)));
                }
            }
        });
        // Kill after the first ack plus a random 0-40 ms, so the kill lands mid-write.
        let started = Instant::now();
        let first = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("trial {trial}: the writer never acknowledged"));
        acked.push(first);
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().expect("kill -9");
        let _ = child.wait();
        let _ = reader.join();
        acked.extend(rx.try_iter());
        assert!(started.elapsed() < Duration::from_secs(30));

        let mut check = VaultManager::new(dir.path(), actor());
        check.unlock(PASSPHRASE).unwrap_or_else(|e| {
            panic!("trial {trial}: the vault does not open after kill -9: {e:?}")
        });
        check
            .with_vault(|v| {
                v.check_integrity()?;
                let present: i64 =
                    v.connection()
                        .query_row("SELECT count(*) FROM concern", [], |r| r.get(0))?;
                assert!(
                    present as usize >= acked.len(),
                    "trial {trial}: {present} records, {} acknowledged",
                    acked.len()
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("trial {trial}: {e:?}"));
        check.lock().expect("lock");
    }
    let mut check = VaultManager::new(dir.path(), actor());
    check.unlock(PASSPHRASE).expect("unlock");
    for (id, n) in &acked {
        let record = check
            .with_vault(|v| v.open(id, ViewPurpose::Tilsyn))
            .unwrap_or_else(|e| panic!("acknowledged {id} lost: {e:?}"));
        assert!(
            record.data.note.starts_with(&format!("crash-{n}-")),
            "{id} is not whole: {:?}",
            &record.data.note[..20.min(record.data.note.len())]
        );
    }
    assert!(check.with_vault(|v| v.audit(1)).expect("audit").chain_ok);
    println!(
        "crash trials: {trials}, acknowledged records checked: {}",
        acked.len()
    );
}
