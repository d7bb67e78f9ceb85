//! Signed releases, stored as they were signed: never changed, never renumbered.

use super::convert::millis;
use crate::storage::{StorageError, StorageResult};
use beredskab_protocol::SignedRelease;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

pub fn put(c: &mut Connection, release: &SignedRelease, now: DateTime<Utc>) -> StorageResult<()> {
    let number = release.manifest.number;
    let inserted = c.execute(
        "INSERT INTO release (number, signed, published_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (number) DO NOTHING",
        params![number, serde_json::to_string(release)?, millis(now)],
    )?;
    if inserted == 0 {
        return Err(StorageError::ReleaseExists(number));
    }
    Ok(())
}

pub fn latest(c: &mut Connection) -> StorageResult<Option<SignedRelease>> {
    let signed: Option<String> = c
        .query_row(
            "SELECT signed FROM release ORDER BY number DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(signed.map(|s| serde_json::from_str(&s)).transpose()?)
}

pub fn latest_number(c: &mut Connection) -> StorageResult<Option<u32>> {
    Ok(c.query_row("SELECT max(number) FROM release", [], |r| r.get(0))?)
}
