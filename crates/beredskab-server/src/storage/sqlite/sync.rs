//! One sync in one immediate transaction: judge the anchor, decide each item
//! by the shared rules, write what they say, store the new head.

use super::convert::{millis, parse, text};
use super::devices::by_id;
use crate::storage::rules::{
    body_hash, decide, flag_for, hash_without_id, refuse_unless_active, Facts, Head, SeenUpload,
    Write,
};
use crate::storage::values::day_text;
use crate::storage::{Device, StorageError, StorageResult, SyncOutcome};
use beredskab_protocol::anchor::{judge, AnchorVerdict};
use beredskab_protocol::{AuditAnchor, ItemResult, RecordKind, UploadItem, UploadKind};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

pub fn sync(
    c: &mut rusqlite::Connection,
    device: &Device,
    anchor: &AuditAnchor,
    items: &[UploadItem],
    now: DateTime<Utc>,
) -> StorageResult<SyncOutcome> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The device as it is now, not as the request's credential found it.
    let device = by_id(&tx, device.id)?.ok_or(StorageError::DeviceRevoked)?;
    refuse_unless_active(&device)?;
    match judge(device.anchor.as_ref(), anchor) {
        AnchorVerdict::Continues => {}
        AnchorVerdict::NeedsCheck => {
            let stored = device.anchor.clone().unwrap_or_else(|| anchor.head.clone());
            return Err(StorageError::AnchorCheck(stored));
        }
        AnchorVerdict::Rollback
            if accepted_before(&tx, &device, anchor)? || read_earlier(&tx, &device, anchor)? =>
        {
            return Err(StorageError::StaleRequest);
        }
        verdict => {
            let (flag, error) = flag_for(verdict);
            flag_device(&tx, &device, flag, now)?;
            tx.commit()?;
            return Err(error);
        }
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        results.push(apply(&tx, &device, item, now)?);
    }
    tx.execute(
        "INSERT OR IGNORE INTO device_anchor (device_id, count, hash) VALUES (?1, ?2, ?3)",
        params![
            device.id.to_string(),
            anchor.head.count as i64,
            anchor.head.hash
        ],
    )?;
    tx.execute(
        "UPDATE device SET last_taken_at = max(coalesce(last_taken_at, ?2), ?2) WHERE id = ?1",
        params![device.id.to_string(), anchor.taken_at.timestamp_micros()],
    )?;
    tx.execute(
        "UPDATE device SET anchor_count = ?2, anchor_hash = ?3, last_sync_at = ?4 WHERE id = ?1",
        params![
            device.id.to_string(),
            anchor.head.count as i64,
            anchor.head.hash,
            millis(now)
        ],
    )?;
    tx.commit()?;
    Ok(SyncOutcome {
        results,
        confirmed: anchor.head.clone(),
    })
}

/// The request's head is one this device showed (and the service accepted)
/// before: a late copy of an old request, not a rolled-back log.
fn accepted_before(
    tx: &Transaction<'_>,
    device: &Device,
    anchor: &AuditAnchor,
) -> StorageResult<bool> {
    let found = tx
        .prepare_cached(
            "SELECT 1 FROM device_anchor WHERE device_id = ?1 AND count = ?2 AND hash = ?3",
        )?
        .query_row(
            params![
                device.id.to_string(),
                anchor.head.count as i64,
                anchor.head.hash
            ],
            |_| Ok(()),
        )
        .optional()?;
    Ok(found.is_some())
}

/// The request's log was read before that of the newest request the service
/// took: an old request arriving late (perhaps one it never took at all).
fn read_earlier(
    tx: &Transaction<'_>,
    device: &Device,
    anchor: &AuditAnchor,
) -> StorageResult<bool> {
    let last: Option<i64> = tx
        .prepare_cached("SELECT last_taken_at FROM device WHERE id = ?1")?
        .query_row([device.id.to_string()], |r| r.get(0))?;
    Ok(last.is_some_and(|last| anchor.taken_at.timestamp_micros() < last))
}

fn flag_device(
    tx: &Transaction<'_>,
    device: &Device,
    flag: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    tx.execute(
        "UPDATE device SET status = 'flagged', flag = ?2 WHERE id = ?1",
        params![device.id.to_string(), flag],
    )?;
    tx.execute(
        "INSERT INTO service_log (at, actor, action, target) VALUES (?1, 'service', ?2, ?3)",
        params![
            millis(now),
            format!("device_flag_{flag}"),
            device.id.to_string()
        ],
    )?;
    Ok(())
}

fn facts(tx: &Transaction<'_>, item: &UploadItem) -> StorageResult<Facts> {
    let seen = tx
        .prepare_cached(
            "SELECT device_id, body_hash, outcome, code FROM upload WHERE upload_id = ?1",
        )?
        .query_row([item.upload_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })
        .optional()?
        .map(
            |(device, body_hash, outcome, code)| -> StorageResult<SeenUpload> {
                Ok(SeenUpload {
                    device_id: super::convert::uuid(&device)?,
                    body_hash,
                    outcome: parse(&outcome)?,
                    code,
                })
            },
        )
        .transpose()?;
    let (head_sql, revision_sql) = match item.record {
        RecordKind::Concern => (
            "SELECT device_id, revision, deleted FROM concern WHERE id = ?1",
            "SELECT content_hash FROM concern_revision WHERE concern_id = ?1 AND revision = ?2",
        ),
        RecordKind::Activity => (
            "SELECT device_id, revision, deleted FROM activity WHERE id = ?1",
            "SELECT content_hash FROM activity_revision WHERE activity_id = ?1 AND revision = ?2",
        ),
    };
    let head = tx
        .prepare_cached(head_sql)?
        .query_row([item.concern_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .optional()?
        .map(|(device, revision, deleted)| -> StorageResult<Head> {
            Ok(Head {
                device_id: super::convert::uuid(&device)?,
                revision: revision as u32,
                deleted: deleted == 1,
            })
        })
        .transpose()?;
    let same_revision_hash = tx
        .prepare_cached(revision_sql)?
        .query_row(params![item.concern_id.to_string(), item.revision], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(Facts {
        seen,
        head,
        same_revision_hash,
    })
}

fn apply(
    tx: &Transaction<'_>,
    device: &Device,
    item: &UploadItem,
    now: DateTime<Utc>,
) -> StorageResult<ItemResult> {
    let hash = body_hash(item);
    let decision = decide(item, &hash, device.id, &facts(tx, item)?);
    let at = millis(now);
    if decision.remember {
        tx.prepare_cached(
            "INSERT INTO upload (upload_id, device_id, concern_id, revision, kind, body_hash, outcome, code, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            item.upload_id.to_string(),
            device.id.to_string(),
            item.concern_id.to_string(),
            item.revision,
            text(item.kind),
            hash,
            text(decision.outcome),
            decision.code,
            at
        ])?;
    }
    match (&decision.write, item.kind) {
        (Write::Nothing, _) => {}
        (Write::Review, _) => {
            tx.prepare_cached(
                "INSERT INTO review (upload_id, device_id, concern_id, revision, code, body, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                item.upload_id.to_string(),
                device.id.to_string(),
                item.concern_id.to_string(),
                item.revision,
                decision.code.as_deref().unwrap_or("conflict"),
                serde_json::to_string(item)?,
                at
            ])?;
        }
        (write, _) if item.record == RecordKind::Activity => {
            super::activities::write(tx, device, item, write, at)?;
        }
        (write, UploadKind::Revision) => {
            let concern = item.concern.as_ref().ok_or_else(|| {
                StorageError::Backend("a revision without content passed the rules".into())
            })?;
            let sql = if *write == Write::Create {
                "INSERT INTO concern (id, device_id, unit, revision, deleted, observed_on, recorder_role,
                    target_group, age_band, severity, underretning_sent, contacted, cards_followed, updated_at,
                    case_stage, signs)
                 VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
            } else {
                "UPDATE concern SET revision = ?4, observed_on = ?5, recorder_role = ?6, target_group = ?7,
                    age_band = ?8, severity = ?9, underretning_sent = ?10, contacted = ?11,
                    cards_followed = ?12, updated_at = ?13, case_stage = ?14, signs = ?15
                 WHERE id = ?1 AND device_id = ?2 AND unit = ?3"
            };
            tx.prepare_cached(sql)?.execute(params![
                item.concern_id.to_string(),
                device.id.to_string(),
                device.unit,
                item.revision,
                day_text(concern.observed_on),
                text(concern.recorder_role),
                text(concern.target_group),
                text(concern.age_band),
                text(concern.severity),
                concern.actions.underretning_sent as i64,
                serde_json::to_string(&concern.actions.contacted)?,
                serde_json::to_string(&concern.actions.cards_followed)?,
                at,
                text(concern.case_stage),
                serde_json::to_string(&concern.signs)?
            ])?;
            tx.prepare_cached(
                "INSERT INTO concern_revision (concern_id, revision, upload_id, content_hash, body, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                item.concern_id.to_string(),
                item.revision,
                item.upload_id.to_string(),
                hash_without_id(item),
                serde_json::to_string(concern)?,
                at
            ])?;
        }
        (Write::Create, UploadKind::Deletion) => {
            tx.prepare_cached(
                "INSERT INTO concern (id, device_id, unit, revision, deleted, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            )?
            .execute(params![
                item.concern_id.to_string(),
                device.id.to_string(),
                device.unit,
                item.revision,
                at
            ])?;
        }
        (_, UploadKind::Deletion) => {
            // Deleted on the laptop, deleted here: only the fact and the ids remain.
            tx.prepare_cached(
                "UPDATE concern SET deleted = 1, updated_at = ?2, observed_on = NULL,
                    recorder_role = NULL, target_group = NULL, age_band = NULL, severity = NULL,
                    underretning_sent = NULL, contacted = NULL, cards_followed = NULL, case_stage = NULL,
                    signs = NULL
                 WHERE id = ?1",
            )?
            .execute(params![item.concern_id.to_string(), at])?;
            tx.prepare_cached("UPDATE concern_revision SET body = NULL WHERE concern_id = ?1")?
                .execute([item.concern_id.to_string()])?;
        }
    }
    Ok(ItemResult {
        upload_id: item.upload_id,
        outcome: decision.outcome,
        code: decision.code,
    })
}
