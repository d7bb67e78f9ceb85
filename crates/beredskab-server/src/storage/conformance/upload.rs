//! Exactly once: retries are duplicates, reused ids and gaps are kept for a
//! person, one bad item never blocks the rest, a deletion travels too.

use super::fixtures::*;
use crate::storage::Storage;
use beredskab_protocol::{ItemOutcome, RecordState, UploadItem, UploadKind};
use std::sync::Arc;
use uuid::Uuid;

pub(super) async fn exactly_once(store: Arc<dyn Storage>) {
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

pub(super) async fn conflicts_kept(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "k").await;
    let first = revision(Uuid::new_v4(), 1);
    store
        .sync(
            &device,
            &anchor(1, "a", None),
            std::slice::from_ref(&first),
            t0(),
        )
        .await
        .expect("sync");
    let mut reused = revision(Uuid::new_v4(), 1);
    reused.upload_id = first.upload_id;
    let gap = revision(first.concern_id, 3);
    let out = store
        .sync(&device, &anchor(1, "a", None), &[reused, gap], t0())
        .await
        .expect("sync");
    let got = answers(&out);
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

pub(super) async fn rejected_alone(store: Arc<dyn Storage>) {
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

pub(super) async fn deletion(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "d").await;
    let item = revision(Uuid::new_v4(), 1);
    let gone = UploadItem {
        upload_id: Uuid::now_v7(),
        kind: UploadKind::Deletion,
        record: Default::default(),
        activity: None,
        concern: None,
        ..item.clone()
    };
    let never_sent = UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: Uuid::new_v4(),
        revision: 1,
        kind: UploadKind::Deletion,
        record: Default::default(),
        activity: None,
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

/// One request holding a record's whole life: created, changed, a repeat,
/// a clash, deleted, changed after deletion; and a record created deleted.
/// Every item is judged by what the items before it did.
pub(super) async fn a_whole_history_in_one_request(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "U", "w").await;
    let id = Uuid::new_v4();
    let first = revision(id, 1);
    let second = revision(id, 2);
    let mut clash = revision(id, 2);
    clash.concern.as_mut().expect("content").severity = beredskab_domain::concern::Severity::Akut;
    let deletion = UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: id,
        revision: 3,
        kind: UploadKind::Deletion,
        record: Default::default(),
        activity: None,
        concern: None,
    };
    let after = revision(id, 4);
    let never_seen = UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: Uuid::new_v4(),
        ..deletion.clone()
    };
    let kept = revision(Uuid::new_v4(), 1);
    let batch = [
        first,
        second.clone(),
        second,
        clash,
        deletion.clone(),
        deletion,
        after,
        never_seen.clone(),
        kept.clone(),
    ];
    let out = store
        .sync(&device, &anchor(1, "h", None), &batch, t0())
        .await
        .expect("sync");
    let got = answers(&out);
    assert_eq!(
        got,
        [
            (ItemOutcome::Stored, None),
            (ItemOutcome::Stored, None),
            (ItemOutcome::Duplicate, None),
            (ItemOutcome::Conflict, Some("revision_conflict")),
            (ItemOutcome::Stored, None),
            (ItemOutcome::Duplicate, None),
            (ItemOutcome::Conflict, Some("record_deleted")),
            (ItemOutcome::Stored, None),
            (ItemOutcome::Stored, None),
        ]
    );
    let current = store.current_concerns().await.expect("read");
    assert_eq!(
        current.iter().map(|c| c.concern_id).collect::<Vec<_>>(),
        [kept.concern_id],
        "only the untouched record is current"
    );
    let record = store.record(&device, id).await.expect("record");
    assert_eq!(
        record.map(|r| (r.revision, r.state, r.conflicts)),
        Some((2, RecordState::Deleted, 2)),
        "deleted at its last stored revision, two clashes kept"
    );
    let tombstone = store
        .record(&device, never_seen.concern_id)
        .await
        .expect("record");
    assert_eq!(tombstone.map(|r| r.state), Some(RecordState::Deleted));
    // The same request again: the same answers, nothing written twice.
    let again = store
        .sync(&device, &anchor(1, "h", None), &batch, t0())
        .await
        .expect("sync again");
    let repeated = answers(&again);
    let expected: Vec<(ItemOutcome, Option<&str>)> = got
        .iter()
        .map(|&(outcome, code)| match outcome {
            ItemOutcome::Stored => (ItemOutcome::Duplicate, code),
            other => (other, code),
        })
        .collect();
    assert_eq!(repeated, expected);
    assert_eq!(store.conflicts().await.expect("conflicts").len(), 2);
    assert_eq!(store.current_concerns().await.expect("read").len(), 1);
}
