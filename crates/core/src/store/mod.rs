//! The local SQLite store: settings, the pack in use and its search index.

mod migrate;
mod pack_rows;
mod search_rows;
mod settings;

pub use migrate::{apply_migrations, migrate, MIGRATIONS};
pub use pack_rows::{PackSource, StoredPack};

use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
}

/// How opening went: a damaged file is moved aside and a new one made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Created,
    Rebuilt { moved_to: PathBuf },
}

impl Store {
    /// Opens (or creates) the store at `path`. A file that is not a healthy
    /// SQLite database is renamed to `<name>.broken` and replaced by a new one.
    pub fn open(path: &Path) -> Result<(Store, Opened)> {
        let existed = path.exists();
        match Self::open_checked(path) {
            Ok(store) => Ok((
                store,
                if existed {
                    Opened::Existing
                } else {
                    Opened::Created
                },
            )),
            Err(_) if existed => {
                let moved_to = path.with_extension("broken");
                std::fs::rename(path, &moved_to)
                    .map_err(|e| CoreError::StoreFile(e.to_string()))?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", path.display()));
                    let _ = std::fs::remove_file(side);
                }
                Ok((Self::open_checked(path)?, Opened::Rebuilt { moved_to }))
            }
            Err(e) => Err(e),
        }
    }

    fn open_checked(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(CoreError::StoreFile(format!("quick_check: {check}")));
        }
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
