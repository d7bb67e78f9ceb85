//! Reading packs from real folders and from the binary.

mod common;

use beredskab_content::{embedded_files, embedded_version, load_dir, ContentErrorCode};
use beredskab_domain::pack::check;
use common::*;

#[test]
fn a_folder_pack_is_read_from_real_files_and_stray_files_are_ignored() {
    let dir = copy_of_search_pack();
    std::fs::write(dir.path().join("cards/notes.txt"), "not part of the pack").expect("write");
    std::fs::create_dir_all(dir.path().join("cards/old")).expect("mkdir");
    std::fs::write(dir.path().join("cards/old/x.toml"), "not = [valid").expect("write");
    let loaded = load_dir(dir.path(), today()).expect("valid folder pack");
    assert_eq!(loaded.pack.cards.len(), 2);
    assert!(loaded
        .files
        .files
        .iter()
        .all(|(p, _)| p.ends_with(".toml") && !p.contains("old/")));
}

#[test]
fn a_missing_folder_is_not_a_folder_not_an_invalid_pack() {
    let err =
        load_dir(std::path::Path::new("/nonexistent/beredskab"), today()).expect_err("no folder");
    assert_eq!(err.code(), ContentErrorCode::NotAFolder);
}

#[test]
fn the_embedded_default_pack_is_valid_and_its_version_is_read_cheaply() {
    let files = embedded_files();
    let pack = check(&files, beredskab_content::today()).unwrap_or_else(|problems| {
        panic!("the default pack in content/ is invalid: {problems:#?}")
    });
    assert_eq!(embedded_version(), Some(pack.meta.version));
}
