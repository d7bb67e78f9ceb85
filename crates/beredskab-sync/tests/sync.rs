//! The sync engine against the real service on a loopback port: enrollment,
//! exactly-once upload in bounded batches, a refusal that blocks nothing, a
//! deletion, revocation and its wipe, a rolled-back laptop caught, and
//! retention after the service has a concern.

mod common;

use beredskab_domain::concern::SyncState;
use beredskab_protocol::{AnchorPoint, AuditAnchor, ConcernUpload, UploadItem, UploadKind};
use beredskab_sync::push::PushLimits;
use beredskab_sync::{enroll, push, SyncError, SyncErrorCode};
use common::*;
use uuid::Uuid;

fn limits(items: usize) -> PushLimits {
    PushLimits {
        max_items: items,
        ..PushLimits::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concerns_go_up_exactly_once_in_bounded_batches() {
    let service = Service::start().await;
    let laptop = Laptop::new();
    let code = service.code("Jobcenter Nord").await;
    let unit = enroll(&laptop.vault, &service.server.base(), &code, "pc-1")
        .await
        .expect("enroll");
    assert_eq!(unit, "Jobcenter Nord");

    let ids: Vec<String> = (0..7)
        .map(|i| laptop.register(&format!("note {i}")).id)
        .collect();
    laptop.update(&ids[0], "changed");
    laptop.with(|v| v.delete(&ids[1]));
    assert!(
        laptop.queued() >= 8,
        "revisions and the deletion are queued"
    );

    let report = push(&laptop.vault, None, limits(3), quick_retries())
        .await
        .expect("push");
    assert!(report.requests >= 3, "batches of at most 3: {report:?}");
    assert_eq!(report.refused, 0);
    assert_eq!(laptop.queued(), 0, "everything acknowledged left the queue");

    let stored = service.stored().await;
    assert_eq!(stored.len(), 6, "seven registered, one deleted");
    assert!(stored.iter().all(|c| c.unit == "Jobcenter Nord"));
    let first = Uuid::parse_str(&ids[0]).expect("id");
    let changed = stored.iter().find(|c| c.concern_id == first).expect("kept");
    assert_eq!(changed.severity, beredskab_domain::concern::Severity::Hoej);
    assert!(laptop.concerns().iter().all(|c| c.sync == SyncState::Sendt));

    let again = push(&laptop.vault, None, limits(3), quick_retries())
        .await
        .expect("push again");
    assert_eq!((again.sent, again.requests), (0, 1), "nothing left to send");
    assert_eq!(service.stored().await.len(), 6, "nothing doubled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_change_is_shown_on_its_concern_and_the_rest_arrive() {
    let service = Service::start().await;
    let laptop = service.enrolled_laptop("Skole Nord").await;
    let a = laptop.register("a");
    let b = laptop.register("b");
    push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("first push");

    // Someone else's revision 2 of `a` reaches the service first (a copied
    // vault, say): the laptop's own revision 2 must be kept for a person.
    let device = service
        .server
        .storage
        .devices()
        .await
        .expect("devices")
        .pop()
        .expect("the laptop");
    let mut other = beredskab_domain::concern::ConcernData {
        severity: Some(beredskab_domain::concern::Severity::Lav),
        ..concern(&laptop.pack, "other")
    };
    other.note.clear();
    let item = UploadItem {
        upload_id: Uuid::new_v4(),
        concern_id: Uuid::parse_str(&a.id).expect("id"),
        revision: 2,
        kind: UploadKind::Revision,
        record: Default::default(),
        activity: None,
        concern: Some(ConcernUpload::from_data(&other).expect("complete")),
    };
    let head = device.anchor.clone().expect("anchor after a sync");
    let anchor = AuditAnchor {
        head: AnchorPoint {
            count: head.count,
            hash: head.hash,
        },
        confirmed: None,
        taken_at: chrono::Utc::now(),
    };
    service
        .server
        .storage
        .sync(&device, &anchor, &[item], chrono::Utc::now())
        .await
        .expect("inject");

    laptop.update(&a.id, "mine");
    laptop.update(&b.id, "mine too");
    let report = push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("push");
    assert_eq!((report.stored, report.refused), (1, 1), "{report:?}");
    assert_eq!(laptop.queued(), 0, "the refusal does not stay in the queue");
    let concerns = laptop.concerns();
    let shown_a = concerns.iter().find(|c| c.id == a.id).expect("a");
    let shown_b = concerns.iter().find(|c| c.id == b.id).expect("b");
    assert_eq!(shown_a.sync, SyncState::Afvist);
    assert_eq!(shown_a.sync_code.as_deref(), Some("revision_conflict"));
    assert_eq!(shown_b.sync, SyncState::Sendt);
    let conflicts = service.server.storage.conflicts().await.expect("conflicts");
    assert_eq!(conflicts.len(), 1, "kept for a person, never merged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_works_once_and_a_wrong_address_is_refused_before_it_is_used() {
    let service = Service::start().await;
    let laptop = Laptop::new();
    let code = service.code("Skole Nord").await;
    let bad = enroll(&laptop.vault, "http://beredskab.example.dk", &code, "pc-1").await;
    assert!(matches!(bad, Err(SyncError::BadAddress)), "{bad:?}");
    enroll(&laptop.vault, &service.server.base(), &code, "pc-1")
        .await
        .expect("first use");
    let other = Laptop::new();
    let reused = enroll(&other.vault, &service.server.base(), &code, "pc-2")
        .await
        .expect_err("a code is single use");
    assert_eq!(reused.code(), SyncErrorCode::EnrollmentRefused);
    let not_enrolled = push(&other.vault, None, limits(10), quick_retries())
        .await
        .expect_err("not enrolled");
    assert_eq!(not_enrolled.code(), SyncErrorCode::NotEnrolled);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_laptop_wipes_its_concerns_and_counts_what_never_arrived() {
    let service = Service::start().await;
    let laptop = service.enrolled_laptop("Skole Nord").await;
    laptop.register("sent");
    push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("push");
    laptop.register("never sent 1");
    laptop.register("never sent 2");
    let device = service.server.storage.devices().await.expect("devices")[0].id;
    beredskab_server::admin::revoke(service.server.storage.as_ref(), device)
        .await
        .expect("revoke");

    let error = push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect_err("revoked");
    assert!(
        matches!(error, SyncError::Revoked { unsent: 2 }),
        "{error:?}"
    );
    assert_eq!(error.code(), SyncErrorCode::DeviceRevoked);
    assert!(laptop.concerns().is_empty(), "the laptop keeps no concerns");
    assert!(
        laptop.with(|v| v.sync_account()).is_none(),
        "nor the credential"
    );
    let log = laptop.with(|v| v.audit(100));
    let wipe = log
        .entries
        .iter()
        .find(|e| e.action == beredskab_vault::audit::AuditAction::RevokedWipe)
        .expect("the wipe is logged");
    let detail: serde_json::Value =
        serde_json::from_str(wipe.detail.as_deref().expect("detail")).expect("json");
    assert_eq!(detail["unsent"], 2, "with the count: {detail}");
    assert_eq!(service.stored().await.len(), 1, "nothing new stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_laptop_rolled_back_to_an_old_copy_is_caught_at_its_next_sync() {
    let service = Service::start().await;
    let laptop = service.enrolled_laptop("Skole Nord").await;
    laptop.register("one");
    push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("push");

    // A copy of the vault folder, taken while it is locked.
    laptop.vault.lock().expect("vault").lock().expect("lock");
    let copy = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(laptop.dir.path()).expect("folder") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), copy.path().join(entry.file_name())).expect("copy");
        }
    }
    laptop
        .vault
        .lock()
        .expect("vault")
        .unlock(PASSPHRASE)
        .expect("unlock");
    laptop.register("two");
    push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("push");
    laptop.vault.lock().expect("vault").lock().expect("lock");

    let mut old = manager_at(copy.path());
    old.unlock(PASSPHRASE).expect("unlock the old copy");
    let old = std::sync::Arc::new(std::sync::Mutex::new(old));
    let error = push(&old, None, limits(500), quick_retries())
        .await
        .expect_err("caught");
    assert_eq!(error.code(), SyncErrorCode::AuditRollback, "{error:?}");
    let device = &service.server.storage.devices().await.expect("devices")[0];
    assert_eq!(device.flag.as_deref(), Some("audit_rollback"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_removes_a_concern_only_after_the_service_has_it() {
    let service = Service::start().await;
    let laptop = service.enrolled_laptop("Skole Nord").await;
    laptop.register("kept until sent");
    laptop
        .vault
        .lock()
        .expect("vault")
        .set_retention_days(1)
        .expect("one day");
    let later = chrono::Utc::now() + chrono::Duration::days(2);
    let removed = laptop
        .vault
        .lock()
        .expect("vault")
        .apply_retention_at(later)
        .expect("retention");
    assert_eq!(removed, 0, "an unsent concern is never removed");

    push(&laptop.vault, None, limits(500), quick_retries())
        .await
        .expect("push");
    let tomorrow_morning = chrono::Utc::now() + chrono::Duration::hours(12);
    let early = laptop
        .vault
        .lock()
        .expect("vault")
        .apply_retention_at(tomorrow_morning)
        .expect("retention");
    assert_eq!(early, 0, "not before the configured day");
    let removed = laptop
        .vault
        .lock()
        .expect("vault")
        .apply_retention_at(later)
        .expect("retention");
    assert_eq!(removed, 1);
    assert!(laptop.concerns().is_empty());
    assert_eq!(service.stored().await.len(), 1, "the service still has it");
}
