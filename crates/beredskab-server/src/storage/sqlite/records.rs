//! Reading records, conflicts and the service log.

use super::convert::{self, millis, parse, time, uuid};
use crate::storage::values::day;
use crate::storage::{Conflict, LogEntry, StorageResult, StoredConcern};
use beredskab_protocol::{RecordState, RecordView};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

pub fn record(
    c: &mut Connection,
    device: Uuid,
    concern: Uuid,
) -> StorageResult<Option<RecordView>> {
    let row: Option<(i64, i64)> = c
        .query_row(
            "SELECT revision, deleted FROM concern WHERE id = ?1 AND device_id = ?2",
            params![concern.to_string(), device.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((revision, deleted)) = row else {
        return Ok(None);
    };
    let conflicts: i64 = c.query_row(
        "SELECT count(*) FROM review WHERE concern_id = ?1 AND device_id = ?2",
        params![concern.to_string(), device.to_string()],
        |r| r.get(0),
    )?;
    Ok(Some(RecordView {
        concern_id: concern,
        revision: revision as u32,
        state: if deleted == 1 {
            RecordState::Deleted
        } else {
            RecordState::Current
        },
        conflicts: conflicts as u32,
    }))
}

pub fn current(c: &mut Connection) -> StorageResult<Vec<StoredConcern>> {
    let mut stmt = c.prepare(
        "SELECT id, unit, observed_on, recorder_role, target_group, age_band, severity,
                underretning_sent, contacted, cards_followed, coalesce(case_stage, 'henvendelse'),
                coalesce(signs, '[]')
         FROM concern WHERE deleted = 0 ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let observed: String = r.get(2)?;
        out.push(StoredConcern {
            concern_id: uuid(&r.get::<_, String>(0)?)?,
            unit: r.get(1)?,
            observed_on: day(&observed)?,
            recorder_role: parse(&r.get::<_, String>(3)?)?,
            target_group: parse(&r.get::<_, String>(4)?)?,
            age_band: parse(&r.get::<_, String>(5)?)?,
            severity: parse(&r.get::<_, String>(6)?)?,
            underretning_sent: r.get::<_, i64>(7)? == 1,
            contacted: serde_json::from_str(&r.get::<_, String>(8)?)?,
            cards_followed: serde_json::from_str(&r.get::<_, String>(9)?)?,
            case_stage: parse(&r.get::<_, String>(10)?)?,
            signs: serde_json::from_str(&r.get::<_, String>(11)?)?,
        });
    }
    Ok(out)
}

pub fn conflicts(c: &mut Connection) -> StorageResult<Vec<Conflict>> {
    let mut stmt = c.prepare(
        "SELECT upload_id, device_id, concern_id, revision, code, received_at FROM review ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Conflict {
            upload_id: uuid(&r.get::<_, String>(0)?)?,
            device_id: uuid(&r.get::<_, String>(1)?)?,
            concern_id: uuid(&r.get::<_, String>(2)?)?,
            revision: r.get::<_, i64>(3)? as u32,
            code: r.get(4)?,
            received_at: time(r.get(5)?)?,
        });
    }
    Ok(out)
}

pub fn log(c: &mut Connection, entry: &LogEntry) -> StorageResult<()> {
    c.execute(
        "INSERT INTO service_log (at, actor, action, target) VALUES (?1, ?2, ?3, ?4)",
        params![millis(entry.at), entry.actor, entry.action, entry.target],
    )?;
    Ok(())
}

pub fn log_entries(c: &mut Connection, limit: u32) -> StorageResult<Vec<LogEntry>> {
    let mut stmt =
        c.prepare("SELECT at, actor, action, target FROM service_log ORDER BY seq DESC LIMIT ?1")?;
    let mut rows = stmt.query([limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(LogEntry {
            at: convert::time(r.get(0)?)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            target: r.get(3)?,
        });
    }
    Ok(out)
}
