//! The library over a real SQLite file in a temp dir: first run, reopening,
//! recovery from a damaged file, and replacing the pack only with a valid one.

mod common;

use beredskab_content::library::STORE_FILE;
use beredskab_content::{load_dir, ContentErrorCode as ErrorCode, Library, NoticeCode};
use beredskab_domain::{Locale, PackSource};
use common::*;

#[test]
fn first_run_imports_the_embedded_pack_and_reopening_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (library, report) = Library::open(dir.path(), today()).expect("open");
    assert!(dir.path().join(STORE_FILE).exists());
    assert_eq!(
        report,
        Default::default(),
        "a first start is not news to the user"
    );
    assert_eq!(library.info().source, PackSource::Embedded);
    assert!(library.info().cards > 0);
    drop(library);

    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report,
        Default::default(),
        "nothing to report on a normal start"
    );
    assert!(library.info().signs > 0);
}

#[test]
fn a_corrupt_database_is_rebuilt_from_the_embedded_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Library::open(dir.path(), today()).expect("open"));
    std::fs::write(
        dir.path().join(STORE_FILE),
        b"this is not a database, it was overwritten",
    )
    .expect("corrupt");

    let (library, report) = Library::open(dir.path(), today()).expect("open after corruption");
    assert_eq!(
        report.notices.iter().map(|n| n.code).collect::<Vec<_>>(),
        [NoticeCode::StoreRebuilt]
    );
    assert!(
        dir.path().join("beredskab.broken").exists(),
        "the damaged file is kept aside"
    );
    assert!(!library.search("akut").expect("search").hits.is_empty());
}

#[test]
fn a_truncated_database_page_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Library::open(dir.path(), today()).expect("open"));
    let path = dir.path().join(STORE_FILE);
    let mut bytes = std::fs::read(&path).expect("read");
    for b in bytes.iter_mut().skip(100).take(4000) {
        *b = 0xA5;
    }
    std::fs::write(&path, bytes).expect("write");
    let (library, report) = Library::open(dir.path(), today()).expect("open");
    assert_eq!(report.notices[0].code, NoticeCode::StoreRebuilt);
    assert!(library.info().cards > 0);
}

#[test]
fn a_deleted_database_is_created_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Library::open(dir.path(), today()).expect("open"));
    std::fs::remove_file(dir.path().join(STORE_FILE)).expect("delete");
    let (library, _) = Library::open(dir.path(), today()).expect("open");
    assert!(library.info().cards > 0);
}

#[test]
fn an_invalid_folder_pack_never_replaces_the_pack_in_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    let before = library.info();

    let broken = copy_of_search_pack();
    std::fs::write(
        broken.path().join("cards/bekymring.toml"),
        "id = \"bekymring\"\nsteps = []\n",
    )
    .expect("break");
    let err = library
        .load_folder(broken.path(), today())
        .expect_err("invalid pack");
    assert_eq!(err.code(), ErrorCode::PackInvalid);
    assert!(!err.problems().is_empty());
    assert_eq!(library.info(), before, "the pack in use is unchanged");
    drop(library);

    let (library, _) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(library.info(), before, "and it is still the stored pack");
}

#[test]
fn a_valid_folder_pack_is_kept_across_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    let info = library
        .load_folder(&search_pack_dir(), today())
        .expect("load");
    assert_eq!(
        (info.source, info.version.as_str(), info.cards),
        (PackSource::Folder, "9.0.0", 2)
    );
    assert_eq!(
        library.search("lejrskole").expect("search").hits[0].id,
        "lejrskole"
    );
    drop(library);

    let (mut library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report.notices,
        [],
        "the municipality's pack is not overridden"
    );
    assert_eq!(library.info().source, PackSource::Folder);
    let reset = library.reset_to_embedded(today()).expect("reset");
    assert_eq!(reset.source, PackSource::Embedded);
}

#[test]
fn an_older_stored_default_pack_is_updated_from_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Library::open(dir.path(), today()).expect("open"));
    let conn = rusqlite::Connection::open(dir.path().join(STORE_FILE)).expect("sqlite");
    let json: String = conn
        .query_row(
            "SELECT json FROM pack_slot WHERE slot = 'current'",
            [],
            |r| r.get(0),
        )
        .expect("row");
    let mut pack: serde_json::Value = serde_json::from_str(&json).expect("json");
    pack["meta"]["version"] = "0.0.1".into();
    conn.execute(
        "UPDATE pack_slot SET json = ?1, version = '0.0.1' WHERE slot = 'current'",
        [pack.to_string()],
    )
    .expect("downgrade");
    drop(conn);

    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(report.notices[0].code, NoticeCode::PackUpdated);
    assert_eq!(report.notices[0].args["version"], library.info().version);
    assert_ne!(library.info().version, "0.0.1");
}

#[test]
fn the_chosen_language_is_stored_in_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (library, _) = Library::open(dir.path(), today()).expect("open");
    assert_eq!(library.locale().expect("locale"), Locale::Da);
    library.set_locale(Locale::En).expect("set");
    drop(library);
    let (library, _) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(library.locale().expect("locale"), Locale::En);
    library.set_locale(Locale::Da).expect("reset");
}

#[test]
fn an_unknown_card_is_not_found() {
    let library = Library::in_memory(
        load_dir(&search_pack_dir(), today()).expect("pack"),
        PackSource::Folder,
    )
    .expect("lib");
    assert_eq!(
        library.card_view("findes-ikke").expect_err("none").code(),
        ErrorCode::NotFound
    );
    let view = library.card_view("udrejse").expect("card");
    assert_eq!(view.contacts[0].id, "politi");
    assert_eq!(view.legal[0].id, "sl-215a");
    let sign_ids: Vec<&str> = view.signs.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sign_ids, ["tvang", "pas"]);
}

/// Breaks the stored JSON and files of a slot so this app cannot read it.
fn make_unreadable(dir: &std::path::Path, slot: &str) {
    let conn = rusqlite::Connection::open(dir.join(STORE_FILE)).expect("sqlite");
    let changed = conn
        .execute(
            "UPDATE pack_slot SET json = '{\"not\": \"a pack\"}', files = '{\"files\":[]}' WHERE slot = ?1",
            [slot],
        )
        .expect("break");
    assert_eq!(changed, 1, "slot {slot} exists");
}

fn slot_rows(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(dir.join(STORE_FILE)).expect("sqlite");
    let mut stmt = conn
        .prepare("SELECT slot, version, json FROM pack_slot ORDER BY slot")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query");
    rows.collect::<rusqlite::Result<_>>().expect("rows")
}

#[test]
fn an_unreadable_pack_in_use_falls_back_to_the_previous_one_with_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    library
        .load_folder(&search_pack_dir(), today())
        .expect("folder pack");
    drop(library);
    make_unreadable(dir.path(), "current");
    let rows_before = slot_rows(dir.path());

    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report.notices.iter().map(|n| n.code).collect::<Vec<_>>(),
        [NoticeCode::StoredPackUnreadablePreviousUsed]
    );
    assert_eq!(report.notices[0].args["unreadable"], "9.0.0");
    assert_eq!(
        library.info().source,
        PackSource::Embedded,
        "the previous pack was the default"
    );
    assert!(
        !library.search("akut").expect("search").hits.is_empty(),
        "the index follows the served pack"
    );
    drop(library);
    assert_eq!(
        slot_rows(dir.path()),
        rows_before,
        "the stored rows are untouched"
    );
}

#[test]
fn with_nothing_readable_the_default_pack_is_served_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    library
        .load_folder(&search_pack_dir(), today())
        .expect("folder pack");
    drop(library);
    make_unreadable(dir.path(), "current");
    make_unreadable(dir.path(), "previous");
    let rows_before = slot_rows(dir.path());

    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report.notices[0].code,
        NoticeCode::StoredPackUnreadableEmbeddedUsed
    );
    assert!(
        library.info().cards > 2,
        "the default pack, not the broken folder pack"
    );
    drop(library);
    assert_eq!(
        slot_rows(dir.path()),
        rows_before,
        "nothing stored was replaced"
    );
}

#[test]
fn a_pack_whose_json_is_stale_is_read_again_from_its_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    library
        .load_folder(&search_pack_dir(), today())
        .expect("folder pack");
    drop(library);
    let conn = rusqlite::Connection::open(dir.path().join(STORE_FILE)).expect("sqlite");
    conn.execute(
        "UPDATE pack_slot SET json = '{}' WHERE slot = 'current'",
        [],
    )
    .expect("stale json");
    drop(conn);
    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(report.notices, []);
    assert_eq!(
        (library.info().source, library.info().version.as_str()),
        (PackSource::Folder, "9.0.0")
    );
}

#[test]
fn a_store_from_a_newer_app_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Library::open(dir.path(), today()).expect("open"));
    let path = dir.path().join(STORE_FILE);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.pragma_update(None, "user_version", 99).expect("newer");
    drop(conn);
    let before = std::fs::read(&path).expect("read");
    let err = Library::open(dir.path(), today()).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::StoreFailed);
    assert!(err.to_string().contains("schema version 99"), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "not a byte written"
    );
    assert!(
        !dir.path().join("beredskab.broken").exists(),
        "not moved aside as damaged"
    );
}

#[test]
fn a_store_from_the_first_release_is_migrated_with_its_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(STORE_FILE);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
        .expect("v1 schema");
    conn.pragma_update(None, "user_version", 1).expect("v1");
    let folder = load_dir(&search_pack_dir(), today()).expect("pack");
    conn.execute(
        "INSERT INTO pack (singleton, source, version, json, imported_at) VALUES (1, 'folder', '9.0.0', ?1, 'x')",
        [serde_json::to_string(&folder.pack).expect("json")],
    )
    .expect("v1 row");
    drop(conn);
    let (library, report) = Library::open(dir.path(), today()).expect("open v1 store");
    assert_eq!(report.notices, []);
    assert_eq!(
        (library.info().source, library.info().version.as_str()),
        (PackSource::Folder, "9.0.0")
    );
}
