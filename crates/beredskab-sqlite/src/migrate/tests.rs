use super::*;

const ONE: Migration = Migration {
    version: 1,
    name: "first",
    sql: "CREATE TABLE a (x INTEGER) STRICT;",
};
const TWO: Migration = Migration {
    version: 2,
    name: "second",
    sql: "CREATE TABLE b (y INTEGER) STRICT; INSERT INTO a VALUES (1);",
};
/// Its first statement succeeds, its second fails: only a transaction undoes the first.
const BROKEN: Migration = Migration {
    version: 2,
    name: "broken",
    sql: "CREATE TABLE c (z INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);",
};

fn file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite");
    (dir, path)
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare");
    let rows = stmt.query_map([], |r| r.get(0)).expect("query");
    rows.collect::<rusqlite::Result<_>>().expect("rows")
}

fn version(conn: &Connection) -> u32 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version")
}

#[test]
fn migrates_a_real_file_once_and_is_idempotent() -> Result<(), MigrationError> {
    let (_dir, path) = file();
    let mut conn = Connection::open(&path)?;
    assert_eq!(migrate(&mut conn, &[ONE, TWO])?, 2);
    drop(conn);
    let mut conn = Connection::open(&path)?;
    assert_eq!(migrate(&mut conn, &[ONE, TWO])?, 2);
    assert_eq!(version(&conn), 2);
    assert_eq!(tables(&conn), ["a", "b", "schema_migrations"]);
    let rows: i64 = conn.query_row("SELECT count(*) FROM a", [], |r| r.get(0))?;
    assert_eq!(rows, 1, "the second migration ran exactly once");
    Ok(())
}

#[test]
fn a_failing_migration_rolls_back_its_earlier_statements() -> Result<(), MigrationError> {
    let (_dir, path) = file();
    let mut conn = Connection::open(&path)?;
    migrate(&mut conn, &[ONE])?;
    let err = migrate(&mut conn, &[ONE, BROKEN]).expect_err("no_such_table");
    assert!(matches!(err, MigrationError::Sqlite(_)), "{err}");
    drop(conn);
    let conn = Connection::open(&path)?;
    assert_eq!(version(&conn), 1);
    assert!(
        !tables(&conn).contains(&"c".to_string()),
        "table c from the failed migration's first statement must be rolled back: {:?}",
        tables(&conn)
    );
    let recorded: i64 =
        conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?;
    assert_eq!(recorded, 1);
    Ok(())
}

#[test]
fn a_newer_schema_is_refused_and_nothing_is_written() -> Result<(), MigrationError> {
    let (_dir, path) = file();
    let mut conn = Connection::open(&path)?;
    migrate(&mut conn, &[ONE, TWO])?;
    drop(conn);
    let before = std::fs::read(&path).expect("read");
    let mut conn = Connection::open(&path)?;
    let err = migrate(&mut conn, &[ONE]).expect_err("newer");
    assert!(
        matches!(err, MigrationError::NewerSchema { found: 2, known: 1 }),
        "{err}"
    );
    drop(conn);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "not a byte written"
    );
    Ok(())
}

#[test]
fn an_edited_shipped_migration_is_refused() -> Result<(), MigrationError> {
    let (_dir, path) = file();
    let mut conn = Connection::open(&path)?;
    migrate(&mut conn, &[ONE])?;
    let edited = Migration {
        sql: "CREATE TABLE a (x INTEGER, extra TEXT) STRICT;",
        ..ONE
    };
    let err = migrate(&mut conn, &[edited, TWO]).expect_err("edited");
    assert!(
        matches!(err, MigrationError::ChecksumMismatch { version: 1, .. }),
        "{err}"
    );
    assert_eq!(version(&conn), 1, "the next migration did not run");
    Ok(())
}

#[test]
fn a_database_from_before_the_record_is_backfilled_and_moves_on() -> Result<(), MigrationError> {
    let (_dir, path) = file();
    let mut conn = Connection::open(&path)?;
    conn.execute_batch(ONE.sql)?;
    conn.pragma_update(None, "user_version", 1)?;
    migrate(&mut conn, &[ONE, TWO])?;
    let recorded: Vec<u32> = {
        let mut stmt = conn.prepare("SELECT version FROM schema_migrations ORDER BY version")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    assert_eq!(recorded, [1, 2]);
    assert_eq!(version(&conn), 2);
    Ok(())
}

#[test]
fn a_gap_in_the_list_is_refused() {
    let mut conn = Connection::open_in_memory().expect("open");
    let skipped = Migration { version: 3, ..TWO };
    assert!(matches!(
        migrate(&mut conn, &[ONE, skipped]),
        Err(MigrationError::BadList)
    ));
}
