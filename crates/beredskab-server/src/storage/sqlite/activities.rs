//! Activities in the SQLite store: written as the shared rules decide, read
//! back for the yearly report. Their revisions are kept apart from concerns'.

use super::convert::{parse, text, uuid};
use crate::storage::rules::{hash_without_id, Write};
use crate::storage::values::{day, day_text};
use crate::storage::{Device, StorageError, StorageResult, StoredActivity};
use beredskab_protocol::{UploadItem, UploadKind};
use rusqlite::{params, Connection, Transaction};

pub fn write(
    tx: &Transaction<'_>,
    device: &Device,
    item: &UploadItem,
    write: &Write,
    at: i64,
) -> StorageResult<()> {
    let id = item.concern_id.to_string();
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
                 VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            } else {
                "UPDATE activity SET revision = ?4, activity_type = ?5, held_on = ?6, place_type = ?7,
                    pupils = ?8, participants = ?9, organisations = ?10, updated_at = ?11
                 WHERE id = ?1 AND device_id = ?2 AND unit = ?3"
            };
            tx.prepare_cached(sql)?.execute(params![
                id,
                device.id.to_string(),
                device.unit,
                item.revision,
                text(activity.activity_type),
                day_text(activity.held_on),
                text(activity.place_type),
                activity.pupils,
                activity.participants,
                activity.organisations,
                at
            ])?;
            tx.prepare_cached(
                "INSERT INTO activity_revision (activity_id, revision, upload_id, content_hash, body, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                id,
                item.revision,
                item.upload_id.to_string(),
                hash_without_id(item),
                serde_json::to_string(activity)?,
                at
            ])?;
        }
        (Write::Create, UploadKind::Deletion) => {
            tx.prepare_cached(
                "INSERT INTO activity (id, device_id, unit, revision, deleted, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            )?
            .execute(params![
                id,
                device.id.to_string(),
                device.unit,
                item.revision,
                at
            ])?;
        }
        (_, UploadKind::Deletion) => {
            tx.prepare_cached(
                "UPDATE activity SET deleted = 1, updated_at = ?2, activity_type = NULL,
                    held_on = NULL, place_type = NULL, pupils = NULL, participants = NULL,
                    organisations = NULL
                 WHERE id = ?1",
            )?
            .execute(params![id, at])?;
        }
    }
    Ok(())
}

pub fn current(c: &mut Connection) -> StorageResult<Vec<StoredActivity>> {
    let mut stmt = c.prepare(
        "SELECT id, unit, activity_type, held_on, place_type, pupils, participants, organisations
         FROM activity WHERE deleted = 0 ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let held: String = r.get(3)?;
        out.push(StoredActivity {
            activity_id: uuid(&r.get::<_, String>(0)?)?,
            unit: r.get(1)?,
            activity_type: parse(&r.get::<_, String>(2)?)?,
            held_on: day(&held)?,
            place_type: parse(&r.get::<_, String>(4)?)?,
            pupils: r.get(5)?,
            participants: r.get(6)?,
            organisations: r.get(7)?,
        });
    }
    Ok(out)
}
