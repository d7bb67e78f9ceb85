//! Strict migrations for PostgreSQL, embedded like SQLite's: each applied in
//! its own transaction under an advisory lock (several instances may start
//! at once), each remembered with the hash of its text. A store with a
//! migration this server does not know is refused, and so is one whose
//! applied migration text differs from this server's (a shipped migration
//! was edited).

use crate::storage::{StorageError, StorageResult};
use beredskab_sqlite::Migration;
use sha2::{Digest, Sha256};
use tokio_postgres::Client;

pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "server",
    sql: include_str!("../../../migrations/postgres/0001_server.sql"),
}];

/// Any number, the same in every instance: the lock taken while migrating.
const LOCK: i64 = 0x6265_7265_6473_6b61;

pub async fn migrate(client: &mut Client, migrations: &[Migration]) -> StorageResult<()> {
    client
        .batch_execute(&format!(
            "BEGIN;
             SELECT pg_advisory_xact_lock({LOCK});
             CREATE TABLE IF NOT EXISTS schema_migration (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 sha256     TEXT NOT NULL,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             );
             COMMIT;"
        ))
        .await?;
    for migration in migrations {
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .await?;
        let applied = tx
            .query("SELECT version, sha256 FROM schema_migration", &[])
            .await?;
        let known = migrations.iter().map(|m| m.version).max().unwrap_or(0);
        let mut found = 0;
        let mut this_one = None;
        for row in &applied {
            let version: i32 = row.try_get(0)?;
            found = found.max(version as u32);
            if version as u32 == migration.version {
                this_one = Some(row.try_get::<_, String>(1)?);
            }
        }
        if found > known {
            return Err(StorageError::NewerSchema { found, known });
        }
        let hash = hex::encode(Sha256::digest(migration.sql.as_bytes()));
        match this_one {
            Some(stored) if stored == hash => {}
            Some(_) => {
                return Err(StorageError::Backend(format!(
                    "migration {} ({}) differs from the one applied to this store",
                    migration.version, migration.name
                )))
            }
            None => {
                tx.batch_execute(migration.sql).await?;
                tx.execute(
                    "INSERT INTO schema_migration (version, name, sha256) VALUES ($1, $2, $3)",
                    &[&(migration.version as i32), &migration.name, &hash],
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
