//! Enrollment codes and devices. A code is used by one conditional UPDATE:
//! two instances redeeming it at once both run it, and only one matches.

use super::convert::{self, DEVICE_COLUMNS};
use crate::storage::values::millis;
use crate::storage::{Device, NewDevice, NewEnrollment, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;
use uuid::Uuid;

pub async fn create_enrollment(c: &impl GenericClient, code: &NewEnrollment) -> StorageResult<()> {
    c.execute(
        "INSERT INTO enrollment (code_hash, unit, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        &[
            &code.code_hash,
            &code.unit,
            &millis(code.created_at),
            &millis(code.expires_at),
        ],
    )
    .await?;
    Ok(())
}

pub async fn redeem(
    tx: &impl GenericClient,
    code_hash: &str,
    device: &NewDevice,
    now: DateTime<Utc>,
) -> StorageResult<Device> {
    // Used, expired and unknown codes all match nothing: one answer for all.
    let row = tx
        .query_opt(
            "UPDATE enrollment SET used_at = $2, device_id = $3
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
             RETURNING unit",
            &[&code_hash, &millis(now), &device.id.to_string()],
        )
        .await?;
    let unit: String = row.ok_or(StorageError::EnrollmentRefused)?.try_get(0)?;
    tx.execute(
        "INSERT INTO device (id, name, unit, credential_hash, status, enrolled_at)
         VALUES ($1, $2, $3, $4, 'active', $5)",
        &[
            &device.id.to_string(),
            &device.name,
            &unit,
            &device.credential_hash,
            &millis(now),
        ],
    )
    .await?;
    by_id(tx, device.id, false)
        .await?
        .ok_or_else(|| StorageError::Backend("the new device is missing".into()))
}

/// The device; with `lock`, its row stays locked until the transaction ends,
/// so one device's syncs run one at a time across every instance.
pub async fn by_id(c: &impl GenericClient, id: Uuid, lock: bool) -> StorageResult<Option<Device>> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device WHERE id = $1{lock}");
    let row = c.query_opt(&sql, &[&id.to_string()]).await?;
    row.as_ref().map(convert::device).transpose()
}

pub async fn by_credential(c: &impl GenericClient, hash: &str) -> StorageResult<Option<Device>> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device WHERE credential_hash = $1");
    let row = c.query_opt(&sql, &[&hash]).await?;
    row.as_ref().map(convert::device).transpose()
}

pub async fn all(c: &impl GenericClient) -> StorageResult<Vec<Device>> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device ORDER BY enrolled_at, id");
    c.query(&sql, &[])
        .await?
        .iter()
        .map(convert::device)
        .collect()
}

pub async fn revoke(c: &impl GenericClient, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool> {
    let changed = c
        .execute(
            "UPDATE device SET status = 'revoked', revoked_at = $2 WHERE id = $1 AND status != 'revoked'",
            &[&id.to_string(), &millis(now)],
        )
        .await?;
    Ok(changed == 1)
}
