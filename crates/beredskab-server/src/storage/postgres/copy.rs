//! Whole tables as plain cells, in and out, for `migrate-store`. Rows go in
//! by `INSERT … ON CONFLICT DO NOTHING`, so a copy run again after an
//! interruption adds only what is missing.

use super::PgStorage;
use crate::storage::tables::{Cell, Kind, Table};
use crate::storage::{StorageError, StorageResult};
use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;

/// PostgreSQL allows 65,535 parameters in one statement.
const MAX_PARAMETERS: usize = 60_000;

impl PgStorage {
    pub async fn read_table(&self, table: &Table) -> StorageResult<Vec<Vec<Cell>>> {
        let client = self.pool.get().await?;
        let rows = client.query(&table.select(), &[]).await?;
        rows.iter()
            .map(|row| {
                table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, (_, kind))| {
                        Ok(match kind {
                            Kind::Text => row.try_get::<_, Option<String>>(i)?.map(Cell::Text),
                            Kind::Int => row.try_get::<_, Option<i64>>(i)?.map(Cell::Int),
                            Kind::Bool => row
                                .try_get::<_, Option<bool>>(i)?
                                .map(|b| Cell::Int(i64::from(b))),
                        }
                        .unwrap_or(Cell::Null))
                    })
                    .collect()
            })
            .collect()
    }

    /// Inserts `rows` in one transaction; rows whose key is there already are
    /// left as they are. Returns how many were new.
    pub async fn insert_rows(&self, table: &Table, rows: &[Vec<Cell>]) -> StorageResult<u64> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let added = insert_cells(
            &tx,
            table.name,
            table.columns,
            rows,
            "ON CONFLICT DO NOTHING",
        )
        .await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Numbers given by the database continue after the copied ones.
    pub async fn continue_numbering(&self) -> StorageResult<()> {
        let client = self.pool.get().await?;
        for table in ["review", "service_log"] {
            client
                .execute(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'seq'),
                                       coalesce((SELECT max(seq) FROM {table}), 0) + 1, false)"
                    ),
                    &[],
                )
                .await?;
        }
        Ok(())
    }
}

/// Multi-row INSERTs of `rows` into `table`, each statement ending in
/// `on_conflict` (empty: a duplicate key is an error). Returns rows written.
pub(super) async fn insert_cells(
    client: &impl GenericClient,
    table: &str,
    columns: &[(&str, Kind)],
    rows: &[Vec<Cell>],
    on_conflict: &str,
) -> StorageResult<u64> {
    let width = columns.len();
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let mut added = 0;
    for chunk in rows.chunks((MAX_PARAMETERS / width).max(1)) {
        let mut values = Vec::with_capacity(chunk.len());
        let mut params: Vec<Box<dyn ToSql + Sync + Send>> = Vec::with_capacity(chunk.len() * width);
        for row in chunk {
            let first = params.len();
            let placeholders: Vec<String> =
                (1..=width).map(|n| format!("${}", first + n)).collect();
            values.push(format!("({})", placeholders.join(", ")));
            for (cell, (name, kind)) in row.iter().zip(columns) {
                params.push(param(cell, *kind).ok_or_else(|| {
                    StorageError::Backend(format!("{table}.{name}: a value of the wrong type"))
                })?);
            }
        }
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {} {on_conflict}",
            names.join(", "),
            values.join(", ")
        );
        let refs: Vec<&(dyn ToSql + Sync)> = params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect();
        added += client.execute(sql.as_str(), &refs).await?;
    }
    Ok(added)
}

fn param(cell: &Cell, kind: Kind) -> Option<Box<dyn ToSql + Sync + Send>> {
    Some(match (cell, kind) {
        (Cell::Null, Kind::Text) => Box::new(None::<String>),
        (Cell::Null, Kind::Int) => Box::new(None::<i64>),
        (Cell::Null, Kind::Bool) => Box::new(None::<bool>),
        (Cell::Text(t), Kind::Text) => Box::new(t.clone()),
        (Cell::Int(n), Kind::Int) => Box::new(*n),
        (Cell::Int(n), Kind::Bool) => Box::new(*n != 0),
        _ => return None,
    })
}
