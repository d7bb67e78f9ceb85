//! One sync in one transaction, as in SQLite's: judge the anchor, decide the
//! items by the shared rules (`batch.rs`), store the new head. The
//! device's row is locked first (`FOR UPDATE`): one device's requests run
//! one at a time on every instance, while other devices' run alongside.

use super::devices::by_id;
use crate::storage::rules::{flag_for, refuse_unless_active};
use crate::storage::values::millis;
use crate::storage::{Device, StorageError, StorageResult, SyncOutcome};
use beredskab_protocol::anchor::{judge, AnchorVerdict};
use beredskab_protocol::{AuditAnchor, UploadItem};
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
            let (flag, error) = flag_for(verdict);
            flag_device(&tx, &id, flag, now).await?;
            tx.commit().await?;
            return Err(error);
        }
    }
    let results = super::batch::apply_all(&tx, &device, items, millis(now)).await?;
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
