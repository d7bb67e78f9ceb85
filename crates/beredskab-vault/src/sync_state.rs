//! What the vault keeps for sync: the enrollment (with the credential, which
//! never leaves the encrypted file), the audit point the service confirmed,
//! the outcome of each sent change, and the wipe a revocation asks for.

use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event};
use crate::error::{Result, VaultError};
use crate::outbox::OutboxRecord;
use crate::vault::Vault;
use beredskab_sqlite::SqlEnum;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;
use zeroize::Zeroizing;

/// The laptop's enrollment with the central service.
#[derive(Clone, PartialEq, Eq)]
pub struct SyncAccount {
    pub server_url: String,
    pub device_id: String,
    pub unit: String,
    pub credential: Zeroizing<String>,
    pub enrolled_at: String,
    /// The audit point the service confirmed at the last sync.
    pub confirmed: Option<(u64, String)>,
    pub last_sync_at: Option<String>,
}

impl std::fmt::Debug for SyncAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncAccount")
            .field("server_url", &self.server_url)
            .field("device_id", &self.device_id)
            .field("unit", &self.unit)
            .field("credential", &"…")
            .finish_non_exhaustive()
    }
}

/// A point of the audit log: its length and the hash of the entry there.
pub type LogPoint = (u64, String);

/// How the service answered one sent change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// Stored (now or before): the change leaves the queue.
    Accepted,
    /// Kept for a person (`conflict`) or refused (`rejected`), with the reason:
    /// it leaves the queue and the concern shows it.
    Refused {
        outcome: &'static str,
        code: Option<String>,
    },
}

impl Vault {
    pub fn sync_account(&self) -> Result<Option<SyncAccount>> {
        Ok(self
            .conn
            .query_row(
                "SELECT server_url, device_id, unit, credential, enrolled_at, confirmed_count,
                        confirmed_hash, last_sync_at
                 FROM sync_account WHERE singleton = 1",
                [],
                |r| {
                    let confirmed =
                        match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<String>>(6)?) {
                            (Some(count), Some(hash)) => Some((count as u64, hash)),
                            _ => None,
                        };
                    Ok(SyncAccount {
                        server_url: r.get(0)?,
                        device_id: r.get(1)?,
                        unit: r.get(2)?,
                        credential: Zeroizing::new(r.get(3)?),
                        enrolled_at: r.get(4)?,
                        confirmed,
                        last_sync_at: r.get(7)?,
                    })
                },
            )
            .optional()?)
    }

    /// Keeps a new enrollment, replacing any earlier one; logged with the unit.
    pub fn set_sync_account(
        &mut self,
        server_url: &str,
        device_id: &str,
        unit: &str,
        credential: &str,
    ) -> Result<()> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO sync_account (singleton, server_url, device_id, unit, credential, enrolled_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (singleton) DO UPDATE SET server_url = ?1, device_id = ?2, unit = ?3,
                credential = ?4, enrolled_at = ?5, confirmed_count = NULL, confirmed_hash = NULL,
                last_sync_at = NULL",
            params![server_url, device_id, unit, credential, now],
        )?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Enroll)
                .detail(serde_json::json!({ "unit": unit, "device": device_id })),
            &now,
        )?;
        tx.commit()?;
        self.seal()
    }

    /// The log's length and newest hash, and the hash at `confirmed` if the log reaches it.
    pub fn audit_anchor(&self, confirmed: Option<u64>) -> Result<(LogPoint, Option<LogPoint>)> {
        let (count, hash) = audit::head(&self.conn)?;
        let at = match confirmed {
            Some(0) | None => None,
            Some(n) => self
                .conn
                .query_row("SELECT hash FROM audit WHERE seq = ?1", [n as i64], |r| {
                    r.get::<_, String>(0)
                })
                .optional()?
                .map(|h| (n, h)),
        };
        Ok(((count as u64, hash), at))
    }

    /// Settles sent changes by the service's answers, in one transaction.
    pub fn settle(&mut self, answers: &[(Uuid, Settled)]) -> Result<()> {
        self.settle_at(answers, None)
    }

    /// Settles a batch and remembers the audit point the service confirmed
    /// with it, in one transaction (one commit per batch).
    pub fn settle_confirmed(
        &mut self,
        answers: &[(Uuid, Settled)],
        count: u64,
        hash: &str,
    ) -> Result<()> {
        self.settle_at(answers, Some((count, hash)))
    }

    fn settle_at(
        &mut self,
        answers: &[(Uuid, Settled)],
        confirmed: Option<(u64, &str)>,
    ) -> Result<()> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        {
            let mut take = tx.prepare_cached(
                "DELETE FROM outbox WHERE upload_id = ?1 RETURNING concern_id, revision, record",
            )?;
            let mut synced = tx.prepare_cached(
                "UPDATE concern SET synced_at = ?2 WHERE id = ?1
                 AND NOT EXISTS (SELECT 1 FROM outbox WHERE concern_id = ?1)",
            )?;
            let mut activity_synced = tx.prepare_cached(
                "UPDATE activity SET synced_at = ?2, sync_code = NULL WHERE id = ?1
                 AND NOT EXISTS (SELECT 1 FROM outbox WHERE concern_id = ?1)",
            )?;
            let mut activity_refused = tx.prepare_cached(
                "UPDATE activity SET sync_code = coalesce(?3, 'rejected') WHERE id = ?1 AND current_revision = ?2",
            )?;
            // A refused deletion names a concern that is gone: nothing to show it on.
            let mut refused = tx.prepare_cached(
                "INSERT INTO sync_rejected (upload_id, concern_id, revision, outcome, code, at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM concern WHERE id = ?2)",
            )?;
            for (upload_id, answer) in answers {
                let row: Option<(String, i64, SqlEnum<OutboxRecord>)> = take
                    .query_row([upload_id.to_string()], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()?;
                let Some((concern, revision, SqlEnum(record))) = row else {
                    continue;
                };
                match (answer, record) {
                    (Settled::Accepted, OutboxRecord::Concern) => {
                        synced.execute(params![concern, now])?;
                    }
                    (Settled::Accepted, OutboxRecord::Activity) => {
                        activity_synced.execute(params![concern, now])?;
                    }
                    (Settled::Refused { code, .. }, OutboxRecord::Activity) => {
                        activity_refused.execute(params![concern, revision, code])?;
                    }
                    (Settled::Refused { outcome, code }, OutboxRecord::Concern) => {
                        refused.execute(params![
                            upload_id.to_string(),
                            concern,
                            revision,
                            outcome,
                            code,
                            now
                        ])?;
                    }
                }
            }
        }
        if let Some((count, hash)) = confirmed {
            tx.execute(
                "UPDATE sync_account SET confirmed_count = ?1, confirmed_hash = ?2, last_sync_at = ?3 WHERE singleton = 1",
                params![count as i64, hash, now],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Remembers the audit point the service confirmed and when.
    pub fn sync_confirmed(&mut self, count: u64, hash: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_account SET confirmed_count = ?1, confirmed_hash = ?2, last_sync_at = ?3 WHERE singleton = 1",
            params![count as i64, hash, now_utc()],
        )?;
        Ok(())
    }

    /// The service revoked this laptop: every concern and queued change goes,
    /// and so does the enrollment. Returns how many changes never reached the
    /// service, which the log keeps and the user is told.
    pub fn wipe_after_revocation(&mut self) -> Result<i64> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let unsent: i64 = tx.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
        let concerns: i64 = tx.query_row("SELECT count(*) FROM concern", [], |r| r.get(0))?;
        tx.execute_batch(
            "DELETE FROM outbox; DELETE FROM sync_rejected; DELETE FROM concern_revision;
             DELETE FROM concern; DELETE FROM activity_revision; DELETE FROM activity;
             DELETE FROM sync_account;",
        )?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::RevokedWipe)
                .detail(serde_json::json!({ "unsent": unsent, "concerns": concerns })),
            &now,
        )?;
        tx.commit()?;
        self.seal()?;
        Ok(unsent)
    }
}

impl From<uuid::Error> for VaultError {
    fn from(e: uuid::Error) -> VaultError {
        VaultError::Damaged(format!("an id in the vault: {e}"))
    }
}
