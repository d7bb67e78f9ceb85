//! Activities in the vault: recorded, edited and deleted offline, each change
//! queued in the same transaction for the central service and written to the
//! audit log (the kind of record, never the title).

use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event};
use crate::error::{Result, VaultError};
use crate::outbox::{self, OutboxKind, OutboxRecord};
use crate::vault::Vault;
use beredskab_domain::activity::{activity_problems, ActivityData, ActivitySummary};
use beredskab_domain::concern::SyncState;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

const COLUMNS: &str = "a.id, a.current_revision, r.data, a.updated_at, a.synced_at, a.sync_code,
     EXISTS (SELECT 1 FROM outbox o WHERE o.concern_id = a.id)";

/// A row with its data still as stored JSON.
struct Stored {
    id: String,
    revision: i64,
    data: String,
    updated_at: String,
    sync: SyncState,
    sync_code: Option<String>,
}

impl Stored {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Stored> {
        let queued: bool = row.get(6)?;
        let synced = row.get::<_, Option<String>>(4)?.is_some();
        let sync_code: Option<String> = row.get(5)?;
        let sync = match (queued, &sync_code, synced) {
            (true, _, _) => SyncState::IKoe,
            (false, Some(_), _) => SyncState::Afvist,
            (false, None, true) => SyncState::Sendt,
            (false, None, false) => SyncState::IKoe,
        };
        Ok(Stored {
            id: row.get(0)?,
            revision: row.get(1)?,
            data: row.get(2)?,
            updated_at: row.get(3)?,
            sync,
            sync_code,
        })
    }

    fn summary(self) -> Result<ActivitySummary> {
        Ok(ActivitySummary {
            id: self.id,
            revision: self.revision,
            data: serde_json::from_str(&self.data)?,
            updated_at: self.updated_at,
            sync: self.sync,
            sync_code: self.sync_code,
        })
    }
}

fn read(tx: &Transaction<'_>, id: &str) -> Result<ActivitySummary> {
    let sql = format!(
        "SELECT {COLUMNS} FROM activity a JOIN activity_revision r
           ON r.activity_id = a.id AND r.revision = a.current_revision WHERE a.id = ?1"
    );
    tx.query_row(&sql, [id], Stored::from_row)
        .optional()?
        .ok_or(VaultError::NotFound)?
        .summary()
}

impl Vault {
    /// Records a new activity (no id) or a new revision of one, and queues it.
    pub fn activity_save(
        &mut self,
        id: Option<&str>,
        data: &ActivityData,
        today: NaiveDate,
    ) -> Result<ActivitySummary> {
        let problems = activity_problems(data, today);
        if !problems.is_empty() {
            return Err(VaultError::InvalidInput(problems));
        }
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let (id, revision, action) = match id {
            Some(id) => {
                let current: i64 = tx
                    .query_row(
                        "SELECT current_revision FROM activity WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or(VaultError::NotFound)?;
                tx.execute(
                    "UPDATE activity SET current_revision = ?2, updated_at = ?3, synced_at = NULL,
                        sync_code = NULL WHERE id = ?1",
                    params![id, current + 1, now],
                )?;
                (id.to_string(), current + 1, AuditAction::Edit)
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                tx.execute(
                    "INSERT INTO activity (id, current_revision, created_at, updated_at) VALUES (?1, 1, ?2, ?2)",
                    params![id, now],
                )?;
                (id, 1, AuditAction::Create)
            }
        };
        tx.execute(
            "INSERT INTO activity_revision (activity_id, revision, saved_at, data) VALUES (?1, ?2, ?3, ?4)",
            params![id, revision, now, serde_json::to_string(data)?],
        )?;
        outbox::queue_record(
            &tx,
            OutboxRecord::Activity,
            &id,
            revision,
            OutboxKind::Revision,
            &now,
        )?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(action)
                .record(&id)
                .detail(serde_json::json!({ "record": "activity" })),
            &now,
        )?;
        let saved = read(&tx, &id)?;
        tx.commit()?;
        self.seal()?;
        Ok(saved)
    }

    /// Deletes an activity here and queues its deletion; its queued revisions go with it.
    pub fn activity_delete(&mut self, id: &str) -> Result<()> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let revision: i64 = tx
            .query_row(
                "SELECT current_revision FROM activity WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(VaultError::NotFound)?;
        tx.execute("DELETE FROM activity WHERE id = ?1", [id])?;
        outbox::drop_queued_revisions(&tx, id)?;
        outbox::queue_record(
            &tx,
            OutboxRecord::Activity,
            id,
            revision,
            OutboxKind::Deletion,
            &now,
        )?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Delete)
                .record(id)
                .detail(serde_json::json!({ "record": "activity" })),
            &now,
        )?;
        tx.commit()?;
        self.seal()?;
        Ok(())
    }

    /// Every activity, newest day first.
    pub fn activity_list(&mut self) -> Result<Vec<ActivitySummary>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::new();
        {
            let sql = format!(
                "SELECT {COLUMNS} FROM activity a JOIN activity_revision r
                   ON r.activity_id = a.id AND r.revision = a.current_revision"
            );
            let mut stmt = tx.prepare(&sql)?;
            for row in stmt.query_map([], Stored::from_row)? {
                out.push(row?.summary()?);
            }
        }
        tx.commit()?;
        out.sort_by(|a, b| {
            b.data
                .held_on
                .cmp(&a.data.held_on)
                .then(b.updated_at.cmp(&a.updated_at))
        });
        Ok(out)
    }
}
