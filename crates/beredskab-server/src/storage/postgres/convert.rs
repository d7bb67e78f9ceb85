//! PostgreSQL rows to the service's types; the values as `storage::values` says.

use crate::storage::values::{parse, time, uuid};
use crate::storage::{Device, StorageResult};
use beredskab_protocol::{AnchorPoint, DeviceStatus};
use tokio_postgres::Row;

pub const DEVICE_COLUMNS: &str =
    "id, name, unit, status, flag, enrolled_at, last_sync_at, anchor_count, anchor_hash";

pub fn device(row: &Row) -> StorageResult<Device> {
    let anchor = match (
        row.try_get::<_, Option<i64>>(7)?,
        row.try_get::<_, Option<String>>(8)?,
    ) {
        (Some(count), Some(hash)) => Some(AnchorPoint {
            count: count as u64,
            hash,
        }),
        _ => None,
    };
    Ok(Device {
        id: uuid(row.try_get(0)?)?,
        name: row.try_get(1)?,
        unit: row.try_get(2)?,
        status: parse::<DeviceStatus>(row.try_get(3)?)?,
        flag: row.try_get(4)?,
        enrolled_at: time(row.try_get(5)?)?,
        last_sync_at: row.try_get::<_, Option<i64>>(6)?.map(time).transpose()?,
        anchor,
    })
}
