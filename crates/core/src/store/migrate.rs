//! Embedded, ordered migrations. Each runs in one transaction and bumps
//! `user_version`; a shipped migration is never edited, only followed by a new one.

use rusqlite::Connection;

pub const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_init.sql")];

/// Applies the content store's migrations it has not seen yet.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    apply_migrations(conn, MIGRATIONS)
}

/// Applies `migrations[user_version..]` in order, each in its own transaction.
/// Shared by every SQLite database of the app.
pub fn apply_migrations(conn: &mut Connection, migrations: &[&str]) -> rusqlite::Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_real_file_once_and_is_idempotent() -> rusqlite::Result<()> {
        let dir =
            tempfile::tempdir().map_err(|e| rusqlite::Error::InvalidPath(e.to_string().into()))?;
        let path = dir.path().join("store.db");
        let mut conn = Connection::open(&path)?;
        migrate(&mut conn)?;
        migrate(&mut conn)?;
        drop(conn);
        let conn = Connection::open(&path)?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version as usize, MIGRATIONS.len());
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name IN ('settings','pack','search_index') ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(tables, ["pack", "search_index", "settings"]);
        Ok(())
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() -> rusqlite::Result<()> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE settings (x INTEGER);")?;
        assert!(migrate(&mut conn).is_err());
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, 0);
        let pack_exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'pack'",
            [],
            |r| r.get(0),
        )?;
        assert!(!pack_exists, "a half-applied migration must roll back");
        Ok(())
    }
}
