//! The editors' tool as they run it: real processes on real folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_beredskab-pack"))
        .args(args)
        .output()
        .expect("run beredskab-pack")
}

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn validate_accepts_the_default_pack() {
    let out = run(&["validate", content().to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Pakken er gyldig"));
}

#[test]
fn validate_shows_editors_their_notes_and_the_contacts_still_unchecked() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&content(), dir.path());
    let contacts = dir.path().join("contacts.toml");
    let text = std::fs::read_to_string(&contacts).expect("contacts");
    let marked = text.replacen("editor_note = \"", "editor_note = \"Notemærke 4711. ", 1);
    assert_ne!(marked, text, "the default pack has an editor note to mark");
    std::fs::write(&contacts, marked).expect("write");
    let out = run(&["validate", dir.path().to_str().expect("path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Noter til redaktører"), "{stdout}");
    assert!(stdout.contains("Notemærke 4711"), "{stdout}");
    assert!(
        stdout.contains("skal verificeres") || stdout.contains("Skal verificeres"),
        "{stdout}"
    );
}

#[test]
fn validate_lists_every_problem_with_file_item_and_field_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content(), dir.path());
    let card = dir.path().join("cards/akut-fare.toml");
    let text = std::fs::read_to_string(&card).expect("read");
    std::fs::write(
        &card,
        text.replacen("contacts = [", "contacts = [\"findes-ikke\", ", 1),
    )
    .expect("write");
    let contacts = dir.path().join("contacts.toml");
    let text = std::fs::read_to_string(&contacts).expect("read");
    std::fs::write(
        &contacts,
        text.replacen("phone = \"112\"", "phone = \"11 2x\"", 1),
    )
    .expect("write");

    let out = run(&["validate", dir.path().to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "cards/akut-fare.toml [akut-fare] contacts[1]: Henviser til kontakten \"findes-ikke\""
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("contacts.toml [politi-112] phone:"),
        "{stderr}"
    );
    assert!(stderr.contains("Pakken har 2 fejl"), "{stderr}");
}

#[test]
fn stats_json_counts_per_type_category_tier_and_group() {
    let out = run(&["stats", content().to_str().expect("path"), "--json"]);
    assert!(out.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let signs = stats["signs"].as_u64().expect("signs");
    let by_tier: u64 = stats["signs_by_tier"]
        .as_object()
        .expect("tiers")
        .values()
        .filter_map(|v| v.as_u64())
        .sum();
    assert_eq!(by_tier, signs);
    let by_category: u64 = stats["signs_by_category"]
        .as_array()
        .expect("categories")
        .iter()
        .filter_map(|c| c[1].as_u64())
        .sum();
    assert_eq!(by_category, signs);
    assert!(
        stats["signs_by_target_group"]["barn_ung"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
}

#[test]
fn search_json_gives_ranked_hits_from_the_embedded_pack() {
    let out = run(&["search", "tvangsægteskab", "--json"]);
    assert!(out.status.success());
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(!hits.is_empty());
    for hit in &hits {
        for key in ["id", "type", "title", "score"] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
    }
    let scores: Vec<f64> = hits.iter().filter_map(|h| h["score"].as_f64()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "ranked best (lowest bm25) first: {scores:?}"
    );
}

#[test]
fn search_on_a_missing_pack_is_a_typed_json_error() {
    let out = run(&["search", "x", "--pack", "/nonexistent/pakke", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(error["code"], "not_a_folder");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("/nonexistent/pakke")),
        "{error}"
    );
}
