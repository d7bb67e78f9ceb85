//! What the vault keeps for sync: the enrollment inside the encrypted file,
//! the audit anchor, each change settled by the service's answer (a refusal
//! shown on the concern, never blocking the rest), and the wipe a revocation
//! asks for, logged with the number of changes that never arrived.

mod common;

use beredskab_domain::concern::SyncState;
use beredskab_vault::audit::AuditAction;
use beredskab_vault::Settled;
use common::*;

#[test]
fn the_enrollment_is_kept_inside_the_vault_and_logged_without_the_credential() {
    let (dir, mut m) = new_vault();
    m.with_vault(|v| {
        v.set_sync_account(
            "http://127.0.0.1:1",
            "dev-1",
            "Jobcenter Nord",
            "CREDENTIAL-MARKER-91",
        )
    })
    .expect("enroll");
    let account = m
        .with_vault(|v| v.sync_account())
        .expect("read")
        .expect("account");
    assert_eq!(account.unit, "Jobcenter Nord");
    assert_eq!(account.credential.as_str(), "CREDENTIAL-MARKER-91");
    assert!(
        !format!("{account:?}").contains("CREDENTIAL-MARKER-91"),
        "never in a debug print"
    );
    let log = m.with_vault(|v| v.audit(100)).expect("log");
    let enroll = log
        .entries
        .iter()
        .find(|e| e.action == AuditAction::Enroll)
        .expect("logged");
    assert!(!format!("{enroll:?}").contains("CREDENTIAL-MARKER-91"));
    m.lock().expect("lock");
    assert_looks_encrypted(&dir.path().join("vault.db"));
}

#[test]
fn the_anchor_is_the_logs_head_and_the_hash_at_the_confirmed_count() {
    let (_dir, mut m) = new_vault();
    let ((count, head), at) = m.with_vault(|v| v.audit_anchor(Some(1))).expect("anchor");
    assert!(count >= 1);
    assert_eq!(at.as_ref().map(|(n, _)| *n), Some(1));
    if count == 1 {
        assert_eq!(at.map(|(_, h)| h), Some(head.clone()));
    }
    let ((_, _), beyond) = m
        .with_vault(|v| v.audit_anchor(Some(count + 5)))
        .expect("anchor");
    assert_eq!(beyond, None, "a log never reaches a count it does not have");
}

#[test]
fn a_refused_change_is_shown_on_its_concern_and_the_rest_are_sent() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let a = m
        .with_vault(|v| v.register(None, &concern(&pack, "a"), false, &pack, today()))
        .expect("a");
    let b = m
        .with_vault(|v| v.register(None, &concern(&pack, "b"), false, &pack, today()))
        .expect("b");
    assert_eq!(a.sync, SyncState::IKoe);
    let pending = m.with_vault(|v| v.outbox_pending(10)).expect("pending");
    assert_eq!(pending.len(), 2);
    let answers: Vec<(uuid::Uuid, Settled)> = pending
        .iter()
        .map(|p| {
            let answer = if p.concern_id == a.id {
                Settled::Refused {
                    outcome: "rejected",
                    code: Some("bad_list".into()),
                }
            } else {
                Settled::Accepted
            };
            (p.upload_id, answer)
        })
        .collect();
    m.with_vault(|v| v.settle(&answers)).expect("settle");
    let listed = m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    let state = |id: &str| {
        listed
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.sync, c.sync_code.clone()))
    };
    assert_eq!(
        state(&a.id),
        Some((SyncState::Afvist, Some("bad_list".into())))
    );
    assert_eq!(state(&b.id), Some((SyncState::Sendt, None)));
    assert_eq!(
        m.with_vault(|v| v.outbox_len()).expect("len"),
        0,
        "nothing stuck in the queue"
    );
}

#[test]
fn a_revocation_wipes_the_concerns_and_logs_how_many_were_unsent() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    m.with_vault(|v| v.set_sync_account("http://127.0.0.1:1", "dev-1", "U", "c"))
        .expect("enroll");
    for note in ["a", "b"] {
        m.with_vault(|v| v.register(None, &concern(&pack, note), false, &pack, today()))
            .expect("register");
    }
    let unsent = m.with_vault(|v| v.wipe_after_revocation()).expect("wipe");
    assert_eq!(unsent, 2);
    assert!(m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list")
        .is_empty());
    assert!(m.with_vault(|v| v.sync_account()).expect("read").is_none());
    let log = m.with_vault(|v| v.audit(100)).expect("log");
    assert!(log.chain_ok);
    let wipe = log
        .entries
        .iter()
        .find(|e| e.action == AuditAction::RevokedWipe)
        .expect("logged");
    let detail: serde_json::Value =
        serde_json::from_str(wipe.detail.as_deref().unwrap_or("{}")).expect("json");
    assert_eq!(detail["unsent"], 2, "{wipe:?}");
}
