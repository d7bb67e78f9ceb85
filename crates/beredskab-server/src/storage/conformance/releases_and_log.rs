//! Releases kept by number and never replaced; the service's own log.

use super::fixtures::*;
use crate::storage::{LogEntry, Storage, StorageError};
use beredskab_protocol::SignedRelease;
use chrono::Duration;
use std::collections::BTreeMap;
use std::sync::Arc;

pub(super) fn signed(number: u32) -> SignedRelease {
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let files = BTreeMap::from([("pack.toml".to_string(), format!("version {number}"))]);
    SignedRelease::sign(number, "1.0.0", "Test", t0(), &files, &key)
}

pub(super) async fn releases(store: Arc<dyn Storage>) {
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

pub(super) async fn log(store: Arc<dyn Storage>) {
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
