//! Administration tokens are found by their hash, and by nothing else; a
//! working store answers a ping (what `/readyz` asks).

use super::fixtures::t0;
use crate::storage::{NewAdminToken, Storage};
use std::sync::Arc;

pub(super) async fn found_by_hash_only(store: Arc<dyn Storage>) {
    store
        .create_admin_token(NewAdminToken {
            token_hash: "hash-of-dashboard-token".into(),
            label: "dashboard".into(),
            created_at: t0(),
        })
        .await
        .expect("kept");
    let found = store
        .admin_by_token("hash-of-dashboard-token")
        .await
        .expect("read")
        .expect("found");
    assert_eq!(
        (found.label.as_str(), found.created_at),
        ("dashboard", t0())
    );
    assert!(store
        .admin_by_token("dashboard")
        .await
        .expect("read")
        .is_none());
    assert!(store.admin_by_token("").await.expect("read").is_none());
}

pub(super) async fn answers_a_ping(store: Arc<dyn Storage>) {
    store.ping().await.expect("a working store answers");
}
