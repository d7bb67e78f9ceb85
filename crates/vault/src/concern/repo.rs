//! Concern records in the vault. Every change and every read writes its audit
//! entry in the same transaction; if the entry cannot be written, nothing is
//! changed and nothing is returned.

use super::model::*;
use super::validate::{check, Mode};
use crate::audit::{self, AuditAction, ViewPurpose};
use crate::error::{Result, VaultError};
use crate::vault::{now_utc, Vault};
use beredskab_core::model::Pack;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// Draft saves by the same person within this many seconds are one edit in the log.
const DRAFT_EDIT_WINDOW_SECONDS: i64 = 60;
const SUMMARY_COLUMNS: &str =
    "id, state, current_revision, observed_on, target_group, age_band, severity, sign_count, follow_up, case_ref, updated_at, synced_at";

fn enum_text<T: serde::Serialize>(value: &Option<T>) -> Option<String> {
    value.as_ref().map(beredskab_core::serde_name::serde_name)
}

fn enum_from<T: serde::de::DeserializeOwned>(text: Option<String>) -> Option<T> {
    text.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok())
}

fn summary(row: &Row<'_>) -> rusqlite::Result<ConcernSummary> {
    let state: String = row.get(1)?;
    Ok(ConcernSummary {
        id: row.get(0)?,
        state: if state == "registreret" {
            ConcernState::Registreret
        } else {
            ConcernState::Kladde
        },
        revision: row.get(2)?,
        observed_on: row
            .get::<_, Option<String>>(3)?
            .and_then(|d| d.parse().ok()),
        target_group: enum_from(row.get(4)?),
        age_band: enum_from(row.get(5)?),
        severity: enum_from(row.get(6)?),
        signs: row.get::<_, i64>(7)? as usize,
        follow_up: row
            .get::<_, Option<String>>(8)?
            .and_then(|d| d.parse().ok()),
        case_ref: row.get(9)?,
        updated_at: row.get(10)?,
        synced: row.get::<_, Option<String>>(11)?.is_some(),
    })
}

fn validated(
    data: &ConcernData,
    pack: &Pack,
    today: NaiveDate,
    mode: Mode,
    acknowledge_cpr: bool,
) -> Result<()> {
    let checked = check(data, pack, today, mode);
    if !checked.problems.is_empty() {
        return Err(VaultError::InvalidInput(checked.problems));
    }
    if mode == Mode::Register && checked.cpr_warning && !acknowledge_cpr {
        return Err(VaultError::CprSuspected);
    }
    Ok(())
}

impl Vault {
    /// Saves a draft as the user types: creates it, or overwrites its draft revision.
    pub fn save_draft(
        &mut self,
        id: Option<&str>,
        data: &ConcernData,
        pack: &Pack,
        today: NaiveDate,
    ) -> Result<ConcernSummary> {
        validated(data, pack, today, Mode::Draft, true)?;
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let id = match id {
            Some(id) => {
                let state = state_of(&tx, id)?;
                write_revision(&tx, id, 0, data, &now)?;
                if state == ConcernState::Kladde {
                    update_summary(&tx, id, data, 0, &now)?;
                }
                if !recently_edited(&tx, id, &self.actor.user)? {
                    audit::append(&tx, &self.actor, AuditAction::Edit, Some(id), None, &now)?;
                }
                id.to_string()
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                insert_concern(&tx, &id, ConcernState::Kladde, 0, data, &now)?;
                write_revision(&tx, &id, 0, data, &now)?;
                audit::append(&tx, &self.actor, AuditAction::Create, Some(&id), None, &now)?;
                id
            }
        };
        let out = read_summary(&tx, &id)?;
        tx.commit()?;
        Ok(out)
    }

    /// Registers a draft (or a new concern in one go): revision 1, queued for sync.
    pub fn register(
        &mut self,
        id: Option<&str>,
        data: &ConcernData,
        acknowledge_cpr: bool,
        pack: &Pack,
        today: NaiveDate,
    ) -> Result<ConcernSummary> {
        validated(data, pack, today, Mode::Register, acknowledge_cpr)?;
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let id = match id {
            Some(id) => {
                if state_of(&tx, id)? != ConcernState::Kladde {
                    let message = beredskab_core::locale::text("concern_errors.already_registered");
                    return Err(VaultError::InvalidInput(vec![crate::error::FieldError {
                        field: "id".into(),
                        message,
                    }]));
                }
                tx.execute(
                    "DELETE FROM concern_revision WHERE concern_id = ?1 AND revision = 0",
                    [id],
                )?;
                tx.execute(
                    "UPDATE concern SET state = 'registreret' WHERE id = ?1",
                    [id],
                )?;
                id.to_string()
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                insert_concern(&tx, &id, ConcernState::Registreret, 1, data, &now)?;
                id
            }
        };
        write_revision(&tx, &id, 1, data, &now)?;
        update_summary(&tx, &id, data, 1, &now)?;
        tx.execute(
            "INSERT INTO outbox (concern_id, revision, queued_at) VALUES (?1, 1, ?2)",
            params![id, now],
        )?;
        audit::append(
            &tx,
            &self.actor,
            AuditAction::Register,
            Some(&id),
            None,
            &now,
        )?;
        let out = read_summary(&tx, &id)?;
        tx.commit()?;
        Ok(out)
    }

    /// Edits a registered concern as a new revision; the old ones are kept.
    pub fn update(
        &mut self,
        id: &str,
        data: &ConcernData,
        acknowledge_cpr: bool,
        pack: &Pack,
        today: NaiveDate,
    ) -> Result<ConcernSummary> {
        validated(data, pack, today, Mode::Register, acknowledge_cpr)?;
        let now = now_utc();
        let tx = self.conn.transaction()?;
        if state_of(&tx, id)? != ConcernState::Registreret {
            return Err(VaultError::NotFound);
        }
        let revision: i64 = tx.query_row(
            "SELECT max(revision) FROM concern_revision WHERE concern_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let revision = revision.max(1) + 1;
        tx.execute(
            "DELETE FROM concern_revision WHERE concern_id = ?1 AND revision = 0",
            [id],
        )?;
        write_revision(&tx, id, revision, data, &now)?;
        update_summary(&tx, id, data, revision, &now)?;
        tx.execute("UPDATE concern SET synced_at = NULL WHERE id = ?1", [id])?;
        tx.execute(
            "INSERT INTO outbox (concern_id, revision, queued_at) VALUES (?1, ?2, ?3)",
            params![id, revision, now],
        )?;
        audit::append(&tx, &self.actor, AuditAction::Edit, Some(id), None, &now)?;
        let out = read_summary(&tx, id)?;
        tx.commit()?;
        Ok(out)
    }

    /// The list shows no note text, so listing is not a view of a record.
    pub fn list(&self, filter: &ConcernFilter, limit: usize) -> Result<Vec<ConcernSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM concern
             WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR severity = ?2) AND (?3 IS NULL OR target_group = ?3)
             ORDER BY updated_at DESC LIMIT ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.state.map(ConcernState::as_str),
                enum_text(&filter.severity),
                enum_text(&filter.target_group),
                limit as i64
            ],
            summary,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Opens one concern for a stated purpose. The view is logged first; if the
    /// log entry cannot be written, no data is returned.
    pub fn open(&mut self, id: &str, purpose: ViewPurpose) -> Result<ConcernRecord> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let summary = read_summary(&tx, id)?;
        audit::append(
            &tx,
            &self.actor,
            AuditAction::View,
            Some(id),
            Some(purpose),
            &now,
        )?;
        let data_json: String = tx.query_row(
            "SELECT data FROM concern_revision WHERE concern_id = ?1 AND revision = ?2",
            params![id, summary.revision],
            |r| r.get(0),
        )?;
        let revisions = {
            let mut stmt = tx.prepare("SELECT revision, saved_at FROM concern_revision WHERE concern_id = ?1 AND revision > 0 ORDER BY revision")?;
            let rows = stmt.query_map([id], |r| {
                Ok(RevisionInfo {
                    revision: r.get(0)?,
                    saved_at: r.get(1)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        tx.commit()?;
        Ok(ConcernRecord {
            summary,
            data: serde_json::from_str(&data_json)?,
            revisions,
        })
    }

    pub fn delete(&mut self, id: &str) -> Result<()> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        state_of(&tx, id)?;
        tx.execute("DELETE FROM concern WHERE id = ?1", [id])?;
        audit::append(&tx, &self.actor, AuditAction::Delete, Some(id), None, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks a concern as received by the central service (the sync engine's part).
    pub fn mark_synced(&mut self, id: &str, at: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        state_of(&tx, id)?;
        tx.execute(
            "UPDATE concern SET synced_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        tx.execute("DELETE FROM outbox WHERE concern_id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes concerns synced before `cutoff` (RFC 3339) from the laptop; returns how many.
    pub fn purge_synced_before(&mut self, cutoff: &str) -> Result<usize> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let ids: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT id FROM concern WHERE synced_at IS NOT NULL AND synced_at < ?1")?;
            let rows = stmt.query_map([cutoff], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in &ids {
            tx.execute("DELETE FROM concern WHERE id = ?1", [id])?;
            audit::append(&tx, &self.actor, AuditAction::Delete, Some(id), None, &now)?;
        }
        tx.commit()?;
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

fn state_of(tx: &Transaction<'_>, id: &str) -> Result<ConcernState> {
    let state: Option<String> = tx
        .query_row("SELECT state FROM concern WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match state.as_deref() {
        Some("registreret") => Ok(ConcernState::Registreret),
        Some(_) => Ok(ConcernState::Kladde),
        None => Err(VaultError::NotFound),
    }
}

fn read_summary(tx: &Transaction<'_>, id: &str) -> Result<ConcernSummary> {
    tx.query_row(
        &format!("SELECT {SUMMARY_COLUMNS} FROM concern WHERE id = ?1"),
        [id],
        summary,
    )
    .optional()?
    .ok_or(VaultError::NotFound)
}

fn recently_edited(tx: &Transaction<'_>, id: &str, user: &str) -> Result<bool> {
    let last: Option<String> = tx
        .query_row(
            "SELECT at FROM audit WHERE record_id = ?1 AND user = ?2 AND action IN ('create', 'edit') ORDER BY seq DESC LIMIT 1",
            params![id, user],
            |r| r.get(0),
        )
        .optional()?;
    let recent = last
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
        .is_some_and(|at| {
            (chrono::Utc::now() - at.with_timezone(&chrono::Utc)).num_seconds()
                < DRAFT_EDIT_WINDOW_SECONDS
        });
    Ok(recent)
}

fn insert_concern(
    tx: &Transaction<'_>,
    id: &str,
    state: ConcernState,
    revision: i64,
    data: &ConcernData,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO concern (id, state, current_revision, created_at, updated_at, sign_count) VALUES (?1, ?2, ?3, ?4, ?4, 0)",
        params![id, state.as_str(), revision, now],
    )?;
    update_summary(tx, id, data, revision, now)
}

fn update_summary(
    tx: &Transaction<'_>,
    id: &str,
    data: &ConcernData,
    revision: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE concern SET current_revision = ?2, updated_at = ?3, observed_on = ?4, target_group = ?5, age_band = ?6,
         severity = ?7, sign_count = ?8, follow_up = ?9, case_ref = ?10 WHERE id = ?1",
        params![
            id,
            revision,
            now,
            data.observed_on.map(|d| d.to_string()),
            enum_text(&data.target_group),
            enum_text(&data.age_band),
            enum_text(&data.severity),
            data.signs.len() as i64,
            data.follow_up.map(|d| d.to_string()),
            data.case_ref,
        ],
    )?;
    Ok(())
}

fn write_revision(
    tx: &Transaction<'_>,
    id: &str,
    revision: i64,
    data: &ConcernData,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO concern_revision (concern_id, revision, saved_at, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (concern_id, revision) DO UPDATE SET saved_at = ?3, data = ?4",
        params![id, revision, now, serde_json::to_string(data)?],
    )?;
    Ok(())
}
