//! Rows to types and back: times as Unix milliseconds, ids as text, enums
//! through the one text mapping (an unknown value is an error).

use crate::storage::{Device, StorageError, StorageResult};
use beredskab_protocol::{AnchorPoint, DeviceStatus};
use beredskab_sqlite::{enum_from_text, enum_text};
use chrono::{DateTime, Utc};
use rusqlite::Row;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

pub fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn time(ms: i64) -> StorageResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StorageError::Backend(format!("bad time {ms}")))
}

pub fn uuid(text: &str) -> StorageResult<Uuid> {
    Uuid::parse_str(text).map_err(|e| StorageError::Backend(format!("bad id: {e}")))
}

pub fn text<T: Serialize>(value: T) -> String {
    enum_text(&value)
}

pub fn parse<T: DeserializeOwned>(text: &str) -> StorageResult<T> {
    enum_from_text(text).map_err(|e| StorageError::Backend(e.to_string()))
}

pub const DEVICE_COLUMNS: &str =
    "id, name, unit, status, flag, enrolled_at, last_sync_at, anchor_count, anchor_hash";

pub fn device(row: &Row<'_>) -> StorageResult<Device> {
    let anchor = match (
        row.get::<_, Option<i64>>(7)?,
        row.get::<_, Option<String>>(8)?,
    ) {
        (Some(count), Some(hash)) => Some(AnchorPoint {
            count: count as u64,
            hash,
        }),
        _ => None,
    };
    Ok(Device {
        id: uuid(&row.get::<_, String>(0)?)?,
        name: row.get(1)?,
        unit: row.get(2)?,
        status: parse::<DeviceStatus>(&row.get::<_, String>(3)?)?,
        flag: row.get(4)?,
        enrolled_at: time(row.get(5)?)?,
        last_sync_at: row.get::<_, Option<i64>>(6)?.map(time).transpose()?,
        anchor,
    })
}
