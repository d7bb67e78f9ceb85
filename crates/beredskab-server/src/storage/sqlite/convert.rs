//! SQLite rows to types; the values themselves as `storage::values` says.

pub use crate::storage::values::{millis, parse, text, time, uuid};
use crate::storage::{Device, StorageResult};
use beredskab_protocol::{AnchorPoint, DeviceStatus};
use rusqlite::Row;

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
