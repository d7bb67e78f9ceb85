//! A verified release is installed like a folder pack — validated by the
//! same rules, swapped in one transaction, the old pack kept — and only if
//! it is newer than every release this laptop has had.

use beredskab_content::{read_dir, today, ContentError, Library};
use beredskab_domain::views::ReleaseInfo;
use beredskab_domain::PackSource;
use std::path::Path;

fn content() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn info(number: u32) -> ReleaseInfo {
    ReleaseInfo {
        number,
        publisher: "Beskæftigelses- og Integrationsforvaltningen".into(),
        published_at: "2026-11-27T10:00:00Z".into(),
        key_id: "0011223344556677".into(),
    }
}

#[test]
fn a_newer_release_is_installed_and_kept_across_restarts_and_a_replay_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let files = read_dir(&content()).expect("files");
    {
        let (mut library, _) = Library::open(dir.path(), today()).expect("open");
        let installed = library
            .install_release(files.clone(), info(3), today())
            .expect("install");
        assert_eq!(installed.source, PackSource::Release);
        assert_eq!(installed.release.as_ref().map(|r| r.number), Some(3));
    }
    let (mut library, _) = Library::open(dir.path(), today()).expect("reopen");
    assert_eq!(
        library.info().release.map(|r| r.number),
        Some(3),
        "kept across a restart"
    );
    library
        .reset_to_embedded(today())
        .expect("back to the built-in pack");
    match library.install_release(files.clone(), info(2), today()) {
        Err(ContentError::ReleaseNotNewer { have: 3, got: 2 }) => {}
        other => panic!("an older release must be refused: {other:?}"),
    }
    match library.install_release(files, info(3), today()) {
        Err(ContentError::ReleaseNotNewer { .. }) => {}
        other => panic!("the same release again must be refused: {other:?}"),
    }
    assert_eq!(
        library.info().source,
        PackSource::Embedded,
        "nothing changed"
    );
}

#[test]
fn an_invalid_release_is_refused_and_the_pack_in_use_stays() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut library, _) = Library::open(dir.path(), today()).expect("open");
    let before = library.info();
    let mut files = read_dir(&content()).expect("files");
    for (path, text) in files.files.iter_mut() {
        if path == "contacts.toml" {
            text.push_str("\n[[contact]]\nid = \"halv\"\n");
        }
    }
    match library.install_release(files, info(1), today()) {
        Err(ContentError::PackInvalid { problems }) => assert!(!problems.is_empty()),
        other => panic!("expected PackInvalid: {other:?}"),
    }
    assert_eq!(library.info(), before);
    assert_eq!(
        library.release_high_water().expect("read"),
        None,
        "a refused release leaves no mark"
    );
}
