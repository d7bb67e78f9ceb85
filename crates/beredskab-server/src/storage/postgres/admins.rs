//! Administration tokens: kept by their hash only.

use crate::storage::values::{millis, time};
use crate::storage::{AdminToken, NewAdminToken, StorageResult};
use deadpool_postgres::GenericClient;

pub async fn create(c: &impl GenericClient, token: &NewAdminToken) -> StorageResult<()> {
    c.execute(
        "INSERT INTO admin_token (token_hash, label, created_at) VALUES ($1, $2, $3)",
        &[&token.token_hash, &token.label, &millis(token.created_at)],
    )
    .await?;
    Ok(())
}

pub async fn by_hash(
    c: &impl GenericClient,
    token_hash: &str,
) -> StorageResult<Option<AdminToken>> {
    let row = c
        .query_opt(
            "SELECT label, created_at FROM admin_token WHERE token_hash = $1",
            &[&token_hash],
        )
        .await?;
    match row {
        Some(r) => Ok(Some(AdminToken {
            label: r.try_get(0)?,
            created_at: time(r.try_get(1)?)?,
        })),
        None => Ok(None),
    }
}
