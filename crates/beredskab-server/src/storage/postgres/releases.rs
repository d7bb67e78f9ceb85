//! Signed releases, stored as they were signed: never changed, never
//! renumbered. Two instances publishing the same number: one insert wins.

use crate::storage::values::millis;
use crate::storage::{StorageError, StorageResult};
use beredskab_protocol::SignedRelease;
use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;

pub async fn put(
    c: &impl GenericClient,
    release: &SignedRelease,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let number = release.manifest.number;
    let inserted = c
        .execute(
            "INSERT INTO release (number, signed, published_at) VALUES ($1, $2, $3)
             ON CONFLICT (number) DO NOTHING",
            &[
                &i64::from(number),
                &serde_json::to_string(release)?,
                &millis(now),
            ],
        )
        .await?;
    if inserted == 0 {
        return Err(StorageError::ReleaseExists(number));
    }
    Ok(())
}

pub async fn latest(c: &impl GenericClient) -> StorageResult<Option<SignedRelease>> {
    let row = c
        .query_opt(
            "SELECT signed FROM release ORDER BY number DESC LIMIT 1",
            &[],
        )
        .await?;
    match row {
        Some(r) => Ok(Some(serde_json::from_str(r.try_get(0)?)?)),
        None => Ok(None),
    }
}

pub async fn latest_number(c: &impl GenericClient) -> StorageResult<Option<u32>> {
    let number: Option<i64> = c
        .query_one("SELECT max(number) FROM release", &[])
        .await?
        .try_get(0)?;
    Ok(number.map(|n| n as u32))
}
