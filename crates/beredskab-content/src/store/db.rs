//! Opening the store: a damaged file is moved aside and rebuilt; a newer
//! app's file, or one with edited migrations, is left exactly as it is.

use crate::error::{ContentError, Result};
use beredskab_sqlite::{apply_pragmas, migrate, Migration, MigrationError, Pragma};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "pack_slots",
        sql: include_str!("migrations/0002_pack_slots.sql"),
    },
    Migration {
        version: 3,
        name: "release",
        sql: include_str!("migrations/0003_release.sql"),
    },
];

const PRAGMAS: &[Pragma] = &[
    Pragma::new("journal_mode", "WAL", "wal"),
    Pragma::new("foreign_keys", "ON", "1"),
    Pragma::new("busy_timeout", "5000", "5000"),
];

pub struct Store {
    pub(super) conn: Connection,
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
    /// A healthy file from a newer app, or with edited migrations, is left
    /// exactly as it is and reported as an error.
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
            Err(e @ ContentError::Migration(MigrationError::NewerSchema { .. }))
            | Err(e @ ContentError::Migration(MigrationError::ChecksumMismatch { .. })) => Err(e),
            Err(_) if existed => {
                let moved_to = path.with_extension("broken");
                std::fs::rename(path, &moved_to)
                    .map_err(|e| ContentError::StoreFile(e.to_string()))?;
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
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(ContentError::StoreFile(format!("quick_check: {check}")));
        }
        // Refuse a newer schema before the pragmas write anything to the file.
        let known = MIGRATIONS.len() as u32;
        let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > known {
            return Err(MigrationError::NewerSchema { found, known }.into());
        }
        apply_pragmas(&conn, PRAGMAS).map_err(|e| ContentError::StoreFile(e.to_string()))?;
        migrate(&mut conn, MIGRATIONS)?;
        Ok(Store { conn })
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn, MIGRATIONS)?;
        Ok(Store { conn })
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
