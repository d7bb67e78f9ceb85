//! Concern records in the vault. Every change and every read writes its audit
//! entry in the same transaction; if the entry cannot be written, nothing is
//! changed and nothing is returned.

use crate::actor::now_utc;
use crate::audit::{self, AuditAction, Event, ViewPurpose};
use crate::error::{Result, VaultError};
use crate::outbox::{self, OutboxKind};
use crate::vault::Vault;
use beredskab_domain::concern::*;
use beredskab_domain::content::Pack;
use beredskab_sqlite::SqlEnum;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// What a removed CPR-like number is replaced with.
const REDACTED: &str = "[CPR fjernet]";
/// Draft saves by the same person within this many seconds are one edit in the log.
const DRAFT_EDIT_WINDOW_SECONDS: i64 = 60;
const SUMMARY_COLUMNS: &str =
    "id, state, current_revision, observed_on, target_group, age_band, severity, sign_count, follow_up, case_ref, updated_at, synced_at,
     EXISTS (SELECT 1 FROM outbox WHERE outbox.concern_id = concern.id),
     (SELECT code FROM sync_rejected r WHERE r.concern_id = concern.id AND r.revision = concern.current_revision),
     EXISTS (SELECT 1 FROM sync_rejected r WHERE r.concern_id = concern.id AND r.revision = concern.current_revision)";

fn summary(row: &Row<'_>) -> rusqlite::Result<ConcernSummary> {
    Ok(ConcernSummary {
        id: row.get(0)?,
        state: row.get::<_, SqlEnum<ConcernState>>(1)?.0,
        revision: row.get(2)?,
        observed_on: row.get(3)?,
        target_group: row.get::<_, Option<SqlEnum<_>>>(4)?.map(|e| e.0),
        age_band: row.get::<_, Option<SqlEnum<_>>>(5)?.map(|e| e.0),
        severity: row.get::<_, Option<SqlEnum<_>>>(6)?.map(|e| e.0),
        signs: row.get(7)?,
        follow_up: row.get(8)?,
        case_ref: row.get(9)?,
        updated_at: row.get(10)?,
        synced: row.get::<_, Option<String>>(11)?.is_some(),
        sync: sync_state(
            row.get::<_, SqlEnum<ConcernState>>(1)?.0,
            row.get::<_, Option<String>>(11)?.is_some(),
            row.get(12)?,
            row.get(14)?,
        ),
        sync_code: row.get(13)?,
    })
}

fn sync_state(state: ConcernState, synced: bool, queued: bool, refused: bool) -> SyncState {
    match (state, queued, refused, synced) {
        (ConcernState::Kladde, ..) => SyncState::Kladde,
        (_, true, _, _) => SyncState::IKoe,
        (_, false, true, _) => SyncState::Afvist,
        (_, false, false, true) => SyncState::Sendt,
        (_, false, false, false) => SyncState::IKoe,
    }
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
    if checked.cpr_warning() && !acknowledge_cpr {
        return Err(VaultError::CprSuspected);
    }
    Ok(())
}

impl Vault {
    /// Saves a draft as the user types: creates it, or overwrites its draft
    /// revision. A draft that looks like it holds a CPR number is saved only
    /// once the user has confirmed it.
    pub fn save_draft(
        &mut self,
        id: Option<&str>,
        data: &ConcernData,
        acknowledge_cpr: bool,
        pack: &Pack,
        today: NaiveDate,
    ) -> Result<ConcernSummary> {
        validated(data, pack, today, Mode::Draft, acknowledge_cpr)?;
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
                    audit::append(
                        &tx,
                        &self.actor,
                        Event::new(AuditAction::Edit).record(id),
                        &now,
                    )?;
                }
                id.to_string()
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                insert_concern(&tx, &id, ConcernState::Kladde, 0, data, &now)?;
                write_revision(&tx, &id, 0, data, &now)?;
                audit::append(
                    &tx,
                    &self.actor,
                    Event::new(AuditAction::Create).record(&id),
                    &now,
                )?;
                id
            }
        };
        let out = read_summary(&tx, &id)?;
        tx.commit()?;
        self.seal()?;
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
                    return Err(VaultError::InvalidInput(vec![FieldProblem::new(
                        "id",
                        FieldCode::AlreadyRegistered,
                    )]));
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
        outbox::queue(&tx, &id, 1, OutboxKind::Revision, &now)?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Register).record(&id),
            &now,
        )?;
        let out = read_summary(&tx, &id)?;
        tx.commit()?;
        self.seal()?;
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
        outbox::queue(&tx, id, revision, OutboxKind::Revision, &now)?;
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Edit).record(id),
            &now,
        )?;
        let out = read_summary(&tx, id)?;
        tx.commit()?;
        self.seal()?;
        Ok(out)
    }

    /// The list shows no note text, but dates, severity and case references:
    /// each listing is logged with how many rows it showed and its filter.
    pub fn list(&mut self, filter: &ConcernFilter, limit: usize) -> Result<Vec<ConcernSummary>> {
        let rows = self.list_rows(filter, limit)?;
        let detail = serde_json::json!({ "count": rows.len(), "filter": filter });
        self.record_now(Event::new(AuditAction::List).detail(detail))?;
        Ok(rows)
    }

    fn list_rows(&self, filter: &ConcernFilter, limit: usize) -> Result<Vec<ConcernSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM concern
             WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR severity = ?2) AND (?3 IS NULL OR target_group = ?3)
             ORDER BY updated_at DESC LIMIT ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.state.map(SqlEnum),
                filter.severity.map(SqlEnum),
                filter.target_group.map(SqlEnum),
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
            Event::new(AuditAction::View).record(id).purpose(purpose),
            &now,
        )?;
        let data_json: String = tx.query_row(
            "SELECT data FROM concern_revision WHERE concern_id = ?1 AND revision = ?2",
            params![id, summary.revision],
            |r| r.get(0),
        )?;
        let revisions = {
            let mut stmt = tx.prepare("SELECT revision, saved_at, data FROM concern_revision WHERE concern_id = ?1 AND revision > 0 ORDER BY revision")?;
            let rows = stmt.query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            let mut revisions = Vec::new();
            for row in rows {
                let (revision, saved_at, data) = row?;
                let data: ConcernData = serde_json::from_str(&data)?;
                revisions.push(RevisionInfo {
                    revision,
                    saved_at,
                    cpr_fields: cpr_fields(&data),
                });
            }
            revisions
        };
        tx.commit()?;
        self.seal()?;
        Ok(ConcernRecord {
            summary,
            data: serde_json::from_str(&data_json)?,
            revisions,
        })
    }

    /// Removes CPR-like numbers from one stored revision's text fields, in
    /// place, and logs it. Returns the fields changed.
    pub fn redact(&mut self, id: &str, revision: i64) -> Result<Vec<String>> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let summary = read_summary(&tx, id)?;
        let json: String = tx
            .query_row(
                "SELECT data FROM concern_revision WHERE concern_id = ?1 AND revision = ?2",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(VaultError::NotFound)?;
        let mut data: ConcernData = serde_json::from_str(&json)?;
        let changed = cpr_fields(&data);
        if changed.is_empty() {
            return Ok(changed);
        }
        data.note = redact_cpr(&data.note, REDACTED);
        data.recorder_unit = redact_cpr(&data.recorder_unit, REDACTED);
        data.case_ref = data.case_ref.as_deref().map(|c| redact_cpr(c, REDACTED));
        tx.execute(
            "UPDATE concern_revision SET data = ?3 WHERE concern_id = ?1 AND revision = ?2",
            params![id, revision, serde_json::to_string(&data)?],
        )?;
        if summary.revision == revision {
            tx.execute(
                "UPDATE concern SET case_ref = ?2 WHERE id = ?1",
                params![id, data.case_ref],
            )?;
        }
        let detail = serde_json::json!({ "revision": revision, "fields": changed });
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Redact).record(id).detail(detail),
            &now,
        )?;
        tx.commit()?;
        self.seal()?;
        Ok(changed)
    }

    /// Deletes a concern on the laptop. A registered concern was (or will be)
    /// sent, so its deletion is queued for the central service; its queued
    /// revisions go, since their data goes with the concern.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let now = now_utc();
        let tx = self.conn.transaction()?;
        let (state, revision): (SqlEnum<ConcernState>, i64) = tx
            .query_row(
                "SELECT state, current_revision FROM concern WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(VaultError::NotFound)?;
        tx.execute("DELETE FROM concern WHERE id = ?1", [id])?;
        if state.0 == ConcernState::Registreret {
            outbox::drop_queued_revisions(&tx, id)?;
            outbox::queue(&tx, id, revision, OutboxKind::Deletion, &now)?;
        }
        audit::append(
            &tx,
            &self.actor,
            Event::new(AuditAction::Delete).record(id),
            &now,
        )?;
        tx.commit()?;
        self.seal()?;
        Ok(())
    }
}

fn state_of(tx: &Transaction<'_>, id: &str) -> Result<ConcernState> {
    let state: Option<SqlEnum<ConcernState>> = tx
        .query_row("SELECT state FROM concern WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    state.map(|s| s.0).ok_or(VaultError::NotFound)
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
        params![id, SqlEnum(state), revision, now],
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
            data.observed_on,
            data.target_group.map(SqlEnum),
            data.age_band.map(SqlEnum),
            data.severity.map(SqlEnum),
            data.signs.len() as i64,
            data.follow_up,
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
