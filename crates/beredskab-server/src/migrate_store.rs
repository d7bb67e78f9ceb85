//! `migrate-store`: copies a municipality's SQLite store into PostgreSQL.
//! Safe to run again after an interruption (rows already copied are
//! recognised and skipped; inserts never double), refuses a target holding
//! rows that are not from this store, and ends by comparing each table's
//! row count and hash on both sides.

use crate::storage::postgres::PgStorage;
use crate::storage::sqlite::SqliteStorage;
use crate::storage::tables::{hash_of_rows, row_hash, table_hash, Cell, TABLES};
use crate::storage::StorageError;
use std::collections::HashSet;

/// Rows written per transaction.
const BATCH: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopy {
    pub table: &'static str,
    pub rows: usize,
    /// Rows this run wrote (the rest were there from an earlier run).
    pub added: usize,
    /// The same on both sides, or the copy fails.
    pub hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("the target database holds rows that are not in this store as it is now (table {0}): another store's data, or this store changed since an earlier run (is the service still running?); stop the service, or choose an empty database")]
    ForeignData(&'static str),
    #[error("after copying, table {table} differs: {source_rows} rows here, {target_rows} there")]
    Differs {
        table: &'static str,
        source_rows: usize,
        target_rows: usize,
    },
    #[error("stopped after {0} rows, as asked")]
    Stopped(usize),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Copies everything from `source` to `target`. `stop_after` stops once that
/// many rows were written (the tests' interruption).
pub async fn copy(
    source: &SqliteStorage,
    target: &PgStorage,
    stop_after: Option<usize>,
) -> Result<Vec<TableCopy>, MigrateError> {
    // One moment's store, every table judged before anything is written, so
    // a foreign target is refused untouched.
    let sources = source.read_tables(TABLES).await?;
    // Each source row hashed once: for judging, skipping and the table's hash.
    let hashed: Vec<Vec<[u8; 32]>> = sources
        .iter()
        .map(|rows| rows.iter().map(|r| row_hash(r)).collect())
        .collect();
    let mut present = Vec::with_capacity(TABLES.len());
    for (table, row_hashes) in TABLES.iter().zip(&hashed) {
        let hashes: HashSet<&[u8; 32]> = row_hashes.iter().collect();
        let there: HashSet<[u8; 32]> = target
            .read_table(table)
            .await?
            .iter()
            .map(|r| row_hash(r))
            .collect();
        if !there.iter().all(|h| hashes.contains(h)) {
            return Err(MigrateError::ForeignData(table.name));
        }
        present.push(there);
    }
    let mut written = 0;
    let mut report = Vec::with_capacity(TABLES.len());
    for (((table, rows), row_hashes), there) in
        TABLES.iter().zip(&sources).zip(&hashed).zip(&present)
    {
        let missing: Vec<Vec<Cell>> = rows
            .iter()
            .zip(row_hashes)
            .filter(|(_, h)| !there.contains(*h))
            .map(|(r, _)| r.clone())
            .collect();
        let mut added = 0;
        for batch in missing.chunks(BATCH) {
            if stop_after.is_some_and(|limit| written >= limit) {
                return Err(MigrateError::Stopped(written));
            }
            added += target.insert_rows(table, batch).await? as usize;
            written += batch.len();
        }
        report.push(TableCopy {
            table: table.name,
            rows: rows.len(),
            added,
            hash: hash_of_rows(row_hashes.clone()),
        });
    }
    target.continue_numbering().await?;
    for (table, copy) in TABLES.iter().zip(&report) {
        let copied = target.read_table(table).await?;
        if copied.len() != copy.rows || table_hash(&copied) != copy.hash {
            return Err(MigrateError::Differs {
                table: table.name,
                source_rows: copy.rows,
                target_rows: copied.len(),
            });
        }
    }
    Ok(report)
}
