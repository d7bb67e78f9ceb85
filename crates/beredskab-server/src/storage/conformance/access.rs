//! Enrollment codes, credentials, revocation, and one device's records
//! kept from another.

use super::fixtures::*;
use crate::storage::{NewDevice, NewEnrollment, Storage, StorageError};
use beredskab_protocol::{DeviceStatus, ItemOutcome};
use chrono::Duration;
use std::sync::Arc;
use uuid::Uuid;

pub(super) async fn enrollment_once(store: Arc<dyn Storage>) {
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

pub(super) async fn enrollment_expired(store: Arc<dyn Storage>) {
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

pub(super) async fn device_by_credential(store: Arc<dyn Storage>) {
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

pub(super) async fn revoked_cannot_sync(store: Arc<dyn Storage>) {
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

pub(super) async fn not_yours(store: Arc<dyn Storage>) {
    let mine = enrolled(&store, "Nord", "m").await;
    let theirs = enrolled(&store, "Syd", "t").await;
    let item = revision(Uuid::new_v4(), 1);
    store
        .sync(
            &theirs,
            &anchor(1, "a", None),
            std::slice::from_ref(&item),
            t0(),
        )
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
