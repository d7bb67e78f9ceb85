//! Reading whole tables as plain cells, for `migrate-store`.

use super::SqliteStorage;
use crate::storage::tables::{Cell, Kind, Table};
use crate::storage::{StorageError, StorageResult};
use rusqlite::types::ValueRef;

impl SqliteStorage {
    pub async fn read_table(&self, table: &'static Table) -> StorageResult<Vec<Vec<Cell>>> {
        self.run(move |c| {
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
        })
        .await
    }
}
