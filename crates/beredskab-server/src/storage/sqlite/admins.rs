//! Administration tokens: kept by their hash only.

use super::convert::{millis, time};
use crate::storage::{AdminToken, NewAdminToken, StorageResult};
use rusqlite::{params, Connection, OptionalExtension};

pub fn create(c: &mut Connection, token: &NewAdminToken) -> StorageResult<()> {
    c.execute(
        "INSERT INTO admin_token (token_hash, label, created_at) VALUES (?1, ?2, ?3)",
        params![token.token_hash, token.label, millis(token.created_at)],
    )?;
    Ok(())
}

pub fn by_hash(c: &mut Connection, token_hash: &str) -> StorageResult<Option<AdminToken>> {
    let row: Option<(String, i64)> = c
        .query_row(
            "SELECT label, created_at FROM admin_token WHERE token_hash = ?1",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(label, at)| {
        Ok(AdminToken {
            label,
            created_at: time(at)?,
        })
    })
    .transpose()
}
