//! Synced concerns leave the laptop after the configured days. This is a
//! local removal, not a deletion: nothing is queued for the central service.

use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event};
use crate::error::Result;
use crate::vault::Vault;

impl Vault {
    /// Removes concerns synced before `cutoff` (RFC 3339) from the laptop; returns how many.
    pub fn purge_synced_before(&mut self, cutoff: &str) -> Result<usize> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let ids: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM concern WHERE synced_at IS NOT NULL
                 AND unixepoch(synced_at, 'subsec') < unixepoch(?1, 'subsec')
                 AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.concern_id = concern.id)",
            )?;
            let rows = stmt.query_map([cutoff], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in &ids {
            tx.execute("DELETE FROM concern WHERE id = ?1", [id])?;
            audit::append(
                &tx,
                &self.actor,
                Event::new(AuditAction::Retention).record(id),
                &now,
            )?;
        }
        tx.commit()?;
        self.seal()?;
        Ok(ids.len())
    }

    /// Concerns not yet received by the central service (drafts included).
    pub fn unsynced_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM concern WHERE synced_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
