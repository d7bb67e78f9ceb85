//! Activities recorded offline: checked like a concern's text, kept in the
//! encrypted vault, queued for the service with every change (title left
//! behind), shown as sent or refused by the service's answer, and logged
//! without their title.

mod common;

use beredskab_domain::activity::{ActivityData, ActivityType, PlaceType};
use beredskab_domain::concern::{FieldCode, SyncState};
use beredskab_vault::outbox::{OutboxKind, OutboxRecord};
use beredskab_vault::{Settled, VaultError};
use chrono::NaiveDate;
use common::*;

fn course(title: &str) -> ActivityData {
    ActivityData {
        activity_type: ActivityType::Rettighedskursus,
        held_on: NaiveDate::from_ymd_opt(2026, 11, 3).expect("date"),
        place_type: PlaceType::Boligomraade,
        title: title.into(),
        pupils: 0,
        participants: 14,
        organisations: 1,
    }
}

#[test]
fn an_activity_is_recorded_edited_and_deleted_with_each_change_queued() {
    let (dir, mut m) = new_vault();
    let saved = m
        .with_vault(|v| v.activity_save(None, &course("TITLE-MARKER-Tingbjerg"), today()))
        .expect("saved");
    assert_eq!((saved.revision, saved.sync), (1, SyncState::IKoe));
    let mut edited = course("TITLE-MARKER-Tingbjerg");
    edited.participants = 16;
    let edited = m
        .with_vault(|v| v.activity_save(Some(&saved.id), &edited, today()))
        .expect("edited");
    assert_eq!((edited.revision, edited.data.participants), (2, 16));
    let pending = m.with_vault(|v| v.outbox_pending(10)).expect("queue");
    let queued: Vec<(OutboxRecord, OutboxKind, i64, u32)> = pending
        .iter()
        .map(|p| {
            let participants = p.activity.as_ref().map_or(0, |a| a.participants);
            (p.record, p.kind, p.revision, participants)
        })
        .collect();
    assert_eq!(
        queued,
        [
            (OutboxRecord::Activity, OutboxKind::Revision, 1, 14),
            (OutboxRecord::Activity, OutboxKind::Revision, 2, 16)
        ]
    );
    sync_everything(&mut m);
    let listed = m.with_vault(|v| v.activity_list()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].sync, SyncState::Sendt);

    m.with_vault(|v| v.activity_delete(&saved.id))
        .expect("deleted");
    assert!(m
        .with_vault(|v| v.activity_list())
        .expect("list")
        .is_empty());
    let pending = m.with_vault(|v| v.outbox_pending(10)).expect("queue");
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (pending[0].kind, pending[0].revision),
        (OutboxKind::Deletion, 2)
    );

    let log = m.with_vault(|v| v.audit(100)).expect("log");
    assert!(
        !format!("{log:?}").contains("TITLE-MARKER"),
        "the log never holds the title"
    );
    m.lock().expect("lock");
    assert_looks_encrypted(&dir.path().join("vault.db"));
}

#[test]
fn a_title_with_names_or_a_cpr_number_is_refused_and_nothing_is_saved() {
    let (_dir, mut m) = new_vault();
    for (title, code) in [
        ("Ali, Sara og Peter", FieldCode::NamesInTitle),
        ("Kursus 010203-1234", FieldCode::CprInTitle),
        ("", FieldCode::Required),
    ] {
        let refused = m.with_vault(|v| v.activity_save(None, &course(title), today()));
        match refused {
            Err(VaultError::InvalidInput(problems)) => {
                assert_eq!(problems[0].field, "title");
                assert_eq!(problems[0].code, code, "{title}");
            }
            other => panic!("{title}: {other:?}"),
        }
    }
    assert!(m
        .with_vault(|v| v.activity_list())
        .expect("list")
        .is_empty());
    assert_eq!(m.with_vault(|v| v.outbox_len()).expect("queue"), 0);
}

#[test]
fn a_refused_activity_shows_the_services_reason() {
    let (_dir, mut m) = new_vault();
    let saved = m
        .with_vault(|v| v.activity_save(None, &course("Kursus"), today()))
        .expect("saved");
    let pending = m.with_vault(|v| v.outbox_pending(10)).expect("queue");
    let answer = Settled::Refused {
        outcome: "rejected",
        code: Some("no_count".into()),
    };
    m.with_vault(|v| v.settle(&[(pending[0].upload_id, answer)]))
        .expect("settled");
    let listed = m.with_vault(|v| v.activity_list()).expect("list");
    assert_eq!(listed[0].id, saved.id);
    assert_eq!(listed[0].sync, SyncState::Afvist);
    assert_eq!(listed[0].sync_code.as_deref(), Some("no_count"));
}
