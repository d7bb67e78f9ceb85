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
    /// The list of concerns was shown (the count and filter, no content).
    List,
    /// The audit log itself was shown.
    AuditView,
    PassphraseChange,
    /// A new data key: the database was re-encrypted.
    KeyRotation,
    /// This vault was started after a reset; the detail says when and what was lost.
    Reset,
    /// CPR-like numbers were removed from a stored revision.
    Redact,
    /// Synced concerns left the laptop after the retention days.
    Retention,
    /// The laptop was enrolled with the central service (the unit, no credential).
    Enroll,
    /// The service revoked this laptop: its concerns were removed (detail: how many were unsent).
    RevokedWipe,
}

/// One thing to write in the log.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub action: Option<AuditAction>,
    pub record: Option<&'a str>,
    pub purpose: Option<ViewPurpose>,
    /// Counts and choices, as JSON; never content.
    pub detail: Option<String>,
}

impl<'a> Event<'a> {
    pub fn new(action: AuditAction) -> Event<'a> {
        Event {
            action: Some(action),
            ..Event::default()
        }
    }

    pub fn record(mut self, id: &'a str) -> Event<'a> {
        self.record = Some(id);
        self
    }

    pub fn purpose(mut self, purpose: ViewPurpose) -> Event<'a> {
        self.purpose = Some(purpose);
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Event<'a> {
        self.detail = Some(detail.to_string());
        self
    }
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
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub chain_ok: bool,
    /// The first entry whose hash or place does not fit, if any.
    pub broken_at: Option<i64>,
}

/// The fields an entry's hash covers, in order.
struct Hashed<'a> {
    prev: &'a str,
    seq: i64,
    at: &'a str,
    user: &'a str,
    device: &'a str,
    action: &'a str,
    record: Option<&'a str>,
    purpose: Option<&'a str>,
    detail: Option<&'a str>,
}

impl Hashed<'_> {
    /// Entries written before details existed hash without one, so their
    /// hashes stay what they were.
    fn hash(&self) -> String {
        let mut fields = serde_json::json!([
            self.prev,
            self.seq,
            self.at,
            self.user,
            self.device,
            self.action,
            self.record,
            self.purpose
        ]);
        if let (Some(detail), Some(list)) = (self.detail, fields.as_array_mut()) {
            list.push(detail.into());
        }
        hex::encode(Sha256::digest(fields.to_string().as_bytes()))
    }
}

/// Appends one entry; call inside the transaction of the change it records.
pub fn append(conn: &Connection, actor: &Actor, event: Event<'_>, at: &str) -> Result<()> {
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT count, hash FROM audit_head WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (count, prev) = head.unwrap_or((0, GENESIS.to_string()));
    let seq = count + 1;
    let action = enum_text(&event.action.unwrap_or(AuditAction::View));
    let purpose = event.purpose.map(|p| enum_text(&p));
    let hash = Hashed {
        prev: &prev,
        seq,
        at,
        user: &actor.user,
        device: &actor.device,
        action: &action,
        record: event.record,
        purpose: purpose.as_deref(),
        detail: event.detail.as_deref(),
    }
    .hash();
    conn.execute(
        "INSERT INTO audit (seq, at, user, device, action, record_id, purpose, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            seq,
            at,
            actor.user,
            actor.device,
            action,
            event.record,
            purpose,
            event.detail,
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

/// The log's length and newest hash, as the head row holds them.
pub fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT count, hash FROM audit_head WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_string())))
}

/// True if the log still holds the sealed entry: at least `count` entries, the
/// one at `count` with the sealed hash, and the head at or past it. A log cut
/// back, or an older copy of the database, fails.
pub fn holds_sealed(conn: &Connection, count: i64, hash: &str) -> Result<bool> {
    let (head_count, _) = head(conn)?;
    if head_count < count {
        return Ok(false);
    }
    if count == 0 {
        return Ok(true);
    }
    let at: Option<String> = conn
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [count], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(at.as_deref() == Some(hash))
}

/// Walks the whole chain; the newest `limit` entries are returned for display.
pub fn verify_and_list(conn: &Connection, limit: usize) -> Result<AuditView> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, user, device, action, record_id, purpose, prev_hash, hash, detail FROM audit ORDER BY seq",
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
        let detail: Option<String> = r.get(9)?;
        let recomputed = Hashed {
            prev: &prev,
            seq,
            at: &at,
            user: &user,
            device: &device,
            action: &action,
            record: record.as_deref(),
            purpose: purpose.as_deref(),
            detail: detail.as_deref(),
        }
        .hash();
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
            detail,
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
