//! Activities in the PostgreSQL store: written as the shared rules decide,
//! read back for the yearly report.

use crate::storage::rules::{hash_without_id, Write};
use crate::storage::values::{day, day_text, parse, text, uuid};
use crate::storage::{Device, StorageError, StorageResult, StoredActivity};
use beredskab_protocol::{UploadItem, UploadKind};
use deadpool_postgres::{GenericClient, Transaction};

pub async fn write(
    tx: &Transaction<'_>,
    device: &Device,
    item: &UploadItem,
    write: &Write,
    at: i64,
) -> StorageResult<()> {
    let id = item.concern_id.to_string();
    let device_id = device.id.to_string();
    let revision = i64::from(item.revision);
    match (write, item.kind) {
        (Write::Nothing | Write::Review, _) => {}
        (write, UploadKind::Revision) => {
            let activity = item.activity.as_ref().ok_or_else(|| {
                StorageError::Backend(
                    "an activity revision without content passed the rules".into(),
                )
            })?;
            let sql = if *write == Write::Create {
                "INSERT INTO activity (id, device_id, unit, revision, deleted, activity_type, held_on,
                    place_type, pupils, participants, organisations, updated_at)
                 VALUES ($1, $2, $3, $4, false, $5, $6, $7, $8, $9, $10, $11)"
            } else {
                "UPDATE activity SET revision = $4, activity_type = $5, held_on = $6, place_type = $7,
                    pupils = $8, participants = $9, organisations = $10, updated_at = $11
                 WHERE id = $1 AND device_id = $2 AND unit = $3"
            };
            tx.execute(
                sql,
                &[
                    &id,
                    &device_id,
                    &device.unit,
                    &revision,
                    &text(activity.activity_type),
                    &day_text(activity.held_on),
                    &text(activity.place_type),
                    &i64::from(activity.pupils),
                    &i64::from(activity.participants),
                    &i64::from(activity.organisations),
                    &at,
                ],
            )
            .await?;
            tx.execute(
                "INSERT INTO activity_revision (activity_id, revision, upload_id, content_hash, body, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &id,
                    &revision,
                    &item.upload_id.to_string(),
                    &hash_without_id(item),
                    &serde_json::to_string(activity)?,
                    &at,
                ],
            )
            .await?;
        }
        (Write::Create, UploadKind::Deletion) => {
            tx.execute(
                "INSERT INTO activity (id, device_id, unit, revision, deleted, updated_at)
                 VALUES ($1, $2, $3, $4, true, $5)",
                &[&id, &device_id, &device.unit, &revision, &at],
            )
            .await?;
        }
        (_, UploadKind::Deletion) => {
            tx.execute(
                "UPDATE activity SET deleted = true, updated_at = $2, activity_type = NULL,
                    held_on = NULL, place_type = NULL, pupils = NULL, participants = NULL,
                    organisations = NULL
                 WHERE id = $1",
                &[&id, &at],
            )
            .await?;
        }
    }
    Ok(())
}

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
