//! The library over a real SQLite file in a temp dir: first run, reopening,
//! recovery from a damaged file, and replacing the pack only with a valid one.

mod common;

use beredskab_core::library::STORE_FILE;
use beredskab_core::store::PackSource;
use beredskab_core::{ErrorCode, Library};
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
    assert!(report.store_rebuilt);
    assert_eq!(
        report.notices().first().map(|n| n.code.as_str()),
        Some("store_rebuilt")
    );
    assert!(
        dir.path().join("beredskab.broken").exists(),
        "the damaged file is kept aside"
    );
    assert!(!library.search("akut").expect("search").is_empty());
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
    assert!(report.store_rebuilt);
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
        library.search("lejrskole").expect("search")[0].id,
        "lejrskole"
    );
    drop(library);

    let (mut library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report.pack_updated_to, None,
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
        .query_row("SELECT json FROM pack", [], |r| r.get(0))
        .expect("row");
    let mut pack: serde_json::Value = serde_json::from_str(&json).expect("json");
    pack["meta"]["version"] = "0.0.1".into();
    conn.execute(
        "UPDATE pack SET json = ?1, version = '0.0.1'",
        [pack.to_string()],
    )
    .expect("downgrade");
    drop(conn);

    let (library, report) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        report.pack_updated_to.as_deref(),
        Some(library.info().version.as_str())
    );
    assert_ne!(library.info().version, "0.0.1");
}

#[test]
fn the_chosen_language_is_stored_in_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (library, _) = Library::open(dir.path(), today()).expect("open");
    assert_eq!(
        library.locale().expect("locale"),
        beredskab_core::locale::Locale::Da
    );
    library
        .set_locale(beredskab_core::locale::Locale::En)
        .expect("set");
    drop(library);
    let (library, _) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        library.locale().expect("locale"),
        beredskab_core::locale::Locale::En
    );
    library
        .set_locale(beredskab_core::locale::Locale::Da)
        .expect("reset");
}

#[test]
fn an_unknown_card_is_not_found() {
    let library = Library::in_memory(
        beredskab_core::pack::load_dir(&search_pack_dir(), today()).expect("pack"),
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
