//! Whole tables as plain cells: read for `migrate-store`, written by the
//! benchmark's raw batched insert (the yardstick for the service's ingest).

use super::SqliteStorage;
use crate::storage::tables::{Cell, Kind, Table};
use crate::storage::{StorageError, StorageResult};
use rusqlite::types::{Value, ValueRef};

impl SqliteStorage {
    /// Every table in `tables`, read in one transaction: one moment's store,
    /// even if a service is writing to it meanwhile.
    pub async fn read_tables(
        &self,
        tables: &'static [Table],
    ) -> StorageResult<Vec<Vec<Vec<Cell>>>> {
        self.run(move |c| {
            let tx = c.transaction()?;
            let read = tables
                .iter()
                .map(|table| read(&tx, table))
                .collect::<StorageResult<Vec<_>>>()?;
            tx.commit()?;
            Ok(read)
        })
        .await
    }

    pub async fn read_table(&self, table: &'static Table) -> StorageResult<Vec<Vec<Cell>>> {
        self.run(move |c| read(c, table)).await
    }

    /// Inserts `rows` in one transaction, by multi-row statements.
    pub async fn insert_rows(
        &self,
        table: &'static Table,
        rows: Vec<Vec<Cell>>,
    ) -> StorageResult<()> {
        self.run(move |c| {
            let tx = c.transaction()?;
            let width = table.columns.len();
            // SQLite allows 32,766 parameters in one statement.
            for chunk in rows.chunks((32_000 / width).max(1)) {
                let one = format!("({})", vec!["?"; width].join(", "));
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES {}",
                    table.name,
                    table.column_list(),
                    vec![one; chunk.len()].join(", ")
                );
                let values: Vec<Value> = chunk
                    .iter()
                    .flatten()
                    .map(|cell| match cell {
                        Cell::Null => Value::Null,
                        Cell::Int(n) => Value::Integer(*n),
                        Cell::Text(t) => Value::Text(t.clone()),
                    })
                    .collect();
                tx.execute(&sql, rusqlite::params_from_iter(values))?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }
}

fn read(c: &rusqlite::Connection, table: &Table) -> StorageResult<Vec<Vec<Cell>>> {
    let mut stmt = c.prepare(&table.select())?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(table.columns.len());
        for (i, (name, kind)) in table.columns.iter().enumerate() {
            cells.push(match (row.get_ref(i)?, kind) {
                (ValueRef::Null, _) => Cell::Null,
                (ValueRef::Integer(n), Kind::Int | Kind::Bool) => Cell::Int(n),
                (ValueRef::Text(t), Kind::Text) => match std::str::from_utf8(t) {
                    Ok(t) => Cell::Text(t.to_string()),
                    Err(_) => {
                        return Err(StorageError::Backend(format!(
                            "{}.{name} holds text that is not UTF-8",
                            table.name
                        )))
                    }
                },
                _ => {
                    return Err(StorageError::Backend(format!(
                        "{}.{name} holds an unexpected type",
                        table.name
                    )))
                }
            });
        }
        out.push(cells);
    }
    Ok(out)
}
