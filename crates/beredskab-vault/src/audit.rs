//! The audit log: every create, view, edit, delete and export of a concern, and
//! every unlock, failed unlock and lock. Each entry's hash covers the previous
//! one's, and a head row holds the newest hash and the count, so editing,
//! removing or reordering any entry is detected.

use crate::actor::Actor;
use crate::error::Result;
use beredskab_sqlite::{enum_text, SqlEnum};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Create,
    Register,
    View,
    Edit,
    Delete,
    Export,
    Unlock,
    FailedUnlock,
    Lock,
}

/// Why a concern was opened; asked before it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ViewPurpose {
    Opfoelgning,
    Sagsbehandling,
    Tilsyn,
    Rettelse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditEntry {
    pub seq: i64,
    /// UTC, RFC 3339.
    pub at: String,
    pub user: String,
    pub device: String,
    pub action: AuditAction,
    pub record_id: Option<String>,
    pub purpose: Option<ViewPurpose>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub chain_ok: bool,
    /// The first entry whose hash or place does not fit, if any.
    pub broken_at: Option<i64>,
}

#[allow(clippy::too_many_arguments)]
fn entry_hash(
    prev: &str,
    seq: i64,
    at: &str,
    user: &str,
    device: &str,
    action: &str,
    record: Option<&str>,
    purpose: Option<&str>,
) -> String {
    let canonical =
        serde_json::json!([prev, seq, at, user, device, action, record, purpose]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Appends one entry; call inside the transaction of the change it records.
pub fn append(
    conn: &Connection,
    actor: &Actor,
    action: AuditAction,
    record: Option<&str>,
    purpose: Option<ViewPurpose>,
    at: &str,
) -> Result<()> {
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT count, hash FROM audit_head WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (count, prev) = head.unwrap_or((0, GENESIS.to_string()));
    let seq = count + 1;
    let action = enum_text(&action);
    let purpose = purpose.map(|p| enum_text(&p));
    let hash = entry_hash(
        &prev,
        seq,
        at,
        &actor.user,
        &actor.device,
        &action,
        record,
        purpose.as_deref(),
    );
    conn.execute(
        "INSERT INTO audit (seq, at, user, device, action, record_id, purpose, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            seq,
            at,
            actor.user,
            actor.device,
            action,
            record,
            purpose,
            prev,
            hash
        ],
    )?;
    conn.execute(
        "INSERT INTO audit_head (singleton, count, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO UPDATE SET count = ?1, hash = ?2",
        params![seq, hash],
    )?;
    Ok(())
}

/// Walks the whole chain; the newest `limit` entries are returned for display.
pub fn verify_and_list(conn: &Connection, limit: usize) -> Result<AuditView> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, user, device, action, record_id, purpose, prev_hash, hash FROM audit ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut broken_at = None;
    let mut entries = Vec::new();
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, user, device, action): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (record, purpose): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
        let (prev_hash, hash): (String, String) = (r.get(7)?, r.get(8)?);
        let recomputed = entry_hash(
            &prev,
            seq,
            &at,
            &user,
            &device,
            &action,
            record.as_deref(),
            purpose.as_deref(),
        );
        if broken_at.is_none() && (seq != expected_seq || prev_hash != prev || hash != recomputed) {
            broken_at = Some(seq.min(expected_seq));
        }
        prev = hash;
        expected_seq = seq + 1;
        entries.push(AuditEntry {
            seq,
            at,
            user,
            device,
            action: beredskab_sqlite::enum_from_text(&action).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    4,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            record_id: record,
            purpose: purpose
                .as_deref()
                .map(beredskab_sqlite::enum_from_text)
                .transpose()
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        6,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
        });
    }
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT count, hash FROM audit_head WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let count = expected_seq - 1;
    let head_fits = match head {
        Some((head_count, head_hash)) => head_count == count && head_hash == prev,
        None => count == 0,
    };
    if broken_at.is_none() && !head_fits {
        broken_at = Some(count + 1);
    }
    let skip = entries.len().saturating_sub(limit);
    entries.drain(..skip);
    entries.reverse();
    Ok(AuditView {
        entries,
        chain_ok: broken_at.is_none(),
        broken_at,
    })
}

/// How many view entries a record has, for the "views equal view entries" check.
pub fn count(conn: &Connection, action: AuditAction) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM audit WHERE action = ?1",
        [SqlEnum(action)],
        |r| r.get(0),
    )?)
}
