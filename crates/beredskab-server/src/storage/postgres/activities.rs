//! Activities in the PostgreSQL store, read back for the yearly report
//! (`batch.rs` writes them).

use crate::storage::values::{day, parse, uuid};
use crate::storage::{StorageError, StorageResult, StoredActivity};
use deadpool_postgres::GenericClient;

pub async fn current(c: &impl GenericClient) -> StorageResult<Vec<StoredActivity>> {
    let rows = c
        .query(
            "SELECT id, unit, activity_type, held_on, place_type, pupils, participants, organisations
             FROM activity WHERE NOT deleted ORDER BY id",
            &[],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredActivity {
                activity_id: uuid(r.try_get(0)?)?,
                unit: r.try_get(1)?,
                activity_type: parse(r.try_get(2)?)?,
                held_on: day(r.try_get(3)?)?,
                place_type: parse(r.try_get(4)?)?,
                pupils: count(r.try_get(5)?)?,
                participants: count(r.try_get(6)?)?,
                organisations: count(r.try_get(7)?)?,
            })
        })
        .collect()
}

fn count(value: i64) -> StorageResult<u32> {
    u32::try_from(value).map_err(|_| StorageError::Backend(format!("bad count {value}")))
}
