//! The outbox: every change that must reach the central service is queued in
//! the same transaction as the change, under its own upload id (UUIDv7), and
//! leaves the queue only when the service confirms that id. A concern counts
//! as synced only when nothing of it is left in the queue, so a revision made
//! while an older one was in flight is never lost.

use crate::actor::now_utc;
use crate::error::Result;
use crate::vault::Vault;
use beredskab_domain::activity::ActivityData;
use beredskab_domain::concern::ConcernData;
use beredskab_sqlite::SqlEnum;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    Revision,
    Deletion,
}

/// Which kind of record a queued change belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxRecord {
    Concern,
    Activity,
}

/// A queued change, ready to be turned into an upload.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingChange {
    /// Its place in the queue: later changes have higher numbers.
    pub seq: i64,
    pub upload_id: Uuid,
    /// The record's id (a concern's, or an activity's).
    pub concern_id: String,
    pub revision: i64,
    pub kind: OutboxKind,
    pub record: OutboxRecord,
    /// A concern revision's data; None for a deletion or an activity.
    pub data: Option<ConcernData>,
    /// An activity revision's data.
    pub activity: Option<ActivityData>,
}

pub(crate) fn queue(
    tx: &Transaction<'_>,
    concern_id: &str,
    revision: i64,
    kind: OutboxKind,
    now: &str,
) -> Result<Uuid> {
    queue_record(tx, OutboxRecord::Concern, concern_id, revision, kind, now)
}

pub(crate) fn queue_record(
    tx: &Transaction<'_>,
    record: OutboxRecord,
    id: &str,
    revision: i64,
    kind: OutboxKind,
    now: &str,
) -> Result<Uuid> {
    let upload_id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO outbox (upload_id, concern_id, revision, kind, queued_at, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![upload_id.to_string(), id, revision, SqlEnum(kind), now, SqlEnum(record)],
    )?;
    Ok(upload_id)
}

/// Queued revisions of a concern that is being deleted: their data goes with it.
pub(crate) fn drop_queued_revisions(tx: &Transaction<'_>, concern_id: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM outbox WHERE concern_id = ?1 AND kind = 'revision'",
        [concern_id],
    )?;
    Ok(())
}

impl Vault {
    /// The oldest `limit` queued changes, each with its data, read in one
    /// transaction so a change and its data belong together.
    pub fn outbox_pending(&mut self, limit: usize) -> Result<Vec<PendingChange>> {
        self.outbox_pending_after(0, limit)
    }

    /// The oldest `limit` queued changes after queue place `after` (a sync
    /// reads the next batch while the previous one is still being settled).
    pub fn outbox_pending_after(&mut self, after: i64, limit: usize) -> Result<Vec<PendingChange>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT o.upload_id, o.concern_id, o.revision, o.kind, r.data, o.seq, o.record, a.data
                 FROM outbox o
                 LEFT JOIN concern_revision r
                   ON o.record = 'concern' AND o.kind = 'revision'
                   AND r.concern_id = o.concern_id AND r.revision = o.revision
                 LEFT JOIN activity_revision a
                   ON o.record = 'activity' AND o.kind = 'revision'
                   AND a.activity_id = o.concern_id AND a.revision = o.revision
                 WHERE o.seq > ?2
                 ORDER BY o.seq LIMIT ?1",
            )?;
            let mut rows = stmt.query(params![limit as i64, after])?;
            while let Some(r) = rows.next()? {
                let upload_id: String = r.get(0)?;
                let data: Option<String> = r.get(4)?;
                let activity: Option<String> = r.get(7)?;
                out.push(PendingChange {
                    seq: r.get(5)?,
                    upload_id: Uuid::parse_str(&upload_id).map_err(|e| {
                        crate::error::VaultError::Damaged(format!("outbox upload id: {e}"))
                    })?,
                    concern_id: r.get(1)?,
                    revision: r.get(2)?,
                    kind: r.get::<_, SqlEnum<OutboxKind>>(3)?.0,
                    record: r.get::<_, SqlEnum<OutboxRecord>>(6)?.0,
                    data: data.map(|d| serde_json::from_str(&d)).transpose()?,
                    activity: activity.map(|d| serde_json::from_str(&d)).transpose()?,
                });
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// The service has committed these uploads: they leave the queue, and each
    /// concern with nothing left in the queue is marked synced. Unknown ids
    /// (already acknowledged, or dropped with a deleted concern) are ignored.
    /// Returns how many rows left the queue.
    pub fn outbox_ack(&mut self, upload_ids: &[Uuid]) -> Result<usize> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let mut removed = 0;
        for id in upload_ids {
            let concern: Option<String> = tx
                .query_row(
                    "DELETE FROM outbox WHERE upload_id = ?1 RETURNING concern_id",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    other => Err(other),
                })?;
            if let Some(concern) = concern {
                removed += 1;
                tx.execute(
                    "UPDATE concern SET synced_at = ?2 WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM outbox WHERE concern_id = ?1)",
                    params![concern, now],
                )?;
                tx.execute(
                    "UPDATE activity SET synced_at = ?2 WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM outbox WHERE concern_id = ?1)",
                    params![concern, now],
                )?;
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// How many changes wait to be sent.
    pub fn outbox_len(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?)
    }
}
