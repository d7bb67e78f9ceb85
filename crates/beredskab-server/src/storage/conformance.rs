//! What every storage backend must do, as one suite: each backend's tests
//! call `run` with a way to make an empty store. A check that fails panics
//! with its name; every check starts from an empty store.

use super::{Device, LogEntry, NewDevice, NewEnrollment, Storage, StorageError};
use beredskab_domain::concern::{AgeBand, ConcernActions, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ConcernUpload, DeviceStatus, ItemOutcome, RecordState, SignedRelease,
    UploadItem, UploadKind,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use uuid::Uuid;

type Check = fn(Arc<dyn Storage>) -> Pin<Box<dyn Future<Output = ()> + Send>>;

/// Every check, by name.
pub const CHECKS: &[(&str, Check)] = &[
    ("an_enrollment_code_is_used_once", |s| {
        Box::pin(enrollment_once(s))
    }),
    ("an_expired_or_unknown_code_is_refused", |s| {
        Box::pin(enrollment_expired(s))
    }),
    ("a_device_is_found_by_its_credential_only", |s| {
        Box::pin(device_by_credential(s))
    }),
    ("a_revoked_device_cannot_sync", |s| {
        Box::pin(revoked_cannot_sync(s))
    }),
    ("an_upload_is_stored_once_and_retries_are_duplicates", |s| {
        Box::pin(exactly_once(s))
    }),
    ("a_reused_upload_id_or_a_gap_is_kept_for_review", |s| {
        Box::pin(conflicts_kept(s))
    }),
    ("an_invalid_item_is_rejected_and_the_rest_stored", |s| {
        Box::pin(rejected_alone(s))
    }),
    (
        "another_devices_record_can_be_neither_read_nor_written",
        |s| Box::pin(not_yours(s)),
    ),
    ("a_deletion_removes_the_record_from_the_counts", |s| {
        Box::pin(deletion(s))
    }),
    (
        "a_rolled_back_audit_log_flags_the_device_and_stores_nothing",
        |s| Box::pin(rollback(s)),
    ),
    (
        "a_late_copy_of_an_old_request_applies_nothing_and_flags_nothing",
        |s| Box::pin(late_copy(s)),
    ),
    ("a_forked_audit_log_flags_the_device", |s| Box::pin(fork(s))),
    ("a_grown_log_must_show_the_confirmed_point", |s| {
        Box::pin(anchor_check(s))
    }),
    ("releases_are_kept_by_number_and_never_replaced", |s| {
        Box::pin(releases(s))
    }),
    ("the_log_keeps_entries_newest_first", |s| Box::pin(log(s))),
];

/// Runs every check against stores made by `make`.
pub async fn run<F, Fut>(make: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Arc<dyn Storage>>,
{
    for (name, check) in CHECKS {
        let store = make().await;
        let outcome = tokio::spawn(check(store)).await;
        if let Err(e) = outcome {
            panic!("storage conformance check {name} failed: {e}");
        }
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0)
        .single()
        .expect("time")
}

async fn enrolled(store: &Arc<dyn Storage>, unit: &str, credential: &str) -> Device {
    let code = format!("code-{credential}");
    store
        .create_enrollment(NewEnrollment {
            code_hash: code.clone(),
            unit: unit.into(),
            created_at: t0(),
            expires_at: t0() + Duration::minutes(15),
        })
        .await
        .expect("code");
    store
        .redeem_enrollment(
            &code,
            NewDevice {
                id: Uuid::new_v4(),
                name: format!("pc-{credential}"),
                credential_hash: credential.into(),
            },
            t0() + Duration::minutes(1),
        )
        .await
        .expect("enrolled")
}

fn concern() -> ConcernUpload {
    ConcernUpload {
        observed_on: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        recorder_role: Role::JobkonsulentSagsbehandler,
        recorder_unit: "Jobcenter Nord".into(),
        target_group: TargetGroup::Voksen,
        age_band: AgeBand::A18to24,
        gender: None,
        signs: vec!["isolation".into()],
        severity: Severity::Middel,
        actions: ConcernActions {
            underretning_sent: false,
            ..ConcernActions::default()
        },
        follow_up: None,
    }
}

fn revision(concern_id: Uuid, n: u32) -> UploadItem {
    UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id,
        revision: n,
        kind: UploadKind::Revision,
        concern: Some(concern()),
    }
}

fn anchor(count: u64, hash: &str, confirmed: Option<(u64, &str)>) -> AuditAnchor {
    AuditAnchor {
        head: AnchorPoint {
            count,
            hash: hash.into(),
        },
        confirmed: confirmed.map(|(count, hash)| AnchorPoint {
            count,
            hash: hash.into(),
        }),
    }
}

async fn enrollment_once(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "Jobcenter Nord", "c1").await;
    assert_eq!(device.unit, "Jobcenter Nord");
    assert_eq!(device.status, DeviceStatus::Active);
    let again = store
        .redeem_enrollment(
            "code-c1",
            NewDevice {
                id: Uuid::new_v4(),
                name: "pc-2".into(),
                credential_hash: "c2".into(),
            },
            t0() + Duration::minutes(2),
        )
        .await;
    assert!(
        matches!(again, Err(StorageError::EnrollmentRefused)),
        "{again:?}"
    );
    assert_eq!(store.devices().await.expect("devices").len(), 1);
}

async fn enrollment_expired(store: Arc<dyn Storage>) {
    store
        .create_enrollment(NewEnrollment {
            code_hash: "old".into(),
            unit: "U".into(),
            created_at: t0(),
            expires_at: t0() + Duration::minutes(15),
        })
        .await
        .expect("code");
    let new = |c: &str| NewDevice {
        id: Uuid::new_v4(),
        name: "pc".into(),
        credential_hash: c.into(),
    };
    let late = store
        .redeem_enrollment("old", new("a"), t0() + Duration::minutes(16))
        .await;
    assert!(
        matches!(late, Err(StorageError::EnrollmentRefused)),
        "{late:?}"
    );
    let unknown = store.redeem_enrollment("nope", new("b"), t0()).await;
    assert!(
        matches!(unknown, Err(StorageError::EnrollmentRefused)),
        "{unknown:?}"
    );
    assert!(store.devices().await.expect("devices").is_empty());
}

async fn device_by_credential(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "secret-hash").await;
    let found = store
        .device_by_credential("secret-hash")
        .await
        .expect("read");
    assert_eq!(found.map(|d| d.id), Some(device.id));
    assert!(store
        .device_by_credential("other")
        .await
        .expect("read")
        .is_none());
}

async fn revoked_cannot_sync(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "r").await;
    assert!(store.revoke_device(device.id, t0()).await.expect("revoke"));
    assert!(!store
        .revoke_device(device.id, t0())
        .await
        .expect("revoke twice"));
    let item = revision(Uuid::new_v4(), 1);
    let out = store
        .sync(&device, &anchor(1, "h1", None), &[item], t0())
        .await;
    assert!(matches!(out, Err(StorageError::DeviceRevoked)), "{out:?}");
    assert!(store.current_concerns().await.expect("read").is_empty());
}

async fn exactly_once(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "e").await;
    let first = revision(Uuid::new_v4(), 1);
    let second = revision(first.concern_id, 2);
    let batch = [first.clone(), second.clone(), first.clone()];
    let out = store
        .sync(&device, &anchor(3, "h3", None), &batch, t0())
        .await
        .expect("sync");
    let outcomes: Vec<ItemOutcome> = out.results.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            ItemOutcome::Stored,
            ItemOutcome::Stored,
            ItemOutcome::Duplicate
        ]
    );
    let retry = store
        .sync(&device, &anchor(3, "h3", None), &[first, second], t0())
        .await
        .expect("retry");
    assert!(retry
        .results
        .iter()
        .all(|r| r.outcome == ItemOutcome::Duplicate));
    let current = store.current_concerns().await.expect("read");
    assert_eq!(current.len(), 1);
    let record = store
        .record(&device, batch[0].concern_id)
        .await
        .expect("record");
    assert_eq!(
        record.map(|r| (r.revision, r.state)),
        Some((2, RecordState::Current))
    );
}

async fn conflicts_kept(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "k").await;
    let first = revision(Uuid::new_v4(), 1);
    store
        .sync(&device, &anchor(1, "a", None), &[first.clone()], t0())
        .await
        .expect("sync");
    let mut reused = revision(Uuid::new_v4(), 1);
    reused.upload_id = first.upload_id;
    let gap = revision(first.concern_id, 3);
    let out = store
        .sync(&device, &anchor(1, "a", None), &[reused, gap], t0())
        .await
        .expect("sync");
    let got: Vec<(ItemOutcome, Option<&str>)> = out
        .results
        .iter()
        .map(|r| (r.outcome, r.code.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (ItemOutcome::Conflict, Some("upload_id_reused")),
            (ItemOutcome::Conflict, Some("revision_conflict"))
        ]
    );
    assert_eq!(store.conflicts().await.expect("conflicts").len(), 2);
    assert_eq!(
        store.current_concerns().await.expect("read").len(),
        1,
        "nothing merged"
    );
}

async fn rejected_alone(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "j").await;
    let mut bad = revision(Uuid::new_v4(), 1);
    if let Some(c) = bad.concern.as_mut() {
        c.signs.clear();
    }
    let good = revision(Uuid::new_v4(), 1);
    let out = store
        .sync(&device, &anchor(1, "a", None), &[bad.clone(), good], t0())
        .await
        .expect("sync");
    assert_eq!(out.results[0].outcome, ItemOutcome::Rejected);
    assert_eq!(out.results[0].code.as_deref(), Some("bad_list"));
    assert_eq!(out.results[1].outcome, ItemOutcome::Stored);
    let again = store
        .sync(&device, &anchor(1, "a", None), &[bad], t0())
        .await
        .expect("sync");
    assert_eq!(
        again.results[0].outcome,
        ItemOutcome::Rejected,
        "a retry gets the same answer"
    );
    assert_eq!(again.results[0].code.as_deref(), Some("bad_list"));
}

async fn not_yours(store: Arc<dyn Storage>) {
    let mine = enrolled(&store, "Nord", "m").await;
    let theirs = enrolled(&store, "Syd", "t").await;
    let item = revision(Uuid::new_v4(), 1);
    store
        .sync(&theirs, &anchor(1, "a", None), &[item.clone()], t0())
        .await
        .expect("sync");
    assert!(store
        .record(&mine, item.concern_id)
        .await
        .expect("read")
        .is_none());
    let next = revision(item.concern_id, 2);
    let out = store
        .sync(&mine, &anchor(1, "b", None), &[next], t0())
        .await
        .expect("sync");
    assert_eq!(out.results[0].outcome, ItemOutcome::Rejected);
    assert_eq!(out.results[0].code.as_deref(), Some("not_yours"));
    let current = store.current_concerns().await.expect("read");
    assert_eq!(current.len(), 1);
    assert_eq!(
        current[0].unit, "Syd",
        "the unit comes from the device, not the body"
    );
}

async fn deletion(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "d").await;
    let item = revision(Uuid::new_v4(), 1);
    let gone = UploadItem {
        upload_id: Uuid::now_v7(),
        kind: UploadKind::Deletion,
        concern: None,
        ..item.clone()
    };
    let never_sent = UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: Uuid::new_v4(),
        revision: 1,
        kind: UploadKind::Deletion,
        concern: None,
    };
    let out = store
        .sync(
            &device,
            &anchor(2, "a", None),
            &[item.clone(), gone, never_sent.clone()],
            t0(),
        )
        .await
        .expect("sync");
    assert!(
        out.results.iter().all(|r| r.outcome == ItemOutcome::Stored),
        "{out:?}"
    );
    assert!(store.current_concerns().await.expect("read").is_empty());
    let record = store.record(&device, item.concern_id).await.expect("read");
    assert_eq!(record.map(|r| r.state), Some(RecordState::Deleted));
    let late = revision(never_sent.concern_id, 1);
    let out = store
        .sync(&device, &anchor(2, "a", None), &[late], t0())
        .await
        .expect("sync");
    assert_eq!(out.results[0].code.as_deref(), Some("record_deleted"));
}

async fn rollback(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "b").await;
    store
        .sync(&device, &anchor(10, "h10", None), &[], t0())
        .await
        .expect("sync");
    let item = revision(Uuid::new_v4(), 1);
    let out = store
        .sync(&device, &anchor(8, "h8", None), &[item], t0())
        .await;
    assert!(matches!(out, Err(StorageError::AuditRollback)), "{out:?}");
    assert!(store.current_concerns().await.expect("read").is_empty());
    let devices = store.devices().await.expect("devices");
    assert_eq!(devices[0].status, DeviceStatus::Flagged);
    assert_eq!(devices[0].flag.as_deref(), Some("audit_rollback"));
    let later = store
        .sync(&device, &anchor(11, "h11", Some((10, "h10"))), &[], t0())
        .await;
    assert!(
        matches!(later, Err(StorageError::AuditRollback)),
        "stays refused: {later:?}"
    );
    let log = store.log_entries(10).await.expect("log");
    assert!(log
        .iter()
        .any(|e| e.action.starts_with("device_flag") && e.target == device.id.to_string()));
}

async fn late_copy(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "l").await;
    let early = revision(Uuid::new_v4(), 1);
    store
        .sync(&device, &anchor(10, "h10", None), &[early.clone()], t0())
        .await
        .expect("sync");
    store
        .sync(&device, &anchor(12, "h12", Some((10, "h10"))), &[], t0())
        .await
        .expect("sync");
    // The first request again, delayed on the way, with one item it never had.
    let late = store
        .sync(
            &device,
            &anchor(10, "h10", None),
            &[early, revision(Uuid::new_v4(), 1)],
            t0(),
        )
        .await;
    assert!(matches!(late, Err(StorageError::StaleRequest)), "{late:?}");
    assert_eq!(
        store.current_concerns().await.expect("read").len(),
        1,
        "nothing of the late copy applied"
    );
    let devices = store.devices().await.expect("devices");
    assert_eq!(devices[0].status, DeviceStatus::Active, "not flagged");
    store
        .sync(&device, &anchor(13, "h13", Some((12, "h12"))), &[], t0())
        .await
        .expect("the device syncs on");
    // A head never shown before, behind the stored one: a rollback.
    let rolled = store
        .sync(&device, &anchor(11, "h11", None), &[], t0())
        .await;
    assert!(
        matches!(rolled, Err(StorageError::AuditRollback)),
        "{rolled:?}"
    );
}

async fn fork(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "f").await;
    store
        .sync(&device, &anchor(10, "h10", None), &[], t0())
        .await
        .expect("sync");
    let out = store
        .sync(&device, &anchor(12, "h12", Some((10, "other"))), &[], t0())
        .await;
    assert!(matches!(out, Err(StorageError::AuditFork)), "{out:?}");
    assert_eq!(
        store.devices().await.expect("devices")[0].flag.as_deref(),
        Some("audit_fork")
    );
}

async fn anchor_check(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "c").await;
    store
        .sync(&device, &anchor(10, "h10", None), &[], t0())
        .await
        .expect("sync");
    let out = store
        .sync(&device, &anchor(12, "h12", Some((9, "h9"))), &[], t0())
        .await;
    match out {
        Err(StorageError::AnchorCheck(point)) => assert_eq!(point.count, 10),
        other => panic!("expected a check at 10: {other:?}"),
    }
    let ok = store
        .sync(&device, &anchor(12, "h12", Some((10, "h10"))), &[], t0())
        .await
        .expect("sync");
    assert_eq!(ok.confirmed.count, 12);
    assert_eq!(
        store.devices().await.expect("devices")[0].status,
        DeviceStatus::Active
    );
}

fn signed(number: u32) -> SignedRelease {
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let files = BTreeMap::from([("pack.toml".to_string(), format!("version {number}"))]);
    SignedRelease::sign(number, "1.0.0", "Test", t0(), &files, &key)
}

async fn releases(store: Arc<dyn Storage>) {
    assert!(store.latest_release().await.expect("read").is_none());
    store.put_release(&signed(1), t0()).await.expect("put");
    store.put_release(&signed(2), t0()).await.expect("put");
    let again = store.put_release(&signed(2), t0()).await;
    assert!(
        matches!(again, Err(StorageError::ReleaseExists(2))),
        "{again:?}"
    );
    assert_eq!(store.latest_release_number().await.expect("read"), Some(2));
    assert_eq!(store.latest_release().await.expect("read"), Some(signed(2)));
}

async fn log(store: Arc<dyn Storage>) {
    for (i, action) in ["enroll_code", "device_revoke"].iter().enumerate() {
        store
            .log(LogEntry {
                at: t0() + Duration::seconds(i as i64),
                actor: "admin:root".into(),
                action: action.to_string(),
                target: "Nord".into(),
            })
            .await
            .expect("log");
    }
    let entries = store.log_entries(10).await.expect("read");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["device_revoke", "enroll_code"]);
}
