//! Reading records, conflicts and the service log.

use crate::storage::values::{day, millis, parse, time, uuid};
use crate::storage::{Conflict, LogEntry, StorageResult, StoredConcern};
use beredskab_protocol::{RecordState, RecordView};
use deadpool_postgres::GenericClient;
use uuid::Uuid;

pub async fn record(
    c: &impl GenericClient,
    device: Uuid,
    concern: Uuid,
) -> StorageResult<Option<RecordView>> {
    let (concern_id, device_id) = (concern.to_string(), device.to_string());
    let Some(row) = c
        .query_opt(
            "SELECT revision, deleted FROM concern WHERE id = $1 AND device_id = $2",
            &[&concern_id, &device_id],
        )
        .await?
    else {
        return Ok(None);
    };
    let conflicts: i64 = c
        .query_one(
            "SELECT count(*) FROM review WHERE concern_id = $1 AND device_id = $2",
            &[&concern_id, &device_id],
        )
        .await?
        .try_get(0)?;
    Ok(Some(RecordView {
        concern_id: concern,
        revision: row.try_get::<_, i64>(0)? as u32,
        state: if row.try_get(1)? {
            RecordState::Deleted
        } else {
            RecordState::Current
        },
        conflicts: conflicts as u32,
    }))
}

pub async fn current(c: &impl GenericClient) -> StorageResult<Vec<StoredConcern>> {
    let rows = c
        .query(
            "SELECT id, unit, observed_on, recorder_role, target_group, age_band, severity,
                    underretning_sent, contacted, cards_followed, coalesce(case_stage, 'henvendelse'),
                    coalesce(signs, '[]')
             FROM concern WHERE NOT deleted ORDER BY id",
            &[],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredConcern {
                concern_id: uuid(r.try_get(0)?)?,
                unit: r.try_get(1)?,
                observed_on: day(r.try_get(2)?)?,
                recorder_role: parse(r.try_get(3)?)?,
                target_group: parse(r.try_get(4)?)?,
                age_band: parse(r.try_get(5)?)?,
                severity: parse(r.try_get(6)?)?,
                underretning_sent: r.try_get(7)?,
                contacted: serde_json::from_str(r.try_get(8)?)?,
                cards_followed: serde_json::from_str(r.try_get(9)?)?,
                case_stage: parse(r.try_get(10)?)?,
                signs: serde_json::from_str(r.try_get(11)?)?,
            })
        })
        .collect()
}

pub async fn conflicts(c: &impl GenericClient) -> StorageResult<Vec<Conflict>> {
    let rows = c
        .query(
            "SELECT upload_id, device_id, concern_id, revision, code, received_at FROM review ORDER BY seq",
            &[],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Conflict {
                upload_id: uuid(r.try_get(0)?)?,
                device_id: uuid(r.try_get(1)?)?,
                concern_id: uuid(r.try_get(2)?)?,
                revision: r.try_get::<_, i64>(3)? as u32,
                code: r.try_get(4)?,
                received_at: time(r.try_get(5)?)?,
            })
        })
        .collect()
}

pub async fn log(c: &impl GenericClient, entry: &LogEntry) -> StorageResult<()> {
    c.execute(
        "INSERT INTO service_log (at, actor, action, target) VALUES ($1, $2, $3, $4)",
        &[
            &millis(entry.at),
            &entry.actor,
            &entry.action,
            &entry.target,
        ],
    )
    .await?;
    Ok(())
}

pub async fn log_entries(c: &impl GenericClient, limit: u32) -> StorageResult<Vec<LogEntry>> {
    let rows = c
        .query(
            "SELECT at, actor, action, target FROM service_log ORDER BY seq DESC LIMIT $1",
            &[&i64::from(limit)],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(LogEntry {
                at: time(r.try_get(0)?)?,
                actor: r.try_get(1)?,
                action: r.try_get(2)?,
                target: r.try_get(3)?,
            })
        })
        .collect()
}
