//! The audit anchor: a rollback or a fork flags the device, a late copy of
//! an old request does not, a grown log shows its confirmed point.

use super::fixtures::*;
use crate::storage::{Storage, StorageError};
use beredskab_protocol::DeviceStatus;
use std::sync::Arc;
use uuid::Uuid;

pub(super) async fn rollback(store: Arc<dyn Storage>) {
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

pub(super) async fn late_copy(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "l").await;
    let early = revision(Uuid::new_v4(), 1);
    store
        .sync(
            &device,
            &anchor(10, "h10", None),
            std::slice::from_ref(&early),
            t0(),
        )
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
    // A request the service never took (every delivery failed), read before
    // the newer ones were, arriving now: late, not a rollback.
    let never_taken = store
        .sync(
            &device,
            &anchor_at(11, "h11", Some((10, "h10")), t0()),
            &[revision(Uuid::new_v4(), 1)],
            t0(),
        )
        .await;
    assert!(
        matches!(never_taken, Err(StorageError::StaleRequest)),
        "{never_taken:?}"
    );
    assert_eq!(store.current_concerns().await.expect("read").len(), 1);
    // A head never shown before, behind the stored one, read now: a rollback.
    let rolled = store
        .sync(&device, &anchor(11, "h11", None), &[], t0())
        .await;
    assert!(
        matches!(rolled, Err(StorageError::AuditRollback)),
        "{rolled:?}"
    );
}

pub(super) async fn fork(store: Arc<dyn Storage>) {
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

pub(super) async fn anchor_check(store: Arc<dyn Storage>) {
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
