//! Activities ride the same exactly-once rules as concerns, in their own
//! records; a concern's case stage and signs are kept for the report.

use super::fixtures::*;
use crate::storage::Storage;
use beredskab_domain::activity::{ActivityType, PlaceType};
use beredskab_domain::concern::CaseStage;
use beredskab_protocol::{ActivityUpload, ItemOutcome, RecordKind, UploadItem, UploadKind};
use chrono::NaiveDate;
use std::sync::Arc;
use uuid::Uuid;

fn activity(id: Uuid, n: u32, participants: u32) -> UploadItem {
    UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id: id,
        revision: n,
        kind: UploadKind::Revision,
        record: RecordKind::Activity,
        concern: None,
        activity: Some(ActivityUpload {
            activity_type: ActivityType::Rettighedskursus,
            held_on: NaiveDate::from_ymd_opt(2026, 4, 9).expect("date"),
            place_type: PlaceType::Boligomraade,
            pupils: 0,
            participants,
            organisations: 1,
        }),
    }
}

pub(super) async fn activities_exactly_once(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "Jobcenter Nord", "act").await;
    let id = Uuid::new_v4();
    let first = activity(id, 1, 12);
    let edited = activity(id, 2, 14);
    // The same id for a concern: records of two kinds never meet.
    let concern = revision(id, 1);
    let batch = [first.clone(), edited.clone(), first.clone(), concern];
    let out = store
        .sync(&device, &anchor(4, "a4", None), &batch, t0())
        .await
        .expect("sync");
    let outcomes: Vec<ItemOutcome> = out.results.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            ItemOutcome::Stored,
            ItemOutcome::Stored,
            ItemOutcome::Duplicate,
            ItemOutcome::Stored
        ]
    );
    let changed_twice = activity(id, 2, 99);
    let out = store
        .sync(
            &device,
            &anchor(5, "a5", Some((4, "a4"))),
            &[changed_twice],
            t0(),
        )
        .await
        .expect("sync");
    assert_eq!(out.results[0].outcome, ItemOutcome::Conflict);
    let current = store.current_activities().await.expect("read");
    assert_eq!(current.len(), 1);
    assert_eq!(
        (current[0].participants, current[0].unit.as_str()),
        (14, "Jobcenter Nord")
    );
    assert_eq!(store.current_concerns().await.expect("read").len(), 1);

    let gone = UploadItem {
        upload_id: Uuid::now_v7(),
        kind: UploadKind::Deletion,
        activity: None,
        ..activity(id, 2, 0)
    };
    let out = store
        .sync(&device, &anchor(6, "a6", Some((5, "a5"))), &[gone], t0())
        .await
        .expect("sync");
    assert_eq!(out.results[0].outcome, ItemOutcome::Stored);
    assert!(store.current_activities().await.expect("read").is_empty());
    assert_eq!(
        store.current_concerns().await.expect("read").len(),
        1,
        "deleting the activity leaves the concern with the same id"
    );
}

pub(super) async fn case_stage_kept(store: Arc<dyn Storage>) {
    let device = enrolled(&store, "Jobcenter Nord", "stage").await;
    let inquiry = revision(Uuid::new_v4(), 1);
    let mut promoted = revision(inquiry.concern_id, 2);
    if let Some(c) = promoted.concern.as_mut() {
        c.case_stage = CaseStage::Borgersag;
    }
    store
        .sync(&device, &anchor(1, "s1", None), &[inquiry], t0())
        .await
        .expect("sync");
    let stages = |c: Vec<crate::storage::StoredConcern>| -> Vec<CaseStage> {
        c.into_iter().map(|c| c.case_stage).collect()
    };
    let current = store.current_concerns().await.expect("read");
    assert_eq!(
        current[0].signs,
        ["isolation"],
        "the signs are kept for the report"
    );
    assert_eq!(stages(current), [CaseStage::Henvendelse]);
    store
        .sync(
            &device,
            &anchor(2, "s2", Some((1, "s1"))),
            &[promoted],
            t0(),
        )
        .await
        .expect("sync");
    assert_eq!(
        stages(store.current_concerns().await.expect("read")),
        [CaseStage::Borgersag]
    );
}
