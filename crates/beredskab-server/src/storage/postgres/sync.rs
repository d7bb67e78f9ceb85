//! One sync in one transaction, as in SQLite's: judge the anchor, decide each
//! item by the shared rules, write what they say, store the new head. The
//! device's row is locked first (`FOR UPDATE`): one device's requests run
//! one at a time on every instance, while other devices' run alongside.

use super::devices::by_id;
use crate::storage::rules::{body_hash, decide, hash_without_id, Facts, Head, SeenUpload, Write};
use crate::storage::values::{day_text, millis, parse, text, uuid};
use crate::storage::{Device, StorageError, StorageResult, SyncOutcome};
use beredskab_protocol::anchor::{judge, AnchorVerdict};
use beredskab_protocol::{
    AuditAnchor, DeviceStatus, ItemResult, RecordKind, UploadItem, UploadKind,
};
use chrono::{DateTime, Utc};
use deadpool_postgres::{GenericClient, Transaction};

pub async fn sync(
    tx: Transaction<'_>,
    device: &Device,
    anchor: &AuditAnchor,
    items: &[UploadItem],
    now: DateTime<Utc>,
) -> StorageResult<SyncOutcome> {
    // The device as it is now, not as the request's credential found it.
    let device = by_id(&tx, device.id, true)
        .await?
        .ok_or(StorageError::DeviceRevoked)?;
    refuse_unless_active(&device)?;
    let id = device.id.to_string();
    match judge(device.anchor.as_ref(), anchor) {
        AnchorVerdict::Continues => {}
        AnchorVerdict::NeedsCheck => {
            let stored = device.anchor.clone().unwrap_or_else(|| anchor.head.clone());
            return Err(StorageError::AnchorCheck(stored));
        }
        AnchorVerdict::Rollback
            if accepted_before(&tx, &id, anchor).await?
                || read_earlier(&tx, &id, anchor).await? =>
        {
            return Err(StorageError::StaleRequest);
        }
        verdict => {
            let (flag, error) = match verdict {
                AnchorVerdict::Rollback => ("audit_rollback", StorageError::AuditRollback),
                _ => ("audit_fork", StorageError::AuditFork),
            };
            flag_device(&tx, &id, flag, now).await?;
            tx.commit().await?;
            return Err(error);
        }
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        results.push(apply(&tx, &device, item, now).await?);
    }
    let count = anchor.head.count as i64;
    tx.execute(
        "INSERT INTO device_anchor (device_id, count, hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        &[&id, &count, &anchor.head.hash],
    )
    .await?;
    tx.execute(
        "UPDATE device SET last_taken_at = greatest(coalesce(last_taken_at, $2), $2),
            anchor_count = $3, anchor_hash = $4, last_sync_at = $5
         WHERE id = $1",
        &[
            &id,
            &anchor.taken_at.timestamp_micros(),
            &count,
            &anchor.head.hash,
            &millis(now),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(SyncOutcome {
        results,
        confirmed: anchor.head.clone(),
    })
}

/// The request's head is one this device showed (and the service accepted)
/// before: a late copy of an old request, not a rolled-back log.
async fn accepted_before(
    tx: &Transaction<'_>,
    device: &str,
    anchor: &AuditAnchor,
) -> StorageResult<bool> {
    let found = tx
        .query_opt(
            "SELECT 1 FROM device_anchor WHERE device_id = $1 AND count = $2 AND hash = $3",
            &[&device, &(anchor.head.count as i64), &anchor.head.hash],
        )
        .await?;
    Ok(found.is_some())
}

/// The request's log was read before that of the newest request the service
/// took: an old request arriving late (perhaps one it never took at all).
async fn read_earlier(
    tx: &Transaction<'_>,
    device: &str,
    anchor: &AuditAnchor,
) -> StorageResult<bool> {
    let last: Option<i64> = tx
        .query_one("SELECT last_taken_at FROM device WHERE id = $1", &[&device])
        .await?
        .try_get(0)?;
    Ok(last.is_some_and(|last| anchor.taken_at.timestamp_micros() < last))
}

fn refuse_unless_active(device: &Device) -> StorageResult<()> {
    match device.status {
        DeviceStatus::Active => Ok(()),
        DeviceStatus::Revoked => Err(StorageError::DeviceRevoked),
        DeviceStatus::Flagged if device.flag.as_deref() == Some("audit_fork") => {
            Err(StorageError::AuditFork)
        }
        DeviceStatus::Flagged => Err(StorageError::AuditRollback),
    }
}

async fn flag_device(
    tx: &Transaction<'_>,
    device: &str,
    flag: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    tx.execute(
        "UPDATE device SET status = 'flagged', flag = $2 WHERE id = $1",
        &[&device, &flag],
    )
    .await?;
    tx.execute(
        "INSERT INTO service_log (at, actor, action, target) VALUES ($1, 'service', $2, $3)",
        &[&millis(now), &format!("device_flag_{flag}"), &device],
    )
    .await?;
    Ok(())
}

async fn facts(tx: &Transaction<'_>, item: &UploadItem) -> StorageResult<Facts> {
    let seen_sql = tx
        .prepare_cached(
            "SELECT device_id, body_hash, outcome, code FROM upload WHERE upload_id = $1",
        )
        .await?;
    let seen = match tx
        .query_opt(&seen_sql, &[&item.upload_id.to_string()])
        .await?
    {
        Some(r) => Some(SeenUpload {
            device_id: uuid(r.try_get(0)?)?,
            body_hash: r.try_get(1)?,
            outcome: parse(r.try_get(2)?)?,
            code: r.try_get(3)?,
        }),
        None => None,
    };
    let (head_sql, revision_sql) = match item.record {
        RecordKind::Concern => (
            "SELECT device_id, revision, deleted FROM concern WHERE id = $1",
            "SELECT content_hash FROM concern_revision WHERE concern_id = $1 AND revision = $2",
        ),
        RecordKind::Activity => (
            "SELECT device_id, revision, deleted FROM activity WHERE id = $1",
            "SELECT content_hash FROM activity_revision WHERE activity_id = $1 AND revision = $2",
        ),
    };
    let id = item.concern_id.to_string();
    let head_sql = tx.prepare_cached(head_sql).await?;
    let head = match tx.query_opt(&head_sql, &[&id]).await? {
        Some(r) => Some(Head {
            device_id: uuid(r.try_get(0)?)?,
            revision: r.try_get::<_, i64>(1)? as u32,
            deleted: r.try_get(2)?,
        }),
        None => None,
    };
    let revision_sql = tx.prepare_cached(revision_sql).await?;
    let same_revision_hash = match tx
        .query_opt(&revision_sql, &[&id, &i64::from(item.revision)])
        .await?
    {
        Some(r) => Some(r.try_get(0)?),
        None => None,
    };
    Ok(Facts {
        seen,
        head,
        same_revision_hash,
    })
}

async fn apply(
    tx: &Transaction<'_>,
    device: &Device,
    item: &UploadItem,
    now: DateTime<Utc>,
) -> StorageResult<ItemResult> {
    let hash = body_hash(item);
    let decision = decide(item, &hash, device.id, &facts(tx, item).await?);
    let at = millis(now);
    let (id, device_id, upload_id) = (
        item.concern_id.to_string(),
        device.id.to_string(),
        item.upload_id.to_string(),
    );
    let revision = i64::from(item.revision);
    if decision.remember {
        let sql = tx
            .prepare_cached(
                "INSERT INTO upload (upload_id, device_id, concern_id, revision, kind, body_hash, outcome, code, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .await?;
        tx.execute(
            &sql,
            &[
                &upload_id,
                &device_id,
                &id,
                &revision,
                &text(item.kind),
                &hash,
                &text(decision.outcome),
                &decision.code,
                &at,
            ],
        )
        .await?;
    }
    match (&decision.write, item.kind) {
        (Write::Nothing, _) => {}
        (Write::Review, _) => {
            tx.execute(
                "INSERT INTO review (upload_id, device_id, concern_id, revision, code, body, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &upload_id,
                    &device_id,
                    &id,
                    &revision,
                    &decision.code.as_deref().unwrap_or("conflict"),
                    &serde_json::to_string(item)?,
                    &at,
                ],
            )
            .await?;
        }
        (write, _) if item.record == RecordKind::Activity => {
            super::activities::write(tx, device, item, write, at).await?;
        }
        (write, UploadKind::Revision) => {
            let concern = item.concern.as_ref().ok_or_else(|| {
                StorageError::Backend("a revision without content passed the rules".into())
            })?;
            let sql = if *write == Write::Create {
                "INSERT INTO concern (id, device_id, unit, revision, deleted, observed_on, recorder_role,
                    target_group, age_band, severity, underretning_sent, contacted, cards_followed, updated_at,
                    case_stage, signs)
                 VALUES ($1, $2, $3, $4, false, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
            } else {
                "UPDATE concern SET revision = $4, observed_on = $5, recorder_role = $6, target_group = $7,
                    age_band = $8, severity = $9, underretning_sent = $10, contacted = $11,
                    cards_followed = $12, updated_at = $13, case_stage = $14, signs = $15
                 WHERE id = $1 AND device_id = $2 AND unit = $3"
            };
            let sql = tx.prepare_cached(sql).await?;
            tx.execute(
                &sql,
                &[
                    &id,
                    &device_id,
                    &device.unit,
                    &revision,
                    &day_text(concern.observed_on),
                    &text(concern.recorder_role),
                    &text(concern.target_group),
                    &text(concern.age_band),
                    &text(concern.severity),
                    &concern.actions.underretning_sent,
                    &serde_json::to_string(&concern.actions.contacted)?,
                    &serde_json::to_string(&concern.actions.cards_followed)?,
                    &at,
                    &text(concern.case_stage),
                    &serde_json::to_string(&concern.signs)?,
                ],
            )
            .await?;
            let sql = tx
                .prepare_cached(
                    "INSERT INTO concern_revision (concern_id, revision, upload_id, content_hash, body, received_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .await?;
            tx.execute(
                &sql,
                &[
                    &id,
                    &revision,
                    &upload_id,
                    &hash_without_id(item),
                    &serde_json::to_string(concern)?,
                    &at,
                ],
            )
            .await?;
        }
        (Write::Create, UploadKind::Deletion) => {
            tx.execute(
                "INSERT INTO concern (id, device_id, unit, revision, deleted, updated_at)
                 VALUES ($1, $2, $3, $4, true, $5)",
                &[&id, &device_id, &device.unit, &revision, &at],
            )
            .await?;
        }
        (_, UploadKind::Deletion) => {
            // Deleted on the laptop, deleted here: only the fact and the ids remain.
            tx.execute(
                "UPDATE concern SET deleted = true, updated_at = $2, observed_on = NULL,
                    recorder_role = NULL, target_group = NULL, age_band = NULL, severity = NULL,
                    underretning_sent = NULL, contacted = NULL, cards_followed = NULL, case_stage = NULL,
                    signs = NULL
                 WHERE id = $1",
                &[&id, &at],
            )
            .await?;
            tx.execute(
                "UPDATE concern_revision SET body = NULL WHERE concern_id = $1",
                &[&id],
            )
            .await?;
        }
    }
    Ok(ItemResult {
        upload_id: item.upload_id,
        outcome: decision.outcome,
        code: decision.code,
    })
}
