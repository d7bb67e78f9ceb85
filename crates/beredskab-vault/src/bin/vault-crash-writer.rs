//! Test helper for the crash test (tests/crash.rs), not part of the app. It
//! opens the vault in the folder given as the first argument, with the pack
//! (JSON) given as the second, and repeats one kind of change until it is
//! killed, printing `ack …` after each commit:
//!
//! - `changes`: drafts, registrations, edits, deletions and acknowledged uploads;
//! - `passphrase`: changes the passphrase back and forth (env PASSPHRASE and PASSPHRASE_2);
//! - `rotate`: the same, replacing the data key each time;
//! - `purge`: registers, syncs and backdates concerns, then applies retention;
//! - `reset`: resets the vault, sets it up again and registers one concern.

use beredskab_domain::concern::{AgeBand, ConcernData, Severity};
use beredskab_domain::{Pack, Role, TargetGroup};
use beredskab_vault::keyfile::KdfCost;
use beredskab_vault::{Actor, VaultManager};
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("vault folder");
    let pack_json = args.next().expect("pack json");
    let mode = args.next().expect("mode");
    let pack: Pack =
        serde_json::from_str(&std::fs::read_to_string(pack_json).expect("pack")).expect("json");
    let passphrases = [
        std::env::var("PASSPHRASE").expect("PASSPHRASE"),
        std::env::var("PASSPHRASE_2").unwrap_or_default(),
    ];
    let actor = Actor {
        user: "crash".into(),
        device: "test".into(),
    };
    let mut m = VaultManager::with_cost(std::path::Path::new(&dir), actor, KdfCost::FAST_FOR_TESTS);
    if mode != "reset" {
        m.unlock(&passphrases[0]).expect("unlock");
    }
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| {
        writeln!(out, "ack {line}").expect("stdout");
        out.flush().expect("flush");
    };
    let sign = pack.signs[0].id.clone();
    let today = chrono::Utc::now().date_naive();
    let data = |n: u64| ConcernData {
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
    let mut registered: Vec<String> = Vec::new();
    for n in 0u64.. {
        match mode.as_str() {
            "changes" => match n % 6 {
                0 => {
                    let s = m
                        .with_vault(|v| v.save_draft(None, &data(n), false, &pack, today))
                        .expect("draft");
                    say(format!("draft {} {n}", s.id));
                }
                3 if !registered.is_empty() => {
                    let id = registered[(n as usize / 6) % registered.len()].clone();
                    let s = m
                        .with_vault(|v| v.update(&id, &data(n), false, &pack, today))
                        .expect("update");
                    say(format!("update {} {} {n}", s.id, s.revision));
                }
                4 if registered.len() > 3 => {
                    let id = registered.remove(0);
                    m.with_vault(|v| v.delete(&id)).expect("delete");
                    say(format!("delete {id}"));
                }
                5 => {
                    let ids: Vec<String> = m
                        .with_vault(|v| {
                            let pending = v.outbox_pending(3)?;
                            let ids: Vec<_> = pending.iter().map(|p| p.upload_id).collect();
                            v.outbox_ack(&ids)?;
                            Ok(ids.iter().map(|u| u.to_string()).collect())
                        })
                        .expect("ack");
                    say(format!("sent {}", ids.join(" ")));
                }
                _ => {
                    let s = m
                        .with_vault(|v| v.register(None, &data(n), false, &pack, today))
                        .expect("register");
                    registered.push(s.id.clone());
                    say(format!("register {} {} {n}", s.id, s.revision));
                }
            },
            "passphrase" | "rotate" => {
                let (from, to) = if n % 2 == 0 { (0, 1) } else { (1, 0) };
                m.change_passphrase(&passphrases[from], &passphrases[to], mode == "rotate")
                    .expect("change");
                say(format!("pass {to}"));
            }
            "purge" => {
                let ids: Vec<String> = (0..5)
                    .map(|k| {
                        m.with_vault(|v| v.register(None, &data(n * 5 + k), false, &pack, today))
                            .expect("register")
                            .id
                    })
                    .collect();
                m.with_vault(|v| {
                    let pending = v.outbox_pending(100)?;
                    let uploads: Vec<_> = pending.iter().map(|p| p.upload_id).collect();
                    v.outbox_ack(&uploads)?;
                    v.connection().execute(
                        "UPDATE concern SET synced_at = '2000-01-01T00:00:00.000Z' WHERE synced_at IS NOT NULL",
                        [],
                    )?;
                    Ok(())
                })
                .expect("sync");
                say(format!("synced {}", ids.join(" ")));
                let purged = m
                    .with_vault(|v| v.purge_synced_before("2001-01-01T00:00:00.000Z"))
                    .expect("purge");
                say(format!("purged {purged}"));
            }
            "reset" => {
                let unsynced = m.status().unsynced_hint.unwrap_or(0);
                m.reset(unsynced, Some(&passphrases[0])).expect("reset");
                say("reset".into());
                m.setup(&passphrases[0]).expect("setup");
                say("setup".into());
                let s = m
                    .with_vault(|v| v.register(None, &data(n), false, &pack, today))
                    .expect("register");
                say(format!("register {} {} {n}", s.id, s.revision));
            }
            other => panic!("unknown mode {other}"),
        }
    }
}
