//! Enrollment codes and devices.

use super::convert::{self, millis, DEVICE_COLUMNS};
use crate::storage::{Device, NewDevice, NewEnrollment, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

pub fn create_enrollment(c: &mut Connection, code: &NewEnrollment) -> StorageResult<()> {
    c.execute(
        "INSERT INTO enrollment (code_hash, unit, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            code.code_hash,
            code.unit,
            millis(code.created_at),
            millis(code.expires_at)
        ],
    )?;
    Ok(())
}

pub fn redeem(
    c: &mut Connection,
    code_hash: &str,
    device: &NewDevice,
    now: DateTime<Utc>,
) -> StorageResult<Device> {
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Used, expired and unknown codes all match nothing: one answer for all.
    let unit: Option<String> = tx
        .query_row(
            "UPDATE enrollment SET used_at = ?2, device_id = ?3
             WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2
             RETURNING unit",
            params![code_hash, millis(now), device.id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let unit = unit.ok_or(StorageError::EnrollmentRefused)?;
    tx.execute(
        "INSERT INTO device (id, name, unit, credential_hash, status, enrolled_at)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5)",
        params![
            device.id.to_string(),
            device.name,
            unit,
            device.credential_hash,
            millis(now)
        ],
    )?;
    let made = by_id(&tx, device.id)?;
    tx.commit()?;
    made.ok_or_else(|| StorageError::Backend("the new device is missing".into()))
}

pub(super) fn by_id(c: &Connection, id: Uuid) -> StorageResult<Option<Device>> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device WHERE id = ?1");
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(convert::device).transpose()
}

pub fn by_credential(c: &mut Connection, hash: &str) -> StorageResult<Option<Device>> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device WHERE credential_hash = ?1");
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query([hash])?;
    rows.next()?.map(convert::device).transpose()
}

pub fn all(c: &mut Connection) -> StorageResult<Vec<Device>> {
    let sql = format!("SELECT {DEVICE_COLUMNS} FROM device ORDER BY enrolled_at, id");
    let mut stmt = c.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(convert::device(row)?);
    }
    Ok(out)
}

pub fn revoke(c: &mut Connection, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool> {
    let changed = c.execute(
        "UPDATE device SET status = 'revoked', revoked_at = ?2 WHERE id = ?1 AND status != 'revoked'",
        params![id.to_string(), millis(now)],
    )?;
    Ok(changed == 1)
}
